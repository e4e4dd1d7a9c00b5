"""Backups and restores of a shared PostgreSQL database, made from a desk (服务器数据的备份与恢复).

A backup is the same archive as on one PC: the shared data is copied, inside one read snapshot
that never blocks the desks, into a SQLite file (with the attachments beside it) that goes into
the zip. So one restore path serves both modes, and any backup opens on a single PC. The schedule
(daily on start and on exit) and the rotation (7 daily / 4 weekly / 12 monthly) are those of a
file; the folder is the 备份文件夹 setting, else ``backups`` in this desk's data folder.

A restore checks the archive as on a file, makes the safety backup, then replaces the shared
tables in one transaction holding the desks' write lock (:func:`studio_desk.move.move_studio`
with ``replace``). Only one desk restores at a time: a second one is told and changes nothing.
The other desk sees the restore's own audit event and reloads (:mod:`studio_desk.changes`).
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import PostgresqlDatabase

from studio_desk import settings
from studio_desk.backup import pack_backup, ready_folder
from studio_desk.backup_archive import DB_MEMBER, FILES_PREFIX, BackupInfo, verify_archive
from studio_desk.db import connect, default_data_dir, files_dir, make_database
from studio_desk.errors import DomainError
from studio_desk.move import Place, move_studio, server, sqlite_target
from studio_desk.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from studio_desk.restore import RestoreResult

RESTORE_LOCK = 0x5D5E  # advisory lock key held by the one desk that is restoring


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


def server_restore(
    archive: str | Path,
    db: PostgresqlDatabase,
    *,
    user=None,
    folder: Path | None = None,
    progress: Progress = NO_PROGRESS,
) -> RestoreResult:
    """Replace the shared data with ``archive``'s; the result names the safety backup made first."""
    from studio_desk.restore import RestoreResult, describe_restorable, prepare_staged

    if user is not None:
        from studio_desk.permissions import require

        require(user, "backup")
    archive = Path(archive)
    info = describe_restorable(archive)
    lock = server(db).db
    connect(lock)
    staging = default_data_dir() / f".{db.database}_restoring-{secrets.token_hex(4)}"
    try:
        if not lock.execute_sql("SELECT pg_try_advisory_lock(%s)", (RESTORE_LOCK,)).fetchone()[0]:
            raise DomainError("另一台电脑正在恢复共享数据库，请等它完成后再试。当前数据没有改动。")
        progress.update(5, 100, "正在校验备份文件…")
        staging.mkdir(parents=True)  # in this desk's data folder, removed whatever happens
        verify_archive(archive, staging, require_ok=False, extract_files=True)
        prepare_staged(staging / DB_MEMBER, info, user)
        progress.update(30, 100, "正在备份当前数据…")
        try:
            safety = server_backup(db, folder, kind="before-restore", prune_old=False)
        except DomainError as exc:
            raise DomainError(f"恢复前要先备份当前数据，但这个备份没有完成，所以没有恢复：{exc.message}") from exc
        staged = Place(
            make_database(staging / DB_MEMBER, create=False),
            f"备份文件“{archive.name}”",
            staging / FILES_PREFIX.rstrip("/") / "attachments",
        )
        try:
            move_studio(staged, server(db), progress, audited=False, replace=True)
        except DomainError as exc:
            raise DomainError(
                f"恢复没有完成，共享数据保持原样：{exc.message} 恢复前的数据另已备份到：{safety.path}"
            ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        lock.close()  # ends the session, and with it the restore lock
    progress.update(100, 100, "恢复完成")
    return RestoreResult(info, safety)
