"""Backups (备份): one dated .zip with the database, its attachments folder and a manifest,
made with SQLite's online backup API (never a file copy of a live database).

An archive is written under a temporary name, verified (``PRAGMA integrity_check`` on the
database copy before it is packed, then every member's SHA-256 read back from the written
archive) and only then renamed into place, so a full
disk, a pulled USB stick, Cancel or a crash never leaves a half-written archive under a real
name; older backups are pruned only after that. A shared PostgreSQL database is backed up into
the same archive (:mod:`studio_desk.backup_server`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from studio_desk import clock
from studio_desk.backup_archive import (
    DB_MEMBER,
    FILES_PREFIX,
    BackupInfo,
    describe_backup,
    new_manifest,
    verify_archive,
    write_archive,
)
from studio_desk.backup_errors import disk_full_error, folder_error, unplugged_error
from studio_desk.backup_rotation import archive_name, prune
from studio_desk.db import files_dir
from studio_desk.db_file import open_read_only, require_studio_database, sqlite_uri
from studio_desk.errors import DomainError, SchemaError
from studio_desk.progress import NO_PROGRESS, Progress

_STALE_SECONDS = 3600


def default_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def configured_folder(db_path: Path) -> Path:
    """The backup folder chosen in the settings (read from the file itself), else the default."""
    try:
        with closing(sqlite3.connect(sqlite_uri(db_path, "ro"), uri=True, timeout=5)) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'backup_dir'").fetchone()
        value = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        value = None
    return Path(value) if isinstance(value, str) and value.strip() else default_folder(db_path)


def create_backup(db_path: str | Path, folder: str | Path | None = None, *, kind: str = "manual",
                  progress: Progress = NO_PROGRESS, prune_old: bool = True) -> BackupInfo:
    """Back up the database file and its attachments into one verified, dated archive.

    Raises DomainError with a Chinese message for a missing or unplugged folder, a full disk,
    a read-only folder or an unreadable database; the saved data and the older backups are
    untouched in every such case. ``kind`` "before-restore" also keeps a raw copy of a
    database too damaged for the backup API (as kind "damaged").
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise DomainError(f"找不到数据库文件“{db_path}”，无法备份。")
    if kind != "before-restore":  # a damaged file is still kept (raw) before a restore replaces it
        require_studio_database(db_path)
    folder = ready_folder(Path(folder) if folder else configured_folder(db_path), db_path)

    def take(snapshot: Path) -> tuple[str, Path]:
        damaged = _snapshot(db_path, snapshot, allow_raw=kind == "before-restore")
        return ("damaged" if damaged else kind), files_dir(db_path)

    return pack_backup(folder, db_path.stem, take, progress, prune_old=prune_old)


def pack_backup(folder: Path, stem: str, take: Callable[[Path], tuple[str, Path]], progress: Progress,
                *, prune_old: bool = True) -> BackupInfo:
    """The archive around a database copy: ``take(path)`` writes the copy (a self-contained SQLite
    file) to ``path`` and returns the backup's kind and the files folder whose attachments go in."""
    temp: Path | None = None
    try:
        with tempfile.TemporaryDirectory(prefix=f".{stem}_work-", dir=folder) as work:
            remove_abandoned(_own_temporaries(folder, stem), Path(work))
            snapshot = Path(work) / DB_MEMBER
            progress.update(0, 100, "正在复制数据库…")
            kind, files = take(snapshot)
            # A name of its own: two backups in the same second (two desks, a scheduled task)
            # must not write into one temporary file.
            temp = folder / f".{stem}_{secrets.token_hex(6)}.partial"
            write_archive(temp, _members(snapshot, files), new_manifest(snapshot, kind), progress)
            progress.update(90, 100, "正在校验备份…")
            verify_archive(temp, None)
            final = _claim_name(temp, folder, stem, kind)
        _sync_dir(folder)
    except OSError as exc:
        raise folder_error(exc, folder) from exc
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    if prune_old and kind != "damaged":
        prune(folder, stem, final)
    progress.update(100, 100, "备份完成")
    return describe_backup(final)


