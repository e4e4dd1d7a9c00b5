"""Helpers for the intake-form and case-view tests: answering a modal dialog the code under
test opens with exec(), filling the form quickly, and making real image files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from studio_desk.models import Category
from ui.ops import runner


@dataclass
class Answered:
    """What the modal dialogs showed (a message box is gone once answered, so its text is kept);
    the dialogs themselves only inside the ``with`` block."""

    dialogs: list[QWidget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@contextmanager
def answering_modal(*answers: Callable[[QWidget], None], of: type[QWidget] = QWidget,
                    timeout_ms: int = 5000) -> Iterator[Answered]:
    """Answer the next modal dialogs (of type ``of``) opened inside the ``with`` block, in turn."""
    seen = Answered()
    pending = list(answers)
    tries = [timeout_ms // 10]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        tries[0] -= 1
        if pending and tries[0] > 0:
            QTimer.singleShot(10, poll)  # first: an answer that fails must not stop the polling
        elif pending and isinstance(dialog, QDialog):
            dialog.reject()  # given up: the code under test returns, and the test fails below
        # An op's progress dialog (past 300 ms on a loaded machine) is not one of the expected ones.
        if (pending and isinstance(dialog, of) and not isinstance(dialog, QProgressDialog) and dialog.isVisible()
                and not any(d is dialog for d in seen.dialogs)):
            seen.dialogs.append(dialog)
            seen.texts.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
            tries[0] = timeout_ms // 10
            pending.pop(0)(dialog)

    QTimer.singleShot(0, poll)
    try:
        yield seen
        while pending and tries[0] > 0:  # a dialog that opens once an op (a read of the case) has answered
            QTest.qWait(10)
    finally:
        # poll refers to itself, so this frame's objects end up in a reference cycle; a dialog
        # kept in it would be destroyed by whichever thread collects the cycle — maybe an op's
        # worker, where Qt crashes. Only the texts outlive the block.
        seen.dialogs.clear()
    assert not pending, f"{len(pending)} expected dialog(s) never opened"


def press(button: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> Callable[[QWidget], None]:
    """An answer for a QMessageBox: press ``button`` (or its only button)."""
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        target = box.button(button) or box.buttons()[0]
        target.click()
    return answer


def fill_walk_in(form, *, phone: str = "13812345678", name: str = "张三", description: str = "照片修得太假了") -> None:
    """A complete, valid walk-in complaint typed into the intake form (through its widgets)."""
    assert runner().wait_idle()  # the category list is read off the GUI thread
    entry = form.entry
    entry.phone.setText(phone)
    entry.phone.textEdited.emit(phone)
    entry.customer_name.setText(name)
    entry.customer_name.textEdited.emit(name)
    entry.chain_step.set_value("retouch")
    entry.category_id.set_value(Category.get(Category.name == "修图质量").id)
    entry.description.setPlainText(description)


def saved(form):
    """Save the intake form and wait for the write op: the case it registered, or None if refused."""
    form.save()
    assert runner().wait_idle()
    return form.saved_case


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as the user does: Latin keys one by one, Chinese through the input method
    (QTest can only press keys that exist on a keyboard)."""
    if text.isascii():
        QTest.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def write_image(path: Path, width: int = 640, height: int = 480, color: str = "#c0392b") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path)), path
    return path


def type_then_tab(qtbot, text: str = "", *, keys: tuple = ()) -> None:
    """Type into whatever has the focus (text or special keys), then Tab to the next field."""
    widget = QApplication.focusWidget()
    if text:
        type_text(widget, text)
    for key in keys:
        qtbot.keyClick(widget, key)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
