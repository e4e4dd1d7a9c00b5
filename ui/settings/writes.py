"""One change at a time from a settings section or dialog, off the GUI thread.

While a change runs (it may wait up to 15 s behind another desk's write lock), the buttons
that start changes are disabled and a second click or Enter is ignored: a double click is one
change. A refusal goes to the caller's ``failure`` (shown next to its field)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from ui.forms import FieldErrors, dialog_buttons
from ui.ops import write_op
from ui.session import Session


class Writes:
    """The writes of one section or dialog; ``buttons`` are disabled while one runs."""

    def __init__(self, session: Session, *buttons: QPushButton) -> None:
        self.session = session
        self.buttons = list(buttons)
        self.running = False

    def run(
        self,
        parent: QWidget,
        fn: Callable[[], Any],
        success: Callable[[Any], Any],
        failure: Callable[[Exception], Any],
    ) -> None:
        """Start ``fn`` (a core call) unless a change of this section is still running."""
        if self.running:
            return
        self.running = True
        write_op(parent, self.session, fn).disables(*self.buttons).success(success).failure(failure).ended(
            self._ended
        ).run()

    def _ended(self) -> None:
        self.running = False


class WritingDialog(QDialog):
    """A dialog whose OK saves through the core: it stays open while the save runs (OK disabled,
    Cancel and Esc ignored), accepts when the core agreed, and shows a refusal at its field."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.errors = FieldErrors()
        self.writes = Writes(session)

    def buttons(self, on_accept: Callable[[], None]) -> QDialogButtonBox:
        """OK/Cancel; OK (``ok_button``) runs ``on_accept``, which calls :meth:`save`."""
        box, self.ok_button = dialog_buttons(self, on_accept)
        self.writes.buttons.append(self.ok_button)
        return box

    def save(self, fn: Callable[[], Any], saved: Callable[[Any], Any] | None = None) -> None:
        """Run ``fn``; on success ``saved`` gets its result, then the dialog accepts."""
        self.errors.clear()
        self.writes.run(self, fn, lambda result: self._saved(result, saved), self.errors.show_failure)

    def _saved(self, result: Any, saved: Callable[[Any], Any] | None) -> None:
        if saved is not None:
            saved(result)
        self.accept()

    def reject(self) -> None:
        if not self.writes.running:
            super().reject()

    def saved_when_closed(self) -> bool:
        """Show it (modal) until closed; True when it saved. Deleted after, so that dialogs kept as
        the section's children do not pile up."""
        accepted = self.exec() == QDialog.DialogCode.Accepted
        self.deleteLater()
        return accepted