def ready_folder(folder: Path, db_path: Path) -> Path:
    """The backup folder, created if only its last part is missing; a missing drive is an error."""
    if folder.is_dir():
        return folder
    if folder.exists():
        raise DomainError(f"备份位置“{folder}”不是文件夹，请在设置中重新选择备份文件夹。")
    is_default = folder == default_folder(db_path)
    if not (is_default or folder.parent.is_dir()):
        raise unplugged_error(folder)
    try:
        folder.mkdir(parents=is_default, exist_ok=True)
    except OSError as exc:
        raise folder_error(exc, folder) from exc
    return folder


def _claim_name(temp: Path, folder: Path, stem: str, kind: str) -> Path:
    """Give the verified archive the first free dated name, never replacing another backup made
    in the same second: a hard link fails if the name was taken meanwhile; where the disk has
    no hard links (FAT USB sticks), the name is checked just before the rename."""
    now, n = clock.now(), 1
    while True:
        final = folder / archive_name(stem, now, kind, n)
        n += 1
        if final.exists():
            continue
        try:
            os.link(temp, final)
        except FileExistsError:
            continue
        except OSError:
            os.replace(temp, final)
            return final
        temp.unlink()
        return final


def _own_temporaries(folder: Path, stem: str) -> list[Path]:
    return [p for p in folder.iterdir()
            if p.name.startswith(f".{stem}_") and (p.name.endswith(".partial") or p.name.startswith(f".{stem}_work-"))]


def remove_abandoned(candidates: Iterable[Path], own: Path) -> None:
    """Remove the temporary files or folders among ``candidates`` that a crash or power cut left
    more than an hour ago.

    "An hour ago" is read on the folder's own clock, from ``own``, just made there by the caller:
    a network drive or a USB stick written by another PC may disagree with this PC's clock, and a
    backup or restore still running at the other desk must never look abandoned."""
    cutoff = own.stat().st_mtime - _STALE_SECONDS
    for leftover in candidates:
        try:
            if leftover != own and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        except OSError:
            continue


def _snapshot(db_path: Path, target: Path, *, allow_raw: bool) -> bool:
    """Copy the live database with the online backup API. Returns True when it could not be
    read and (only where ``allow_raw``) a raw copy of its files was taken instead."""
    from studio_desk.integrity import check_file

    try:
        with closing(open_read_only(db_path)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        problem = next(iter(check_file(target, full=True).problems), None)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            raise disk_full_error(target.parent.parent) from exc
        problem = str(exc)
    if problem is None:
        return False
    if not allow_raw:
        raise DomainError(f"数据库没有通过完整性检查（{problem[:200]}），本次备份没有完成，旧备份全部保留。"
                          "请用“完整性检查”查看，必要时从备份恢复。")
    target.unlink(missing_ok=True)
    shutil.copyfile(db_path, target)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return True


def _members(snapshot: Path, attachments: Path) -> list[tuple[str, Path]]:
    members = [(DB_MEMBER, snapshot)]
    wal = snapshot.with_name(snapshot.name + "-wal")
    if wal.exists():
        members.append((DB_MEMBER + "-wal", wal))
    if attachments.is_dir():
        members += [(FILES_PREFIX + p.relative_to(attachments).as_posix(), p)
                    for p in sorted(attachments.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    return members


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)




def before_upgrade(db: Any, old_version: int) -> None:
    """open_database calls this before a schema migration of a file: back it up first.

    Falls back to the default folder when the chosen one is unavailable; when no backup can be
    made the upgrade is refused (SchemaError) and the database stays exactly as it was.
    """
    path = Path(getattr(db, "database", "") or "")
    if not path.is_file():
        return
    problems = []
    for folder in dict.fromkeys((configured_folder(path), default_folder(path))):
        try:
            create_backup(path, folder, kind="upgrade", prune_old=False)
            return
        except DomainError as exc:
            problems.append(exc.message)
    raise SchemaError(f"升级数据结构（从版本 {old_version}）前的自动备份失败：{problems[-1]} 为安全起见没有升级。")
