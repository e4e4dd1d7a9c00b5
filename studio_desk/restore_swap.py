"""The swap of a restore (恢复): the live database takes the staged copy's contents in one write
transaction, taken *before* the safety backup is made, so nothing another desk commits in
between can be lost, and a failure at any point leaves the live database as it was.

Why not SQLite's backup API into the live file: it refuses a destination connection that holds
a transaction, so the lock would have to be dropped between the safety backup and the copy, and
a commit of the other desk in that gap would be in neither. Why not a file copy: the other
desk's open connection (and its WAL) would then read a file swapped under it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from studio_desk.db import SQLITE_PRAGMAS
from studio_desk.db_file import sqlite_uri
from studio_desk.env_errors import sqlite_code
from studio_desk.errors import DomainError

_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_healthy(conn: sqlite3.Connection) -> bool:
    """Whether the live database passes quick_check: only then is it written through SQLite. A
    damaged one (its raw copy is in the safety backup) is replaced as a whole instead of having
    the restored rows poured into a broken container."""
    try:
        return conn.execute("PRAGMA main.quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as exc:
        if sqlite_code(exc) in _DAMAGE:
            return False
        raise


@contextmanager
def write_locked(db_path: Path, staged: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the live database (with ``staged`` attached as ``restored``: SQLite attaches
    only outside a transaction) holding the write lock (BEGIN IMMEDIATE) until the block ends:
    committed if it ends normally, rolled back otherwise. Other desks' writes wait meanwhile
    (their busy timeout) and then land on the restored data."""
    timeout = SQLITE_PRAGMAS["busy_timeout"] / 1000  # as long as a desk waits for the lock
    with closing(sqlite3.connect(sqlite_uri(db_path, "rw"), uri=True, timeout=timeout, isolation_level=None)) as conn:
        conn.execute("ATTACH DATABASE ? AS restored", (sqlite_uri(staged, "ro"),))
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            if sqlite_code(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                raise DomainError(
                    "数据库正被其他窗口或电脑长时间占用，没有恢复：请稍后再试，"
                    "或先关闭其他使用这个数据库的程序。当前数据没有改动。"
                ) from exc
            raise
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def replace_contents(conn: sqlite3.Connection) -> None:
    """Inside :func:`write_locked`'s transaction, make the live database's schema and rows those
    of the attached staged copy (a checked, migrated StudioDesk database)."""
    live = conn.execute(
        "SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type != 'table'"
    ).fetchall()
    for kind, name in live:  # triggers (the audit table's guards), indexes, views first
        conn.execute(f'DROP {kind} IF EXISTS main."{_q(name)}"')
    for (name,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        conn.execute(f'DROP TABLE main."{_q(name)}"')
    wanted = conn.execute(
        "SELECT type, name, sql FROM restored.sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type != 'table', rowid"
    ).fetchall()
    for kind, name, sql in wanted:
        conn.execute(sql)  # unqualified CREATE … goes to main
        if kind == "table":
            conn.execute(f'INSERT INTO main."{_q(name)}" SELECT * FROM restored."{_q(name)}"')
    if conn.execute("SELECT 1 FROM restored.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        conn.execute("DELETE FROM main.sqlite_sequence")
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence")


def _q(name: str) -> str:
    return name.replace('"', '""')


def replace_file(staged: Path, db_path: Path) -> None:
    """For a damaged live file (its raw copy is in the safety backup): the staged file takes its
    name; the damaged one is put back if that fails."""
    sides = [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]
    aside = db_path.with_name(f".{db_path.name}.replaced")
    os.replace(db_path, aside)
    try:
        for side in sides:
            side.unlink(missing_ok=True)
        os.replace(staged, db_path)
        with closing(sqlite3.connect(sqlite_uri(db_path, "rw"), uri=True)) as conn:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("restored file fails quick_check")
    except BaseException:
        os.replace(aside, db_path)
        raise
    aside.unlink(missing_ok=True)
