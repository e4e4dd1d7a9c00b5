"""Which backups exist, which to keep (7 daily, 4 weekly, 12 monthly), and how old the last
good one is — the settings page warns when it is older than 3 days.

Archives are found by their names, ``<db stem>_<YYYYMMDD-HHMMSS>_<kind>.zip``; only a verified
archive ever gets such a name, so every one listed here passed its check when it was made.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from studio_desk import clock
from studio_desk.backup_archive import BackupInfo, describe_backup
from studio_desk.errors import DomainError

# Kinds in the rotation; "upgrade" and "before-restore" are kept apart (newest few of each);
# "damaged" is a raw copy of a database that could not be read and is never offered.
ROTATED = ("auto", "manual", "exit")
SPECIAL_KEEP = 5
KEEP = ((lambda d: d.date(), 7), (lambda d: d.isocalendar()[:2], 4), (lambda d: (d.year, d.month), 12))
WARN_AFTER = timedelta(days=3)
_NAME = re.compile(r"^(?P<stem>.+)_(?P<ts>\d{8}-\d{6})(?:-(?P<n>\d+))?_(?P<kind>[a-z-]+)\.zip$")


def archive_name(stem: str, at: datetime, kind: str, n: int = 1) -> str:
    return f"{stem}_{at:%Y%m%d-%H%M%S}{'' if n == 1 else f'-{n}'}_{kind}.zip"


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """Finished archives of database ``stem`` in ``folder``, newest first."""
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["stem"] != stem:
            continue
        try:
            created = datetime.strptime(match["ts"], "%Y%m%d-%H%M%S")
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append((created, int(match["n"] or 1), BackupInfo(entry, created, match["kind"], size=size)))
    return [info for *_, info in sorted(found, key=lambda f: f[:2], reverse=True)]


def good_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """Verified backups that may be offered for a restore, newest first."""
    return [b for b in list_backups(folder, stem) if b.kind != "damaged"]


def described_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """The good backups with what their manifests say (cases, attachments), newest first;
    an archive that cannot be read is left out (it could not be restored either)."""
    described = []
    for backup in good_backups(folder, stem):
        try:
            described.append(describe_backup(backup.path))
        except DomainError:
            continue
    return described


def to_prune(backups: list[BackupInfo]) -> list[BackupInfo]:
    """The archives rotation removes: it keeps the newest backup of each of the last 7 days,
    4 ISO weeks and 12 months that have backups, and the newest few of each special kind."""
    keep: set[Path] = set()
    rotated = [b for b in backups if b.kind in ROTATED]
    for bucket_of, count in KEEP:
        keep.update(_newest_per_bucket(rotated, bucket_of, count))
    for kind in {b.kind for b in backups} - set(ROTATED):
        keep.update(b.path for b in [b for b in backups if b.kind == kind][:SPECIAL_KEEP])
    return [b for b in backups if b.path not in keep]


def _newest_per_bucket(backups: list[BackupInfo], bucket_of: Callable[[datetime], Any], count: int) -> list[Path]:
    seen: list[Any] = []
    kept = []
    for backup in backups:  # newest first
        bucket = bucket_of(backup.created_at)
        if bucket not in seen and len(seen) < count:
            seen.append(bucket)
            kept.append(backup.path)
    return kept


def prune(folder: Path, stem: str, newest: Path) -> list[BackupInfo]:
    """Delete what the rotation does not keep; called only after ``newest`` was verified."""
    removed = []
    for backup in to_prune(list_backups(folder, stem)):
        if backup.path == newest:
            continue
        try:
            backup.path.unlink()
        except OSError:
            continue  # one too many is kept; the next backup tries again
        removed.append(backup)
    return removed


def last_good_backup(folder: Path, stem: str) -> BackupInfo | None:
    backups = good_backups(folder, stem)
    return backups[0] if backups else None


def backup_warning(db_path: Path, folder: Path, now: datetime | None = None) -> str | None:
    """A Chinese warning for the settings page and the status bar, or None when all is well."""
    now = now or clock.now()
    folder = Path(folder)
    if not folder.is_dir() and not folder.parent.is_dir():  # its drive is gone, not merely unused so far
        return f"备份文件夹“{folder}”现在无法访问（U 盘或移动硬盘是否已拔出？），请插上后立即备份一次。"
    last = last_good_backup(folder, Path(db_path).stem) if folder.is_dir() else None  # made by the first backup
    if last is None:
        return f"还没有任何备份。请立即备份一次，建议把备份文件夹设在另一块硬盘或 U 盘上（现在：{folder}）。"
    age = now - last.created_at
    if age > WARN_AFTER:
        return (f"最近一次成功备份是 {age.days} 天前（{last.created_at:%Y-%m-%d %H:%M}），"
                "已经超过 3 天没有备份，请立即备份。")
    return None


def same_drive_hint(db_path: Path, folder: Path) -> str | None:
    """Backups on the same disk as the data do not survive that disk: suggest another drive."""
    try:
        same = os.stat(folder).st_dev == os.stat(Path(db_path).parent).st_dev
    except OSError:
        return None
    if same:
        return "备份文件夹和数据在同一块硬盘上，硬盘坏了会一起丢失。建议把备份文件夹设在另一块硬盘或 U 盘上。"
    return None
