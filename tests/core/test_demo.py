"""The demo database: every stage, channel, category and severity, consistent with the workflow rules,
deterministic for a seed and a day, and its accounts sign in."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from studio_desk.db import close_database
from studio_desk.demo import build_demo
from studio_desk.errors import DomainError
from studio_desk.models import Complaint, FollowUp
from studio_desk.services import users
from studio_desk.vocab import codes

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    accounts = build_demo(path, cases=800, seed=7, today=TODAY)
    close_database()
    return path, accounts


def test_covers_every_choice(demo_file):
    conn = sqlite3.connect(demo_file[0])
    for column, kind in (("stage", "stage"), ("channel", "channel"), ("severity", "severity")):
        present = {row[0] for row in conn.execute(f"SELECT DISTINCT {column} FROM complaint")}
        assert present == set(codes(kind)), column
    assert conn.execute("SELECT COUNT(DISTINCT category_id) FROM complaint").fetchone()[0] == 11
    assert conn.execute("SELECT COUNT(*) FROM complaint WHERE is_repeat").fetchone()[0] > 0
    assert conn.execute("SELECT COUNT(*) FROM approval_decision").fetchone()[0] > 0
    overdue = conn.execute(
        "SELECT COUNT(*) FROM complaint WHERE stage != 'closed' AND next_due < ?", ("2026-11-20 18:00:00",)
    ).fetchone()[0]
    assert 0 < overdue < 100


def test_rows_follow_the_workflow(demo_file):
    from studio_desk.opening import open_database

    open_database(demo_file[0])
    try:
        for case in Complaint.select():
            if case.stage == "closed":
                assert case.closed_at is not None
                assert case.validity == "invalid" and case.invalid_explanation or case.follow_up_result in (
                    "satisfied", "unreachable"), case.case_no
            if case.stage in ("remedy", "approval", "implementing", "follow_up"):
                assert case.cause and case.department_id and case.validity in ("valid", "assist")
            if case.stage in ("implementing", "follow_up", "closed") and case.validity != "invalid":
                # 重大 from the 30-day rule came after the remedy: it asks for no approval afterwards.
                major_then = case.severity == "major" and not case.severity_reasons[0].endswith("仍未解决")
                needs = case.compensation_total > 500 or case.beyond_terms or major_then
                assert not needs or case.approval_state == "approved", case.case_no
            if case.stage == "approval":
                assert case.approval_state == "pending"
            if case.follow_up_result == "unreachable":
                assert FollowUp.select().where((FollowUp.case == case) & (FollowUp.reached == False)).count() >= 3  # noqa: E712
            assert case.received_at <= case.stage_entered_at
            assert (case.next_due is None) == (case.stage == "closed")
    finally:
        close_database()


def test_accounts_sign_in(demo_file):
    from studio_desk.opening import open_database

    open_database(demo_file[0])
    try:
        roles = set()
        for username, password, _role_label in demo_file[1]:
            roles.add(users.authenticate(username, password).role)
        assert roles == set(codes("role"))
    finally:
        close_database()


def test_same_seed_and_day_give_the_same_database(tmp_path, demo_file):
    other = tmp_path / "again.sqlite3"
    build_demo(other, cases=800, seed=7, today=TODAY)
    close_database()
    query = "SELECT case_no, received_at, stage, severity, description, next_due FROM complaint ORDER BY id"
    assert sqlite3.connect(other).execute(query).fetchall() == sqlite3.connect(demo_file[0]).execute(query).fetchall()


def test_refuses_a_database_with_data(demo_file):
    with pytest.raises(DomainError, match="空数据库"):
        build_demo(demo_file[0], cases=5)
    close_database()


def test_cli_prints_the_accounts(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "demo", "--db", str(tmp_path / "d.sqlite3"), "--cases", "50", "--seed", "3"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "manager / manager123 / 店长" in result.stdout


def test_cli_error_is_one_chinese_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "demo", "--db", str(tmp_path / "d.sqlite3"), "--cases", "-1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("错误：")
