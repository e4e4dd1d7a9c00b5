"""Adding a note to a case (备注): a line of what was said or done, kept in the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studio_desk.errors import DomainError
from studio_desk.models import Complaint
from studio_desk.services.actions import add_note
from ui.case.inputs import long_text
from ui.forms import FieldErrors
from ui.session import Session


class NoteBox(QWidget):
    added = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case: Complaint | None = None
        self.errors = FieldErrors()
        self.text = long_text(70)
        self.text.setPlaceholderText(self.tr("Add a note: what was said or done (Ctrl+Enter adds it)"))
        self.add_button = QPushButton(self.tr("Add &note"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.text)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.errors.wrap("text", self.text), 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.errors.general)
        layout.addLayout(row)

    def show_case(self, case: Complaint) -> None:
        self.case = case

    def add(self) -> bool:
        if self.case is None:
            return False
        try:
            add_note(self.session.user, self.case.id, self.text.toPlainText())
        except DomainError as error:
            self.errors.show(error)
            return False
        self.errors.clear()
        self.text.clear()
        self.added.emit()
        return True
