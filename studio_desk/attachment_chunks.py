"""Attachment content inside the database (附件内容), for a shared PostgreSQL database: every desk
reads the same files, prints them on the case sheet and backs them up.

A file is stored once per SHA-256 as numbered pieces of at most :data:`CHUNK` bytes, written and
read one piece at a time, so a large scan never sits in memory whole. The functions take the
database explicitly: the move to another database writes into one that the models are not bound to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from peewee import Database

CHUNK = 1024 * 1024


def stored(db: Database, sha: str) -> bool:
    return (
        db.execute_sql(f"SELECT 1 FROM attachment_chunk WHERE sha256 = {db.param} AND seq = 0", (sha,)).fetchone()
        is not None
    )


def store(db: Database, sha: str, pieces: Iterable[bytes]) -> int:
    """Write the content ``sha`` from ``pieces`` (each at most CHUNK bytes), in the caller's
    transaction, unless it is stored already; returns the number of bytes written."""
    if stored(db, sha):
        return 0
    sql = f"INSERT INTO attachment_chunk (sha256, seq, data) VALUES ({db.param}, {db.param}, {db.param})"
    size = 0
    for seq, piece in enumerate(pieces):
        db.execute_sql(sql, (sha, seq, bytes(piece)))
        size += len(piece)
    return size


def read(db: Database, sha: str) -> Iterator[bytes]:
    """The content ``sha``, one piece per query (never the whole file at once); empty if missing."""
    sql = f"SELECT data FROM attachment_chunk WHERE sha256 = {db.param} AND seq = {db.param}"
    seq = 0
    while (row := db.execute_sql(sql, (sha, seq)).fetchone()) is not None:
        yield bytes(row[0])
        seq += 1


def digest(pieces: Iterable[bytes]) -> tuple[str, int]:
    """(SHA-256, size) of the content made of ``pieces``."""
    hasher, size = hashlib.sha256(), 0
    for piece in pieces:
        hasher.update(piece)
        size += len(piece)
    return hasher.hexdigest(), size
