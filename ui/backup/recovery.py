"""Start-up checks and recovery: a quick check of the file, the daily backup, and — when the
check fails — a plain Chinese explanation with the offer to restore the newest good backup.

Call :func:`startup_checks` before signing in (before ``open_database`` if possible: a
damaged file is checked read-only and never migrated). The check and the backup run as ops, so
the caller goes on in ``then(ok)``; ``ok`` False means: do not go on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from studio_desk import integrity
from studio_desk.backup import configured_folder
from studio_desk.backup_archive import BackupInfo
from studio_desk.backup_desk import backup_if_due
from studio_desk.backup_rotation import backup_warning, described_backups
from studio_desk.models import User
from ui.ops import error_text, progress_op
from ui.plain import warn
from ui.session import Session

Then = Callable[[bool], object]
Checked = tuple[integrity.IntegrityReport, list[BackupInfo]]  # a check's report, and the backups to offer


class Recovery(QObject):
    """The start-up checks and the damaged-database offer (a QObject for its translations).
    Without a parent window, keep it until ``then`` has been called: it holds the restore dialog."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.window = parent
        self.dialog = None

    def startup_checks(self, session: Session, then: Then) -> None:
        path = session.db_path
        if path is not None and not Path(path).exists():
            then(True)  # a brand-new database
        elif path is None:  # the server keeps a shared database's files consistent itself
            self._daily_backup(None, then)
        else:
            title = self.tr("Checking the database")
            found: list[Checked] = []
            (
                progress_op(self.window, lambda progress: checked(lambda: integrity.check_file(path), Path(path)))
                .with_progress(title)
                .success(found.append)
                .failure(lambda error: warn(self.window, title, error_text(error)))
                .ended(lambda: self._checked(Path(path), found, then))
                .run()
            )

    def _checked(self, path: Path, found: list[Checked], then: Then) -> None:
        if not found:  # refused, cancelled or a bug — each already shown
            then(False)
            return
        report, backups = found[0]
        if not report.ok:
            integrity.guard(report)
            self.offer_restore(path, None, report.message, backups, then)
        else:
            self._daily_backup(path, then)

    def _daily_backup(self, path: str | Path | None, then: Then) -> None:
        """Made on the first start of a day; a failure is told, and the desk opens all the same."""
        title = self.tr("Daily backup")
        (
            progress_op(self.window, lambda progress: backup_if_due(path, progress=progress), write=True)
            .with_progress(title)
            .failure(
                lambda error: QMessageBox.warning(
                    self.window,
                    title,
                    self.tr("Today's automatic backup could not be made:") + "\n\n" + error_text(error),
                )
            )
            .ended(lambda: then(True))
            .run()
        )

    def offer_restore(
        self, db_path: Path, user: User | None, problem: str, backups: list[BackupInfo], then: Then
    ) -> None:
        """``then(True)`` once a backup has been restored, ``then(False)`` when not."""
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("The database is damaged"), problem, parent=self.window)
        box.setObjectName("damaged_box")
        newest = backups[0] if backups else None
        restore_newest = None
        if newest is not None:
            box.setInformativeText(
                self.tr(
                    "The newest backup is from %1 (%2 cases). Restore it now? "
                    "The damaged file is kept in the backup folder."
                )
                .replace("%1", newest.created_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", "?" if newest.case_count is None else str(newest.case_count))
            )
            restore_newest = box.addButton(self.tr("Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setInformativeText(
                self.tr(
                    "No backup was found in the backup folder. Choose a backup file, "
                    "or ask for technical help. Do not delete the data file."
                )
            )
        choose = box.addButton(self.tr("Choose a backup…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is not restore_newest and clicked is not choose:
            then(False)
            return
        from ui.backup.restore_dialog import RestoreDialog

        self.dialog = dialog = RestoreDialog(
            db_path, user, self.window, preselect=newest if clicked is restore_newest else None
        )
        if clicked is restore_newest:
            dialog.restore_ended.connect(then)
            dialog.confirm_and_restore(ask=False)
        else:
            # Accepted only once a restore succeeded (the lambda holds no dialog: no reference cycle).
            dialog.finished.connect(lambda result: then(result == QDialog.DialogCode.Accepted))
            dialog.open()


def startup_checks(session: Session, parent: QWidget | None, then: Then) -> Recovery:
    """Quick check, then the daily backup; ``then(True)`` when the desk may go on. On a failed
    check nothing is written, the user is told and offered the newest good backup. Returns the
    :class:`Recovery`, to be kept until ``then`` is called."""
    recovery = Recovery(parent)
    recovery.startup_checks(session, then)
    return recovery


def checked(check: Callable[[], integrity.IntegrityReport], db_path: Path | None) -> Checked:
    """On a worker thread: ``check``'s report and, when it failed, the backups of ``db_path`` to
    offer (newest first; none on the shared database, whose server keeps its files)."""
    report = check()
    if report.ok or db_path is None:
        return report, []
    return report, described_backups(configured_folder(db_path), db_path.stem)


def offer_restore(
    db_path: Path, user: User | None, parent: QWidget, problem: str, backups: list[BackupInfo], then: Then
) -> None:
    """Explain ``problem`` and offer the newest of ``backups`` (or another one); ``then(True)`` once restored."""
    Recovery(parent).offer_restore(db_path, user, problem, backups, then)


def backup_warning_text(session: Session) -> str | None:
    """For the settings page and the status bar: a warning when the last good backup is older
    than 3 days or the backup folder is unplugged; None when all is well or on PostgreSQL."""
    if session.db_path is None:
        return None
    return backup_warning(Path(session.db_path), configured_folder(Path(session.db_path)))
