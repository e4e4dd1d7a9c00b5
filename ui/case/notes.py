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
from ui.ops import show_error, write_op
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

    def add(self) -> None:
        """Add the note off the GUI thread; a refusal (an empty note, no right) is shown at the box."""
        if self.case is None:
            return
        user, case_id, text = self.session.user, self.case.id, self.text.toPlainText()
        write_op(self, None, lambda: add_note(user, case_id, text)).disables(self.add_button).success(
            self._added
        ).failure(self._refused).run()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, DomainError):
            self.errors.show(error)
        else:
            show_error(self, error)

    def _added(self, _note: object) -> None:
        self.errors.clear()
        self.text.clear()
        self.added.emit()
