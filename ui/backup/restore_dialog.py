"""从备份恢复: pick a backup (from the backup folder or any .zip), see what it holds, confirm.

The restore itself — verify, safety backup, replace — is :func:`studio_desk.restore.restore_backup`
for a file and :func:`studio_desk.restore_server.server_restore` for the shared database, run with a
progress bar; the current data is always saved first. The restore runs as an op: the dialog
is disabled (and cannot be closed) while it runs, and says how it ended with ``restore_ended``.
Reading the backup folder (a USB stick, a network share), a chosen archive and the current case
count are read ops too: the folder's name is in the database file, which another desk may lock.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_desk.backup_archive import BackupInfo, describe_backup
from studio_desk.backup_desk import backups_of
from studio_desk.backup_rotation import described_backups
from studio_desk.models import User
from studio_desk.restore import RestoreResult, current_case_count, restore_backup
from ui.backup.backup_list import BackupListModel, kind_label
from ui.ops import error_text, progress_op, read_op
from ui.plain import plain_label, warn
from ui.table_model import make_table, selected_row


class RestoreDialog(QDialog):
    """Lists the backups of ``db_path`` (None: the shared database); ``restored`` is True once a
    restore succeeded. ``restore_ended(restored)`` when a started restore has ended, however it ended."""

    restore_ended = Signal(bool)

    def __init__(
        self,
        db_path: Path | None,
        user: User | None,
        parent: QWidget | None = None,
        preselect: BackupInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else None
        self.user = user
        self.restored = False
        self.restoring = False
        self.folder: Path | None = None  # known once the list has been read
        self.listing = False  # the list has been asked for
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.resize(720, 440)
        self.model = BackupListModel()
        self.model.setParent(self)  # dies with the dialog, after its view
        self.table = make_table(self.model)
        self.table.setObjectName("backup_table")
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.details = plain_label()
        self.details.setObjectName("backup_details")
        self.details.setWordWrap(True)
        self.where = QLabel(self.tr("Reading the backup folder…"))
        self.where.setWordWrap(True)
        other = QPushButton(self.tr("Choose another backup file…"))
        other.setObjectName("choose_file")
        other.clicked.connect(self.choose_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.confirm_and_restore)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(other)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        if preselect is not None:
            self._add(preselect)
        self._show_details()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """The list is read when the dialog is first shown (never where it restores unseen)."""
        super().showEvent(event)
        if self.listing:
            return
        self.listing = True
        db_path = self.db_path

        def read() -> tuple[Path, list[BackupInfo]]:
            folder, stem = backups_of(db_path)
            return folder, described_backups(folder, stem)

        read_op(self, read).background().success(self._listed).failure(
            lambda error: self.where.setText(error_text(error))
        ).run()

    def _listed(self, found: tuple[Path, list[BackupInfo]]) -> None:
        self.folder, backups = found
        self.where.setText(self.tr("Backups in %1").replace("%1", str(self.folder)))
        chosen = self.selected()  # the preselected backup, or a file chosen meanwhile
        listed = {info.path for info in backups}
        self.model.set_rows([*(r for r in self.model.rows if r.path not in listed), *backups])
        paths = [r.path for r in self.model.rows]
        if chosen is not None:
            self.table.selectRow(paths.index(chosen.path))
        elif paths:
            self.table.selectRow(0)
        else:
            self.details.setText(
                self.tr("No backups were found in the backup folder. Choose a backup file (.zip) from another place.")
            )
        self._show_details()

    def _add(self, info: BackupInfo) -> None:
        rows = [r for r in self.model.rows if r.path != info.path]
        self.model.set_rows([info, *rows])
        self.table.selectRow(0)

    def selected(self) -> BackupInfo | None:
        return selected_row(self.table)

    def _show_details(self, *_args: object) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None)
        if info is None:
            return
        self.details.setText(
            self.tr("Backup of %1 (%2): %3 cases, %4 attachment files.\nFile: %5")
            .replace("%1", info.created_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", kind_label(info.kind))
            .replace("%3", "?" if info.case_count is None else str(info.case_count))
            .replace("%4", str(info.file_count))
            .replace("%5", str(info.path))
        )

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            str(self.folder or ""),
            self.tr("StudioDesk backups (*.zip)"),
        )
        if not name:
            return
        title = self.tr("Restore from a backup")
        read_op(self, lambda: describe_backup(name)).disables(self).success(self._add).failure(
            lambda error: warn(self, title, error_text(error))
        ).run()

    def confirmation_text(self, info: BackupInfo, now: int | None) -> str:
        """The question before a restore; ``now``: how many cases the current data holds (None: unknown)."""
        return (
            self.tr(
                "Replace the current data (%1 cases) with the backup of %2 (%3 cases)?\n\n"
                "Everything entered after %2 will be replaced. The current data is backed up "
                "first, so this restore can itself be undone."
            )
            .replace("%1", "?" if now is None else str(now))
            .replace("%2", info.created_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%3", "?" if info.case_count is None else str(info.case_count))
        )

    def confirm_and_restore(self, *, ask: bool = True) -> None:
        """Restore the selected backup after a confirmation that shows what will be replaced
        (``ask=False`` where the user has just confirmed it in the damaged-database message)."""
        info = self.selected()
        if info is None or self.restoring:
            return
        if not ask:
            self._restore(info)
            return
        db_path = self.db_path
        read_op(self, lambda: current_case_count(db_path)).disables(self).success(
            lambda now: self._ask_and_restore(info, now)
        ).run()

    def _ask_and_restore(self, info: BackupInfo, now: int | None) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Restore from a backup"),
            self.confirmation_text(info, now),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._restore(info)

    def _restore(self, info: BackupInfo) -> None:
        if self.restoring:
            return
        archive, db_path, user = info.path, self.db_path, self.user  # the worker must not hold the dialog
        if db_path is None:
            from studio_desk.db import current_database
            from studio_desk.restore_server import server_restore

            shared = current_database()

            def work(progress):
                return server_restore(archive, shared, user=user, progress=progress)
        else:

            def work(progress):
                return restore_backup(archive, db_path, user=user, progress=progress)

        title = self.tr("Restoring")
        self.restoring = True
        (
            progress_op(self, work, write=True)
            .with_progress(title)
            .disables(self)
            .success(lambda result: self._restored(info, result))
            .failure(lambda error: warn(self, title, error_text(error)))
            .ended(self._restore_ended)
            .run()
        )

    def _restored(self, info: BackupInfo, result: RestoreResult) -> None:
        self.restored = True
        QMessageBox.information(
            self,
            self.tr("Restore from a backup"),
            self.tr("The backup of %1 has been restored. The data as it was before is kept in %2.")
            .replace("%1", info.created_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", str(result.safety_backup.path) if result.safety_backup else "—"),
        )
        self.accept()

    def _restore_ended(self) -> None:
        if not shiboken6.isValid(self):  # the dialog was deleted while it ran (the desk is closing)
            return
        self.restoring = False
        self.restore_ended.emit(self.restored)

    def reject(self) -> None:
        """Esc, Cancel and the window's close: not while a restore runs (its outcome is awaited)."""
        if not self.restoring:
            super().reject()
