"""The 数据 menu entries: 立即备份, 从备份恢复…, 完整性检查; and the backup when the program closes.
Their dialogs load when an entry is chosen, not with the menu.

Backup and restore need the 备份与恢复 right (the core refuses otherwise); the check may be
run by anyone. On a shared PostgreSQL database they make and restore the same archives
(:mod:`studio_desk.backup_server`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from studio_desk import integrity, settings
from studio_desk.backup import create_backup
from studio_desk.backup_desk import backup_now
from studio_desk.errors import DomainError
from studio_desk.permissions import allowed
from ui.session import Session


class BackupActions(QObject):
    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.backup_action = QAction(self.tr("Back up now"), parent)
        self.backup_action.setObjectName("backup_now")
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(self.tr("Restore from a backup…"), parent)
        self.restore_action.setObjectName("restore_backup")
        self.restore_action.triggered.connect(self.restore)
        self.check_action = QAction(self.tr("Check the database"), parent)
        self.check_action.setObjectName("check_database")
        self.check_action.triggered.connect(self.check)
        session.user_changed.connect(self._user_changed)
        self._user_changed(session.user)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.back_up_on_exit)

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.check_action]

    def _user_changed(self, user: object) -> None:
        may = user is not None and allowed(getattr(user, "role", ""), "backup")
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(may)
            action.setToolTip("" if may else self.tr("Only the store manager can back up and restore."))
        self.check_action.setEnabled(user is not None)

    def back_up(self) -> None:
        from ui.progress_dialog import run_with_progress

        user = self.session.user  # the worker thread must not hold a QObject
        kind, info = run_with_progress(self.window, self.tr("Backing up"),
                                       lambda progress: backup_now(user, progress=progress))
        if kind == "done":
            self.session.changed()
            QMessageBox.information(self.window, self.tr("Backups"), self.tr(
                "The backup has been made and verified:\n%1\n\n%2").replace("%1", str(info.path))
                .replace("%2", info.label))

    def restore(self) -> None:
        from ui.backup.restore_dialog import RestoreDialog

        path = self.session.db_path
        dialog = RestoreDialog(Path(path) if path is not None else None, self.session.user, self.window)
        dialog.exec()
        if dialog.restored:
            # The restored data may not know the signed-in account any more: sign in again.
            self.session.changed()
            self.session.sign_out()

    def check(self) -> None:
        from ui.backup.recovery import offer_restore
        from ui.progress_dialog import run_with_progress

        kind, report = run_with_progress(self.window, self.tr("Checking the database"),
                                         lambda progress: integrity.check_database(full=True))
        if kind != "done":
            return
        if report.ok:
            details = "\n".join(report.missing_files[:10])
            QMessageBox.information(self.window, self.tr("Check the database"),
                                    report.message + ("\n\n" + details if details else ""))
            return
        integrity.guard(report)
        if self.session.db_path is not None and offer_restore(Path(self.session.db_path), self.session.user,
                                                              self.window, report.message):
            self.session.changed()
            self.session.sign_out()

    def back_up_on_exit(self) -> None:
        """The 退出时自动备份 setting: a quiet backup as the program closes; a failure is only
        logged — the next start warns when backups are getting old."""
        path = self.session.db_path
        if path is not None and not Path(path).exists():
            return
        try:
            if not settings.get("backup_on_exit"):
                return
            if path is None:
                from studio_desk.backup_server import server_backup
                from studio_desk.db import current_database

                server_backup(current_database(), kind="exit")
            else:
                create_backup(path, kind="exit")
        except DomainError as exc:
            print(f"退出时自动备份没有完成：{exc.message}", file=sys.stderr)


def backup_actions(session: Session, parent: QWidget) -> list[QAction]:
    """The three entries for the main window's 数据 menu (kept alive by ``parent``)."""
    return BackupActions(session, parent).actions()
