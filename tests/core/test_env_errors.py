"""Environment errors told apart by SQLite's result codes, also when a failed ROLLBACK or
peewee's own exception class wraps the one that matters."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from studio_desk.env_errors import DatabaseDamaged, explain, sqlite_code


@pytest.fixture
def read_only(tmp_path):
    path = tmp_path / "studio.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, isolation_level=None)
    yield conn
    conn.close()


def test_a_failed_rollback_does_not_hide_why_the_transaction_ended(read_only):
    with pytest.raises(sqlite3.OperationalError) as caught:
        try:
            read_only.execute("INSERT INTO t VALUES (1)")
        except sqlite3.OperationalError:
            read_only.execute("ROLLBACK")  # "cannot rollback - no transaction is active"
    outer = caught.value
    assert outer.sqlite_errorname == "SQLITE_ERROR"
    assert sqlite_code(outer) == "SQLITE_READONLY"
    assert "只读" in explain(outer).message


def test_peewee_keeps_the_sqlite_error_inside(tmp_path):
    path = tmp_path / "studio.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    db = peewee.SqliteDatabase(path.as_uri() + "?mode=ro", uri=True)
    with pytest.raises(peewee.OperationalError) as caught:
        db.execute_sql("INSERT INTO t VALUES (1)")
    db.close()
    assert sqlite_code(caught.value) == "SQLITE_READONLY"


def test_damage_and_bugs(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 5000)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(junk).execute("SELECT * FROM sqlite_master").fetchall()
    assert isinstance(explain(caught.value, junk), DatabaseDamaged)
    assert explain(ValueError("a bug")) is None
    assert explain(FileNotFoundError(2, "No such file", str(tmp_path / "登记表.xlsx"))).message.startswith("找不到")
