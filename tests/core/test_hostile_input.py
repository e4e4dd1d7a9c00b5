"""Hostile input, driven by hypothesis: arbitrary text (emoji, CJK Extension B, RTL marks, NUL and
control characters, 100 kB strings), dates and amounts into every intake and case service and
into the data-safety commands. Nothing crashes — only DomainError refusals, each in Chinese —
and what is stored is exactly the cleaned input."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_desk import clock
from studio_desk.errors import DomainError, ValidationError
from studio_desk.models import Category, Complaint, Customer, Note, Staff, User
from studio_desk.services import actions, cases, intake, users
from studio_desk.validation import clean_text, normalise_phone, parse_date, parse_money
from studio_desk.vocab import codes
from tests.board_factory import register
from tests.core.safetykit import is_chinese

SPECIAL = [
    "", " ", "\t", "😀👨‍👩‍👧‍👦🏳️‍🌈", "𠀀𠀁𪚥𰻞", "\u202e右到左\u202c", "\u200f\u200e", "\x00", "a\x00b", "\r\n\r",
    "\x1b[31m红\x1b[0m", "\ud800", "x\udfffy", "\ufeff", "=cmd|' /C calc'!A0", "'; DROP TABLE complaint; --",
    "１３８１２３４５６７８", "+86 138-1234-5678", "NaN", "-1", "1e9999", "１２.５", "\u0000" * 3, "\U0010ffff",
]
HUGE = st.builds(lambda s, n: (s or "长") * n, st.text(max_size=4), st.integers(2_000, 25_000))  # up to ~100 kB
TEXT = st.one_of(st.text(max_size=300), st.sampled_from(SPECIAL), HUGE,
                 st.lists(st.sampled_from(SPECIAL), max_size=6).map("".join))
DATES = st.one_of(st.none(), st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
                  st.sampled_from([datetime(2026, 11, 23, 9, 59), datetime(2026, 2, 30 - 2), datetime(2025, 11, 22)]))
AMOUNTS = st.one_of(TEXT, st.decimals(allow_nan=True, allow_infinity=True), st.floats(), st.integers(-10**30, 10**30),
                    st.none(), st.sampled_from(["300", "300.5", "0.001", "-0", "¥1,000", "1000000.01", "1e-9999"]))
SMALL_INTS = st.one_of(st.integers(-10**20, 10**20), TEXT, st.none())
FAST = settings(max_examples=50, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])


def refused_in_chinese(exc: DomainError) -> None:
    assert is_chinese(exc.message), exc.message
    if isinstance(exc, ValidationError):
        assert all(is_chinese(message) for message in exc.problems.values()), exc.problems


def choice_or_text(kind: str):
    return st.one_of(st.sampled_from(codes(kind)), TEXT)


@st.composite
def intake_forms(draw):
    form = {
        "channel": draw(choice_or_text("channel")), "channel_detail": draw(TEXT), "phone": draw(TEXT),
        "wechat": draw(TEXT), "customer_name": draw(TEXT), "vip": draw(st.booleans()), "order_no": draw(TEXT),
        "order_stage": draw(choice_or_text("order_stage")), "chain_step": draw(choice_or_text("chain_step")),
        "category_id": draw(st.one_of(st.integers(-5, 20), TEXT, st.none())), "description": draw(TEXT),
        "customer_wish": draw(TEXT), "mood": draw(choice_or_text("mood")), "evidence_note": draw(TEXT),
        "group_size": draw(SMALL_INTS), "received_at": draw(DATES), "promised_reply_at": draw(DATES),
    }
    for flag in intake.INTAKE_FLAGS:
        form[flag] = draw(st.one_of(st.booleans(), TEXT, st.none()))
    return form


@FAST
@given(form=intake_forms(), usable=st.booleans())
def test_register_complaint(studio, frozen_now, form, usable):
    if usable:  # half the examples carry the required fields, so the store-and-compare path runs too
        form.update(phone="13812345678", chain_step="retouch", category_id=Category.get(Category.name == "修图质量").id,
                    description=form["description"] or "内容", received_at=None, promised_reply_at=None)
        form["description"] = form["description"][:5000]
    try:
        case = intake.register_complaint(studio["front"], form)
    except DomainError as exc:
        refused_in_chinese(exc)
        return
    stored = Complaint.get_by_id(case.id)
    for name in ("description", "customer_wish", "evidence_note"):
        assert getattr(stored, name) == clean_text(form[name], multiline=True)
    for name in ("channel_detail", "order_no"):
        assert getattr(stored, name) == clean_text(form[name])
    customer = Customer.get_by_id(stored.customer_id)
    assert customer.phone == (normalise_phone(clean_text(form["phone"])) or "")
    if clean_text(form["customer_name"]):
        assert customer.name == clean_text(form["customer_name"])


@FAST
@given(phone=TEXT, form=intake_forms())
def test_what_the_form_shows_while_typing(studio, frozen_now, phone, form):
    history = intake.customer_history(phone)
    assert history.customer is None or history.customer.phone == normalise_phone(phone)
    level, reasons = intake.suggest_severity({**form, "received_at": None}, history)
    assert level in codes("severity") and all(is_chinese(r) for r in reasons)


@pytest.fixture
def open_case(studio, frozen_now):
    return register(studio["front"])


TEXT_FIELDS = ("channel_detail", "order_no", "description", "customer_wish", "evidence_note", "cause",
               "invalid_explanation", "remedy_plan", "acceptance_note")
CHOICE_FIELDS = {"channel": "channel", "mood": "mood", "order_stage": "order_stage", "chain_step": "chain_step",
                 "validity": "validity", "solvability": "solvability", "remedy_type": "remedy_type"}


@st.composite
def case_changes(draw):
    names = draw(st.lists(st.sampled_from(TEXT_FIELDS + tuple(CHOICE_FIELDS) + (
        "group_size", "promised_reply_at", "safety_issue", "department", "responsible_staff", "category",
        "compensation_lines")), min_size=1, max_size=5, unique=True))
    changes = {}
    for name in names:
        if name in CHOICE_FIELDS:
            changes[name] = draw(choice_or_text(CHOICE_FIELDS[name]))
        elif name == "promised_reply_at":
            changes[name] = draw(DATES)
        elif name == "compensation_lines":
            changes[name] = draw(st.lists(st.fixed_dictionaries(
                {"kind": choice_or_text("remedy_type"), "description": TEXT, "amount": AMOUNTS}), max_size=3))
        elif name in ("group_size", "department", "responsible_staff", "category"):
            changes[name] = draw(SMALL_INTS)
        elif name == "safety_issue":
            changes[name] = draw(st.one_of(st.booleans(), TEXT))
        else:
            changes[name] = draw(TEXT)
    return changes


@FAST
@given(changes=case_changes(), case_ref=st.one_of(st.none(), TEXT, st.integers(-10, 10**12)))
def test_edit_a_case(studio, open_case, changes, case_ref):
    ref = open_case.case_no if case_ref is None else case_ref
    version = Complaint.get_by_id(open_case.id).version
    try:
        updated = cases.update_case(studio["manager"], ref, version, changes)
    except DomainError as exc:
        refused_in_chinese(exc)
        return
    stored = Complaint.get_by_id(updated.id)
    for name in set(changes) & set(TEXT_FIELDS):
        assert getattr(stored, name) == clean_text(changes[name], multiline=name not in ("channel_detail", "order_no"))


@FAST
@given(target=st.one_of(st.sampled_from(codes("stage")), TEXT), info=case_changes(),
       reason=TEXT, severity=choice_or_text("severity"))
def test_move_a_case_and_its_actions(studio, open_case, target, info, reason, severity):
    manager = studio["manager"]
    for attempt in (
        lambda v: cases.move_case(manager, open_case.id, target, v, {**info, "reason": reason}),
        lambda v: actions.set_severity(manager, open_case.id, v, severity, reason),
        lambda v: actions.add_note(studio["front"], open_case.case_no, reason),
        lambda v: actions.send_back(manager, open_case.id, v, reason),
        lambda v: actions.delete_case(manager, open_case.id, v + 1, reason),
    ):
        try:
            result = attempt(Complaint.get_by_id(open_case.id).version)
        except DomainError as exc:
            refused_in_chinese(exc)
            continue
        if isinstance(result, Note):
            assert Note.get_by_id(result.id).text == clean_text(reason, multiline=True)


@FAST
@given(points=SMALL_INTS, fine=AMOUNTS, reason=TEXT, staff=st.one_of(st.none(), st.integers(-3, 10**9)))
def test_penalty_amounts(studio, open_case, points, fine, reason, staff):
    staff_id = Staff.create(name="修图师小张").id if staff is None else staff
    try:
        penalty = actions.record_penalty(studio["manager"], open_case.id, staff_id=staff_id, points=points,
                                         fine=fine, reason=reason)
    except DomainError as exc:
        refused_in_chinese(exc)
        return
    assert penalty.fine == parse_money(fine) and 0 <= penalty.points <= 100
    assert penalty.reason == clean_text(reason, multiline=True)


@FAST
@given(username=TEXT, display_name=TEXT, password=TEXT, role=choice_or_text("role"))
def test_accounts_and_sign_in(studio, username, display_name, password, role):
    try:
        user = users.create_user(studio["manager"], {"username": username, "display_name": display_name,
                                                      "role": role, "password": password})
    except DomainError as exc:
        refused_in_chinese(exc)
    else:
        assert User.get_by_id(user.id).username == clean_text(username)
    for name, secret in ((username, password), ("manager", password), (username, "manager123")):
        try:
            users.authenticate(name, secret)
        except DomainError as exc:
            refused_in_chinese(exc)
    User.update(failed_logins=0, locked_until=None).execute()  # the next example starts unlocked


@settings(max_examples=200, deadline=None)
@given(value=AMOUNTS)
def test_amounts_and_dates_parse_or_explain(value):
    for parse in (parse_money, parse_date):
        try:
            result = parse(value)
        except ValueError as exc:
            assert is_chinese(str(exc)), str(exc)
        else:
            if parse is parse_money:
                assert Decimal("0") <= result <= Decimal("1000000") and result == result.quantize(Decimal("0.01"))


@FAST
@given(args=st.lists(TEXT, min_size=0, max_size=3), command=st.sampled_from(["backup", "restore", "check"]),
       where=st.sampled_from(["--db", "-o", None]))
def test_data_safety_commands(tmp_path, monkeypatch, args, command, where):
    from studio_desk.cli import main

    argv = [command, *args]
    if where and args and (where == "--db" or command == "backup"):
        argv.insert(1, where)  # the hostile text becomes the database or the backup folder
    if "--db" not in argv:
        argv += ["--db", str(tmp_path / "无.sqlite3")]
    # A real console's stderr: undecodable names are shown escaped, never crash the message.
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse refusing the arguments (usage error)
        code = exit_.code
    err.seek(0)
    message = err.read()
    assert code in (1, 2), message
    if code == 1:
        assert is_chinese(message), message
    assert not (tmp_path / "无.sqlite3").exists()  # nothing created by a refused command


def test_received_a_year_ago_is_the_limit(studio, frozen_now):
    with clock.frozen(frozen_now):
        with pytest.raises(ValidationError) as refused:
            register(studio["front"], received_at=frozen_now - timedelta(days=400))
    assert "一年前" in refused.value.problems["received_at"]
