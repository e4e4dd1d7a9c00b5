"""Backups of a shared PostgreSQL database from the desk, on the real server: the same archive as
on one PC (the shared data in a SQLite file inside the zip, attachments included), so it restores
onto a single PC and into an empty shared database alike; a restore into the shared database makes
a safety backup first, and only one desk restores at a time."""

from __future__ import annotations

import os
import zipfile
from datetime import datetime

import pytest

from studio_desk import attachment_chunks, attachments, backup_desk, clock
from studio_desk.backup_archive import DB_MEMBER, FILES_PREFIX
from studio_desk.backup_server import server_backup
from studio_desk.changes import data_version
from studio_desk.db import close_database, connect, current_database
from studio_desk.errors import DomainError
from studio_desk.models import AuditEvent, Complaint, User
from studio_desk.move import server
from studio_desk.opening import open_database
from studio_desk.restore import restore_backup
from studio_desk.restore_server import RESTORE_LOCK, server_restore
from tests import pg
from tests.board_factory import register
from tests.core.test_attachments import write_png
from tests.core.test_move import register_rows


@pytest.fixture
def shared(studio, monkeypatch, tmp_path):
    """A shared studio with three cases and a photo and a large scan in the database."""
    if current_database().__class__.__name__ != "PostgresqlDatabase":
        pytest.skip("backups of the shared database: PostgreSQL only")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "desk"))
    cases = [register(studio["front"]) for _ in range(3)]
    scan = tmp_path / "订单扫描.pdf"
    scan.write_bytes(os.urandom(attachment_chunks.CHUNK + 99))
    attachments.attach_file(studio["front"], cases[0].id, write_png(tmp_path / "相册.png"))
    attachments.attach_file(studio["front"], cases[1].id, scan)
    return studio


def test_a_backup_of_the_shared_database_restores_onto_one_pc_and_into_an_empty_server(shared, tmp_path, request):
    url = _url()
    before = register_rows(tmp_path, "before", url=url)
    open_database(url=url)
    info = backup_desk.backup_now(shared["manager"])
    with zipfile.ZipFile(info.path) as zf:
        names = zf.namelist()
    assert DB_MEMBER in names and sum(n.startswith(FILES_PREFIX + "attachments/") for n in names) == 2
    assert info.case_count == 3 and info.path.parent == tmp_path / "desk" / "StudioDesk" / "backups"
    close_database()

    one_pc = tmp_path / "单机" / "studio.sqlite3"
    one_pc.parent.mkdir()
    restore_backup(info.path, one_pc)
    assert register_rows(tmp_path, "one_pc", path=one_pc) == before
    open_database(one_pc)
    photo = Complaint.get_by_id(1).attachments.first()
    assert attachments.attachment_path(photo).read_bytes()[:4] == b"\x89PNG"
    close_database()

    empty = pg.fresh_database_url(request.node.name + "_empty")
    request.addfinalizer(lambda: pg.drop_database(empty))
    open_database(url=empty)  # a desk connected once: the tables exist, nothing in them
    safety = server_restore(info.path, current_database()).safety_backup
    assert safety.kind == "before-restore"
    close_database()
    assert register_rows(tmp_path, "empty_server", url=empty) == before
    open_database(url=empty)
    scan = Complaint.get_by_id(2).attachments.first()
    assert attachments.attachment_path(scan).stat().st_size == attachment_chunks.CHUNK + 99
    assert AuditEvent.select().where(AuditEvent.action == "restore").count() == 1
    case = register(User.get(User.username == "front"))  # ids go on after the restored ones
    assert case.id == 4


def test_a_restore_into_the_shared_database_keeps_a_safety_backup_and_the_other_desk_reloads(shared, tmp_path):
    db = current_database()
    info = server_backup(db)
    seen = data_version()
    register(shared["front"])  # saved after the backup: only in the safety backup
    safety = server_restore(info.path, db, user=shared["manager"]).safety_backup
    assert Complaint.select().count() == 3 and data_version() != seen
    assert safety.case_count == 4
    with zipfile.ZipFile(safety.path) as zf:
        assert sum(n.startswith(FILES_PREFIX) for n in zf.namelist()) == 2


def test_only_one_desk_restores_at_a_time(shared, tmp_path):
    db = current_database()
    info = server_backup(db)
    other_desk = server(db).db
    connect(other_desk)
    other_desk.execute_sql("SELECT pg_advisory_lock(%s)", (RESTORE_LOCK,))
    try:
        register(shared["front"])
        with pytest.raises(DomainError, match="另一台电脑正在恢复"):
            server_restore(info.path, db)
        assert Complaint.select().count() == 4  # nothing changed
    finally:
        other_desk.close()
    server_restore(info.path, db)
    assert Complaint.select().count() == 3


def test_the_daily_backup_of_the_shared_database_is_made_once_a_day(shared):
    with clock.frozen(datetime(2026, 11, 23, 8, 30)):
        made = backup_desk.backup_if_due(None)
        assert made is not None and made.kind == "auto"
        assert backup_desk.backup_if_due(None) is None
    with clock.frozen(datetime(2026, 11, 24, 8, 30)):
        assert backup_desk.backup_if_due(None).created_at.date() == datetime(2026, 11, 24).date()


def _url() -> str:
    db = current_database()
    p = db.connect_params
    return f"postgresql://{p.get('user') or ''}@{p.get('host')}:{p.get('port')}/{db.database}"


def test_the_command_line_backs_up_and_restores_the_shared_database(shared, tmp_path, capsys):
    from studio_desk import cli

    url = _url()
    assert cli.main(["backup", "--database-url", url, "-o", str(tmp_path / "备份")]) == 0
    archive = next((tmp_path / "备份").glob("*.zip"))
    assert "已通过校验" in capsys.readouterr().out
    open_database(url=url)
    register(shared["front"])
    close_database()
    assert cli.main(["restore", str(archive), "--database-url", url, "--yes"]) == 0
    assert "恢复前的数据已备份到" in capsys.readouterr().out
    open_database(url=url)
    assert Complaint.select().count() == 3
