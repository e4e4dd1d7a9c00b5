"""Backups of the database that is open, a file or the shared server (备份当前数据库): the menu's
立即备份, the daily one at start and on exit, and where they are kept. The two kinds of backup
themselves are :mod:`studio_desk.backup` (a file) and :mod:`studio_desk.backup_server`."""

from __future__ import annotations

from pathlib import Path

from studio_desk import audit, clock
from studio_desk.backup import configured_folder, create_backup
from studio_desk.backup_archive import BackupInfo
from studio_desk.backup_rotation import last_good_backup
from studio_desk.backup_server import backup_folder, server_backup
from studio_desk.db import current_database, sqlite_path, write_transaction
from studio_desk.models import User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress


def backups_of(db_path: Path | None) -> tuple[Path, str]:
    """The backup folder and the archives' name stem of a database file, or (None) of the open
    shared database."""
    if db_path is not None:
        return configured_folder(Path(db_path)), Path(db_path).stem
    return backup_folder(), current_database().database


def backup_now(user: User, *, progress: Progress = NO_PROGRESS) -> BackupInfo:
    """立即备份 from the menu: the open database into the configured folder, audited."""
    require(user, "backup")
    db_path = sqlite_path()
    if db_path is None:
        info = server_backup(current_database(), progress=progress)
    else:
        info = create_backup(db_path, progress=progress)
    with write_transaction():
        audit.record("backup", user, archive=info.path.name, cases=info.case_count)
    return info


def backup_if_due(db_path: str | Path | None, folder: str | Path | None = None, *,
                  progress: Progress = NO_PROGRESS) -> BackupInfo | None:
    """The daily automatic backup, made on the first start of a day; None when today's backup
    exists already. Without ``db_path``, of the database that is open (file or shared server)."""
    if db_path is None and sqlite_path() is None:
        db = current_database()
        folder = Path(folder) if folder else backup_folder()
        if _made_today(folder, db.database):
            return None
        return server_backup(db, folder, kind="auto", progress=progress)
    db_path = Path(db_path or sqlite_path())
    folder = Path(folder) if folder else configured_folder(db_path)
    if _made_today(folder, db_path.stem):
        return None
    return create_backup(db_path, folder, kind="auto", progress=progress)


def _made_today(folder: Path, stem: str) -> bool:
    last = last_good_backup(folder, stem)
    return last is not None and last.created_at.date() == clock.now().date()
