"""After saving: the case number, large, to read out or print for the customer, and the
promised reply time; then the slip, the case, or the next customer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio_desk.models import Complaint
from studio_desk.validation import mask_phone
from ui.case.inputs import format_datetime, vocab_label
from ui.plain import plain_label
from ui.style import ERROR_COLOR, MUTED_COLOR


class DonePage(QWidget):
    print_requested = Signal()
    open_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Complaint registered. Case number:"))
        self.case_no = QLabel()
        self.case_no.setObjectName("caseNumber")
        self.case_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.case_no.font()
        font.setPointSize(40)
        font.setBold(True)
        self.case_no.setFont(font)
        self.promised = QLabel()
        promised_font = self.promised.font()
        promised_font.setPointSizeF(promised_font.pointSizeF() * 1.6)
        self.promised.setFont(promised_font)
        self.details = plain_label()
        self.details.setStyleSheet(f"color: {MUTED_COLOR};")
        self.repeat = plain_label()
        self.repeat.setStyleSheet(f"color: {ERROR_COLOR};")
        self.print_button = QPushButton(self.tr("&Print slip"))
        self.open_button = QPushButton(self.tr("&Open case"))
        self.next_button = QPushButton(self.tr("&Next complaint"))
        for button, signal in ((self.print_button, self.print_requested), (self.open_button, self.open_requested),
                               (self.next_button, self.next_requested)):
            button.setAutoDefault(False)
            button.setMinimumHeight(40)
            button.clicked.connect(signal)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.open_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        for widget in (self.heading, self.case_no, self.promised, self.details, self.repeat):
            layout.addWidget(widget)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_case(self, case: Complaint) -> None:
        self.case_no.setText(case.case_no)
        self.promised.setText(self.tr("Promised reply by %1").replace("%1", format_datetime(case.promised_reply_at)))
        severity = vocab_label("severity", case.severity)
        customer = f"{case.customer.name} {mask_phone(case.customer.phone)}".strip()
        self.details.setText(self.tr("Severity: %1    Customer: %2").replace("%1", severity).replace("%2", customer))
        previous = case.previous_case
        self.repeat.setText(self.tr("Linked as a repeat complaint of %1").replace("%1", previous.case_no)
                            if previous else "")
        self.repeat.setVisible(previous is not None)
        self.next_button.setFocus()
