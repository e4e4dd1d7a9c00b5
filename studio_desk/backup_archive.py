"""The backup archive format: ``manifest.json`` + ``database.sqlite3`` + ``files/…`` in one .zip.

The manifest records when the backup was made, the schema version, the number of cases and
the SHA-256 of every member, so a backup can be described without unpacking it and verified
member by member before anything is restored from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
import zlib
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from studio_desk import clock
from studio_desk.backup_errors import folder_error
from studio_desk.errors import DomainError
from studio_desk.progress import Progress

FORMAT = "StudioDesk backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = "database.sqlite3"
FILES_PREFIX = "files/"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupInfo:
    """What a backup archive holds, as shown before a restore."""

    path: Path
    created_at: datetime
    kind: str
    case_count: int | None = None
    schema_version: int | None = None
    file_count: int = 0
    size: int = 0

    @property
    def label(self) -> str:
        cases = "案件数未知" if self.case_count is None else f"案件 {self.case_count} 件"
        return f"{self.created_at:%Y-%m-%d %H:%M}（{cases}，附件 {self.file_count} 个）"


def new_manifest(snapshot: Path, kind: str) -> dict[str, Any]:
    cases = version = None
    if kind != "damaged":
        try:
            with closing(sqlite3.connect(snapshot)) as conn:
                cases = conn.execute("SELECT COUNT(*) FROM complaint WHERE deleted = 0").fetchone()[0]
                version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
        except (sqlite3.Error, TypeError):
            pass
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": clock.now().isoformat(sep=" "),
        "kind": kind,
        "schema_version": version,
        "case_count": cases,
        "files": {},
    }


def write_archive(temp: Path, members: list[tuple[str, Path]], manifest: dict[str, Any], progress: Progress) -> None:
    """Write ``members`` (archive name, source file) and the manifest with their SHA-256s; fsynced."""
    # Level 1: a third of the default level's time for about 17 % more bytes, so that the
    # backup on exit stays short on a large file.
    with open(temp, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True,
                                                  compresslevel=1) as archive:
        for i, (name, source) in enumerate(members, start=1):
            progress.update(5 + 80 * i // len(members), 100, f"正在打包第 {i}/{len(members)} 个文件…")
            # The database compresses well (the archive's default); photos and scans do not.
            target: str | zipfile.ZipInfo = name
            if not name.startswith(DB_MEMBER):
                target = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
                target.compress_type = zipfile.ZIP_STORED
            with source.open("rb") as src, archive.open(target, "w", force_zip64=True) as out:
                manifest["files"][name] = _copy(src, out)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), zipfile.ZIP_DEFLATED)
    with open(temp, "rb+") as done:
        os.fsync(done.fileno())


def _copy(src: BinaryIO, out: BinaryIO) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    while chunk := src.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        out.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a StudioDesk archive; DomainError if it is not one or is unreadable."""
    name = Path(archive).name
    try:
        with zipfile.ZipFile(archive) as zf:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except FileNotFoundError as exc:
        raise DomainError(f"找不到备份文件“{archive}”。") from exc
    except IsADirectoryError as exc:
        raise DomainError(f"“{archive}”是一个文件夹，请选择备份文件（.zip）。") from exc
    except OSError as exc:
        raise folder_error(exc, Path(archive).parent) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise DomainError(f"“{name}”不是影楼客怨处理台的备份文件，或者文件已损坏。") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
            or not isinstance(manifest.get("files"), dict):
        raise DomainError(f"“{name}”不是影楼客怨处理台的备份文件。")
    if _int_or_none(manifest.get("format_version")) != FORMAT_VERSION:
        raise DomainError(f"“{name}”来自其他版本的影楼客怨处理台，请升级程序后再恢复。")
    return manifest


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def describe_backup(archive: str | Path) -> BackupInfo:
    """Date, case count and contents of a backup archive, from its manifest (no unpacking)."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    try:
        created = datetime.fromisoformat(str(manifest["created_at"]))
        size = archive.stat().st_size
    except (KeyError, ValueError, OSError) as exc:
        raise DomainError(f"备份文件“{archive.name}”的说明信息不完整。") from exc
    files = [n for n in manifest["files"] if str(n).startswith(FILES_PREFIX)]
    return BackupInfo(archive, created, str(manifest.get("kind") or ""), _int_or_none(manifest.get("case_count")),
                      _int_or_none(manifest.get("schema_version")), len(files), size)


def verify_archive(archive: Path, extract_to: Path | None, *, require_ok: bool = True,
                   extract_files: bool = False) -> dict:
    """Check every member against the manifest's SHA-256; with ``extract_to``, also leave the
    database there (and, with ``extract_files``, the attachments under ``extract_to/files``) and,
    with ``require_ok``, check that copy with integrity_check. Returns the manifest.

    A new backup is verified without extracting: its database copy passed integrity_check
    before it was packed, and equal SHA-256s prove the archive holds exactly that copy.
    """
    manifest = read_manifest(archive)
    name = Path(archive).name
    if DB_MEMBER not in manifest["files"]:
        raise DomainError(f"备份文件“{name}”里没有数据库。")
    try:
        with zipfile.ZipFile(archive) as zf:
            for member, expected in manifest["files"].items():
                if not _safe_member(member):
                    raise DomainError(f"备份文件“{name}”含有不安全的路径，已拒绝。")
                keep = extract_to is not None and (member.startswith(DB_MEMBER) or extract_files)
                target = extract_to / member if keep else None
                wanted = expected.get("sha256") if isinstance(expected, dict) else None
                if _member_digest(zf, member, target) != wanted:
                    raise DomainError(f"备份文件“{name}”中的“{member}”校验不一致，备份已损坏。")
    except (zipfile.BadZipFile, KeyError, EOFError, zlib.error) as exc:
        raise DomainError(f"备份文件“{name}”已损坏，无法读取。") from exc
    except OSError as exc:
        if extract_to is not None:
            raise  # unpacking for a restore: the restore says what its own disk did
        raise folder_error(exc, Path(archive).parent) from exc
    if extract_to is not None and require_ok:
        from studio_desk.integrity import check_file

        report = check_file(extract_to / DB_MEMBER, full=True)
        if not report.ok:
            raise DomainError(f"备份文件“{name}”中的数据库没有通过完整性检查：{report.problems[0]}")
    return manifest


def _safe_member(member: str) -> bool:
    parts = member.split("/")
    return bool(member) and not member.startswith("/") and ".." not in parts and "\\" not in member \
        and ":" not in member and "" not in parts


def _member_digest(zf: zipfile.ZipFile, member: str, target: Path | None) -> str:
    digest = hashlib.sha256()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    out = target.open("wb") if target is not None else None
    try:
        with zf.open(member) as src:  # zipfile checks the CRC when the member ends
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest()
