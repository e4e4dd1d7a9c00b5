"""Run as a child process: start up, stop at the first paint, exit. The parent times the whole process.

``floor``: a bare PySide6 QMainWindow shown. ``ours DB``: StudioDesk's main window on DB with the
manager signed in (the sign-in dialog waits for a person, so it is skipped) and the board painted.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QListView, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    """Quits the application after the first paint of a widget that ``wanted`` accepts."""

    def __init__(self, app: QApplication, wanted) -> None:
        super().__init__()
        self.app, self.wanted, self.done = app, wanted, False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if not self.done and event.type() == QEvent.Type.Paint and self.wanted(obj):
            self.done = True
            QTimer.singleShot(0, self.app.quit)
        return False


def floor() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    app.installEventFilter(FirstPaint(app, lambda obj: obj is window or window.isAncestorOf(obj)))
    window.resize(1280, 800)
    window.show()
    return app.exec()


def ours(db: str) -> int:
    from studio_desk.db import open_database
    from studio_desk.models import User
    from ui.app import prepare_app
    from ui.main_window import MainWindow
    from ui.session import Session

    app, _family = prepare_app("zh_CN")
    open_database(db)
    session = Session(db_path=db)
    session.sign_in(User.get(User.username == "manager"))
    window = MainWindow(session)
    board = window.show_page("board")

    def is_card_list(obj) -> bool:
        parent = obj.parent() if isinstance(obj, QObject) else None
        return isinstance(parent, QListView) and board.isAncestorOf(parent) and parent.model().rowCount(
            parent.rootIndex()) > 0

    app.installEventFilter(FirstPaint(app, is_card_list))
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(floor() if sys.argv[1] == "floor" else ours(sys.argv[2]))
