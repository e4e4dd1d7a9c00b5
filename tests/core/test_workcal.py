"""Working days on the Chinese calendar: weekends, Spring Festival 2026 with its make-up Saturdays
(2026-02-14 and 2026-02-28 are workdays, 02-15 … 02-23 are off), the manager's own entries, and a
year the calendar package does not know (2027: Monday–Friday plus entries, never a crash)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from studio_desk.models import Holiday
from studio_desk.services.common import calendar
from studio_desk.settings import store
from studio_desk.workcal import WorkCalendar, official_year_known, parse_hhmm, schedule_warning

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2026, 11, 23), True),  # Monday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 2, 14), True),  # Saturday, 调休 make-up day before Spring Festival
        (date(2026, 2, 16), False),  # Monday, 除夕
        (date(2026, 2, 23), False),  # Monday, last day of the holiday
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, 调休 make-up day after it
        (date(2026, 10, 1), False),  # 国庆
        (date(2027, 1, 1), True),  # unknown year: a Friday counts as a workday
        (date(2027, 1, 2), False),
    ],
)
def test_is_workday(day, workday):
    assert CAL.is_workday(day) is workday


def test_spring_festival_february_2026_has_16_workdays():
    assert CAL.workdays_in(date(2026, 2, 1), date(2026, 2, 28)) == 16


def test_manager_entries_override_the_official_calendar():
    cal = WorkCalendar({date(2026, 11, 23): False, date(2026, 11, 22): True})
    assert not cal.is_workday(date(2026, 11, 23))
    assert cal.is_workday(date(2026, 11, 22))


def test_which_years_the_package_knows():
    assert official_year_known(2026)
    assert not official_year_known(2027)
    assert not official_year_known(2003)


# --- adding working days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (datetime(2026, 11, 20, 15, 0), 3, datetime(2026, 11, 25, 15, 0)),  # Fri → Wed over a weekend
        (datetime(2026, 11, 23, 10, 0), 0, datetime(2026, 11, 23, 10, 0)),
        (datetime(2026, 11, 21, 11, 0), 1, datetime(2026, 11, 23, 18, 0)),  # Saturday counts from Friday's close
        (datetime(2026, 2, 12, 10, 0), 3, datetime(2026, 2, 24, 10, 0)),  # 13th, make-up 14th, then the 24th
        (datetime(2026, 2, 27, 10, 0), 1, datetime(2026, 2, 28, 10, 0)),  # make-up Saturday
        (datetime(2026, 2, 17, 9, 30), 1, datetime(2026, 2, 24, 18, 0)),  # in the holiday: from 02-14 18:00
        (datetime(2026, 12, 31, 10, 0), 3, datetime(2027, 1, 5, 10, 0)),  # into the unknown year
    ],
)
def test_add_workdays(start, days, due):
    assert CAL.add_workdays(start, days) == due


def test_manager_holiday_in_an_unknown_year_moves_the_due_date():
    cal = WorkCalendar({date(2027, 1, 1): False})
    assert cal.add_workdays(datetime(2026, 12, 31, 10, 0), 3) == datetime(2027, 1, 6, 10, 0)
    cal = WorkCalendar({date(2027, 1, 1): False, date(2027, 1, 2): True})
    assert cal.add_workdays(datetime(2026, 12, 31, 10, 0), 1) == datetime(2027, 1, 2, 10, 0)


# --- adding working hours (09:00–18:00) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (datetime(2026, 11, 23, 10, 0), 8, datetime(2026, 11, 23, 18, 0)),
        (datetime(2026, 11, 20, 16, 0), 8, datetime(2026, 11, 23, 15, 0)),  # Fri 2 h + Mon 6 h
        (datetime(2026, 11, 23, 7, 0), 8, datetime(2026, 11, 23, 17, 0)),  # before opening
        (datetime(2026, 11, 20, 20, 0), 8, datetime(2026, 11, 23, 17, 0)),  # after closing on Friday
        (datetime(2026, 11, 22, 12, 0), 0.5, datetime(2026, 11, 23, 9, 30)),  # Sunday
        (datetime(2026, 2, 13, 17, 0), 8, datetime(2026, 2, 14, 16, 0)),  # into the make-up Saturday
        (datetime(2026, 2, 14, 16, 0), 8, datetime(2026, 2, 24, 15, 0)),  # over the whole holiday
    ],
)
def test_add_work_hours(start, hours, due):
    assert CAL.add_work_hours(start, hours) == due


def test_work_hours_follow_the_studios_opening_times():
    cal = WorkCalendar(work_start=time(10, 0), work_end=time(21, 0))
    assert cal.add_work_hours(datetime(2026, 11, 20, 19, 0), 8) == datetime(2026, 11, 23, 16, 0)


# --- never crash -------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1999, 2027, 2099])
def test_unknown_years_fall_back_to_monday_to_friday(year):
    start = datetime(year, 6, 1, 10, 0)
    due = CAL.add_workdays(start, 3)
    assert start < due <= start + timedelta(days=5)
    assert CAL.add_work_hours(start, 8) > start


def test_a_calendar_without_any_workday_still_answers():
    every_day_off = {date(2027, 1, 1) + timedelta(days=n): False for n in range(800)}
    cal = WorkCalendar(every_day_off)
    assert cal.add_workdays(datetime(2027, 1, 1, 10, 0), 3) > datetime(2027, 1, 1)
    assert cal.add_work_hours(datetime(2027, 1, 1, 10, 0), 8) > datetime(2027, 1, 1)


def test_opening_hours_of_zero_length_do_not_hang():
    cal = WorkCalendar(work_start=time(9, 0), work_end=time(9, 0))
    assert cal.add_work_hours(datetime(2026, 11, 23, 10, 0), 8) > datetime(2026, 11, 23, 10, 0)


# --- the warning and the studio's stored calendar ---------------------------------------------------------


def test_schedule_warning_for_an_unknown_year_without_entries():
    warning = schedule_warning(2027, 0)
    assert "2027 年" in warning and "周一至周五" in warning and "设置" in warning
    assert schedule_warning(2027, 7) == ""
    assert schedule_warning(2026, 0) == ""


def test_calendar_reads_the_managers_entries_and_opening_times(db):
    Holiday.create(day=date(2027, 2, 8), is_workday=False, note="春节（店长录入）")
    Holiday.create(day=date(2027, 2, 20), is_workday=True, note="调休上班")
    store("work_start", "10:00")
    store("work_end", "20:30")
    cal = calendar()
    assert not cal.is_workday(date(2027, 2, 8))
    assert cal.is_workday(date(2027, 2, 20))
    assert (cal.work_start, cal.work_end) == (time(10, 0), time(20, 30))


def test_parse_hhmm():
    assert parse_hhmm("09:05") == time(9, 5)
    assert parse_hhmm("18:00") == time(18, 0)
