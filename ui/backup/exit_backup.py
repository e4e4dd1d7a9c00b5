"""The 退出时自动备份 setting: a quiet backup as the desk closes.

It runs as an op on the write thread, after any save still running, while the window stays on
screen (disabled, with a progress dialog past ~300 ms); the caller closes in ``then``. A failure
is only logged — the next start warns when backups are getting old.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from studio_desk import settings
from studio_desk.backup import create_backup
from studio_desk.backup_archive import BackupInfo
from studio_desk.progress import Progress
from ui.ops import error_text, progress_op
from ui.session import Session


def back_up_on_exit(session: Session, window: QWidget | None, then: Callable[[], object]) -> None:
    """Back up (when the setting asks for it), then call ``then`` — after any outcome."""
    path = session.db_path
    if path is not None and not Path(path).exists():
        then()  # its file was moved away: nothing to back up
        return
    op = progress_op(window, lambda progress: _back_up(path, progress), write=True)
    if window is not None:
        op.disables(window)  # no more edits once the desk is closing
    (
        op.with_progress(QCoreApplication.translate("ExitBackup", "Backing up before closing"))
        .failure(lambda error: print(f"退出时自动备份没有完成：{error_text(error)}", file=sys.stderr))
        .ended(then)
        .run()
    )


def _back_up(path: str | Path | None, progress: Progress) -> BackupInfo | None:
    """On the worker thread: the setting is read there too."""
    if not settings.get("backup_on_exit"):
        return None
    if path is None:
        from studio_desk.backup_server import server_backup
        from studio_desk.db import current_database

        return server_backup(current_database(), kind="exit", progress=progress)
    return create_backup(path, kind="exit", progress=progress)
