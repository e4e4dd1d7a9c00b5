"""Restore (恢复) a backup archive over the current database and its attachments.

Order of work, each step safe to interrupt: verify the archive completely into a staging folder;
check that its database is a StudioDesk database of a schema this program knows, bring that
staged copy up to date and note the restore in its audit trail; then take the live database's
write lock, make the safety backup (so it holds everything committed until the lock), swap in
the attachments folder and the staged contents in that one transaction (every open connection —
the other window, the other desk — simply sees the restored data next time it reads).
Nothing is swapped before every check passed; a failure during the swap rolls it back, and the
message says where the safety backup is.
"""

from __future__ import annotations

import errno
import json
import secrets
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from studio_desk import clock
from studio_desk.backup import configured_folder, create_backup, ready_folder, remove_abandoned
from studio_desk.backup_archive import (
    DB_MEMBER,
    FILES_PREFIX,
    BackupInfo,
    describe_backup,
    verify_archive,
)
from studio_desk.db import files_dir, make_database, refuse_writes
from studio_desk.db_file import require_studio_database, sqlite_uri
from studio_desk.env_errors import DatabaseDamaged, explain, os_error
from studio_desk.errors import DomainError
from studio_desk.integrity import check_file
from studio_desk.migrations import LATEST_VERSION, migrate
from studio_desk.models import User
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.restore_swap import is_healthy, replace_contents, replace_file, write_locked

__all__ = ["RestoreResult", "current_case_count", "describe_backup", "restore_backup"]

UNCHANGED = "当前数据没有改动。"


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo | None  # the data as it was just before the restore


def restore_backup(archive: str | Path, db_path: str | Path, *, user: User | None = None,
                   folder: str | Path | None = None, progress: Progress = NO_PROGRESS) -> RestoreResult:
    """Replace the database file and its attachments with the contents of ``archive``.

    ``user`` (from the GUI) needs the 备份与恢复 right; without one (command line, or the
    start-up recovery of a damaged file before anyone can sign in) the operator at the
    machine is trusted. Nothing is changed when the archive fails a check.
    """
    if user is not None:
        from studio_desk.permissions import require

        require(user, "backup")
    archive, db_path = Path(archive), Path(db_path)
    info = describe_restorable(archive)
    has_data = _check_target(db_path)
    backups = Path(folder) if folder else configured_folder(db_path)
    staging = db_path.with_name(f".{db_path.stem}_restoring-{secrets.token_hex(4)}")
    try:
        staging.mkdir()
        remove_abandoned([p for p in db_path.parent.iterdir() if p.name.startswith(f".{db_path.stem}_restoring")],
                         staging)
        progress.update(5, 100, "正在校验备份文件…")
        verify_archive(archive, staging, require_ok=False, extract_files=True)
        progress.update(30, 100, "正在检查备份中的数据库…")
        prepare_staged(staging / DB_MEMBER, info, user)
        progress.update(45, 100, "正在备份当前数据…")
        safety = _swap(staging, db_path, ready_folder(backups, db_path) if has_data else None, progress)
    except OSError as exc:
        raise _restore_error(exc, db_path) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    refuse_writes(None)
    progress.update(100, 100, "恢复完成")
    return RestoreResult(info, safety)


def describe_restorable(archive: Path) -> BackupInfo:
    """What ``archive`` holds; refused if it comes from a newer StudioDesk."""
    info = describe_backup(archive)
    if info.schema_version is not None and info.schema_version > LATEST_VERSION:
        raise DomainError(
            f"这个备份来自更新版本的影楼客怨处理台（数据结构版本 {info.schema_version}），请升级程序后再恢复。")
    return info


def _check_target(db_path: Path) -> bool:
    """Whether there is data to keep at ``db_path``; refuses a folder and another program's file."""
    if db_path.is_dir():
        raise DomainError(f"“{db_path}”是一个文件夹：请给出数据库文件的路径（如 {db_path / 'studiodesk.sqlite3'}）。")
    if not db_path.exists() or db_path.stat().st_size == 0:
        if not db_path.parent.is_dir():
            raise DomainError(f"找不到文件夹“{db_path.parent}”，没有恢复。")
        return False
    try:
        require_studio_database(db_path)
    except DatabaseDamaged:
        pass  # damaged: exactly what a restore is for; its raw copy goes into the safety backup
    return True


