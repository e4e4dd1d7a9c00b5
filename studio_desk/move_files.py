"""The attachments' content in a move between databases: files in the folder beside a SQLite
database, pieces inside a PostgreSQL one (:mod:`attachment_chunks`). Each file is hashed as it is
copied (a source file that no longer matches its SHA-256 stops the move) and read back from the
target afterwards."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from studio_desk import attachment_chunks
from studio_desk.errors import DomainError


@dataclass
class Place:
    """One end of a move: a database not bound to the models, and where its attachments live
    (the files folder of a SQLite database; None on PostgreSQL, which holds them inside)."""

    db: Database
    label: str
    files: Path | None = None


def attachment_hashes(db: Database) -> dict[str, str]:
    """SHA-256 → a file name it was attached under (its extension names the stored file)."""
    rows = db.execute_sql("SELECT sha256, MIN(filename) FROM attachment GROUP BY sha256").fetchall()
    return dict(rows)


def stored_file(folder: Path, sha: str, filename: str) -> Path:
    """Where a SQLite studio keeps the content ``sha`` (``<folder>/ab/<sha><ext>``)."""
    found = sorted((folder / sha[:2]).glob(f"{sha}*")) if (folder / sha[:2]).is_dir() else []
    return found[0] if found else folder / sha[:2] / f"{sha}{Path(filename).suffix.lower()[:11]}"


def _pieces(place: Place, sha: str, filename: str) -> Iterator[bytes]:
    if place.files is None:
        yield from attachment_chunks.read(place.db, sha)
        return
    path = stored_file(place.files, sha, filename)
    try:
        with path.open("rb") as f:
            while piece := f.read(attachment_chunks.CHUNK):
                yield piece
    except FileNotFoundError as exc:
        raise DomainError(
            f"附件“{filename}”的文件找不到了（{path}）：迁移已停止，目标没有保存任何内容。"
            "请先从备份恢复附件，或运行 main.py check --full 查看缺少哪些文件。"
        ) from exc


class _Checked:
    """The pieces of one file, hashed on the way through."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self.pieces, self.digest = pieces, hashlib.sha256()
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.digest.update(piece)
            self.size += len(piece)
            yield piece


def copy(source: Place, target: Place, shas: dict[str, str], tick: Callable[[int], None]) -> tuple[int, int]:
    """Copy every attachment's content; returns (files, bytes)."""
    total = 0
    for sha, filename in sorted(shas.items()):
        checked = _Checked(_pieces(source, sha, filename))
        if target.files is None:
            attachment_chunks.store(target.db, sha, checked)
        else:
            _write_file(stored_file(target.files, sha, filename), checked)
        if checked.digest.hexdigest() != sha or checked.size == 0:
            raise DomainError(
                f"附件“{filename}”的内容与登记的校验值不一致（文件已损坏或被替换）：迁移已停止，目标没有保存任何内容。"
            )
        total += checked.size
        tick(1)
    return len(shas), total


def _write_file(path: Path, pieces: _Checked) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".incoming-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def verify(target: Place, shas: dict[str, str], tick: Callable[[int], None]) -> None:
    """Read every file back from the target and compare its SHA-256."""
    for sha, filename in sorted(shas.items()):
        found, _size = attachment_chunks.digest(_pieces(target, sha, filename))
        if found != sha:
            raise DomainError(f"迁移校验失败：附件“{filename}”复制后与原文件不一致。目标数据库没有保存任何内容。")
        tick(1)
