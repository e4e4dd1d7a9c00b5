"""Writing a document where the user said (``-o``, the save dialog), safely.

:func:`atomic_output` first refuses a target that would destroy data — a database file, its
-wal/-shm/-journal, a backup archive, a folder — or has the wrong extension; then the document
is written to a hidden temporary file in the target folder, synced, and renamed into place at
the end, so a cancelled or failed run (a full disk included) leaves nothing half-written under
the real name. The file gets the permissions the user's umask gives a new file, like any
program's output, not a temporary file's private 0600.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio_desk.db_file import is_sqlite_file
from studio_desk.errors import DomainError


def _output_error(path: Path, exc: OSError) -> DomainError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DomainError(
            f"磁盘空间已满，“{path.name}”没有保存（也没有留下不完整的文件）。请清理磁盘空间后再试。", "path"
        )
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return DomainError(
            f"没有权限写入“{path}”：文件夹可能是只读的，或文件正在其他程序（如 Excel）中打开，请关闭后再试。", "path"
        )
    return DomainError(f"无法写入“{path}”：{exc.strerror or exc}", "path")


def check_output(path: str | os.PathLike[str], suffixes: tuple[str, ...]) -> Path:
    """``path`` if a document may be written there; a DomainError naming the reason otherwise."""
    target = Path(path)
    name = target.name[:60]
    if target.suffix.lower() not in suffixes:
        raise DomainError(f"输出文件必须是 {' 或 '.join(suffixes)} 文件：{name}", "path")
    if target.is_dir():
        raise DomainError(f"“{target}”是一个文件夹，请给出要保存的文件名。", "path")
    # A database's -wal/-shm/-journal never has a document's extension, so the check above keeps
    # them safe even where they do not exist yet (SQLite would read a file put there back).
    if is_sqlite_file(target) or _is_backup(target):
        raise DomainError(
            f"“{target}”是数据库文件或备份文件，不能被导出的文件覆盖：请换一个文件名。原文件没有改动。", "path"
        )
    return target


def _is_backup(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "manifest.json" in zf.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


@contextmanager
def atomic_output(path: str | os.PathLike[str], suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Yield a temporary path next to ``path`` (after :func:`check_output`); on success it
    replaces ``path``, on any error (including Cancelled) it is removed and ``path`` is left as it was.

    An export records its audit event inside the block, after the document is complete: when
    the database refuses the event (read-only, full, damaged), no file appears unrecorded."""
    target = check_output(path, suffixes)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = _new_temp(target)
    except OSError as exc:
        raise _output_error(target, exc) from exc
    try:
        try:
            yield temp
            _sync(temp)
            os.replace(temp, target)
        except OSError as exc:
            raise _output_error(target, exc) from exc
    finally:
        temp.unlink(missing_ok=True)


def _new_temp(target: Path) -> Path:
    """A new empty hidden file beside ``target``, created with the umask's permissions."""
    while True:
        temp = target.with_name(f".{target.stem[:40]}-{secrets.token_hex(6)}.part")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return temp
        except FileExistsError:
            continue


def _sync(temp: Path) -> None:
    """Flush the document to disk before it takes the real name: a full disk or a pulled
    stick is reported now, not found later as a truncated file."""
    fd = os.open(temp, os.O_RDWR)  # Windows flushes only a handle that may write
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_output(source: str | os.PathLike[str], target: str | os.PathLike[str], suffixes: tuple[str, ...]) -> Path:
    """Copy a finished document (a previewed PDF) where the user chose, with :func:`atomic_output`'s care."""
    with atomic_output(target, suffixes) as temp:
        shutil.copyfile(source, temp)
    return Path(target)