def prepare_staged(staged: Path, info: BackupInfo, user: User | None) -> None:
    """Refuse a member that is no StudioDesk database (0-byte, another program's, too new);
    bring the staged copy to the current schema and note the restore in its audit trail."""
    require_studio_database(staged, shown_as=f"备份文件“{info.path.name}”中的数据库")
    report = check_file(staged, full=True)
    if not report.ok:
        raise DomainError(f"备份文件“{info.path.name}”中的数据库没有通过完整性检查（{report.problems[0][:200]}）。"
                          f"{UNCHANGED}")
    db = make_database(staged)
    db.connect()
    try:
        migrate(db)  # the archive itself is the backup of the older version
    finally:
        db.close()
    details = {"archive": info.path.name, "backup_made": str(info.created_at), "cases": info.case_count,
               "by": user.username if user else "命令行/启动恢复"}
    with closing(sqlite3.connect(staged)) as conn:
        user_id = None
        if user is not None and conn.execute('SELECT 1 FROM "user" WHERE id = ?', (user.id,)).fetchone():
            user_id = user.id
        conn.execute(
            "INSERT INTO audit_event (at, user_id, case_id, action, details) VALUES (?, ?, NULL, 'restore', ?)",
            (str(clock.now()), user_id, json.dumps(details, ensure_ascii=False)))
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, attached read-only
        conn.commit()


def _swap(staging: Path, db_path: Path, backups: Path | None, progress: Progress) -> BackupInfo | None:
    staged = staging / DB_MEMBER
    files = _AttachmentSwap(staging / FILES_PREFIX.rstrip("/"), db_path)
    if backups is None:  # nothing to keep: a new computer, or a 0-byte file
        with files:
            files.swap()
            db_path.unlink(missing_ok=True)
            staged.replace(db_path)
        return None
    safety = None
    try:
        with files:  # renamed back unless the transaction below committed
            with write_locked(db_path, staged) as conn:
                safety = _safety_backup(db_path, backups)
                progress.update(75, 100, "正在恢复数据…")
                damaged = not is_healthy(conn)
                if not damaged:
                    files.swap()
                    replace_contents(conn)
            if damaged:  # not written through SQLite: the verified copy takes the file's place
                files.swap()
                replace_file(staged, db_path)
        return safety
    except sqlite3.DatabaseError as exc:
        raise _failed(explain(exc, db_path) or DomainError(f"恢复时出错：{exc}"), safety) from exc
    except DomainError as exc:
        raise _failed(exc, safety) from exc
    except OSError as exc:
        raise _failed(_restore_error(exc, db_path), safety) from exc


def _safety_backup(db_path: Path, backups: Path) -> BackupInfo:
    try:
        return create_backup(db_path, backups, kind="before-restore", prune_old=False)
    except DomainError as exc:
        raise DomainError(f"恢复前要先备份当前数据，但这个备份没有完成，所以没有恢复：{exc.message}") from exc


def _failed(exc: DomainError, safety: BackupInfo | None) -> DomainError:
    if safety is None:
        return exc
    return DomainError(f"恢复没有完成，当前数据保持原样：{exc.message} 恢复前的数据另已备份到：{safety.path}")


class _AttachmentSwap:
    """The attachments folder swapped by renames (:meth:`swap`, inside the block); when the block
    fails they are renamed back, when it succeeds the old folder is deleted. Without a
    :meth:`swap` call inside, the block changes nothing."""

    def __init__(self, new_files: Path, db_path: Path) -> None:
        self.new, self.live = new_files, files_dir(db_path)
        self.old = db_path.with_name(f".{db_path.stem}_files.old")
        self.had = self.moved = False

    def __enter__(self) -> _AttachmentSwap:
        self.had = self.moved = False
        return self

    def swap(self) -> None:
        shutil.rmtree(self.old, ignore_errors=True)
        if self.live.exists():
            self.live.rename(self.old)
            self.had = True
        if self.new.is_dir():
            self.new.rename(self.live)
            self.moved = True

    def __exit__(self, failed: object, *rest: object) -> None:
        if not failed:
            shutil.rmtree(self.old, ignore_errors=True)
            return
        if self.moved:
            self.live.rename(self.new)
        if self.had:
            self.old.rename(self.live)


def _restore_error(exc: OSError, db_path: Path) -> DomainError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DomainError(f"“{db_path.parent}”所在的磁盘空间不够解压这个备份，没有恢复。"
                           f"请清理磁盘空间后再试。{UNCHANGED}")
    return DomainError(f"恢复没有完成：{os_error(exc, db_path.parent).message} {UNCHANGED}")


def current_case_count(db_path: str | Path | None) -> int | None:
    """How many cases the database file (None: the open shared database) holds now, for the
    confirmation before a restore."""
    if db_path is None:
        from studio_desk.models import Complaint

        return Complaint.select().where(Complaint.deleted == False).count()  # noqa: E712
    try:
        with closing(sqlite3.connect(sqlite_uri(Path(db_path), "ro"), uri=True, timeout=5)) as conn:
            return conn.execute("SELECT COUNT(*) FROM complaint WHERE deleted = 0").fetchone()[0]
    except sqlite3.Error:
        return None
