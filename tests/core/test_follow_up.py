"""回访: the call is made from day 5 after the remedy was carried out (day 0), in calendar days, and
the latest call is the case's follow-up result, its score included."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from studio_desk import clock
from studio_desk.errors import TransitionRefused, ValidationError
from studio_desk.exports.register_values import Lookups, register_values
from studio_desk.models import FollowUp
from studio_desk.services import actions
from tests.board_factory import advance, carried_out_days_ago, register
from tests.conftest import T0
from tests.core.casekit import events, reload

DAY_4_LAST_MINUTE = datetime.combine(T0.date() + timedelta(days=4), datetime.max.time()).replace(
    second=0, microsecond=0
)
DAY_5 = datetime.combine(T0.date() + timedelta(days=5), datetime.min.time())
TOO_EARLY = f"回访应在实施完成后第 5–7 天进行，最早可在 {DAY_5.month}月{DAY_5.day}日 记录。"


@pytest.fixture
def people(studio, frozen_now):
    return studio


@pytest.fixture
def carried_out(people):
    """A case carried out at T0 (day 0)."""
    return advance(register(people["front"]), "follow_up", people)


@pytest.mark.parametrize(
    "call",
    [
        {"reached": True, "satisfied": True, "satisfaction": 5, "then": "close"},
        {"reached": True, "satisfied": False, "then": "repeat"},
        {"reached": False, "comments": "无人接听"},  # a failed attempt before day 5 would count towards 无法联系
    ],
)
def test_a_call_before_day_5_is_refused_naming_the_day(people, carried_out, call):
    assert carried_out.implemented_at == T0
    with clock.frozen(DAY_4_LAST_MINUTE), pytest.raises(ValidationError) as info:
        actions.record_follow_up(people["service"], carried_out.id, carried_out.version, **call)
    assert info.value.problems == {"": TOO_EARLY}
    assert FollowUp.select().count() == 0
    assert reload(carried_out).version == carried_out.version == len(events(carried_out.id))


def test_a_call_on_day_5_is_recorded(people, carried_out):
    with clock.frozen(DAY_5):
        case = actions.record_follow_up(
            people["service"],
            carried_out.id,
            carried_out.version,
            reached=True,
            satisfied=True,
            satisfaction=5,
            then="close",
        )
    assert (case.stage, case.follow_up_result, case.closed_at) == ("closed", "satisfied", DAY_5)
    assert carried_out.follow_up_from == DAY_5


def test_the_board_closing_before_day_5_says_when_the_call_may_be_made(people, carried_out):
    with clock.frozen(DAY_4_LAST_MINUTE):
        with pytest.raises(TransitionRefused) as info:
            actions.close_case(people["manager"], carried_out.id, carried_out.version, "顾客口头表示满意")
    assert info.value.missing == ["follow_up_result"]
    assert TOO_EARLY in info.value.problems["follow_up_result"]
    with clock.frozen(DAY_5), pytest.raises(TransitionRefused, match="请先记录回访结果"):
        actions.close_case(people["manager"], carried_out.id, carried_out.version)


def test_carrying_out_again_needs_a_new_call_in_its_own_window(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(
        people["service"], case.id, case.version, reached=True, satisfied=True, satisfaction=5
    )
    case = actions.move_back(people["manager"], case.id, case.version, "implementing", "顾客未签字，需重新交付")
    case = actions.record_implementation(people["manager"], case.id, case.version, customer_accepted=True)
    assert (case.follow_up_result, case.satisfaction, case.implemented_at) == ("", None, T0)
    with pytest.raises(TransitionRefused, match="最早可在"):
        actions.close_case(people["manager"], case.id, case.version)


# --- the latest call replaces the earlier one ------------------------------------------------------------


def follow_up_columns(case) -> tuple[str, int | None]:
    values = register_values(reload(case), Lookups.load())
    return values["follow_up_result"], values["satisfaction"]


def test_an_unreachable_later_call_keeps_no_earlier_score(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(
        people["service"], case.id, case.version, reached=True, satisfied=False, satisfaction=2, comments="还是不满意"
    )
    with clock.frozen(T0 + timedelta(hours=3)):
        case = actions.record_follow_up(people["service"], case.id, case.version, reached=False, comments="无人接听")
    assert (case.follow_up_result, case.satisfaction) == ("", None)
    assert follow_up_columns(case)[1] is None
    assert events(case.id, "follow_up")[-1].details["changes"] == {
        "follow_up_result": ["unsatisfied", ""],
        "satisfaction": [2, None],
    }


def test_a_satisfied_later_call_replaces_an_unsatisfied_score(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(
        people["service"], case.id, case.version, reached=True, satisfied=False, satisfaction=1
    )
    case = actions.record_follow_up(
        people["service"], case.id, case.version, reached=True, satisfied=True, satisfaction=4
    )
    assert (case.follow_up_result, case.satisfaction) == ("satisfied", 4)
    satisfied_without_score = actions.record_follow_up(
        people["service"], case.id, case.version, reached=True, satisfied=True
    )
    assert satisfied_without_score.satisfaction is None


def test_an_unreachable_call_stores_no_score_even_if_one_was_sent(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=False, satisfaction=5)
    assert case.satisfaction is None
    assert FollowUp.get(FollowUp.case == case.id).satisfaction is None


def test_a_new_round_after_an_unsatisfied_call_starts_without_its_score(people):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(
        people["service"],
        case.id,
        case.version,
        reached=True,
        satisfied=False,
        satisfaction=2,
        comments="不满意",
        then="remedy",
    )
    assert (case.stage, case.follow_up_result, case.satisfaction) == ("remedy", "", None)
    case = advance(case, "follow_up", people)
    assert follow_up_columns(case) == (None, None)
