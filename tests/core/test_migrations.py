"""Schema versions: a version-1 database (tests/core/data/schema_v1.sql) with a row in every table
is upgraded to the latest version keeping every row; a database from a newer StudioDesk is refused
and left untouched; a fresh database has the same tables, columns, indexes and triggers as a migrated one."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from studio_desk.db import close_database
from studio_desk.errors import SchemaError
from studio_desk.migrations import LATEST_VERSION, schema_version
from studio_desk.models import AuditEvent, CompensationLine, Complaint, Customer, MonthlyReview, User
from studio_desk.opening import open_database

V1_SQL = Path(__file__).parent / "data" / "schema_v1.sql"

# Values the models can read back, per column; everything else gets a value from its SQL type.
SPECIAL = {
    ("setting", "value"): '"花嫁摄影 🌸"',
    ("setting", "key"): "studio_name",
    ("complaint", "severity_reasons"): '["VIP/重要顾客"]',
    ("complaint", "compensation_total"): 123456,
    ("complaint", "case_no"): "KS-20261123-001",
    ("complaint", "stage"): "remedy",
    ("audit_event", "details"): '{"case_no": "KS-20261123-001"}',
    ("daily_counter", "day"): "20261123",
    ("user", "password_hash"): "scrypt$16384$8$1$00$00",
    ("holiday", "day"): "2027-01-01",
    ("schema_info", "version"): 1,
}


def _value(table: str, column: str, sql_type: str, row: int):
    if (table, column) in SPECIAL:
        return SPECIAL[(table, column)]
    sql_type = sql_type.upper()
    if sql_type == "INTEGER":
        return row
    if sql_type == "DATETIME":
        return f"2026-11-2{row} 10:0{row}:00"
    if sql_type == "DATE":
        return f"2026-11-2{row}"
    return f"{column} 第{row}行 𠀀"


def build_v1(path: Path) -> dict[str, list[tuple]]:
    """A version-1 file with one row in every table; returns every table's rows."""
    conn = sqlite3.connect(path)
    conn.executescript("BEGIN;" + V1_SQL.read_text(encoding="utf-8") + "COMMIT;")  # one fsync, not sixty
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        values = [_value(table, c[1], c[2], 1) for c in columns]
        marks = ", ".join("?" * len(values))
        conn.execute(f'INSERT INTO "{table}" VALUES ({marks})', values)
    conn.commit()
    rows = _all_rows(conn, tables)
    conn.close()
    return rows


