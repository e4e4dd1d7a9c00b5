"""One input per case field, by the field's core name: the case view's editor and the action
dialogs build their widgets here, so a field looks and reads back the same everywhere.

Values are in the core's terms (codes, ids, Decimal-able text, datetimes); the core
validates them and says in Chinese what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from studio_desk import clock
from studio_desk.services.case_view import CaseForm
from ui.case.inputs import CodeCombo, datetime_edit, long_text, to_qdatetime, translate, vocab_combo
from ui.case.lines_editor import LinesEditor


@dataclass
class FieldInput:
    """A widget with how to read and set it in the core's terms."""

    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    read_only: bool = False

    def set_value(self, value: Any) -> None:
        """Same name as CodeCombo's, so a dialog's inputs can be filled alike (the board's tests do)."""
        self.set(value)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        widget = self.widget
        if isinstance(widget, (QLineEdit, LinesEditor)) or hasattr(widget, "setReadOnly"):
            widget.setReadOnly(read_only)
        else:
            widget.setEnabled(not read_only)


# Labels of case fields and of the information a move needs (QT_TRANSLATE_NOOP marks them for lupdate).
LABELS = {
    "channel": QT_TRANSLATE_NOOP("CaseFields", "Channel"),
    "channel_detail": QT_TRANSLATE_NOOP("CaseFields", "Channel detail"),
    "order_no": QT_TRANSLATE_NOOP("CaseFields", "Order number"),
    "order_stage": QT_TRANSLATE_NOOP("CaseFields", "Order stage"),
    "chain_step": QT_TRANSLATE_NOOP("CaseFields", "Where it arose"),
    "category": QT_TRANSLATE_NOOP("CaseFields", "Category"),
    "description": QT_TRANSLATE_NOOP("CaseFields", "What the customer says"),
    "customer_wish": QT_TRANSLATE_NOOP("CaseFields", "What the customer wants"),
    "mood": QT_TRANSLATE_NOOP("CaseFields", "Mood"),
    "evidence_note": QT_TRANSLATE_NOOP("CaseFields", "Evidence"),
    "group_size": QT_TRANSLATE_NOOP("CaseFields", "People"),
    "safety_issue": QT_TRANSLATE_NOOP("CaseFields", "Safety issue or injury"),
    "media_exposure": QT_TRANSLATE_NOOP("CaseFields", "Threatens the media or posted online"),
    "authority_involved": QT_TRANSLATE_NOOP("CaseFields", "Consumer association / 12315 / lawyer"),
    "needs_outside_help": QT_TRANSLATE_NOOP("CaseFields", "Needs help from outside the studio"),
    "beyond_terms": QT_TRANSLATE_NOOP("CaseFields", "Wants more than the order's terms"),
    "promised_reply_at": QT_TRANSLATE_NOOP("CaseFields", "Promised reply"),
    "validity": QT_TRANSLATE_NOOP("CaseFields", "Valid?"),
    "solvability": QT_TRANSLATE_NOOP("CaseFields", "Can it be solved"),
    "cause": QT_TRANSLATE_NOOP("CaseFields", "Cause"),
    "invalid_explanation": QT_TRANSLATE_NOOP("CaseFields", "Explanation given to the customer"),
    "department": QT_TRANSLATE_NOOP("CaseFields", "Responsible department"),
    "responsible_staff": QT_TRANSLATE_NOOP("CaseFields", "Responsible person"),
    "remedy_type": QT_TRANSLATE_NOOP("CaseFields", "Remedy"),
    "remedy_plan": QT_TRANSLATE_NOOP("CaseFields", "Remedy plan"),
    "compensation_lines": QT_TRANSLATE_NOOP("CaseFields", "Compensation"),
    "customer_accepted": QT_TRANSLATE_NOOP("CaseFields", "Customer accepted (signed)"),
    "acceptance_note": QT_TRANSLATE_NOOP("CaseFields", "Acceptance note"),
    "reason": QT_TRANSLATE_NOOP("CaseFields", "Reason"),
    "approval_note": QT_TRANSLATE_NOOP("CaseFields", "Approval note"),
    "close_reason": QT_TRANSLATE_NOOP("CaseFields", "Closing note"),
    "severity": QT_TRANSLATE_NOOP("CaseFields", "Severity"),
    "stage": QT_TRANSLATE_NOOP("CaseFields", "Stage"),
    "approval_state": QT_TRANSLATE_NOOP("CaseFields", "Approval"),
    "compensation_total": QT_TRANSLATE_NOOP("CaseFields", "Compensation total"),
    "follow_up_result": QT_TRANSLATE_NOOP("CaseFields", "Follow-up result"),
    "satisfaction": QT_TRANSLATE_NOOP("CaseFields", "Satisfaction (1-5)"),
    "reached": QT_TRANSLATE_NOOP("CaseFields", "Customer reached"),
    "satisfied": QT_TRANSLATE_NOOP("CaseFields", "Satisfied?"),
    "comments": QT_TRANSLATE_NOOP("CaseFields", "Customer's comments"),
    "then": QT_TRANSLATE_NOOP("CaseFields", "Then"),
    "staff": QT_TRANSLATE_NOOP("CaseFields", "Employee"),
    "points": QT_TRANSLATE_NOOP("CaseFields", "Points deducted"),
    "fine": QT_TRANSLATE_NOOP("CaseFields", "Fine (yuan)"),
    "text": QT_TRANSLATE_NOOP("CaseFields", "Note"),
}
OPTIONS = {
    "choose": QT_TRANSLATE_NOOP("CaseFields", "(choose)"),
    "nobody": QT_TRANSLATE_NOOP("CaseFields", "(nobody)"),
    "not_asked": QT_TRANSLATE_NOOP("CaseFields", "(not asked)"),
    "satisfied": QT_TRANSLATE_NOOP("CaseFields", "Satisfied"),
    "not_satisfied": QT_TRANSLATE_NOOP("CaseFields", "Not satisfied"),
    "then_nothing": QT_TRANSLATE_NOOP("CaseFields", "Nothing more now"),
    "then_close": QT_TRANSLATE_NOOP("CaseFields", "Close the case"),
    "then_remedy": QT_TRANSLATE_NOOP("CaseFields", "Back to remedy"),
    "then_repeat": QT_TRANSLATE_NOOP("CaseFields", "Open a repeat complaint"),
}


