"""Restore: shows what a backup holds, saves the current data first, then replaces the database
and its attachments — and changes nothing when the archive is damaged or unsafe."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from studio_desk import attachments, backup, clock, integrity
from studio_desk.backup_archive import describe_backup
from studio_desk.db import close_database, refuse_writes, sqlite_path, writes_refused
from studio_desk.errors import DomainError, PermissionDenied
from studio_desk.migrations import LATEST_VERSION
from studio_desk.models import AuditEvent, Complaint
from studio_desk.opening import open_database
from studio_desk.restore import restore_backup
from tests.board_factory import register
from tests.core.safetykit import damage, is_chinese, make_v1_database
from tests.core.test_attachments import write_png


@pytest.fixture
def saved(sqlite_studio, tmp_path):
    """A studio with two cases and a photo, backed up on 2026-11-20."""
    with clock.frozen(datetime(2026, 11, 20, 9, 0)):
        first = register(sqlite_studio["front"], description="第一件 𠀀")
        register(sqlite_studio["front"])
        attachments.attach_file(sqlite_studio["front"], first.case_no, write_png(tmp_path / "a.png"))
        return backup.create_backup(sqlite_path())


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` with its manifest (and members) changed by ``change(manifest, members)``."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    change(manifest, members)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest))
    return target


def test_describe_shows_date_and_case_count(saved):
    info = describe_backup(saved.path)
    assert (info.created_at, info.case_count, info.file_count) == (datetime(2026, 11, 20, 9, 0), 2, 1)
    assert info.label == "2026-11-20 09:00（案件 2 件，附件 1 个）"


def test_restore_replaces_data_and_attachments_after_a_safety_backup(sqlite_studio, saved, tmp_path, frozen_now):
    db_path = sqlite_path()
    later = register(sqlite_studio["front"], description="备份之后登记的")
    attachments.attach_file(sqlite_studio["front"], later.case_no, write_png(tmp_path / "b.png", rgb=(1, 2, 3)))
    files_before = sorted(p.name for p in (tmp_path / "studio_files").rglob("*.png"))
    assert len(files_before) == 2

    result = restore_backup(saved.path, db_path, user=sqlite_studio["manager"])

    # The open connection sees the restored data at once.
    assert Complaint.select().count() == 2
    assert Complaint.get_or_none(Complaint.case_no == later.case_no) is None
    assert len(list((tmp_path / "studio_files").rglob("*.png"))) == 1
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert event.action == "restore" and event.user_id == sqlite_studio["manager"].id
    assert event.details["archive"] == saved.path.name
    # What was there before is in the safety backup, attachments included.
    assert result.safety_backup.kind == "before-restore" and result.safety_backup.case_count == 3
    assert result.safety_backup.file_count == 2
    assert integrity.check_database(full=True).ok
    assert register(sqlite_studio["front"]).case_no  # and the desk can go on working


def test_restore_undoes_a_restore(sqlite_studio, saved, frozen_now):
    db_path = sqlite_path()
    register(sqlite_studio["front"])
    safety = restore_backup(saved.path, db_path).safety_backup
    restore_backup(safety.path, db_path)
    assert Complaint.select().count() == 3


def test_damaged_archive_changes_nothing(sqlite_studio, saved, tmp_path):
    db_path = sqlite_path()
    register(sqlite_studio["front"])

    def flip_a_byte(manifest, members):
        data = bytearray(members["database.sqlite3"])
        data[5000] ^= 0xFF
        members["database.sqlite3"] = bytes(data)

    broken = _rewrite(saved.path, tmp_path / "broken.zip", flip_a_byte)
    backups_before = sorted(p.name for p in (tmp_path / "backups").iterdir())
    with pytest.raises(DomainError) as refused:
        restore_backup(broken, db_path)
    assert "校验不一致" in refused.value.message
    assert Complaint.select().count() == 3
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == backups_before  # no safety copy needed


def test_unsafe_paths_and_newer_versions_are_refused(sqlite_studio, saved, tmp_path):
    def escape(manifest, members):
        members["../../evil.txt"] = b"x"
        manifest["files"]["../../evil.txt"] = {"sha256": "0" * 64}

    def newer(manifest, members):
        manifest["schema_version"] = LATEST_VERSION + 1

    for change, words in ((escape, "不安全的路径"), (newer, "更新版本")):
        with pytest.raises(DomainError) as refused:
            restore_backup(_rewrite(saved.path, tmp_path / f"{change.__name__}.zip", change), sqlite_path())
        assert words in refused.value.message
    assert not (tmp_path.parent / "evil.txt").exists()


def test_restore_over_a_damaged_database(sqlite_studio, saved, tmp_path):
    db_path = sqlite_path()
    damage(db_path, "complaint")
    report = integrity.guard(integrity.check_file(db_path, full=True))
    assert not report.ok and writes_refused()

    result = restore_backup(saved.path, db_path)

    assert result.safety_backup.path.exists()
    assert integrity.check_file(db_path, full=True).ok
    assert writes_refused() is None
    open_database(db_path)
    assert Complaint.select().count() == 2


def test_restore_of_an_older_schema_upgrades_it(sqlite_studio, tmp_path):
    old = tmp_path / "old" / "legacy.sqlite3"
    old.parent.mkdir()
    make_v1_database(old)
    archive = backup.create_backup(old)
    assert archive.schema_version == 1
    restore_backup(archive.path, sqlite_path())
    with sqlite3.connect(sqlite_path()) as conn:
        assert conn.execute("SELECT version FROM schema_info").fetchone()[0] == LATEST_VERSION
    conn.close()


def test_restore_onto_a_new_computer(saved, tmp_path):
    close_database()
    fresh = tmp_path / "new-pc" / "studio.sqlite3"
    fresh.parent.mkdir()
    result = restore_backup(saved.path, fresh)
    assert result.safety_backup is None
    assert len(list((tmp_path / "new-pc" / "studio_files").rglob("*.png"))) == 1
    open_database(fresh)
    assert Complaint.select().count() == 2


def test_restore_needs_the_right_and_a_safety_backup(sqlite_studio, saved, tmp_path):
    with pytest.raises(PermissionDenied):
        restore_backup(saved.path, sqlite_path(), user=sqlite_studio["front"])
    register(sqlite_studio["front"])
    with pytest.raises(DomainError) as refused:
        restore_backup(saved.path, sqlite_path(), folder=tmp_path / "unplugged" / "stick")
    assert is_chinese(refused.value.message)
    assert Complaint.select().count() == 3  # no safety backup, no restore


def test_read_only_guard(sqlite_studio):
    refuse_writes("数据库已损坏，暂停保存。")
    try:
        with pytest.raises(DomainError, match="暂停保存"):
            register(sqlite_studio["front"])
    finally:
        refuse_writes(None)
    assert register(sqlite_studio["front"]).case_no


def test_command_line_restore(sqlite_studio, saved, tmp_path, capsys, monkeypatch):
    from studio_desk.cli import main

    register(sqlite_studio["front"])
    close_database()
    db = str(tmp_path / "studio.sqlite3")
    monkeypatch.setattr("sys.stdin", None)  # CI: no terminal to ask on
    assert main(["restore", str(saved.path), "--db", db]) == 1
    assert "加上 --yes" in capsys.readouterr().err
    assert main(["restore", str(saved.path), "--db", db, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "案件 2 件" in out and "恢复前的数据已备份到" in out and "恢复完成" in out
    open_database(tmp_path / "studio.sqlite3")
    assert Complaint.select().count() == 2
