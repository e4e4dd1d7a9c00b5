"""Due times of a case (时限) as the services set them: 24 h first assessment, 3 working days for
an ordinary answer, 8 working hours + 2 working days for a major one, 5 working days for the result,
follow-up on day 5–7 — across a weekend, Spring Festival 2026 with 调休, and the unknown year 2027."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from studio_desk import clock, deadlines
from studio_desk.models import Holiday
from studio_desk.services import actions
from studio_desk.settings import DEFAULTS, store
from studio_desk.workcal import WorkCalendar
from tests.board_factory import advance, register

FRIDAY = datetime(2026, 11, 20, 15, 0)


def registered_at(people, moment: datetime, **data):
    with clock.frozen(moment):
        return register(people["front"], **data)


def test_ordinary_case_over_a_weekend(studio):
    case = registered_at(studio, FRIDAY)
    assert case.first_assessment_due == datetime(2026, 11, 21, 15, 0)  # calendar hours
    assert case.temp_measure_due is None
    assert case.reply_due == datetime(2026, 11, 25, 15, 0)  # Mon, Tue, Wed
    assert case.promised_reply_at == case.reply_due  # pre-filled with the deadline
    assert case.next_due == case.first_assessment_due


def test_major_case_over_a_weekend(studio):
    case = registered_at(studio, FRIDAY, safety_issue=True)
    assert case.severity == "major"
    assert case.temp_measure_due == datetime(2026, 11, 23, 14, 0)  # Fri 3 h + Mon 5 h
    assert case.reply_due == datetime(2026, 11, 24, 15, 0)
    assert case.next_due == datetime(2026, 11, 21, 15, 0)


def test_major_case_before_spring_festival_uses_the_make_up_saturday(studio):
    case = registered_at(studio, datetime(2026, 2, 13, 17, 0), media_exposure=True)
    assert case.temp_measure_due == datetime(2026, 2, 14, 16, 0)  # 1 h Fri + 7 h on Sat 02-14 (调休)
    assert case.reply_due == datetime(2026, 2, 24, 17, 0)  # 02-14, then 02-24 after the holiday


def test_ordinary_case_over_spring_festival(studio):
    case = registered_at(studio, datetime(2026, 2, 12, 10, 0))
    assert case.reply_due == datetime(2026, 2, 24, 10, 0)
    on_holiday = registered_at(studio, datetime(2026, 2, 18, 11, 0))  # 初二: counted from 02-14's close
    assert on_holiday.reply_due == datetime(2026, 2, 26, 18, 0)


def test_unknown_year_falls_back_to_weekdays_then_follows_the_managers_entries(studio):
    case = registered_at(studio, datetime(2026, 12, 31, 10, 0))
    assert case.reply_due == datetime(2027, 1, 5, 10, 0)  # Fri 01-01 counted as a workday
    Holiday.create(day=date(2027, 1, 1), is_workday=False, note="元旦")
    later = registered_at(studio, datetime(2026, 12, 31, 11, 0))
    assert later.reply_due == datetime(2027, 1, 6, 11, 0)


def test_stage_by_stage_next_due(studio, frozen_now):
    case = register(studio["front"])
    assert case.next_due == frozen_now + timedelta(hours=24)
    case = advance(case, "remedy", studio)
    assert case.result_due == datetime(2026, 11, 30, 10, 0)  # 5 working days after the assessment
    assert case.next_due == min(case.reply_due, case.result_due)
    case = advance(case, "implementing", studio)
    assert case.next_due == case.result_due
    with clock.frozen(datetime(2026, 11, 25, 16, 0)):
        case = advance(case, "follow_up", studio)
    # The window opens at the start of day 5 (carried out on day 0) and ends on the hour of day 7.
    assert (case.follow_up_from, case.follow_up_until) == (datetime(2026, 11, 30, 0, 0), datetime(2026, 12, 2, 16, 0))
    assert case.next_due == case.follow_up_until
    case = advance(case, "closed", studio)
    assert case.next_due is None


def test_a_reopened_invalid_complaint_is_due_for_its_answer(studio, frozen_now):
    case = advance(register(studio["front"]), "investigating", studio)
    case = actions.assess(studio["manager"], case.id, case.version, validity="invalid", invalid_explanation="已解释")
    case = actions.reopen_case(studio["manager"], case.id, case.version, "顾客再次投诉")
    assert case.stage == "investigating"
    assert case.next_due == min(case.reply_due, case.result_due, case.promised_reply_at)


def test_raising_the_severity_adds_the_major_deadlines(studio, frozen_now):
    case = register(studio["front"])
    case = actions.set_severity(studio["manager"], case.id, case.version, "major", "顾客已在大众点评发帖")
    assert case.temp_measure_due == datetime(2026, 11, 23, 18, 0)
    assert case.reply_due == datetime(2026, 11, 25, 10, 0)


def test_time_limits_are_settings(studio, frozen_now):
    store("first_assessment_hours", 48)
    store("ordinary_reply_workdays", 5)
    case = register(studio["front"])
    assert case.first_assessment_due == datetime(2026, 11, 25, 10, 0)
    assert case.reply_due == datetime(2026, 11, 30, 10, 0)


def test_a_promised_reply_earlier_than_the_deadline_comes_first(studio, frozen_now):
    promised = frozen_now + timedelta(hours=3)
    case = register(studio["front"], promised_reply_at=promised)
    assert case.promised_reply_at == promised
    assert case.next_due == promised


# --- the pure pieces --------------------------------------------------------------------------------------


def test_due_times_pure():
    dues = deadlines.due_times(WorkCalendar(), DEFAULTS, received_at=FRIDAY, severity="important",
                               assessed_at=datetime(2026, 11, 23, 9, 0), implemented_at=datetime(2026, 12, 1, 12, 0))
    assert dues == {
        "first_assessment_due": datetime(2026, 11, 21, 15, 0),
        "temp_measure_due": None,
        "reply_due": datetime(2026, 11, 25, 15, 0),
        "result_due": datetime(2026, 11, 30, 9, 0),
        "follow_up_from": datetime(2026, 12, 6, 0, 0),
        "follow_up_until": datetime(2026, 12, 8, 12, 0),
    }


def test_next_due_once_assessed_ignores_the_first_assessment():
    dues = {"first_assessment_due": datetime(2026, 1, 1), "reply_due": datetime(2026, 1, 5), "result_due": None}
    assert deadlines.next_due("investigating", dues, assessed=False, promised_reply_at=None) == datetime(2026, 1, 1)
    assert deadlines.next_due("investigating", dues, assessed=True, promised_reply_at=None) == datetime(2026, 1, 5)
    assert deadlines.next_due("closed", dues, assessed=True, promised_reply_at=None) is None
    assert deadlines.next_due("follow_up", {}, assessed=True, promised_reply_at=None) is None


NOW = datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize(
    ("due", "text", "state"),
    [
        (None, "", "none"),
        (NOW + timedelta(hours=5, minutes=30), "还剩 5 小时", "ok"),
        (NOW + timedelta(hours=4), "还剩 4 小时", "soon"),
        (NOW + timedelta(minutes=20), "还剩 20 分钟", "soon"),
        (NOW + timedelta(seconds=10), "还剩 1 分钟", "soon"),
        (NOW + timedelta(days=3, hours=2), "还剩 3 天", "ok"),
        (NOW - timedelta(days=2, hours=1), "已超时 2 天", "overdue"),
        (NOW - timedelta(minutes=5), "已超时 5 分钟", "overdue"),
    ],
)
def test_describe_time_left(due, text, state):
    assert deadlines.describe_time_left(due, NOW) == (text, state)
