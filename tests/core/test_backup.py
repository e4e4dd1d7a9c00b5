"""Backups: a verified dated archive with the database, the attachments and a manifest; rotation;
the daily backup; the age warning; and clear Chinese refusals that never leave a partial file."""

from __future__ import annotations

import errno
import hashlib
import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio_desk import attachments, backup, backup_archive, backup_desk, clock
from studio_desk.backup_archive import BackupInfo
from studio_desk.backup_rotation import backup_warning, list_backups, same_drive_hint, to_prune
from studio_desk.db import close_database, sqlite_path
from studio_desk.errors import DomainError, PermissionDenied, SchemaError
from studio_desk.migrations import LATEST_VERSION, schema_version
from studio_desk.models import AuditEvent
from studio_desk.opening import open_database
from studio_desk.progress import Cancelled, Progress
from studio_desk.services import admin
from tests.board_factory import register
from tests.core.safetykit import damage, is_chinese, make_v1_database, mounted_tmpfs
from tests.core.test_attachments import write_png


def _only_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_archive_holds_database_attachments_and_manifest(sqlite_studio, frozen_now, tmp_path):
    db_path = sqlite_path()
    case = register(sqlite_studio["front"], description="修图太假 𠀀😀")
    register(sqlite_studio["front"])
    attachments.attach_file(sqlite_studio["front"], case.case_no, write_png(tmp_path / "证据.png"))

    info = backup.create_backup(db_path)

    assert info.path.parent == tmp_path / "backups"
    assert info.path.name == "studio_20261123-100000_manual.zip"
    assert (info.created_at, info.case_count, info.file_count) == (frozen_now, 2, 1)
    assert info.schema_version == LATEST_VERSION
    with zipfile.ZipFile(info.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
        for name, entry in manifest["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == entry["sha256"]
        (tmp_path / "x").mkdir()
        copy = Path(zf.extract("database.sqlite3", tmp_path / "x"))
    stored = attachments.attachment_path(attachments.list_attachments(case.case_no)[0])
    assert "files/" + stored.relative_to(tmp_path / "studio_files").as_posix() in names
    assert manifest["created_at"] == "2026-11-23 10:00:00" and manifest["case_count"] == 2
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT description FROM complaint WHERE id = ?", (case.id,)).fetchone()
        assert row[0] == "修图太假 𠀀😀"
    assert _only_files(tmp_path / "backups") == [info.path.name]  # no temporary left-overs


def test_a_backup_whose_written_bytes_differ_is_refused(sqlite_studio, frozen_now, tmp_path, monkeypatch):
    """Verification reads the written archive back: a write that went wrong (a failing USB stick)
    is caught by the SHA-256 of what was packed, and nothing is left under a real name."""
    db_path = sqlite_path()
    register(sqlite_studio["front"])
    good = backup.create_backup(db_path)
    real_copy = backup_archive._copy

    def bad_write(src, out):
        entry = real_copy(src, out)  # the digest of the true bytes …
        out.write(b"\x00")  # … and one more byte than was hashed reaches the archive
        return entry

    monkeypatch.setattr(backup_archive, "_copy", bad_write)
    with clock.frozen(frozen_now + timedelta(minutes=1)), pytest.raises(DomainError) as refused:
        backup.create_backup(db_path)
    assert "校验不一致" in refused.value.message
    assert _only_files(tmp_path / "backups") == [good.path.name]


def test_backup_of_a_live_database_while_another_desk_writes(sqlite_studio, frozen_now, tmp_path):
    """The online backup API copies a consistent state even while writes go on."""
    import threading

    db_path = sqlite_path()
    stop = threading.Event()

    def keep_writing():
        while not stop.is_set():
            register(sqlite_studio["front"])
        close_database()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        infos = [backup.create_backup(db_path) for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    assert all(i.case_count is not None for i in infos)
    assert infos[-1].case_count >= infos[0].case_count


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = datetime(2025, 1, 1, 20, 0)
    # Two backups a day for 500 days, newest first.
    backups = [BackupInfo(Path(f"b{i}.zip"), start + timedelta(hours=12 * i), "auto") for i in range(1000)][::-1]
    pruned = {b.path for b in to_prune(backups)}
    kept = [b for b in backups if b.path not in pruned]
    newest = backups[0].created_at
    days = {b.created_at.date() for b in kept}
    assert backups[0] in kept
    assert sum(1 for d in days if d > newest.date() - timedelta(days=7)) == 7
    assert len({(b.created_at.year, b.created_at.month) for b in kept}) == 12
    assert len({b.created_at.isocalendar()[:2] for b in kept}) >= 4
    assert len(kept) <= 7 + 4 + 12
    # Special kinds stay out of the rotation: the newest five of each kind are kept.
    special = [BackupInfo(Path(f"u{i}.zip"), start - timedelta(days=i), "upgrade") for i in range(8)]
    assert {b.path.name for b in to_prune(special)} == {"u5.zip", "u6.zip", "u7.zip"}


def test_old_backups_are_pruned_only_after_a_verified_new_one(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    for day in range(12):
        with clock.frozen(datetime(2026, 11, 1, 9, 0) + timedelta(days=day)):
            backup.create_backup(db_path)
    names = [b.path.name for b in list_backups(tmp_path / "backups", "studio")]
    # The 7 newest days, and 11-01 (a Sunday) as the newest of the week before; 11-02..11-05 go.
    assert names[:7] == [f"studio_202611{d:02d}-090000_manual.zip" for d in range(12, 5, -1)]
    assert "studio_20261101-090000_manual.zip" in names and "studio_20261103-090000_manual.zip" not in names

    before = _only_files(tmp_path / "backups")
    damage(db_path, "customer")
    with clock.frozen(datetime(2026, 11, 13, 9, 0)), pytest.raises(DomainError) as refused:
        backup.create_backup(db_path)
    assert is_chinese(refused.value.message)
    assert _only_files(tmp_path / "backups") == before  # nothing pruned, nothing half-written


def test_cancel_leaves_nothing_behind(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    first = backup.create_backup(db_path)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        backup.create_backup(db_path, progress=Progress(cancelled=cancelled))
    assert _only_files(tmp_path / "backups") == [first.path.name]


def test_full_disk_is_a_clear_message_and_no_partial_archive(sqlite_studio, frozen_now, tmp_path):
    db_path = sqlite_path()
    with mounted_tmpfs(tmp_path / "stick", size_kb=64) as stick:
        with pytest.raises(DomainError) as refused:
            backup.create_backup(db_path, stick)
        assert "磁盘空间已满" in refused.value.message and "已保存的数据没有受到影响" in refused.value.message
        assert _only_files(stick) == []
    assert register(sqlite_studio["front"]).case_no  # the database itself is fine


def test_full_disk_message_without_a_real_small_disk(sqlite_studio, tmp_path, monkeypatch):
    """Where no test filesystem can be mounted, the same path is driven by the OS error itself."""
    db_path = sqlite_path()

    def disk_full(src, out):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_archive, "_copy", disk_full)
    with pytest.raises(DomainError) as refused:
        backup.create_backup(db_path)
    assert "磁盘空间已满" in refused.value.message
    assert _only_files(tmp_path / "backups") == []


def test_read_only_folder(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    with mounted_tmpfs(tmp_path / "locked", read_only=True) as locked:
        with pytest.raises(DomainError) as refused:
            backup.create_backup(db_path, locked)
    assert "只读" in refused.value.message and "备份没有完成" in refused.value.message


def test_unplugged_backup_folder(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    stick = tmp_path / "U盘" / "影楼备份"  # the drive itself is missing
    admin.update_settings(sqlite_studio["manager"], {"backup_dir": str(stick)})
    assert backup.configured_folder(db_path) == stick
    with pytest.raises(DomainError) as refused:
        backup.create_backup(db_path)
    assert "U 盘或移动硬盘可能已拔出" in refused.value.message
    assert not stick.parent.exists()  # nothing created where the stick should be
    assert "无法访问" in backup_warning(db_path, stick)
    # Only the last folder level missing on a present drive: it is created.
    (tmp_path / "U盘").mkdir()
    assert backup.create_backup(db_path).path.parent == stick


def test_before_the_first_backup_its_folder_is_not_blamed_on_an_unplugged_stick(sqlite_studio, tmp_path):
    """The folder is made by the first backup: until then it is missing on a drive that is there."""
    db_path = sqlite_path()
    folder = tmp_path / "StudioDesk" / "backups"
    folder.parent.mkdir()
    warning = backup_warning(db_path, folder)
    assert "还没有任何备份" in warning and "无法访问" not in warning and str(folder) in warning
    assert not folder.exists()  # a warning creates nothing


def test_backup_if_due_once_a_day(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    with clock.frozen(datetime(2026, 11, 23, 8, 30)):
        made = backup_desk.backup_if_due(db_path)
        assert made is not None and made.kind == "auto"
    with clock.frozen(datetime(2026, 11, 23, 17, 0)):
        assert backup_desk.backup_if_due(db_path) is None
    with clock.frozen(datetime(2026, 11, 24, 8, 30)):
        assert backup_desk.backup_if_due(db_path).created_at.date() == datetime(2026, 11, 24).date()


def test_warning_when_the_last_good_backup_is_older_than_3_days(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    folder = tmp_path / "backups"
    folder.mkdir()
    assert "还没有任何备份" in backup_warning(db_path, folder)
    with clock.frozen(datetime(2026, 11, 20, 9, 0)):
        backup.create_backup(db_path)
    assert backup_warning(db_path, folder, now=datetime(2026, 11, 22, 9, 0)) is None
    warning = backup_warning(db_path, folder, now=datetime(2026, 11, 24, 10, 0))
    assert "4 天前" in warning and "2026-11-20 09:00" in warning
    assert "同一块硬盘" in same_drive_hint(db_path, folder)


def test_every_schema_upgrade_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_v1_database(path)
    db = open_database(path)
    try:
        assert schema_version(db) == LATEST_VERSION
    finally:
        close_database()
    (archive,) = (tmp_path / "backups").glob("old_*_upgrade.zip")
    assert backup_archive.describe_backup(archive).schema_version == 1


def test_no_upgrade_without_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_v1_database(path)
    (tmp_path / "backups").write_text("a file where the default backup folder should be")
    with sqlite3.connect(path) as conn:
        gone = json.dumps(str(tmp_path / "gone" / "x"))
        conn.execute("INSERT INTO setting (key, value) VALUES ('backup_dir', ?)", (gone,))
    conn.close()
    with pytest.raises(SchemaError) as refused:
        open_database(path)
    close_database()
    assert "为安全起见没有升级" in refused.value.message
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_info").fetchone()[0] == 1
    conn.close()


def test_backup_from_the_menu_needs_the_right_and_is_audited(sqlite_studio, frozen_now):
    with pytest.raises(PermissionDenied):
        backup_desk.backup_now(sqlite_studio["front"])
    info = backup_desk.backup_now(sqlite_studio["manager"])
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (event.action, event.details["archive"]) == ("backup", info.path.name)


def test_not_a_backup_file(tmp_path):
    bogus = tmp_path / "照片.zip"
    bogus.write_bytes(b"PK\x03\x04 not really")
    for archive in (bogus, tmp_path / "missing.zip", tmp_path):
        with pytest.raises(DomainError) as refused:
            backup_archive.describe_backup(archive)
        assert is_chinese(refused.value.message)


def test_command_line_backup(sqlite_studio, tmp_path, capsys):
    from studio_desk.cli import main

    register(sqlite_studio["front"])
    close_database()
    assert main(["backup", "--db", str(tmp_path / "studio.sqlite3"), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "备份完成，已通过校验" in out and "案件 1 件" in out
    assert len(list((tmp_path / "out").glob("studio_*_manual.zip"))) == 1
    assert main(["backup", "--db", str(tmp_path / "nothing.sqlite3")]) == 1
    assert "找不到数据库文件" in capsys.readouterr().err
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_leftovers_of_an_interrupted_backup_are_removed_by_the_folders_own_clock(sqlite_studio, tmp_path):
    """A work folder untouched for over an hour is a crashed backup's; a fresh one may be the other
    desk's backup still running. Ages are read against the folder's clock, not this PC's."""
    import os

    folder = tmp_path / "b"
    folder.mkdir()
    stem = sqlite_path().stem
    old_work, old_partial = folder / f".{stem}_work-dead", folder / f".{stem}_0a1b2c.partial"
    running = folder / f".{stem}_work-running"
    old_work.mkdir()
    old_partial.write_bytes(b"PK half an archive")
    running.mkdir()
    two_hours_ago = running.stat().st_mtime - 7200
    for path in (old_work, old_partial):
        os.utime(path, (two_hours_ago, two_hours_ago))
    backup.create_backup(sqlite_path(), folder, prune_old=False)
    assert not old_work.exists() and not old_partial.exists()
    assert running.is_dir()
