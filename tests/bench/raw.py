"""The floors: the same work done with the bare libraries (sqlite3, openpyxl, reportlab, PySide6)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio_desk.db import SQLITE_PRAGMAS


def connect(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the same pragmas the program uses (WAL, FULL sync…)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    return conn


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.queries: list[tuple[str, tuple]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            self.queries.append((sql, tuple(params or ())))


@contextmanager
def captured_sql() -> Iterator[list[tuple[str, tuple]]]:
    """The SQL statements peewee sends while the block runs (to replay them through bare sqlite3)."""
    logger = logging.getLogger("peewee")
    handler = _Capture()
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.queries
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def replay(conn: sqlite3.Connection, queries: list[tuple[str, tuple]]) -> None:
    for sql, params in queries:
        conn.execute(sql, params).fetchall()
