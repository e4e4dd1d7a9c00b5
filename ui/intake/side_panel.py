"""What the receptionist sees beside the form while typing: who the caller is (from the phone
number) and the severity the facts suggest, each with its reasons."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QListView, QVBoxLayout, QWidget

from studio_desk import clock
from studio_desk.deadlines import describe_time_left
from studio_desk.models import Complaint
from studio_desk.services.intake import CustomerHistory
from ui.case.inputs import vocab_label
from ui.case.list_model import RowListModel
from ui.plain import plain_label, plain_tip
from ui.style import ERROR_COLOR, MUTED_COLOR

SEVERITY_COLORS = {"ordinary": "#2e7d32", "important": "#b9770e", "major": ERROR_COLOR}


class EarlierCasesModel(RowListModel):
    """The customer's earlier complaints, newest first; the one that makes this a repeat in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repeat_id: int | None = None

    def set_history(self, history: CustomerHistory) -> None:
        self._repeat_id = history.recent_case.id if history.recent_case else None
        self.set_rows(history.cases)

    def value(self, case: Complaint, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return "  ".join((case.case_no, case.received_at.strftime("%Y-%m-%d"), case.category.name,
                              vocab_label("stage", case.stage)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(case.description[:300])
        if role == Qt.ItemDataRole.ForegroundRole and case.id == self._repeat_id:
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.UserRole:
            return case.id
        return None


class CustomerPanel(QGroupBox):
    """Lookup result for the typed phone number: name, VIP, orders and earlier complaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Customer"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.repeat = plain_label()
        self.repeat.setWordWrap(True)
        self.repeat.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.model = EarlierCasesModel(self)
        self.cases = QListView()
        self.cases.setModel(self.model)
        self.cases.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cases.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.repeat)
        layout.addWidget(self.cases, 1)
        self.show_history(None)

    def show_history(self, history: CustomerHistory | None, phone_valid: bool = False) -> None:
        """None: nothing typed yet; an empty history for a valid number: a new customer."""
        history = history or CustomerHistory()
        self.model.set_history(history)
        self.cases.setVisible(bool(history.cases))
        customer = history.customer
        if customer is None:
            text = self.tr("New customer: no earlier complaints.") if phone_valid else self.tr(
                "Type the phone number to look up the customer.")
            self.summary.setText(f"<span style='color:{MUTED_COLOR}'>{text}</span>")
        else:
            parts = [f"<b>{escape(customer.name)}</b>"]
            if customer.vip:
                vip = self.tr("VIP customer")
                parts.append(f"<span style='color:{ERROR_COLOR}'>★ {vip}</span>")
            orders = ", ".join(history.order_numbers) or self.tr("none")
            parts.append(self.tr("Orders: %1").replace("%1", escape(orders)))
            parts.append(self.tr("Earlier complaints: %1").replace("%1", str(len(history.cases))))
            self.summary.setText("<br>".join(parts))
        if history.recent_case is not None:
            recent = history.recent_case
            text = (self.tr("Earlier complaint %1 on %2: will be linked as a repeat complaint")
                    .replace("%1", recent.case_no).replace("%2", recent.received_at.strftime("%Y-%m-%d")))
            if recent.stage != "closed":  # the customer is still waiting on the first one: say so
                text += " " + self.tr("(still open, at %1)").replace("%1", vocab_label("stage", recent.stage))
                if describe_time_left(recent.next_due, clock.now())[1] == "overdue":
                    text += " " + self.tr("— overdue")
            self.repeat.setText(text)
        self.repeat.setVisible(history.recent_case is not None)


class SeverityPanel(QGroupBox):
    """The suggested severity (一般/重要/重大) and why, updated as the facts are typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Suggested severity"))
        self.level = QLabel()
        font = self.level.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.level.setFont(font)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.level)
        layout.addWidget(self.reasons)
        self.code = ""
        self.show_suggestion("ordinary", [])

    def show_suggestion(self, code: str, reasons: list[str]) -> None:
        self.code = code
        self.level.setText(vocab_label("severity", code))
        self.level.setStyleSheet(f"color: {SEVERITY_COLORS.get(code, MUTED_COLOR)};")
        if reasons:
            self.reasons.setText("<br>".join(f"• {escape(r)}" for r in reasons))
        else:
            none = self.tr("No aggravating facts.")
            self.reasons.setText(f"<span style='color:{MUTED_COLOR}'>{none}</span>")
