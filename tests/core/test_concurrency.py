"""Two desks at once: threads, each with its own database connection to the same file (or server),
saving at the same moment. Case numbers never collide; a stale edit is refused and overwrites nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from studio_desk.db import current_database
from studio_desk.errors import StaleEdit
from studio_desk.models import ApprovalDecision, AuditEvent, Complaint, Customer, DailyCounter, FollowUp
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from studio_desk.services.common import load_case
from tests.board_factory import advance, carried_out_days_ago, register
from tests.core.casekit import events, reload


def together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released at the same instant; results or exceptions, in order."""
    db = current_database()
    gate = threading.Barrier(count)
    results: list[Any] = [None] * count
    connections: set[int] = set()

    def desk(i: int) -> None:
        try:
            connections.add(id(db.connection()))  # this thread's own connection
            gate.wait()
            results[i] = work(i)
        except Exception as exc:  # handed back to the test, which asserts on it
            results[i] = exc
        finally:
            db.close()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(connections) == count, "each desk must have its own connection"
    return results


@pytest.fixture
def people(studio, frozen_now):
    return studio


def test_two_desks_registering_at_the_same_moment_never_share_a_number(people):
    def desk(i: int) -> list[str]:
        user = people["front" if i == 0 else "service"]
        return [register(user).case_no for _ in range(8)]

    first, second = together(2, desk)
    numbers = first + second
    assert len(set(numbers)) == 16
    assert sorted(numbers) == [f"KS-20261123-{n:03d}" for n in range(1, 17)]
    assert DailyCounter.get_by_id("20261123").last == 16
    assert Complaint.select().count() == 16


def test_the_same_customer_at_two_desks_is_one_customer(people):
    cases = together(2, lambda i: register(people["front" if i == 0 else "service"], phone="13812345678"))
    assert all(isinstance(c, Complaint) for c in cases), cases
    assert Customer.select().where(Customer.phone == "13812345678").count() == 1
    assert sorted(reload(c).is_repeat for c in cases) == [False, True]


def test_a_stale_edit_is_refused_and_overwrites_nothing(people):
    case = register(people["front"], customer_wish="重修")
    desk_a, desk_b = load_case(case.id), load_case(case.id)  # both desks open version 1
    assert desk_a.version == desk_b.version == 1
    [saved] = together(1, lambda i: update_case(people["front"], desk_a.id, desk_a.version, {"customer_wish": "退款"}))
    assert saved.version == 2
    with pytest.raises(StaleEdit, match="已被其他人修改"):
        update_case(people["service"], desk_b.id, desk_b.version, {"customer_wish": "加送相册", "mood": "agitated"})
    now = reload(case)
    assert (now.customer_wish, now.mood, now.version) == ("退款", "calm", 2)
    assert [e.user_id for e in events(case.id, "edit")] == [people["front"].id]


def test_two_desks_saving_the_same_case_at_once_one_wins(people):
    case = register(people["front"])
    wishes = ["退款 500", "重新拍摄"]
    results = together(
        2,
        lambda i: update_case(
            people["front" if i == 0 else "service"], case.id, case.version, {"customer_wish": wishes[i]}
        ),
    )
    winners = [r for r in results if isinstance(r, Complaint)]
    losers = [r for r in results if isinstance(r, StaleEdit)]
    assert (len(winners), len(losers)) == (1, 1), results
    now = reload(case)
    assert (now.version, now.customer_wish) == (2, winners[0].customer_wish)
    assert len(events(case.id)) == 2


def test_two_approvers_at_once_make_one_decision(people):
    case = advance(register(people["front"], safety_issue=True), "approval", people, compensation="300")
    results = together(
        2, lambda i: actions.approve(people["manager" if i == 0 else "exec"], case.id, case.version, "同意")
    )
    assert sorted(type(r).__name__ for r in results) == ["Complaint", "StaleEdit"], results
    assert ApprovalDecision.select().where(ApprovalDecision.case == case.id).count() == 1
    assert reload(case).stage == "implementing"


def test_the_second_approver_on_an_old_view_is_told_the_case_changed(people):
    """What the race above does when the loser waits for the winner's commit: it reads the case already
    in 实施, and must hear "someone else changed it", not "实施 → 实施 is not allowed"."""
    case = advance(register(people["front"], safety_issue=True), "approval", people, compensation="300")
    actions.approve(people["manager"], case.id, case.version, "同意")
    for late in (
        lambda: actions.approve(people["exec"], case.id, case.version, "同意"),
        lambda: actions.send_back(people["exec"], case.id, case.version, "金额太高"),
        lambda: actions.set_severity(people["manager"], case.id, case.version, "ordinary", "已缓和"),
        lambda: update_case(people["manager"], case.id, case.version, {"cause": "改"}),
    ):
        with pytest.raises(StaleEdit):
            late()
    assert ApprovalDecision.select().where(ApprovalDecision.case == case.id).count() == 1


def test_two_follow_up_calls_at_once_keep_one(people):
    case = carried_out_days_ago(people)
    before = AuditEvent.select().count()
    results = together(
        2, lambda i: actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=bool(i))
    )
    assert sorted(type(r).__name__ for r in results) == ["Complaint", "StaleEdit"], results
    assert FollowUp.select().where(FollowUp.case == case.id).count() == 1
    assert AuditEvent.select().count() == before + 1
