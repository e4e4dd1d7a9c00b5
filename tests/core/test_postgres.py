"""PostgreSQL mode (two desks, one shared server): the same models, migrations and guards as on
SQLite — checked here on a real server where SQLite and PostgreSQL differ. Skips with a reason
unless STUDIODESK_TEST_PG_URL names a server (.ci/postgres.sh starts one)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from peewee import PostgresqlDatabase

from studio_desk import integrity
from studio_desk.db import close_database, write_transaction
from studio_desk.errors import DomainError, SchemaError
from studio_desk.migrations import LATEST_VERSION, schema_version
from studio_desk.models import AuditEvent, CompensationLine, Complaint, MonthlyReview
from studio_desk.opening import open_database
from studio_desk.services import actions, intake
from tests.board_factory import advance, register

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_studio(pg_url):
    from tests.conftest import _setup_studio

    open_database(url=pg_url)
    return _setup_studio()


def test_database_url_forms(pg_url):
    parsed = urlparse(pg_url)
    for url in (pg_url, urlunparse(parsed._replace(scheme="postgres"))):
        db = open_database(url=url)
        assert isinstance(db, PostgresqlDatabase) and schema_version(db) == LATEST_VERSION
        assert db.database == parsed.path.lstrip("/") and db.connect_params["port"] == parsed.port
        close_database()
    with pytest.raises(DomainError, match="不支持的数据库地址"):
        open_database(url="mysql://root@127.0.0.1/studio")


def test_a_server_that_is_not_there_is_a_clear_message():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DomainError) as refused:
        open_database(url=f"postgresql://postgres@127.0.0.1:{port}/studio")
    assert f"127.0.0.1:{port}" in refused.value.message and "服务器电脑是否开机" in refused.value.message


def test_migration_from_version_1_and_refusal_of_a_newer_one(pg_url):
    db = open_database(url=pg_url)
    # back to what version 1 had: undo what the later steps add
    db.execute_sql("DROP TABLE monthly_review")
    db.execute_sql("DROP INDEX IF EXISTS customer_name")
    db.execute_sql("DROP TABLE notify_outbox, notify_channel")
    db.execute_sql("ALTER TABLE complaint DROP COLUMN history_import")
    db.execute_sql("ALTER TABLE customer DROP COLUMN erased_at")
    db.execute_sql("DROP TABLE attachment_chunk")  # added by v8
    db.execute_sql("ALTER TABLE compensation_line DROP COLUMN round, DROP COLUMN carried_out_at")  # added by v9
    db.execute_sql("UPDATE schema_info SET version = 1")
    close_database()

    db = open_database(url=pg_url)  # no file to back up: the server's own backups cover PostgreSQL
    assert schema_version(db) == LATEST_VERSION and db.table_exists("monthly_review")
    assert db.table_exists("attachment_chunk")
    assert "customer_name" in {i.name for i in db.get_indexes("customer")}
    assert db.table_exists("notify_outbox") and "history_import" in {c.name for c in db.get_columns("complaint")}
    assert "erased_at" in {c.name for c in db.get_columns("customer")}
    assert {"round", "carried_out_at"} <= {c.name for c in db.get_columns("compensation_line")}
    MonthlyReview.create(month="2026-11", corrective_actions="加强修图审核")

    db.execute_sql("UPDATE schema_info SET version = %s", (LATEST_VERSION + 1,))
    close_database()
    with pytest.raises(SchemaError, match="更新版本"):
        open_database(url=pg_url)


def test_audit_trail_is_append_only_on_the_server(pg_studio, frozen_now):
    register(pg_studio["front"])
    count = AuditEvent.select().count()
    for statement in (AuditEvent.update(action="edit"), AuditEvent.delete()):
        with pytest.raises(Exception, match="append-only"):
            with write_transaction():
                statement.execute()
    assert AuditEvent.select().count() == count
    assert {e.action for e in AuditEvent.select()} >= {"setup", "user", "register"}


def test_case_number_upsert_with_returning(pg_studio, frozen_now):
    with write_transaction():
        first = intake.next_case_number(frozen_now)
        second = intake.next_case_number(frozen_now)
    assert (first, second) == ("KS-20261123-001", "KS-20261123-002")
    assert register(pg_studio["front"]).case_no == "KS-20261123-003"


def test_values_round_trip_exactly(pg_studio, frozen_now):
    text = "𠀀𪚥 😀 \u202e右到左\u202c 换行\n第二行"
    case = register(pg_studio["front"], description=text, received_at=datetime(2026, 11, 23, 9, 59, 58))
    case = advance(case, "approval", pg_studio, compensation="12345.67")
    stored = Complaint.get_by_id(case.id)
    assert stored.description == text and stored.received_at == datetime(2026, 11, 23, 9, 59, 58)
    assert stored.compensation_total == Decimal("12345.67")
    assert sum(line.amount for line in CompensationLine.select()) == Decimal("12345.67")
    assert stored.severity_reasons == case.severity_reasons
    event = AuditEvent.select().where(AuditEvent.case == case.id).order_by(AuditEvent.id).first()
    assert event.details["case_no"] == case.case_no
    approved = actions.approve(pg_studio["exec"], case.id, stored.version, "同意 𠀀")
    assert approved.approval_state == "approved"


def test_data_safety_on_a_shared_server(pg_studio):
    assert integrity.check_database(full=True).ok  # backups and restores: test_server_backup.py


def test_a_sqlite_desk_and_a_shared_database_in_one_process(pg_url, tmp_path):
    """A desk on a SQLite file, then a shared database: peewee's full PostgreSQL support (its
    IntegrityError for a unique name) works in the same process."""
    code = (
        "import sys\n"
        "from studio_desk.db import close_database, write_transaction\n"
        "from studio_desk.opening import open_database\n"
        "open_database(sys.argv[1])\n"
        "close_database()\n"
        "from peewee import IntegrityError\n"
        "from studio_desk.models import Category\n"
        "open_database(url=sys.argv[2])\n"
        "with write_transaction():\n"
        "    Category.create(name='化妆', sort_order=1)\n"
        "try:\n"
        "    with write_transaction():\n"
        "        Category.create(name='化妆', sort_order=2)\n"
        "except IntegrityError:\n"
        "    print('refused', Category.select().where(Category.name == '化妆').count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "desk.sqlite3"), pg_url], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["refused", "1"]
