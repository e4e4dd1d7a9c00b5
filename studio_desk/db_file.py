"""Is this file a StudioDesk database (数据库文件) we can open? Asked before anything writes to it.

A typo in ``--db`` must not create an empty database (and report zeros), another program's
SQLite file must not get our tables written into it, and a 0-byte file is no database at all.
Only the demo and the desk's first-run setup create a database; everything else opens an
existing one. The look is read-only and never creates, migrates or checkpoints anything.
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

from studio_desk.env_errors import DAMAGE_ADVICE, DatabaseDamaged, damage_message, explain, os_error, sqlite_code
from studio_desk.errors import DomainError, SchemaError

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every StudioDesk database has had since schema version 1.
_OUR_TABLES = {"schema_info", "complaint", "user", "audit_event", "setting"}


def sqlite_uri(path: Path, mode: str) -> str:
    """``mode=ro`` never writes (not even a checkpoint); ``mode=rw`` never creates a file."""
    return Path(path).resolve().as_uri() + f"?mode={mode}"


def is_sqlite_file(path: Path) -> bool:
    """True when ``path`` is a regular file that starts like an SQLite database."""
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def require_studio_database(path: str | Path, *, shown_as: str | None = None) -> int:
    """The schema version of the StudioDesk database at ``path``; a DomainError naming what the
    file is instead (missing, a folder, empty, not a database, another program's, too new).
    ``shown_as`` names the file in messages (a staged copy's hidden path means nothing to anyone)."""
    from studio_desk.migrations import LATEST_VERSION

    path = Path(path)
    where = shown_as or f"“{path}”"
    if not path.exists():
        raise DomainError(f"找不到数据库文件{where}：请检查路径是否写错。（新的演示数据库用 main.py demo 生成。）")
    if path.is_dir():
        raise DomainError(f"{where}是一个文件夹，不是数据库文件。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise os_error(exc, path) from exc
    if size == 0:
        raise DomainError(f"{where}是一个空文件（0 字节），不是影楼客怨处理台的数据库，没有做任何修改。")
    if not is_sqlite_file(path):
        if zipfile.is_zipfile(path):
            raise DomainError(f"{where}是一个压缩包（备份文件？），不是数据库：要从备份恢复，请用 main.py restore。")
        raise DatabaseDamaged(f"{where}不是数据库文件，或者文件开头已损坏。如果它确实是数据库文件：{DAMAGE_ADVICE}")
    tables, version = _read_identity(path)
    if not _OUR_TABLES <= tables and _foreign_wal(path):
        raise DatabaseDamaged(
            f"{where}旁边的 {path.name}-wal 日志文件不属于这个数据库（可能是从别处复制来的）。"
            "为保护数据没有做任何修改：请把这个 -wal 文件移到别处后再试，不要删除数据库文件；如有疑问请联系技术支持。"
        )
    if not _OUR_TABLES <= tables:
        what = "一个空的 SQLite 数据库" if not tables else "其他程序的 SQLite 数据库"
        raise DomainError(f"{where}是{what}，不是影楼客怨处理台的数据库，没有做任何修改。")
    if version is None:
        raise DatabaseDamaged(f"{where}的版本记录已损坏。{DAMAGE_ADVICE}")
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{where}来自更新版本的影楼客怨处理台（数据结构版本 {version}，本程序只认识到 "
            f"{LATEST_VERSION}），为保护数据不做任何修改。请升级程序后再打开。"
        )
    return version


def open_read_only(path: Path, timeout: float = 30) -> sqlite3.Connection:
    """A connection that never writes (not even a checkpoint). A read-only folder or medium
    cannot hold the -shm file that reading a WAL database needs; there nobody can write
    either, so the file is then read as it is on disk (``immutable``)."""
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not sqlite_code(exc).startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) or os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(sqlite_uri(path, "ro&immutable=1"), uri=True, timeout=timeout)


def _read_identity(path: Path) -> tuple[set[str], int | None]:
    """Table names and stored schema version."""
    try:
        with closing(open_read_only(path, 15)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = conn.execute("SELECT version FROM schema_info").fetchone() if "schema_info" in tables else None
    except sqlite3.DatabaseError as exc:
        raise explain(exc, path) or DatabaseDamaged(damage_message(path)) from exc
    return tables, _version(row)


def _foreign_wal(path: Path) -> bool:
    """The file alone (its -wal ignored) is ours, only with the -wal it is not: a stale or
    copied -wal of another database, which SQLite would read as part of this one."""
    if not path.with_name(path.name + "-wal").exists():
        return False
    try:
        with closing(sqlite3.connect(sqlite_uri(path, "ro&immutable=1"), uri=True)) as conn:
            alone = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return False
    return _OUR_TABLES <= alone


def _version(row: tuple | None) -> int | None:
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None
