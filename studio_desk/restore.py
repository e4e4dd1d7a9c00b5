"""Restore (恢复) a backup archive over the current database and its attachments.

Order of work, each step safe to interrupt: verify the archive completely; make a safety
backup of the current data; swap in the attachments folder; copy the database pages in with
SQLite's backup API (one transaction, so every open connection — the other window, the
other thread — simply sees the restored data next time it reads); bring an older schema up
to date; record the restore in the audit trail.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studio_desk import clock
from studio_desk.backup import configured_folder, create_backup, ready_folder
from studio_desk.backup_archive import (
    DB_MEMBER,
    FILES_PREFIX,
    BackupInfo,
    closing,
    describe_backup,
    sqlite_uri,
    verify_archive,
)
from studio_desk.backup_errors import folder_error
from studio_desk.db import files_dir, make_database, refuse_writes
from studio_desk.errors import DomainError
from studio_desk.migrations import LATEST_VERSION, migrate
from studio_desk.models import User
from studio_desk.progress import NO_PROGRESS, Progress

__all__ = ["RestoreResult", "current_case_count", "describe_backup", "restore_backup"]


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo | None  # the data as it was just before the restore


def restore_backup(archive: str | Path, db_path: str | Path, *, user: User | None = None,
                   folder: str | Path | None = None, progress: Progress = NO_PROGRESS) -> RestoreResult:
    """Replace the database file and its attachments with the contents of ``archive``.

    ``user`` (from the GUI) needs the 备份与恢复 right; without one (command line, or the
    start-up recovery of a damaged file before anyone can sign in) the operator at the
    machine is trusted. Nothing is changed when the archive fails its verification.
    """
    if user is not None:
        from studio_desk.permissions import require

        require(user, "backup")
    archive, db_path = Path(archive), Path(db_path)
    info = describe_backup(archive)
    if info.schema_version is not None and info.schema_version > LATEST_VERSION:
        raise DomainError(
            f"这个备份来自更新版本的影楼客怨处理台（数据结构版本 {info.schema_version}），请升级程序后再恢复。")
    backups = Path(folder) if folder else configured_folder(db_path)
    staging = db_path.with_name(f".{db_path.stem}_restoring")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        progress.update(5, 100, "正在校验备份文件…")
        verify_archive(archive, staging, extract_files=True)
        progress.update(40, 100, "正在备份当前数据…")
        safety = None
        if db_path.is_file():
            safety = create_backup(db_path, ready_folder(backups, db_path), kind="before-restore", prune_old=False)
        progress.update(70, 100, "正在恢复数据…")
        _swap_in(staging, db_path)
        progress.update(95, 100, "正在完成…")
        _finish(db_path, info, user)
    except OSError as exc:
        raise folder_error(exc, db_path.parent) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    refuse_writes(None)
    progress.update(100, 100, "恢复完成")
    return RestoreResult(info, safety)


def current_case_count(db_path: str | Path) -> int | None:
    """How many cases the database file holds now, for the confirmation before a restore."""
    try:
        with closing(sqlite3.connect(sqlite_uri(Path(db_path), "ro"), uri=True, timeout=5)) as conn:
            return conn.execute("SELECT COUNT(*) FROM complaint WHERE deleted = 0").fetchone()[0]
    except sqlite3.Error:
        return None


def _swap_in(staging: Path, db_path: Path) -> None:
    """Attachments first (a rename, easy to undo), then the database pages."""
    attachments, new_files = files_dir(db_path), staging / FILES_PREFIX.rstrip("/")
    old = db_path.with_name(f".{db_path.stem}_files.old")
    shutil.rmtree(old, ignore_errors=True)
    had_files = attachments.exists()
    if had_files:
        attachments.rename(old)
    try:
        if new_files.is_dir():
            new_files.rename(attachments)
        _copy_pages(staging / DB_MEMBER, db_path)
    except BaseException:
        shutil.rmtree(attachments, ignore_errors=True)
        if had_files:
            old.rename(attachments)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _copy_pages(source: Path, db_path: Path) -> None:
    """Overwrite the live database in one transaction; a file too damaged to be written to
    that way (its raw copy is in the safety backup) is replaced as a whole instead."""
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(db_path, timeout=30)) as dst:
            src.backup(dst)
        return
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise DomainError("数据库正被其他窗口或电脑占用，请关闭其他使用这个数据库的程序后再恢复。") from exc
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    temp = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(source, temp)
    temp.replace(db_path)


def _finish(db_path: Path, info: BackupInfo, user: User | None) -> None:
    """Upgrade an older schema, then note the restore in the restored audit trail."""
    db = make_database(db_path)
    db.connect()
    try:
        migrate(db)  # the archive itself is the backup of the older version
    finally:
        db.close()
    details = {"archive": info.path.name, "backup_made": str(info.created_at), "cases": info.case_count,
               "by": user.username if user else "命令行/启动恢复"}
    with closing(sqlite3.connect(db_path, timeout=30)) as conn:
        user_id = None
        if user is not None and conn.execute('SELECT 1 FROM "user" WHERE id = ?', (user.id,)).fetchone():
            user_id = user.id
        conn.execute(
            "INSERT INTO audit_event (at, user_id, case_id, action, details) VALUES (?, ?, NULL, 'restore', ?)",
            (str(clock.now()), user_id, json.dumps(details, ensure_ascii=False)))
        conn.commit()