def field_label(name: str) -> str:
    """The label of a case field (or of a piece of information a move needs) in the UI's language."""
    return translate("CaseFields", LABELS[name]) if name in LABELS else name


def _option(key: str) -> str:
    return translate("CaseFields", OPTIONS[key])


VOCAB_FIELDS = {
    "channel": "channel", "order_stage": "order_stage", "chain_step": "chain_step", "mood": "mood",
    "validity": "validity", "solvability": "solvability", "remedy_type": "remedy_type", "severity": "severity",
}
TEXT_FIELDS = ("channel_detail", "order_no")
LONG_FIELDS = ("description", "customer_wish", "evidence_note", "cause", "invalid_explanation", "remedy_plan",
               "acceptance_note", "reason", "approval_note", "close_reason", "comments", "text")
BOOL_FIELDS = ("safety_issue", "media_exposure", "authority_involved", "needs_outside_help", "beyond_terms",
               "customer_accepted", "reached")


OTHER_INPUTS = ("category", "department", "responsible_staff", "staff", "group_size", "points", "promised_reply_at",
                "compensation_lines", "fine", "then", "satisfied", "satisfaction")


def has_input(name: str) -> bool:
    """Whether :func:`make_input` knows ``name`` (a move's "missing" may also be a non-field)."""
    return name in VOCAB_FIELDS or name in (*TEXT_FIELDS, *LONG_FIELDS, *BOOL_FIELDS, *OTHER_INPUTS)


def _combo(widget: CodeCombo) -> FieldInput:
    return FieldInput(widget, widget.value, widget.set_value)


