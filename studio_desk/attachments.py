"""Evidence files of a case (附件: photos of the prints, scans of the order, screenshots of a post).

A file is stored once, named by its SHA-256, in the data folder next to the database
(``<db stem>_files/attachments/ab/<sha256><ext>``; for PostgreSQL under the user's data
folder), so the same photo attached twice, or to two cases, takes its space only once.
The copy is written to a temporary file and renamed into place, so a power cut never
leaves a half-written file under a real name.

On a shared PostgreSQL database the content lives in the database (:mod:`attachment_chunks`),
written in the same transaction as the attachment's row, so both desks see, print and back up the
same files; a desk keeps a copy it has read in its data folder, to open it with the system viewer.
The size limit per file is the 附件大小上限 setting.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from peewee import ModelSelect

from studio_desk import attachment_chunks, audit, clock, settings
from studio_desk.db import current_database, default_data_dir, files_dir, sqlite_path, write_transaction
from studio_desk.errors import DomainError
from studio_desk.models import Attachment, User
from studio_desk.permissions import require
from studio_desk.services.common import load_case
from studio_desk.validation import clean_text

_CHUNK = attachment_chunks.CHUNK
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_SAFE_EXT = re.compile(r"^\.[a-z0-9]{1,10}$")


def files_root() -> Path:
    """The data folder that belongs to the open database (attachments, drafts)."""
    path = sqlite_path()
    if path is not None:
        return files_dir(path)
    return default_data_dir() / f"{current_database().database}_files"


def _store_dir() -> Path:
    return files_root() / "attachments"


def _extension(name: str) -> str:
    ext = Path(name).suffix.lower()
    return ext if _SAFE_EXT.match(ext) else ""


def _stored(sha: str) -> Path | None:
    """The stored file for ``sha``, whatever extension it was first stored with."""
    folder = _store_dir() / sha[:2]
    return next(iter(sorted(folder.glob(f"{sha}*"))), None) if folder.is_dir() else None


def attachment_path(attachment: Attachment) -> Path:
    """Where the stored copy of ``attachment`` lives; on PostgreSQL this desk's copy of the content,
    fetched from the database the first time it is asked for (a path that does not exist if the
    content is nowhere, as for a file missing from the folder)."""
    sha = attachment.sha256
    found = _stored(sha)
    if found is not None or sqlite_path() is not None:
        return found or _store_dir() / sha[:2] / f"{sha}{_extension(attachment.filename)}"
    target = _store_dir() / sha[:2] / f"{sha}{_extension(attachment.filename)}"
    if attachment_chunks.stored(current_database(), sha):
        _fetch(sha, target)
    return target


def is_missing(attachment: Attachment) -> bool:
    """True when the content is nowhere: neither in the folder nor (shared database) inside it.
    Asked by the full check, which must not fetch every file to find out."""
    if _stored(attachment.sha256) is not None:
        return False
    return sqlite_path() is not None or not attachment_chunks.stored(current_database(), attachment.sha256)


def _fetch(sha: str, target: Path) -> None:
    """This desk's copy of the content ``sha``, written from the database piece by piece and renamed
    into place only when its SHA-256 matches."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
    except OSError as exc:
        raise _write_error(exc) from exc
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as out:
            for piece in attachment_chunks.read(current_database(), sha):
                digest.update(piece)
                _write(out, piece)
        if digest.hexdigest() == sha:
            os.replace(temp, target)
    except OSError as exc:
        raise _write_error(exc) from exc
    finally:
        temp.unlink(missing_ok=True)


def remove_stored(sha: str) -> None:
    """Delete the stored copy of ``sha`` once no attachment row names it (a customer's data erased)."""
    stored = _stored(sha)
    if stored is not None:
        stored.unlink(missing_ok=True)


def attachments_query(case_ids: Iterable[int]) -> ModelSelect:
    """The attachments of the cases ``case_ids``, each case's oldest first (the order they were added)."""
    return Attachment.select().where(Attachment.case.in_(list(case_ids))).order_by(Attachment.added_at, Attachment.id)


def list_attachments(case_ref: int | str) -> list[Attachment]:
    """The case's attachments, oldest first (the order they were added), each with the user who
    added it already read (a list shown on screen names them without a query per row)."""
    case = load_case(case_ref)
    return list(attachments_query([case.id]).select_extend(User).join(User, on=Attachment.added_by))


def is_image(attachment: Attachment) -> bool:
    return (attachment.mime or "").startswith("image/")


