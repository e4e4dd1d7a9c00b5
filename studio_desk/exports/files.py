"""Writing an export so that a cancelled or failed run leaves nothing behind: the document is
written to a hidden temporary file in the target folder and renamed into place at the end."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio_desk.errors import DomainError


def _output_error(path: Path, exc: OSError) -> DomainError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DomainError("磁盘空间已满，文件没有保存。请清理磁盘空间后再试。", "path")
    if isinstance(exc, PermissionError):
        return DomainError(f"没有权限写入“{path}”：文件可能正在其他程序（如 Excel）中打开，请关闭后再试。", "path")
    return DomainError(f"无法写入“{path}”：{exc.strerror or exc}", "path")


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``, on any error
    (including Cancelled) it is removed and ``path`` is left as it was."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem[:40]}-", suffix=".part", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise _output_error(target, exc) from exc
    temp = Path(temp_name)
    try:
        try:
            yield temp
            os.replace(temp, target)
        except OSError as exc:
            raise _output_error(target, exc) from exc
    finally:
        temp.unlink(missing_ok=True)
