"""Passwords (scrypt, never in clear anywhere in the database file), the append-only audit trail
(the database itself refuses UPDATE and DELETE) and one event per service call, and hostile text."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from peewee import DatabaseError

from studio_desk import clock
from studio_desk.db import close_database
from studio_desk.errors import AuthError
from studio_desk.models import AuditEvent, Complaint, User
from studio_desk.security import (
    OWASP_COST,
    TEST_COST_VARIABLE,
    current_cost,
    hash_password,
    needs_rehash,
    verify_password,
)
from studio_desk.services import actions, catalog, users
from studio_desk.services.cases import update_case
from tests.board_factory import advance, register
from tests.core.casekit import reload

# --- password hashing ---------------------------------------------------------------------------------


def test_hash_is_salted_scrypt():
    first, second = hash_password("manager123"), hash_password("manager123")
    assert re.fullmatch(r"scrypt\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}", first), "the suite's low test cost"
    assert first != second  # a fresh salt each time
    assert verify_password("manager123", first) and verify_password("manager123", second)
    assert not verify_password("manager124", first)
    assert not verify_password("", first)
    assert verify_password("密码🔑𠀀", hash_password("密码🔑𠀀"))


def test_the_real_cost_is_owasps_and_older_hashes_are_remade_at_sign_in(sqlite_studio, monkeypatch):
    """With the suite's low-cost variable removed, hashes are made at N=2^17, r=8, p=1 (128 MiB, which
    hashlib refuses unless its memory cap is raised), and a hash of the older N=2^14 is remade, once,
    at the next successful sign-in; a failed sign-in leaves it alone."""
    monkeypatch.delenv(TEST_COST_VARIABLE)
    assert current_cost() == OWASP_COST == (2**17, 8, 1)
    stored = hash_password("front123")
    assert stored.startswith("scrypt$131072$8$1$") and verify_password("front123", stored)
    assert not needs_rehash(stored)
    old = hashlib.scrypt(b"front123", salt=b"s" * 16, n=2**14, r=8, p=1, dklen=32)
    User.update(password_hash=f"scrypt$16384$8$1${(b's' * 16).hex()}${old.hex()}").where(
        User.username == "front").execute()
    with pytest.raises(AuthError):
        users.authenticate("front", "wrong")
    assert User.get(User.username == "front").password_hash.startswith("scrypt$16384$")
    users.authenticate("front", "front123")
    remade = User.get(User.username == "front").password_hash
    assert remade.startswith("scrypt$131072$8$1$") and verify_password("front123", remade)
    assert AuditEvent.select().where(AuditEvent.action == "sign_in").order_by(AuditEvent.id.desc()).get().details == {
        "rehashed": True}
    users.authenticate("front", "front123")
    assert User.get(User.username == "front").password_hash == remade, "remade once, not at every sign-in"


def test_a_lowered_cost_never_replaces_a_stronger_hash(monkeypatch):
    monkeypatch.setenv(TEST_COST_VARIABLE, "12")
    assert not needs_rehash("scrypt$131072$8$1$00$00") and needs_rehash("scrypt$1024$8$1$00$00")
    monkeypatch.setenv(TEST_COST_VARIABLE, "17")  # never raises beyond nor replaces OWASP's cost
    assert current_cost() == OWASP_COST


@pytest.mark.parametrize(
    "stored",
    ["", "plain-text", "md5$abc", "scrypt$16384$8$1$zz$00", "scrypt$x$8$1$00$00", "scrypt$16384$8$1$00",
     "scrypt$3$8$1$00$00"],
)
def test_a_damaged_hash_refuses_without_crashing(stored):
    assert verify_password("anything", stored) is False


def test_a_damaged_hash_in_the_database_is_a_failed_sign_in(sqlite_studio):
    User.update(password_hash="scrypt$16384$8$1$not-hex$00").where(User.username == "front").execute()
    with pytest.raises(AuthError, match="用户名或密码不正确"):
        users.authenticate("front", "front123")


def test_no_password_is_ever_stored_in_clear(sqlite_studio, sqlite_db, tmp_path):
    manager = sqlite_studio["manager"]
    users.create_user(manager, {"username": "li", "display_name": "李", "role": "service", "password": "Clear-Pw-1931"})
    for _ in range(2):
        with pytest.raises(AuthError):
            users.authenticate("li", "Typed-Wrong-4471")
    with pytest.raises(AuthError):
        users.authenticate("Typed-In-Username-8822", "x")
    users.change_own_password(User.get(User.username == "li"), "Clear-Pw-1931", "Brand-New-5512")
    users.reset_password(manager, sqlite_studio["front"].id, "Reset-Pw-7713")
    close_database()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("studio.sqlite3*"))
    assert b"scrypt$1024$" in stored  # the hashes are there (at the suite's low cost) …
    for secret in ("manager123", "front123", "exec123", "Clear-Pw-1931", "Typed-Wrong-4471", "Typed-In-Username-8822",
                   "Brand-New-5512", "Reset-Pw-7713"):
        assert secret.encode() not in stored, secret  # … the passwords never are


# --- the audit trail is append-only ----------------------------------------------------------------------


def _refused_by_the_database(db, sql: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), db.atomic():
        db.execute_sql(sql)


def test_the_database_refuses_to_change_or_delete_audit_events(studio, db, frozen_now):
    case = register(studio["front"])
    before = [(e.id, e.action, e.details) for e in AuditEvent.select().order_by(AuditEvent.id)]
    _refused_by_the_database(db, "UPDATE audit_event SET action = 'nothing'")
    _refused_by_the_database(db, f"UPDATE audit_event SET details = '{{}}' WHERE case_id = {case.id}")
    _refused_by_the_database(db, "DELETE FROM audit_event")
    with pytest.raises(DatabaseError), db.atomic():
        AuditEvent.delete().where(AuditEvent.case == case.id).execute()
    assert [(e.id, e.action, e.details) for e in AuditEvent.select().order_by(AuditEvent.id)] == before


def test_every_service_call_appends_one_event_with_who_when_and_what(studio, frozen_now, department):
    people = studio
    manager = people["manager"]
    staff = catalog.add_staff(manager, {"name": "小周", "department_id": department()})
    steps = [
        ("register", "front", lambda u, c: register(u)),
        ("edit", "front", lambda u, c: update_case(u, c.id, c.version, {"mood": "agitated"})),
        ("severity", "manager", lambda u, c: actions.set_severity(u, c.id, c.version, "important", "老顾客")),
        ("move", "service", lambda u, c: actions.start_investigation(u, c.id, c.version)),
        ("move", "manager", lambda u, c: actions.assess(u, c.id, c.version, validity="valid", cause="修图过度",
                                                         department=department())),
        ("move", "manager", lambda u, c: actions.propose_remedy(u, c.id, c.version, remedy_type="refund",
                                                                 remedy_plan="退款",
                                                                 compensation_lines=[{"kind": "refund",
                                                                                      "amount": "2000"}])),
        ("send_back", "exec", lambda u, c: actions.send_back(u, c.id, c.version, "金额太高")),
        ("move", "manager", lambda u, c: actions.propose_remedy(u, c.id, c.version, remedy_type="refund",
                                                                 remedy_plan="退款一半",
                                                                 compensation_lines=[{"kind": "refund",
                                                                                      "amount": "1000"}])),
        ("approve", "exec", lambda u, c: actions.approve(u, c.id, c.version, "同意")),
        ("move", "service", lambda u, c: actions.record_implementation(u, c.id, c.version, customer_accepted=True)),
        ("note", "front", lambda u, c: actions.add_note(u, c.id, "顾客已取件")),
        ("penalty", "manager", lambda u, c: actions.record_penalty(u, c.id, staff_id=staff.id, points=5,
                                                                   reason="失误")),
        ("follow_up", "service", lambda u, c: actions.record_follow_up(u, c.id, c.version, reached=True,
                                                                       satisfied=True, satisfaction=5)),
        ("move", "service", lambda u, c: actions.close_case(u, c.id, c.version)),
        ("reopen", "manager", lambda u, c: actions.reopen_case(u, c.id, c.version, "顾客又来电")),
        ("move", "manager", lambda u, c: actions.move_back(u, c.id, c.version, "implementing", "重新实施")),
        ("delete", "exec", lambda u, c: actions.delete_case(u, c.id, c.version, "测试数据")),
    ]
    case = None
    follow_up = [action for action, _who, _call in steps].index("follow_up")
    for n, (action, who, call) in enumerate(steps):
        at = frozen_now + timedelta(days=5 if n >= follow_up else 0, minutes=n)  # the call on day 5
        count = AuditEvent.select().count()
        with clock.frozen(at):
            result = call(people[who], case)
        case = result if isinstance(result, Complaint) else Complaint.get_by_id(case.id)
        assert AuditEvent.select().count() == count + 1, action
        event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert (event.action, event.user_id, event.at, event.case_id) == (action, people[who].id, at, case.id)
    moves = AuditEvent.select().where((AuditEvent.case == case.id) & (AuditEvent.action == "move"))
    assert all(e.details["changes"]["stage"][0] != e.details["changes"]["stage"][1] for e in moves)
    assert reload(case).version == AuditEvent.select().where(
        (AuditEvent.case == case.id) & AuditEvent.action.not_in(("note", "penalty"))).count()


def test_no_audit_event_holds_a_password_or_its_hash(studio):
    users.create_user(studio["manager"], {"username": "li", "display_name": "李", "role": "service",
                                          "password": "Clear-Pw-1931"})
    users.reset_password(studio["manager"], studio["front"].id, "Reset-Pw-7713")
    with pytest.raises(AuthError):
        users.authenticate("li", "Typed-Wrong-4471")
    text = " ".join(str(e.details) for e in AuditEvent.select())
    for secret in ("Clear-Pw-1931", "Reset-Pw-7713", "Typed-Wrong-4471", "scrypt$", "manager123"):
        assert secret not in text


# --- hostile text -------------------------------------------------------------------------------------


def test_sql_and_markup_in_text_are_stored_as_typed(studio, frozen_now):
    nasty = "'); DROP TABLE complaint; -- <script>alert(1)</script> %s %% {0} \\N"
    case = register(studio["front"], customer_name=nasty[:100], description=nasty, order_no="1' OR '1'='1")
    stored = reload(case)
    assert (stored.description, stored.order_no, stored.customer.name) == (nasty, "1' OR '1'='1", nasty[:100])
    assert Complaint.select().count() == 1
    case = advance(case, "investigating", studio)
    assert actions.add_note(studio["front"], case.case_no, nasty).text == nasty
