"""Plain Chinese messages for what goes wrong with a backup folder: a full disk, a read-only
or write-protected folder, an unplugged USB stick. Each says that the saved data is safe."""

from __future__ import annotations

import errno
from pathlib import Path

from studio_desk.errors import DomainError

SAFE = "已保存的数据没有受到影响，也没有留下不完整的备份文件。"
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_GONE = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOTDIR, errno.ESTALE}


def folder_error(exc: OSError, folder: Path) -> DomainError:
    """The message for an OSError raised while writing into (or reading from) ``folder``."""
    code = exc.errno
    if code in _FULL:
        return DomainError(
            f"备份位置“{folder}”所在的磁盘空间已满，备份没有完成。请清理空间或换一个备份位置后再试。{SAFE}")
    if code in _READ_ONLY or isinstance(exc, PermissionError):
        return DomainError(
            f"备份位置“{folder}”是只读的或没有写入权限（U 盘的写保护开关是否打开？），备份没有完成。"
            f"请换一个可以写入的文件夹。{SAFE}")
    if code in _GONE or isinstance(exc, FileNotFoundError):
        return unplugged_error(folder)
    return DomainError(f"备份没有完成：写入“{folder}”时出错（{exc.strerror or exc}）。{SAFE}")


def unplugged_error(folder: Path) -> DomainError:
    return DomainError(
        f"找不到备份文件夹“{folder}”：U 盘或移动硬盘可能已拔出，或者盘符变了。"
        f"请插上后重试，或在设置中选择其他备份文件夹。{SAFE}")


def disk_full_error(folder: Path) -> DomainError:
    return folder_error(OSError(errno.ENOSPC, "No space left on device"), folder)
