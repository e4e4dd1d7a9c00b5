"""Environment errors (环境错误) told apart from bugs: a read-only folder, a full disk, a database
another desk is writing, a failing disk and real damage each get their own Chinese message and
advice, as the command line and the desk both show them.

SQLite says which it is in its result code (``sqlite_errorname`` of a ``sqlite3.Error``, which
peewee keeps as the first argument of its own exception). Telling them apart matters: "restore
an older backup" is the right advice for damage only; followed after a full disk or a
write-protected USB stick, it throws away the latest work.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from studio_desk.errors import DomainError

UNTOUCHED = "已保存的数据没有受到影响。"
_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_GENERIC = ("", "SQLITE_ERROR", "SQLITE_MISUSE")
_FULL_ERRNO = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY_ERRNO = {errno.EROFS, errno.EACCES, errno.EPERM}
_NEARLY_FULL = 256 * 1024  # less than SQLite needs for its -shm and a few WAL pages


class DatabaseDamaged(DomainError):
    """SQLite found the file damaged (or not a database at all): here, restoring a backup helps."""


def sqlite_code(exc: BaseException | None) -> str:
    """SQLite's result name (``SQLITE_READONLY_DIRECTORY`` …) of ``exc`` or what it wraps or
    interrupted; "" if none. A generic SQLITE_ERROR yields to a more telling code further down
    the chain: a failed ROLLBACK ("cannot rollback - no transaction is active") hides the
    SQLITE_FULL that ended the transaction in its ``__context__``."""
    found, todo, seen = "", [exc], 0
    while todo and seen < 12:
        current, seen = todo.pop(0), seen + 1
        if current is None:
            continue
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorname", "") or ""
            if code not in _GENERIC:
                return code
            found = found or code
        wrapped = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        todo += [wrapped, current.__cause__, current.__context__]
    return found


DAMAGE_ADVICE = (
    "为保护数据，程序不做任何修改。请从最近的备份恢复（main.py restore 或菜单“数据 → 从备份恢复”）；"
    "如果没有备份，请联系技术支持，不要删除数据文件。"
)


def damage_message(where: Path | str | None = None) -> str:
    return f"数据库文件{f'“{where}”' if where else ''}已损坏。{DAMAGE_ADVICE}"


def explain(exc: BaseException, where: Path | str | None = None) -> DomainError | None:
    """The Chinese refusal for an environment error (``where``: the database file), or None for a bug."""
    if isinstance(exc, DomainError):
        return exc
    code = sqlite_code(exc)
    name = f"“{where}”" if where else ""
    if code.startswith("SQLITE_READONLY"):
        return _read_only(name)
    if code == "SQLITE_FULL":
        return disk_full(where)
    if code in _BUSY:
        return DomainError("数据库正忙：另一台电脑或另一个窗口正在保存数据，请稍等片刻再试。" + UNTOUCHED)
    if code.startswith("SQLITE_IOERR"):
        if where and _nearly_full(Path(where)):  # e.g. no room for the -shm file beside the database
            return disk_full(where)
        return DomainError(
            f"读写数据库文件{name}时磁盘出错（硬盘、U 盘或网络共享可能有问题），这一步没有完成。"
            "请检查磁盘或网络连接后再试；先不要恢复备份，也不要删除数据文件。"
        )
    if code.startswith("SQLITE_CANTOPEN"):
        if where and Path(where).is_file() and not os.access(Path(where).parent, os.W_OK):
            return _read_only(name)  # the -shm/-wal beside it cannot be created
        return DomainError(f"无法打开数据库文件{name}：文件夹不存在、没有访问权限，或磁盘未连接。")
    if code in _DAMAGE:
        return DatabaseDamaged(damage_message(where))
    if isinstance(exc, OSError):
        return os_error(exc, where)
    return None


def _nearly_full(where: Path) -> bool:
    try:
        return shutil.disk_usage(where.parent).free < _NEARLY_FULL
    except OSError:
        return False


def _read_only(name: str) -> DomainError:
    return DomainError(
        f"数据库文件{name}或它所在的文件夹是只读的（U 盘写保护、只读共享或没有写入权限），"
        "这一步没有保存。数据没有损坏，不需要恢复备份：请把数据放到可以写入的位置，或请管理员开放写入权限。"
    )


def os_error(exc: OSError, where: Path | str | None = None) -> DomainError:
    """A full disk, a read-only place, or another failure of the operating system on the file it
    names (else on ``where``)."""
    where = exc.filename or where
    name = f"“{where}”" if where else ""
    if isinstance(exc, FileNotFoundError):
        return DomainError(f"找不到{name or '文件'}：请检查路径是否写错。")
    if isinstance(exc, IsADirectoryError):
        return DomainError(f"{name}是一个文件夹，请给出文件的路径。")
    if exc.errno in _FULL_ERRNO:
        return disk_full(where)
    if exc.errno in _READ_ONLY_ERRNO or isinstance(exc, PermissionError):
        return DomainError(f"没有权限写入{name}（只读的文件夹或 U 盘，或文件正在其他程序中打开），这一步没有完成。")
    if exc.errno == errno.EIO:
        return DomainError(f"读写{name}时磁盘出错（硬盘、U 盘或网络共享可能有问题），这一步没有完成。")
    return DomainError(f"无法读写{name}：{exc.strerror or exc}")


def disk_full(where: Path | str | None = None) -> DomainError:
    place = f"“{Path(where).parent}”所在的" if where else ""
    return DomainError(f"{place}磁盘空间已满，这一步没有完成。数据没有损坏，不需要恢复备份：请清理磁盘空间后再试。")