def _entries(form: CaseForm, kind: str, keep: Any) -> list[tuple[int, str]]:
    """Active entries of a studio list, plus the one the case already uses even if deactivated."""
    entries = form.categories if kind == "category" else form.departments
    return [(e.id, e.name) for e in entries if e.active or e.id == keep]


def _staff(form: CaseForm, keep: Any) -> list[tuple[int, str]]:
    return [(s.id, f"{s.name}（{s.department.name}）" if s.department_id else s.name)
            for s in form.staff if s.active or s.id == keep]


def make_input(name: str, value: Any = None, form: CaseForm | None = None) -> FieldInput:
    """The input for field ``name``, showing ``value``; the studio lists a choice offers come from
    ``form`` (read off the GUI thread with the case)."""
    choose = _option("choose")
    if name in VOCAB_FIELDS:
        field = _combo(vocab_combo(VOCAB_FIELDS[name], choose))
    elif name in ("category", "department"):
        field = _combo(CodeCombo(_entries(form, name, value), choose if name == "department" else None))
    elif name in ("responsible_staff", "staff"):
        field = _combo(CodeCombo(_staff(form, value), _option("nobody") if name == "responsible_staff" else choose))
    elif name in TEXT_FIELDS:
        edit = QLineEdit()
        field = FieldInput(edit, edit.text, lambda v, e=edit: e.setText(str(v or "")))
    elif name in LONG_FIELDS:
        text = long_text(110 if name in ("description", "remedy_plan") else 80)
        field = FieldInput(text, text.toPlainText, lambda v, t=text: t.setPlainText(str(v or "")))
    elif name in BOOL_FIELDS:
        box = QCheckBox(field_label(name))
        field = FieldInput(box, box.isChecked, lambda v, b=box: b.setChecked(bool(v)))
    elif name in ("group_size", "points"):
        spin = QSpinBox(minimum=1 if name == "group_size" else 0, maximum=1000 if name == "group_size" else 100)
        field = FieldInput(spin, spin.value, lambda v, s=spin: s.setValue(int(v or 0)))
    elif name == "promised_reply_at":
        edit = datetime_edit()
        field = FieldInput(edit, lambda e=edit: e.dateTime().toPython(),
                           lambda v, e=edit: e.setDateTime(to_qdatetime(v or clock.now())))
    elif name == "compensation_lines":
        lines = LinesEditor()
        field = FieldInput(lines, lines.lines, lines.set_lines)
    elif name == "fine":
        edit = QLineEdit(placeholderText="0.00")
        field = FieldInput(edit, edit.text, lambda v, e=edit: e.setText("" if v in (None, "") else str(v)))
    elif name == "satisfied":
        field = _combo(CodeCombo([(True, _option("satisfied")), (False, _option("not_satisfied"))], choose))
    elif name == "then":
        then = ("", "close", "remedy", "repeat")
        field = _combo(CodeCombo([(code, _option(f"then_{code or 'nothing'}")) for code in then]))
    elif name == "satisfaction":
        field = _combo(CodeCombo([(n, str(n)) for n in range(5, 0, -1)], _option("not_asked")))
    else:
        raise KeyError(f"no input for field {name!r}")
    if value is not None:
        field.set(value)
    return field


def case_values(form: CaseForm) -> dict[str, Any]:
    """The case's current value of every field an input exists for, in the inputs' terms."""
    case = form.case
    data = case.values()
    values = {name: data.get(name) for name in (*VOCAB_FIELDS, *TEXT_FIELDS, *LONG_FIELDS, *BOOL_FIELDS,
                                                          "group_size", "promised_reply_at")}
    # This round's lines only: the rounds carried out are paid and are not proposed again.
    lines = form.open_lines
    values.update(category=case.category_id, department=case.department_id,
                  responsible_staff=case.responsible_staff_id,
                  compensation_lines=[{"kind": line.kind, "description": line.description, "amount": line.amount}
                                      for line in lines])
    return values
