"""Moving a studio between its SQLite file and a shared PostgreSQL database (main.py move-to /
move-back), on the real PostgreSQL server: nothing lost (the register exported before and after is
identical, every table's fingerprint and every attachment's bytes match), the source untouched, the
target written only if it was empty, all or nothing when cancelled or a file is damaged."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import openpyxl
import pytest

from studio_desk import attachment_chunks, cli, move_tables
from studio_desk.attachments import attach_file
from studio_desk.db import close_database, connect, files_dir, make_database
from studio_desk.demo import build_demo
from studio_desk.errors import DomainError
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import AuditEvent, Complaint, User
from studio_desk.move import move_studio, server, sqlite_source, sqlite_target
from studio_desk.opening import open_database
from studio_desk.progress import Cancelled
from tests.board_factory import register
from tests.core.exportkit import cancelling_progress

BIG = 2 * attachment_chunks.CHUNK + 12345  # three pieces in the database


def demo_file(tmp_path: Path, cases: int) -> Path:
    """A demo studio with attachments: a photo on two cases (stored once) and a large scan."""
    path = tmp_path / "studio.sqlite3"
    build_demo(path, cases=cases, seed=3)
    manager = User.get(User.username == "manager")
    photo, scan = tmp_path / "相册破损.jpg", tmp_path / "订单扫描.pdf"
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(5000))
    scan.write_bytes(os.urandom(BIG))
    first, second = [c.id for c in Complaint.select().order_by(Complaint.id).limit(2)]
    for case_id, file in ((first, photo), (second, photo), (second, scan)):
        attach_file(manager, case_id, file)
    register(  # text that CSV and COPY must carry exactly: quotes, commas, line breaks, \N, an empty wish
        User.get(User.username == "front"),
        description='顾客说："照片,全糊了"\n第二行\r\n\\N 反斜杠 \\ 𠀀🙂',
        customer_wish="",
        customer_name="\\N",
    )
    close_database()
    return path


def register_rows(tmp_path: Path, name: str, **where) -> list[tuple]:
    open_database(**where)
    out = export_register(User.get(User.username == "manager"), tmp_path / f"{name}.xlsx", include_full_phone=True)
    close_database()
    return [tuple(c.value for c in row) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows()]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprints(db) -> dict[str, tuple[int, str]]:
    connect(db)
    try:
        with db.atomic():
            return {
                move_tables.table(m): (p.rows, p.checksum)
                for m in move_tables.COPIED
                if (p := move_tables.fingerprint(db, m))
            }
    finally:
        db.close()


def stored_files(path: Path) -> dict[str, bytes]:
    folder = files_dir(path) / "attachments"
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def move_there_and_back(tmp_path: Path, url: str, cases: int) -> tuple[Path, Path]:
    source = demo_file(tmp_path, cases)
    before = register_rows(tmp_path, "before", path=source)
    source_bytes, source_prints = digest(source), fingerprints(make_database(source, create=False))

    there = move_studio(sqlite_source(source), server(url))
    assert there.rows["complaint"] == cases + 1 and there.files == 2 and there.file_bytes == BIG + 5003
    assert digest(source) == source_bytes  # only read
    back_path = tmp_path / "back" / "studio.sqlite3"
    back = move_studio(server(url), sqlite_target(back_path))
    assert back.rows["audit_event"] == there.rows["audit_event"] + 1  # the move's own event

    moved_prints = fingerprints(make_database(back_path, create=False))
    assert {k: v for k, v in moved_prints.items() if k != "audit_event"} == {
        k: v for k, v in source_prints.items() if k != "audit_event"
    }
    assert stored_files(back_path) == stored_files(source)
    assert register_rows(tmp_path, "after", path=back_path) == before
    return source, back_path


def test_a_studio_moves_to_postgresql_and_back_with_nothing_lost(tmp_path, pg_url):
    source, back_path = move_there_and_back(tmp_path, pg_url, cases=2000)

    open_database(url=pg_url)  # the shared database goes on: new ids follow the copied ones
    rows = [(e.action, e.details.get("from", "")) for e in AuditEvent.select().where(AuditEvent.action == "migrate")]
    assert rows == [("migrate", f"数据库文件 {source}")]
    highest = Complaint.select().order_by(Complaint.id.desc()).first().id
    case = register(User.get(User.username == "front"))
    assert case.id == highest + 1
    assert case.audit_events.count() == 1
    shared = AuditEvent.select().order_by(AuditEvent.id).first()
    with pytest.raises(Exception, match="append-only"):  # the audit guard is on in the copy
        AuditEvent.update(action="edit").where(AuditEvent.id == shared.id).execute()


def test_a_target_that_is_not_empty_is_refused_with_one_line(tmp_path, pg_url, capsys):
    source = demo_file(tmp_path, 20)
    assert cli.main(["move-to", "--db", str(source), "--database-url", pg_url]) == 0
    assert "已迁移并校验：21 个案件" in capsys.readouterr().out
    assert cli.main(["move-to", "--db", str(source), "--database-url", pg_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误") and err.count("\n") == 1 and "不是空的（已有 21 个案件" in err
    open_database(url=pg_url)
    assert Complaint.select().count() == 21  # nothing written twice
    close_database()
    assert cli.main(["move-back", "--database-url", pg_url, "--db", str(source)]) == 1
    assert "已经存在" in capsys.readouterr().err


@pytest.mark.parametrize("after", [2, 25])  # while copying; while checking the copy
def test_cancel_leaves_the_target_as_empty_as_it_was(tmp_path, pg_url, after):
    source = demo_file(tmp_path, 60)
    with pytest.raises(Cancelled):
        move_studio(sqlite_source(source), server(pg_url), cancelling_progress(after))
    target = make_database(url=pg_url)
    connect(target)
    assert target.get_tables() == []
    target.close()

    move_studio(sqlite_source(source), server(pg_url))
    back_path = tmp_path / "back.sqlite3"
    with pytest.raises(Cancelled):
        move_studio(server(pg_url), sqlite_target(back_path), cancelling_progress(after))
    assert not back_path.exists() and not files_dir(back_path).exists()


def test_a_damaged_attachment_stops_the_move_and_nothing_is_written(tmp_path, pg_url):
    source = demo_file(tmp_path, 10)
    scan = max(
        (p for p in (files_dir(source) / "attachments").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size
    )
    data = bytearray(scan.read_bytes())
    data[-1] ^= 0xFF
    scan.write_bytes(bytes(data))
    with pytest.raises(DomainError, match="校验值不一致"):
        move_studio(sqlite_source(source), server(pg_url))
    scan.unlink()
    with pytest.raises(DomainError, match="文件找不到了"):
        move_studio(sqlite_source(source), server(pg_url))
    target = make_database(url=pg_url)
    connect(target)
    assert target.get_tables() == []
    target.close()


def test_the_empty_tables_of_a_desk_that_connected_once_are_a_fine_target_but_another_programs_are_not(
    tmp_path, pg_url
):
    source = demo_file(tmp_path, 5)
    db = open_database(url=pg_url)  # a desk of an older version connected once: empty tables
    db.execute_sql("DROP TABLE attachment_chunk")
    db.execute_sql("UPDATE schema_info SET version = 7")
    close_database()
    assert move_studio(sqlite_source(source), server(pg_url)).rows["complaint"] == 6

    other = tmp_path / "其他程序.sqlite3"
    foreign = make_database(other)
    connect(foreign)
    foreign.execute_sql("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    foreign.close()
    with pytest.raises(DomainError, match="只能迁移到一个新文件"):
        move_studio(server(pg_url), sqlite_target(other))


def test_a_server_database_with_another_programs_tables_is_refused(tmp_path, pg_url):
    source = demo_file(tmp_path, 5)
    target = make_database(url=pg_url)
    connect(target)
    target.execute_sql("CREATE TABLE orders (id SERIAL PRIMARY KEY)")
    target.close()
    with pytest.raises(DomainError, match="已有其他程序的表（orders）"):
        move_studio(sqlite_source(source), server(pg_url))
    connect(target)
    assert target.get_tables() == ["orders"]
    target.close()
