"""Helpers for the data-safety tests: damage a database file for real, build a schema-v1 file,
and mount a tiny or read-only filesystem (a real full disk / write-protected stick)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from studio_desk.db import close_database

SCHEMA_V1 = Path(__file__).parent / "data" / "schema_v1.sql"


def damage(path: Path, table: str = "audit_event") -> None:
    """Overwrite the first page of ``table``'s b-tree: integrity_check then reports it."""
    close_database()  # the last connection checkpoints the WAL into the file
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "r+b") as f:
        f.seek(page_size * (root - 1))
        f.write(b"\x0d\x00\x00\x00\xff\xff" + b"\xa5" * 200)


def make_v1_database(path: Path) -> None:
    """An empty database exactly as StudioDesk schema version 1 left it."""
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA_V1.read_text(encoding="utf-8"))
        conn.execute("INSERT INTO schema_info (version) VALUES (1)")
    conn.close()


@contextmanager
def mounted_tmpfs(where: Path, *, size_kb: int = 64, read_only: bool = False) -> Iterator[Path]:
    """A real small (or read-only) filesystem at ``where``; skips the test where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k" + (",ro" if read_only else "")
    if os.geteuid() != 0:
        pytest.skip("mounting a test filesystem needs root (CI runs as root)")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a test filesystem here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def remount_read_only(where: Path) -> None:
    """Make a mounted test filesystem read-only (a write-protected stick); root cannot write there either."""
    result = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {result.stderr.decode(errors='replace').strip()}")


def fill_up(where: Path) -> None:
    """Fill the filesystem at ``where`` to the last byte (a full disk)."""
    with open(where / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
