"""The 数据 menu entries: 立即备份, 从备份恢复…, 完整性检查. Their dialogs load when an entry is
chosen, not with the menu. The backup and the check run as ops; their entry stays disabled until
the op has ended, so a second click starts nothing.

Backup and restore need the 备份与恢复 right (the core refuses otherwise); the check may be
run by anyone. On a shared PostgreSQL database they make and restore the same archives
(:mod:`studio_desk.backup_server`). The backup when the program closes is :mod:`ui.backup.exit_backup`.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from studio_desk import integrity
from studio_desk.backup_archive import BackupInfo
from studio_desk.backup_desk import backup_now
from studio_desk.permissions import allowed
from ui.ops import error_text, progress_op
from ui.plain import warn
from ui.session import Session


class BackupActions(QObject):
    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.running: set[QAction] = set()  # entries whose op has not ended yet
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

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action, self.check_action]

    def _user_changed(self, user: object) -> None:
        may = user is not None and allowed(getattr(user, "role", ""), "backup")
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(may and action not in self.running)
            action.setToolTip("" if may else self.tr("Only the store manager can back up and restore."))
        self.check_action.setEnabled(user is not None and self.check_action not in self.running)

    def _start(self, action: QAction) -> bool:
        """Mark ``action`` as running (disabled); False when it runs already."""
        if action in self.running:
            return False
        self.running.add(action)
        action.setEnabled(False)
        return True

    def _ended(self, action: QAction) -> None:
        if shiboken6.isValid(self):  # the window may have been closed meanwhile
            self.running.discard(action)
            self._user_changed(self.session.user)

    def back_up(self) -> None:
        if not self._start(self.backup_action):
            return
        user = self.session.user  # the worker thread must not hold a QObject
        title = self.tr("Backing up")
        (
            progress_op(
                self.window, lambda progress: backup_now(user, progress=progress), write=True, session=self.session
            )
            .with_progress(title)
            .success(self._backed_up)
            .failure(lambda error: warn(self.window, title, error_text(error)))
            .ended(lambda: self._ended(self.backup_action))
            .run()
        )

    def _backed_up(self, info: BackupInfo) -> None:
        QMessageBox.information(
            self.window,
            self.tr("Backups"),
            self.tr("The backup has been made and verified:\n%1\n\n%2")
            .replace("%1", str(info.path))
            .replace("%2", info.label),
        )

    def restore(self) -> None:
        from ui.backup.restore_dialog import RestoreDialog

        if not self._start(self.restore_action):
            return
        path = self.session.db_path
        dialog = RestoreDialog(Path(path) if path is not None else None, self.session.user, self.window)
        dialog.accepted.connect(self._restored)  # accepted only after a restore succeeded
        dialog.finished.connect(lambda _result: self._ended(self.restore_action))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _restored(self) -> None:
        # The restored data may not know the signed-in account any more: sign in again.
        self.session.changed()
        self.session.sign_out()

    def check(self) -> None:
        from ui.backup.recovery import checked

        if not self._start(self.check_action):
            return
        title = self.tr("Checking the database")
        path = Path(self.session.db_path) if self.session.db_path is not None else None
        (
            progress_op(self.window, lambda progress: checked(lambda: integrity.check_database(full=True), path))
            .with_progress(title)
            .success(self._checked)
            .failure(lambda error: warn(self.window, title, error_text(error)))
            .ended(lambda: self._ended(self.check_action))
            .run()
        )

    def _checked(self, found: tuple[integrity.IntegrityReport, list[BackupInfo]]) -> None:
        report, backups = found
        if report.ok:
            details = "\n".join(report.missing_files[:10])
            QMessageBox.information(
                self.window, self.tr("Check the database"), report.message + ("\n\n" + details if details else "")
            )
            return
        integrity.guard(report)
        if self.session.db_path is not None:
            from ui.backup.recovery import offer_restore

            offer_restore(
                Path(self.session.db_path),
                self.session.user,
                self.window,
                report.message,
                backups,
                self._restored_after_check,
            )

    def _restored_after_check(self, restored: bool) -> None:
        if restored and shiboken6.isValid(self):
            self._restored()


def backup_actions(session: Session, parent: QWidget) -> list[QAction]:
    """The three entries for the main window's 数据 menu (kept alive by ``parent``)."""
    return BackupActions(session, parent).actions()
