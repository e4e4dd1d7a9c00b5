"""The list of backups in the restore dialog: when, what kind, how many cases, how big."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from studio_desk.backup_archive import BackupInfo
from ui.table_model import RowsModel

KIND_LABELS = {
    "auto": QT_TRANSLATE_NOOP("BackupList", "Daily automatic"),
    "manual": QT_TRANSLATE_NOOP("BackupList", "Manual"),
    "exit": QT_TRANSLATE_NOOP("BackupList", "On closing"),
    "upgrade": QT_TRANSLATE_NOOP("BackupList", "Before an upgrade"),
    "before-restore": QT_TRANSLATE_NOOP("BackupList", "Before a restore"),
    "damaged": QT_TRANSLATE_NOOP("BackupList", "Copy of a damaged file"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("BackupList", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


class BackupListModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Made at"), self.tr("Kind"), self.tr("Cases"), self.tr("Attachments"),
                        self.tr("Size")]

    def cell(self, row: BackupInfo, column: int) -> Any:
        return (
            row.created_at.strftime("%Y-%m-%d %H:%M"),
            kind_label(row.kind),
            "" if row.case_count is None else str(row.case_count),
            str(row.file_count),
            size_text(row.size),
        )[column]
