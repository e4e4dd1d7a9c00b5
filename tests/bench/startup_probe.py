"""Run as a child process: start up, paint once, exit. The parent times the whole process.

``floor``: a bare PySide6 QMainWindow shown. ``ours DB``: StudioDesk's main window on DB with the
manager signed in (the sign-in dialog waits for a person, so it is skipped) and the board shown.
The window is painted with grab() as soon as the event loop runs (the offscreen platform's own
first paint would come later, after an expose event) — the same for both. The process then ends
at once: quitting normally would also time the desk's backup on exit, which is not start-up.
Each imports in the order its program does: the floor PySide6 alone, ours ``ui.app`` first,
as ``main.py``.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _paint_then_quit(app: QApplication, window: QWidget, painted=lambda: True, ready=None) -> int:
    """Show ``window``, paint it once — when the loop first runs, or when signal ``ready`` comes —
    and end the process: 0 if ``painted()`` then holds."""
    from PySide6.QtCore import QTimer

    window.resize(1280, 800)
    window.show()

    def paint() -> None:
        ok = not window.grab().isNull() and painted()
        sys.stdout.flush()
        os._exit(0 if ok else 1)

    if ready is None:
        QTimer.singleShot(0, paint)
    else:
        ready.connect(paint)
    return app.exec()


def floor() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    return _paint_then_quit(app, QMainWindow())


def ours(db: str) -> int:
    # In main.py's order: the program's modules first, and they import what they need.
    from ui.app import prepare_app  # noqa: I001
    from studio_desk.opening import open_database
    from studio_desk.models import User
    from ui.main_window import MainWindow
    from ui.session import Session

    app, _family = prepare_app("zh_CN")
    open_database(db)
    session = Session(db_path=db)
    session.sign_in(User.get(User.username == "manager"))
    window = MainWindow(session)
    board = window.show_page("board")

    def cards_painted() -> bool:
        """Cards were read (off the GUI thread) and the first card of every non-empty column was
        laid out, so the grab painted it."""
        model = board.model
        shown = [column for column in board.columns.values() if model.rowCount(column.cards.rootIndex())]
        return bool(shown) and all(
            column.cards.visualRect(model.index(0, 0, column.cards.rootIndex())).isValid() for column in shown)

    return _paint_then_quit(app, window, cards_painted, ready=board.refreshed)


if __name__ == "__main__":
    sys.exit(floor() if sys.argv[1] == "floor" else ours(sys.argv[2]))
