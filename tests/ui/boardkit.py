"""Driving the board in tests: a page for a signed-in user, the real drop path (drag-enter,
drag-move and drop events carrying the model's mime data — QDrag.exec() would block under
the offscreen platform), and answering the modal dialogs a move or an action opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.board.view import BoardPage
from ui.ops import runner
from ui.session import Session


def make_page(qtbot, session: Session, size: tuple[int, int] = (1500, 800)) -> BoardPage:
    page = BoardPage(session)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # keyboard shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    settle(qtbot)
    return page


def settle(qtbot) -> None:
    """Wait until the board's reads and writes (off the GUI thread) are done and shown."""
    qtbot.waitUntil(lambda: not runner().running, timeout=15_000)


def stage_of(page: BoardPage, case_id: int) -> str | None:
    row = page.model.row_at(page.model.case_index(case_id))
    return row.stage if row else None


def drop(page: BoardPage, case_id: int, target: str, at: QPoint | None = None) -> bool:
    """Drop the card of ``case_id`` on column ``target`` as a mouse drag would; True if the view accepted."""
    index = page.model.case_index(case_id)
    assert index.isValid(), "case not on the board"
    mime = page.model.mimeData([index])
    viewport = page.columns[target].cards.viewport()
    point = at or QPoint(viewport.width() // 2, viewport.height() - 5)
    action, buttons, mods = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    dropped = QDropEvent(QPointF(point), action, mime, buttons, mods)
    QApplication.sendEvent(viewport, dropped)
    return enter.isAccepted() and move.isAccepted()


def answer_dialogs(answers: list[Callable[[QWidget], None]], timeout_ms: int = 10_000) -> list[str]:
    """Answer the next modal dialogs in turn with ``answers`` (each gets the dialog and closes it).

    Returns the titles of the dialogs answered, so a test can check which ones opened."""
    titles: list[str] = []
    answered: list[QWidget] = []
    pending = list(answers)
    timer = QTimer()
    timer.setInterval(30)
    waited = [0]

    def check() -> None:
        waited[0] += 30
        dialog = QApplication.activeModalWidget()
        if dialog is not None and pending and dialog.isVisible() and not any(d is dialog for d in answered):
            answered.append(dialog)
            titles.append(dialog.windowTitle())
            pending.pop(0)(dialog)
        if not pending or waited[0] > timeout_ms:
            timer.stop()

    timer.timeout.connect(check)
    timer.start()
    _timers.append(timer)  # kept alive until the next test module clears it
    return titles


_timers: list[QTimer] = []
