"""Restoring a shared PostgreSQL database from a backup archive, from a desk (恢复共享数据库).

A restore checks the archive as on a file, makes the safety backup, then replaces the shared
tables in one transaction holding the desks' write lock (:func:`studio_desk.move.move_studio`
with ``replace``). Only one desk restores at a time: a second one is told and changes nothing.
The other desk sees the restore's own audit event and reloads (:mod:`studio_desk.changes`).
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from peewee import PostgresqlDatabase

from studio_desk.backup_archive import DB_MEMBER, FILES_PREFIX, verify_archive
from studio_desk.backup_server import server_backup
from studio_desk.db import connect, default_data_dir, make_database
from studio_desk.errors import DomainError
from studio_desk.move import move_studio, server
from studio_desk.move_files import Place
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.restore import RestoreResult, describe_restorable, prepare_staged

RESTORE_LOCK = 0x5D5E  # advisory lock key held by the one desk that is restoring


def server_restore(
    archive: str | Path,
    db: PostgresqlDatabase,
    *,
    user=None,
    folder: Path | None = None,
    progress: Progress = NO_PROGRESS,
) -> RestoreResult:
    """Replace the shared data with ``archive``'s; the result names the safety backup made first."""
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