def _read_error(name: str, exc: OSError) -> DomainError:
    if isinstance(exc, FileNotFoundError):
        return DomainError(f"找不到文件“{name}”，它可能已被移动或删除。", "file")
    if isinstance(exc, IsADirectoryError):
        return DomainError(f"“{name}”是一个文件夹，请选择文件。", "file")
    if isinstance(exc, PermissionError):
        return DomainError(f"没有权限读取文件“{name}”。", "file")
    return DomainError(f"无法读取文件“{name}”：{exc.strerror or exc}", "file")


def _write_error(exc: OSError) -> DomainError:
    if exc.errno in _DISK_FULL:
        return DomainError("磁盘空间已满，附件没有保存。请清理磁盘空间后再试。", "file")
    return DomainError(f"无法保存附件到数据文件夹：{exc.strerror or exc}", "file")


def _copy_by_hash(source: Path, name: str) -> tuple[str, int]:
    """Copy ``source`` into the store under its hash; returns (sha256, size)."""
    store = _store_dir()
    try:
        store.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=store)
    except OSError as exc:
        raise _write_error(exc) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            sha, size = _copy_hashing(source, name, out)
        target = _stored(sha) or store / sha[:2] / f"{sha}{_extension(name)}"
        if not target.exists():
            try:
                target.parent.mkdir(exist_ok=True)
                os.replace(temp, target)
            except OSError as exc:
                raise _write_error(exc) from exc
        return sha, size
    finally:
        temp.unlink(missing_ok=True)


def _copy_hashing(source: Path, name: str, out: BinaryIO) -> tuple[str, int]:
    sha, size = _hash(_pieces(source, name, lambda chunk: _write(out, chunk)), name)
    try:
        out.flush()
        os.fsync(out.fileno())
    except OSError as exc:
        raise _write_error(exc) from exc
    return sha, size


def _pieces(source: Path, name: str, also: Callable[[bytes], None] | None = None) -> Iterator[bytes]:
    """The file in pieces of at most 1 MiB, refused once it passes the size limit."""
    limit, size = int(settings.get("attachment_max_mb")) << 20, 0
    try:
        src = source.open("rb")
    except OSError as exc:
        raise _read_error(name, exc) from exc
    with src:
        while chunk := _read(src, name):
            size += len(chunk)
            if size > limit:
                raise DomainError(f"文件“{name}”太大（超过 {limit >> 20} MB），请压缩后再添加。", "file")
            if also is not None:
                also(chunk)
            yield chunk


def _hash(pieces: Iterable[bytes], name: str) -> tuple[str, int]:
    sha, size = attachment_chunks.digest(pieces)
    if size == 0:
        raise DomainError(f"文件“{name}”是空的。", "file")
    return sha, size


def _read(src: BinaryIO, name: str) -> bytes:
    try:
        return src.read(_CHUNK)
    except OSError as exc:
        raise _read_error(name, exc) from exc


def _write(out: BinaryIO, chunk: bytes) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        raise _write_error(exc) from exc


def _store_in_database(source: Path, name: str, sha: str) -> None:
    """The file's content into the database (read a second time, piece by piece); a file changed
    since it was hashed is refused, and the transaction leaves nothing behind."""
    db = current_database()
    if attachment_chunks.stored(db, sha):
        return  # the same photo on another case, or added at the other desk
    digest = hashlib.sha256()
    attachment_chunks.store(db, sha, _pieces(source, name, digest.update))
    if digest.hexdigest() != sha:
        raise DomainError(f"文件“{name}”在添加过程中被修改了，请重新添加。", "file")


def attach_file(user: User, case_ref: int | str, source_path: str | os.PathLike[str]) -> Attachment:
    """Add a photo or scan to a case; attaching the same file to the same case again adds nothing."""
    require(user, "attach")
    case = load_case(case_ref)
    source = Path(source_path)
    name = clean_text(source.name)[:255] or "附件"
    in_folder = sqlite_path() is not None
    sha, size = _copy_by_hash(source, name) if in_folder else _hash(_pieces(source, name), name)
    existing = Attachment.get_or_none((Attachment.case == case.id) & (Attachment.sha256 == sha))
    if existing is not None:
        return existing
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    with write_transaction():
        if not in_folder:
            _store_in_database(source, name, sha)
        attachment = Attachment.create(case=case.id, sha256=sha, filename=name, mime=mime, size=size,
                                       added_by=user, added_at=clock.now())
        audit.record("attach", user, case, filename=name, sha256=sha, size=size)
    return attachment
