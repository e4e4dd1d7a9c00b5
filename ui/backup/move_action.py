"""The 数据 menu's move entry (店长 and above): a one-desk studio onto an empty shared database
(迁移到共享数据库…), or a shared database back onto a new file on this PC (迁移到单机文件…).

The copy and its check run off the GUI thread with progress and Cancel; a Cancel or a failure
leaves the target empty. The entry stays disabled while the move runs. Afterwards the desk saves
nothing more into the old database and asks to be restarted on the new one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from studio_desk.move import MoveReport, move_from_desk
from studio_desk.permissions import allowed
from ui.ops import error_text, progress_op
from ui.plain import warn
from ui.session import Session


class MoveAction(QObject):
    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.moving = False
        to_server = session.db_path is not None
        self.action = QAction(
            self.tr("Move to a shared database…") if to_server else self.tr("Move onto a file on this PC…"), parent
        )
        self.action.setObjectName("move_studio")
        self.action.triggered.connect(self.move)
        session.user_changed.connect(self._user_changed)
        self._user_changed(session.user)

    def _user_changed(self, user: object) -> None:
        may = user is not None and allowed(getattr(user, "role", ""), "move_studio")
        self.action.setEnabled(may and not self.moving)
        self.action.setToolTip("" if may else self.tr("Only the store manager can move the studio's data."))

    def _ask_target(self) -> str | None:
        if self.session.db_path is not None:
            text, ok = QInputDialog.getText(
                self.window,
                self.tr("Move to a shared database"),
                self.tr(
                    "Address of the new, empty shared database\n(postgresql://user:password@host/database).\n"
                    "Every case, the audit trail and the attachments are copied and checked;\n"
                    "this PC's file is not changed."
                ),
                QLineEdit.EchoMode.Normal,
                "postgresql://",
            )
            return text if ok else None
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Move onto a file on this PC"), "studiodesk.sqlite3", self.tr("Database (*.sqlite3)")
        )
        return path or None

    def move(self) -> None:
        if self.moving:
            return
        target = self._ask_target()
        if target is None:
            return
        user, path, url = self.session.user, self.session.db_path, self.session.db_url
        title = self.tr("Moving the studio's data")
        self.moving = True
        self.action.setEnabled(False)
        (
            progress_op(
                self.window,
                lambda progress: move_from_desk(user, target, db_path=path, db_url=url, progress=progress),
                write=True,
            )  # after any save still running; none slips in before the old data is closed
            .with_progress(title)
            .success(self._moved)
            .failure(lambda error: warn(self.window, title, error_text(error)))
            .ended(self._ended)
            .run()
        )

    def _moved(self, report: MoveReport) -> None:
        QMessageBox.information(
            self.window,
            self.tr("Moving the studio's data"),
            self.tr("%1\n\nPlease close the program and start it again on the new database.").replace(
                "%1", report.summary
            ),
        )

    def _ended(self) -> None:
        if shiboken6.isValid(self):  # the window may have been closed meanwhile
            self.moving = False
            self._user_changed(self.session.user)
