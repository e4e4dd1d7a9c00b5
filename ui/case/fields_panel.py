"""Every field of a case, grouped as the studio's register is (登记 / 调查评估 / 方案 / 实施与回访 /
时限); a field is editable only when the signed-in role holds its right (FIELD_RIGHTS) and the
case is not closed. ``changes()`` gives what the user altered, for update_case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from studio_desk import clock
from studio_desk.deadlines import describe_time_left
from studio_desk.models import Complaint
from studio_desk.permissions import allowed
from studio_desk.services.case_view import CaseForm
from studio_desk.services.cases import FIELD_RIGHTS
from ui.case.field_inputs import BOOL_FIELDS, FieldInput, case_values, field_label, make_input
from ui.case.inputs import format_datetime, vocab_label
from ui.forms import FieldErrors
from ui.plain import plain_label

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("intake", ("channel", "channel_detail", "order_no", "order_stage", "chain_step", "category", "description",
                "customer_wish", "mood", "evidence_note", "group_size", "safety_issue", "media_exposure",
                "authority_involved", "needs_outside_help", "beyond_terms", "promised_reply_at")),
    ("assessment", ("validity", "solvability", "cause", "invalid_explanation", "department", "responsible_staff")),
    ("remedy", ("remedy_type", "remedy_plan", "compensation_lines")),
    ("implementation", ("customer_accepted", "acceptance_note")),
)
# The section a case's stage is about, shown first when the case is opened.
STAGE_SECTION = {"registered": 0, "investigating": 1, "remedy": 2, "approval": 2, "implementing": 3,
                 "follow_up": 3, "closed": 3}


def _comparable(value: Any) -> Any:
    """Values as the inputs give them back, so "unchanged" means unchanged."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list):
        return [{k: _comparable(v) for k, v in line.items()} for line in value]
    return value


class CaseFieldsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.inputs: dict[str, FieldInput] = {}
        self.loaded: dict[str, Any] = {}
        self.info: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.summary = QFormLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.summary)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.tabs, 1)
        self.case: Complaint | None = None

    def _section_title(self, key: str) -> str:
        return {"intake": self.tr("Registration"), "assessment": self.tr("Assessment"),
                "remedy": self.tr("Remedy and approval"), "implementation": self.tr("Implementation and follow-up"),
                }[key]

    def _info(self, form: QFormLayout, key: str, text: str) -> None:
        label = plain_label()
        label.setWordWrap(True)
        self.info[key] = label
        form.addRow(text, label)

    def _build(self, case_form: CaseForm) -> None:
        """Widgets are made once, on the first case (the lists they offer come with it)."""
        self._info(self.summary, "received", self.tr("Received"))
        self._info(self.summary, "customer", self.tr("Customer"))
        self._info(self.summary, "severity", self.tr("Severity"))
        self._info(self.summary, "dues", self.tr("Due"))
        for key, names in SECTIONS:
            page = QWidget()
            form = QFormLayout()
            page_layout = QVBoxLayout(page)
            page_layout.addLayout(form)
            page_layout.addStretch(1)
            for name in names:
                field = make_input(name, form=case_form)
                self.inputs[name] = field
                form.addRow("" if name in BOOL_FIELDS else field_label(name), self.errors.wrap(name, field.widget))
            if key == "remedy":
                self._info(form, "compensation", self.tr("Compensation total"))
                self._info(form, "approval", self.tr("Approval"))
            if key == "implementation":
                self._info(form, "follow_up", self.tr("Follow-up"))
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            self.tabs.addTab(scroll, self._section_title(key))

    def show_case(self, form: CaseForm, role: str) -> None:
        """Show the case as read (off the GUI thread) in ``form``; nothing is read here."""
        case = form.case
        if not self.inputs:
            self._build(form)
        self.errors.clear()
        values = case_values(form)
        for name, field in self.inputs.items():
            field.set(values[name])
            field.set_read_only(case.stage == "closed" or not allowed(role, FIELD_RIGHTS[name]))
        self.loaded = {name: _comparable(field.get()) for name, field in self.inputs.items()}
        self._show_info(form)
        if self.case is None or self.case.id != case.id or self.case.stage != case.stage:
            self.tabs.setCurrentIndex(STAGE_SECTION[case.stage])
        self.case = case

    def _show_info(self, form: CaseForm) -> None:
        case = form.case
        customer = case.customer
        self.info["received"].setText(self.tr("%1 by %2").replace("%1", format_datetime(case.received_at))
                                      .replace("%2", case.receiver.display_name))
        vip = "  ★VIP" if customer.vip else ""
        self.info["customer"].setText(f"{customer.name}  {customer.phone or customer.wechat}{vip}")
        self.info["compensation"].setText(self._compensation_text(form))
        approval = vocab_label("approval", case.approval_state)
        if case.approval_note:
            approval += f"：{case.approval_note}"
        if case.stage == "approval":
            approval += "\n" + form.approval_summary
        self.info["approval"].setText(approval)
        follow = vocab_label("follow_up_result", case.follow_up_result) or self.tr("not yet")
        if case.satisfaction:
            follow += self.tr(", satisfaction %1/5").replace("%1", str(case.satisfaction))
        self.info["follow_up"].setText(follow)
        reasons = "；".join(case.severity_reasons or [])
        severity = vocab_label("severity", case.severity)
        if case.severity_overridden:
            severity += self.tr(" (changed by the manager; suggested: %1)").replace(
                "%1", vocab_label("severity", case.suggested_severity))
        self.info["severity"].setText(f"{severity}：{reasons}" if reasons else severity)
        left, _state = describe_time_left(case.next_due, clock.now())
        dues = [(self.tr("Next"), case.next_due), (self.tr("First assessment"), case.first_assessment_due),
                (self.tr("Reply"), case.reply_due), (self.tr("Result"), case.result_due)]
        lines = [f"{name} {format_datetime(at)}" for name, at in dues if at]
        if left:
            lines[0] += f"（{left}）"
        self.info["dues"].setText("；".join(lines))

    def _compensation_text(self, form: CaseForm) -> str:
        """The case's total, and what of it earlier rounds already paid (kept, not editable)."""
        text = self.tr("%1 yuan").replace("%1", f"{form.case.compensation_total:,.2f}")
        paid = form.paid_lines
        if paid:
            items = "、".join(f"{vocab_label('remedy_type', line.kind)} {line.amount:,.2f}" for line in paid)
            text += "\n" + self.tr("Carried out already: %1").replace("%1", items)
        return text

    def changes(self) -> dict[str, Any]:
        """The fields the user changed (and may change), in the core's terms."""
        return {name: field.get() for name, field in self.inputs.items()
                if _comparable(field.get()) != self.loaded.get(name)}

    def field_widget(self, name: str) -> QWidget:
        return self.inputs[name].widget