def _all_rows(conn: sqlite3.Connection, tables: list[str]) -> dict[str, list[tuple]]:
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def _columns(path: Path) -> dict[str, list[tuple]]:
    """Every table's columns (name, type, not null, primary key), and every index and trigger."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    shape = {t: sorted((c[1], c[2], c[3], c[5]) for c in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    shape["(indexes and triggers)"] = sorted(
        conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')").fetchall())
    conn.close()
    return shape


@pytest.fixture
def v1_file(tmp_path):
    path = tmp_path / "old.sqlite3"
    rows = build_v1(path)
    yield path, rows
    close_database()


def test_upgrade_from_version_1_keeps_every_row(v1_file):
    path, before = v1_file
    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    close_database()
    conn = sqlite3.connect(path)
    after = _all_rows(conn, list(before))
    conn.close()
    # v6: history_import, false for every case made before it; v7: erased_at, empty for every customer
    # already there; v9: the remedy round, and not carried out (the case is in 方案).
    added = {"complaint": (0,), "customer": (None,), "compensation_line": (1, None)}
    for table, rows in before.items():
        expected = [rows[0][:-1] + (LATEST_VERSION,)] if table == "schema_info" else rows
        expected = [row + added.get(table, ()) for row in expected]
        assert after[table] == expected, table


def test_compensation_of_cases_past_implementation_counts_as_carried_out(v1_file):
    """v9: lines of a case already carried out are paid; a later remedy round does not replace them."""
    path, _ = v1_file
    conn = sqlite3.connect(path)
    conn.execute("UPDATE complaint SET stage = 'closed', implemented_at = '2026-11-20 15:00:00'")
    conn.commit()
    conn.close()
    open_database(path)
    line = CompensationLine.get()
    assert (line.round, line.carried_out_at) == (1, datetime(2026, 11, 20, 15, 0))


def test_upgraded_rows_read_back_through_the_models(v1_file):
    path, _ = v1_file
    open_database(path)
    case = Complaint.get(Complaint.case_no == "KS-20261123-001")
    assert (case.compensation_total, case.severity_reasons, case.stage) == (Decimal("1234.56"), ["VIP/重要顾客"],
                                                                          "remedy")
    assert case.customer.name == "name 第1行 𠀀"
    assert User.get_by_id(1).password_hash.startswith("scrypt$")
    assert AuditEvent.get_by_id(1).details == {"case_no": "KS-20261123-001"}
    MonthlyReview.create(month="2026-11", corrective_actions="修图师培训")  # the table version 2 added
    assert [c.name for c in Customer.select().where(Customer.name == "name 第1行 𠀀")]  # name lookup (v2 index)
    assert case.customer.erased_at is None  # the column version 7 added


def upgraded_from(path: Path, version: int, *undo: str):
    """The file at ``path`` taken back to ``version`` (``undo``: what the later steps added), then
    opened: it is upgraded to the latest version with one backup first; returns the database."""
    db = open_database(path)
    for sql in undo:
        db.execute_sql(sql)
    db.execute_sql(f"UPDATE schema_info SET version = {version}")
    close_database()
    calls: list[int] = []
    db = open_database(path, before_upgrade=lambda _db, old: calls.append(old))
    assert calls == [version] and schema_version(db) == LATEST_VERSION > version
    return db


def test_version_6_gains_the_erasure_column_and_keeps_its_rows(v1_file):
    """A version-6 file (the last before personal-data erasure) upgrades to 7 with a backup first."""
    path, _ = v1_file
    upgraded_from(path, 6, "ALTER TABLE customer DROP COLUMN erased_at", "DROP TABLE attachment_chunk",
                  "ALTER TABLE compensation_line DROP COLUMN round",
                  "ALTER TABLE compensation_line DROP COLUMN carried_out_at")
    customer = Customer.get(Customer.name == "name 第1行 𠀀")
    Customer.update(erased_at=datetime(2026, 11, 23, 10, 0)).where(Customer.id == customer.id).execute()
    assert Customer.get_by_id(customer.id).erased_at == datetime(2026, 11, 23, 10, 0)


def test_the_audit_trail_stays_append_only_after_the_upgrade(v1_file):
    path, _ = v1_file
    db = open_database(path)
    with pytest.raises(Exception, match="append-only"):
        db.execute_sql("DELETE FROM audit_event")
    assert AuditEvent.select().count() == 1


def test_the_upgrade_calls_before_upgrade_once_with_the_old_version(v1_file, tmp_path):
    path, _ = v1_file
    calls = []
    open_database(path, before_upgrade=lambda db, version: calls.append(version))
    close_database()
    open_database(path, before_upgrade=lambda db, version: calls.append(version))
    close_database()
    open_database(tmp_path / "fresh.sqlite3", before_upgrade=lambda db, version: calls.append(version))
    assert calls == [1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    db = open_database(path)
    db.execute_sql("UPDATE schema_info SET version = ?", (LATEST_VERSION + 1,))
    close_database()
    digest = _digest(path)
    with pytest.raises(SchemaError) as info:
        open_database(path)
    close_database()
    assert f"数据结构版本 {LATEST_VERSION + 1}" in info.value.message
    assert "请升级程序后再打开" in info.value.message
    assert _digest(path) == digest
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_info").fetchall() == [(LATEST_VERSION + 1,)]
    conn.close()


def test_a_fresh_database_has_the_shape_of_a_migrated_one(v1_file, tmp_path):
    path, _ = v1_file
    open_database(path)
    close_database()
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh)
    close_database()
    assert _columns(fresh) == _columns(path)


def test_reopening_the_latest_version_changes_nothing(tmp_path):
    path = tmp_path / "studio.sqlite3"
    open_database(path)
    close_database()
    shape = _columns(path)
    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    close_database()
    assert _columns(path) == shape


def test_the_upgrade_adds_the_notification_tables_with_their_unique_dedupe_key(v1_file):
    from studio_desk.models import NotifyChannel, NotifyOutbox

    path, _ = v1_file
    open_database(path)
    at = datetime(2026, 11, 23, 18, 0)
    channel = NotifyChannel.create(kind="wecom", name="店长群", secret={"url": "https://x/y?key=1"}, events=["daily"],
                                   created_at=at, updated_at=at)
    row = {"channel": channel.id, "event": "daily", "dedupe_key": "daily:2026-11-23", "title": "每日工作小结",
           "body": "今日新增 0 件", "created_at": at, "next_attempt_at": at}
    for _ in range(2):  # the second is the same day's summary from the other desk: ignored
        NotifyOutbox.insert(row).on_conflict_ignore().execute()
    assert [(r.status, r.attempts, r.body) for r in NotifyOutbox.select()] == [("pending", 0, "今日新增 0 件")]
    close_database()


def test_version_7_gains_the_attachment_content_table(v1_file):
    """A version-7 file (the last before attachments inside a shared database) upgrades with a backup
    first; its attachments stay in the folder, the new table is there, empty."""
    path, _ = v1_file
    db = upgraded_from(path, 7, "DROP TABLE attachment_chunk", "ALTER TABLE compensation_line DROP COLUMN round",
                       "ALTER TABLE compensation_line DROP COLUMN carried_out_at")  # v9's columns too
    assert db.execute_sql("SELECT COUNT(*) FROM attachment_chunk").fetchone()[0] == 0
