"""Start-up checks and recovery: a quick check of the file, the daily backup, and — when the
check fails — a plain Chinese explanation with the offer to restore the newest good backup.

Call :func:`startup_checks` before signing in (before ``open_database`` if possible: a
damaged file is checked read-only and never migrated). ``False`` means: do not go on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from studio_desk import integrity
from studio_desk.backup import configured_folder
from studio_desk.backup_desk import backup_if_due
from studio_desk.backup_rotation import backup_warning, described_backups
from studio_desk.models import User
from ui.progress_dialog import run_with_progress
from ui.session import Session


class Recovery(QObject):
    """The start-up checks and the damaged-database offer (a QObject for its translations)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.window = parent

    def startup_checks(self, session: Session) -> bool:
        path = session.db_path
        if path is not None and not Path(path).exists():
            return True  # a brand-new database
        if path is not None:  # the server keeps a shared database's files consistent itself
            kind, report = run_with_progress(self.window, self.tr("Checking the database"),
                                             lambda progress: integrity.check_file(path))
            if kind != "done":
                return False
            if not report.ok:
                integrity.guard(report)
                return self.offer_restore(Path(path), None, report.message)
        kind, message = run_with_progress(self.window, self.tr("Daily backup"),
                                          lambda progress: backup_if_due(path, progress=progress), show_errors=False)
        if kind == "failed":
            QMessageBox.warning(self.window, self.tr("Daily backup"),
                                self.tr("Today's automatic backup could not be made:") + "\n\n" + message)
        return True

    def offer_restore(self, db_path: Path, user: User | None, problem: str) -> bool:
        backups = described_backups(configured_folder(db_path), db_path.stem)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("The database is damaged"), problem, parent=self.window)
        box.setObjectName("damaged_box")
        newest = backups[0] if backups else None
        restore_newest = None
        if newest is not None:
            box.setInformativeText(
                self.tr("The newest backup is from %1 (%2 cases). Restore it now? "
                        "The damaged file is kept in the backup folder.")
                .replace("%1", newest.created_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", "?" if newest.case_count is None else str(newest.case_count)))
            restore_newest = box.addButton(self.tr("Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText(self.tr("No backup was found in the backup folder. Choose a backup file, "
                                           "or ask for technical help. Do not delete the data file."))
        choose = box.addButton(self.tr("Choose a backup…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is not restore_newest and clicked is not choose:
            return False
        from ui.backup.restore_dialog import RestoreDialog

        dialog = RestoreDialog(db_path, user, self.window, preselect=newest if clicked is restore_newest else None)
        if clicked is restore_newest:
            dialog.confirm_and_restore(ask=False)
        else:
            dialog.exec()
        return dialog.restored


def startup_checks(session: Session, parent: QWidget | None) -> bool:
    """Quick check, then the daily backup. On a failed check nothing is written, the user is
    told and offered the newest good backup; True only when the desk may go on."""
    return Recovery(parent).startup_checks(session)


def offer_restore(db_path: Path, user: User | None, parent: QWidget | None, problem: str) -> bool:
    """Explain ``problem`` and offer the newest good backup (or another one); True once restored."""
    return Recovery(parent).offer_restore(db_path, user, problem)


def backup_warning_text(session: Session) -> str | None:
    """For the settings page and the status bar: a warning when the last good backup is older
    than 3 days or the backup folder is unplugged; None when all is well or on PostgreSQL."""
    if session.db_path is None:
        return None
    return backup_warning(Path(session.db_path), configured_folder(Path(session.db_path)))
