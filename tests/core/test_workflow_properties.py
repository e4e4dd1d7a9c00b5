"""Property: no sequence of case actions by any role reaches an invalid state or loses an audit event.

Hypothesis draws a complaint and a sequence of actions (move, assess, propose, approve, send back,
implement, call back, close, reopen, move back, override severity, edit, note, save a stale
version), each by a random role with random, often incomplete, information. After every call:
a refusal wrote nothing; a success wrote exactly the expected number of versions, each with one
audit event; and every case of the example is in a valid state."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_desk import clock
from studio_desk import settings as studio_settings
from studio_desk.errors import DomainError
from studio_desk.models import AuditEvent, CompensationLine, Complaint, Department, FollowUp, Note, User
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from studio_desk.vocab import STAGE_CODES, codes
from studio_desk.workflow import approval_required, neighbours
from tests.board_factory import register
from tests.core.casekit import SIDE_ACTIONS

ROLES = ("front", "service", "manager", "exec", "admin")
AMOUNTS = ("0", "300", "500", "500.01", "5000")
REASONS = ("", "顾客坚持要求 😡𠀀")


def _department() -> int:
    return Department.get(Department.name == "数码后期").id


def _lines(k: int) -> list[dict[str, str]]:
    return [{"kind": "refund", "description": "退款", "amount": AMOUNTS[k]}] if AMOUNTS[k] != "0" else []


def _move_back(u, c, k, a, b):
    previous = neighbours(c.stage)[0] or "registered"
    target = "remedy" if c.stage == "implementing" else previous
    return actions.move_back(u, c.id, c.version, target, REASONS[a])


def _edit(u, c, k, a, b):
    changes = (
        {"safety_issue": a},
        {"compensation_lines": _lines(k if b else 4)},
        {"customer_wish": "重拍 𠀀" * (k + 1)},
        {"validity": "valid" if a else "invalid"},
        {"beyond_terms": a},
    )[k]
    return update_case(u, c.id, c.version, changes)


def _forward(u, c, k, a, b):
    """The complete next step by someone allowed to take it, so that random runs get far along."""
    by = {name: User.get(User.username == name) for name in ("front", "service", "manager", "exec")}
    if c.stage == "registered":
        return actions.start_investigation(by["front"], c.id, c.version)
    if c.stage == "investigating":
        return actions.assess(by["manager"], c.id, c.version, validity="valid", cause="修图过度",
                              department=_department())
    if c.stage == "remedy":
        return actions.propose_remedy(by["service"], c.id, c.version, remedy_type="refund", remedy_plan="退款",
                                      compensation_lines=_lines(k))
    if c.stage == "approval":
        return actions.approve(by["exec"], c.id, c.version, "同意")
    if c.stage == "implementing":
        return actions.record_implementation(by["service"], c.id, c.version, customer_accepted=True)
    if c.stage == "follow_up":
        return actions.record_follow_up(by["service"], c.id, c.version, reached=True, satisfied=True, then="close")
    return actions.reopen_case(by["manager"], c.id, c.version, "顾客再次来电")


# action → (call(user, case, k, a, b), number of case writes a success makes)
ACTIONS = {
    "start": (lambda u, c, k, a, b: actions.start_investigation(u, c.id, c.version), 1),
    "assess": (lambda u, c, k, a, b: actions.assess(
        u, c.id, c.version, validity=("valid", "invalid", "assist")[k % 3], cause="修图过度" if a else "",
        department=_department() if b else None, invalid_explanation="已向顾客解释" if b else ""), 1),
    "propose": (lambda u, c, k, a, b: actions.propose_remedy(
        u, c.id, c.version, remedy_type="refund", remedy_plan="退款" if a or b else "", compensation_lines=_lines(k)),
        1),
    "approve": (lambda u, c, k, a, b: actions.approve(u, c.id, c.version, REASONS[a]), 1),
    "send_back": (lambda u, c, k, a, b: actions.send_back(u, c.id, c.version, REASONS[a]), 1),
    "implement": (lambda u, c, k, a, b: actions.record_implementation(u, c.id, c.version, customer_accepted=a), 1),
    "follow_up": (lambda u, c, k, a, b: actions.record_follow_up(
        u, c.id, c.version, reached=a, satisfied=b if a else None, then=THEN[k]),
        None),
    "close": (lambda u, c, k, a, b: actions.close_case(u, c.id, c.version, REASONS[a]), 1),
    "reopen": (lambda u, c, k, a, b: actions.reopen_case(u, c.id, c.version, REASONS[a]), 1),
    "back": (_move_back, 1),
    "severity": (lambda u, c, k, a, b: actions.set_severity(u, c.id, c.version, codes("severity")[k % 3], REASONS[a]),
                 1),
    "edit": (_edit, 1),
    "note": (lambda u, c, k, a, b: actions.add_note(u, c.id, REASONS[a]), 0),
    "stale": (lambda u, c, k, a, b: update_case(u, c.id, c.version - 1, {"customer_wish": "旧版本的修改"}), None),
    "forward": (_forward, None),
}
THEN = ("", "close", "remedy", "repeat", "")
FOLLOW_UP_WRITES = {"": 1, "close": 2, "remedy": 2, "repeat": 3}


def expected_writes(name: str, stage: str, k: int) -> int | None:
    """How many versions a successful call adds to its case."""
    if name == "follow_up":
        return FOLLOW_UP_WRITES[THEN[k]]
    if name == "forward":
        return 2 if stage == "follow_up" else 1
    return ACTIONS[name][1]


steps = st.lists(
    # "forward" is drawn as often as all the others together, so that runs reach 回访 and 结案.
    st.tuples(st.sampled_from(sorted(ACTIONS) + ["forward"] * len(ACTIONS)), st.sampled_from(ROLES),
              st.integers(0, 4), st.booleans(), st.booleans()),
    min_size=1,
    max_size=12,
)
intake = st.fixed_dictionaries({"safety_issue": st.booleans(), "beyond_terms": st.booleans(), "vip": st.booleans()})


def _versions(since_id: int) -> dict[int, int]:
    return dict(Complaint.select(Complaint.id, Complaint.version).where(Complaint.id > since_id).tuples())


def _snapshot(since_id: int) -> tuple:
    return (_versions(since_id), AuditEvent.select().count(), Note.select().count(), FollowUp.select().count(),
            CompensationLine.select().count())


def _valid_closed(case: Complaint, limit_attempts: int) -> bool:
    if case.validity == "invalid" and case.invalid_explanation:
        return True
    if case.follow_up_result in ("satisfied", "repeat_opened"):
        return True
    attempts = FollowUp.select().where((FollowUp.case == case.id) & (FollowUp.reached == False)).count()  # noqa: E712
    return (case.follow_up_result == "unreachable" or attempts >= limit_attempts) and bool(case.close_reason)


def check_state(case: Complaint) -> None:
    """What must hold for every case at every moment."""
    assert case.stage in STAGE_CODES
    assert case.follow_up_result in ("", *codes("follow_up_result"))
    assert (case.stage == "closed") == (case.closed_at is not None)
    assert (case.stage == "closed") == (case.next_due is None)
    if case.stage == "closed":
        assert _valid_closed(case, int(studio_settings.get("follow_up_max_attempts"))), case.__data__
    if case.stage == "approval":
        assert case.approval_state == "pending"
    lines = CompensationLine.select().where(CompensationLine.case == case.id)
    assert case.compensation_total == sum((line.amount for line in lines), Decimal("0.00"))
    writes = AuditEvent.select().where((AuditEvent.case == case.id) & AuditEvent.action.not_in(SIDE_ACTIONS))
    assert case.version == writes.count(), "one audit event per write of the case"


def check_transitions(new_events: list[AuditEvent]) -> None:
    """What must hold for the moves this call made."""
    limit = studio_settings.approval_limit()
    for event in new_events:
        details, case = event.details, Complaint.get_by_id(event.case_id)
        if event.action == "approve":  # one write per approval, so the case shows the amount approved
            role = User.get_by_id(event.user_id).role
            assert role == "executive" if case.compensation_total > limit else role in ("manager", "executive")
        if details.get("target") == "implementing" and details.get("source") == "remedy":
            assert not approval_required(case.__data__, limit) or case.approval_state == "approved", case.__data__
        if details.get("target") == "follow_up" and details.get("kind") == "forward":
            assert case.customer_accepted


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(facts=intake, plan=steps)
def test_no_sequence_of_actions_breaks_the_rules(studio, frozen_now, facts, plan):
    start_id = Complaint.select().order_by(Complaint.id.desc()).first()
    start_id = start_id.id if start_id else 0
    case = register(studio["front"], **facts)
    for n, (name, role, k, a, b) in enumerate(plan, start=1):
        call = ACTIONS[name][0]
        case = Complaint.get_by_id(case.id)
        before = _snapshot(start_id)
        last_event = AuditEvent.select().order_by(AuditEvent.id.desc()).first().id
        with clock.frozen(frozen_now + timedelta(hours=2 * n)):
            try:
                call(studio[role], case, k, a, b)
            except DomainError:
                assert _snapshot(start_id) == before, f"refused {name} by {role} still wrote something"
                continue
        assert name != "stale", "a stale version was saved"
        versions, events, notes, calls, _ = _snapshot(start_id)
        new_events = list(AuditEvent.select().where(AuditEvent.id > last_event).order_by(AuditEvent.id))
        written = sum(v - before[0].get(i, 0) for i, v in versions.items())
        assert events - before[1] == written + (notes - before[2]), "an audit event is missing or extra"
        assert versions[case.id] - before[0][case.id] == expected_writes(name, case.stage, k), name
        if name == "follow_up":
            assert calls == before[3] + 1
        check_transitions(new_events)
        for cid in versions:
            check_state(Complaint.get_by_id(cid))
