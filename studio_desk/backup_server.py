"""Backups of a shared PostgreSQL database, made from a desk (服务器数据的备份); restoring one
is :mod:`studio_desk.restore_server`.

A backup is the same archive as on one PC: the shared data is copied, inside one read snapshot
that never blocks the desks, into a SQLite file (with the attachments beside it) that goes into
the zip. So one restore path serves both modes, and any backup opens on a single PC. The schedule
(daily on start and on exit) and the rotation (7 daily / 4 weekly / 12 monthly) are those of a
file; the folder is the 备份文件夹 setting, else ``backups`` in this desk's data folder.
"""

from __future__ import annotations

from pathlib import Path

from peewee import PostgresqlDatabase

from studio_desk import settings
from studio_desk.backup import pack_backup, ready_folder
from studio_desk.backup_archive import BackupInfo
from studio_desk.db import default_data_dir, files_dir
from studio_desk.move import move_studio, server, sqlite_target
from studio_desk.progress import NO_PROGRESS, Progress


def default_folder() -> Path:
    return default_data_dir() / "backups"


def backup_folder() -> Path:
    """The 备份文件夹 setting of the shared database (read through the open one), else this desk's."""
    chosen = str(settings.get("backup_dir") or "").strip()
    return Path(chosen) if chosen else default_folder()


def server_backup(
    db: PostgresqlDatabase,
    folder: Path | None = None,
    *,
    kind: str = "manual",
    progress: Progress = NO_PROGRESS,
    prune_old: bool = True,
) -> BackupInfo:
    """Back up the shared database ``db`` (a second connection is made to it) into ``folder``."""
    folder = ready_folder(folder or backup_folder(), default_data_dir() / db.database)  # creates the default one

    def take(snapshot: Path) -> tuple[str, Path]:
        move_studio(server(db), sqlite_target(snapshot), progress, audited=False)
        _self_contained(snapshot)
        return kind, files_dir(snapshot)

    return pack_backup(folder, db.database, take, progress, prune_old=prune_old)


def _self_contained(snapshot: Path) -> None:
    """One file in the archive, as a file's backup is (no -wal beside it)."""
    import sqlite3

    from studio_desk.backup_archive import closing

    with closing(sqlite3.connect(snapshot)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
