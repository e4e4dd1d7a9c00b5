"""Integrity checks: quick at start, full from the menu; a damaged file is found without being
written to, and after a failed check the program refuses every write in plain Chinese."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from studio_desk import attachments, integrity
from studio_desk.db import refuse_writes, sqlite_path, writes_refused
from studio_desk.errors import DomainError
from studio_desk.opening import open_database
from tests.board_factory import register
from tests.core.safetykit import damage, is_chinese
from tests.core.test_attachments import write_png


@pytest.fixture(autouse=True)
def _writes_allowed_afterwards():
    yield
    refuse_writes(None)


def test_a_healthy_database_passes(studio):
    register(studio["front"])
    for full in (False, True):
        report = integrity.check_database(full=full)
        assert report.ok and not report.problems and "通过" in report.message
    if sqlite_path():
        assert integrity.check_file(sqlite_path()).ok


def test_damage_is_found_without_writing_to_the_file(sqlite_studio):
    path = sqlite_path()
    register(sqlite_studio["front"])
    damage(path, "complaint")
    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()

    quick, full = integrity.check_file(path), integrity.check_file(path, full=True)

    assert not quick.ok and not full.ok and full.problems
    assert "已损坏" in full.message and "不保存任何修改" in full.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == fingerprint


def test_after_a_failed_check_nothing_is_written(sqlite_studio):
    path = sqlite_path()
    case = register(sqlite_studio["front"])
    damage(path, "audit_event")
    open_database(path)  # the app had it open already
    report = integrity.guard(integrity.check_database())
    assert not report.ok and writes_refused() == report.message
    with pytest.raises(DomainError) as refused:
        register(sqlite_studio["front"])
    assert refused.value.message == report.message and is_chinese(refused.value.message)
    from studio_desk.services import actions

    with pytest.raises(DomainError):
        actions.add_note(sqlite_studio["front"], case.case_no, "备注")


def test_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "照片.sqlite3"
    junk.write_bytes(b"\xff\xd8\xff\xe0 this is a JPEG, not a database" * 200)
    report = integrity.check_file(junk)
    assert not report.ok and "无法读取数据库" in report.problems[0]
    with pytest.raises(DomainError, match="找不到数据库文件"):
        integrity.check_file(tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()


def test_full_check_finds_broken_references(sqlite_studio):
    path = sqlite_path()
    register(sqlite_studio["front"])
    with sqlite3.connect(path) as conn:  # foreign keys are off on a bare connection, as in a careless copy
        conn.execute("UPDATE complaint SET customer_id = 999")
    conn.close()
    assert integrity.check_database().ok  # quick_check does not look at references
    full = integrity.check_database(full=True)
    assert not full.ok and "customer" in full.problems[0]


def test_missing_attachment_file_is_a_warning_not_damage(sqlite_studio, tmp_path):
    case = register(sqlite_studio["front"])
    att = attachments.attach_file(sqlite_studio["front"], case.case_no, write_png(tmp_path / "证据.png"))
    attachments.attachment_path(att).unlink()
    report = integrity.check_database(full=True)
    assert report.ok and report.missing_files == (f"案件 {case.case_no} 的附件“证据.png”",)
    assert "1 个附件文件找不到" in report.message


def test_command_line_check(sqlite_studio, capsys):
    from studio_desk.cli import main

    path = str(sqlite_path())
    assert main(["check", "--db", path]) == 0 and "快速检查通过" in capsys.readouterr().out
    damage(sqlite_path(), "complaint")
    assert main(["check", "--db", path, "--full"]) == 1
    out, err = capsys.readouterr()
    assert "  - " in out and err.startswith("错误：数据库文件已损坏") and err.count("\n") == 1
