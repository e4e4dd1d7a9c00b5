"""Time limits on the day the suite runs, whatever day that is.

Every other test pins the clock. This one deliberately reads the process clock, so that CI's second
run of the core suite under ``faketime`` (a day past the end of chinesecalendar's data) shows that a
desk in a year without official holiday data still promises reply times: Monday–Friday, then the
manager's own entries. The assertions hold on any day; only the path they exercise changes."""

from __future__ import annotations

from datetime import datetime, timedelta

from studio_desk import clock
from studio_desk.models import Holiday
from studio_desk.services import admin
from studio_desk.workcal import WorkCalendar, official_year_known
from tests.board_factory import register


def _next_weekday_morning(start: datetime) -> datetime:
    day = start.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, datetime.min.time()).replace(hour=10)


def test_a_complaint_registered_in_the_coming_days_gets_its_reply_time(studio):
    received = _next_weekday_morning(datetime.now())
    calendar = WorkCalendar()
    with clock.frozen(received):
        case = register(studio["front"])
    assert case.reply_due == calendar.add_workdays(received, 3)
    assert case.reply_due.time() == received.time() and case.reply_due > received
    if not official_year_known(received.year):
        expected = received.date()
        for _ in range(3):
            expected += timedelta(days=1)
            while expected.weekday() >= 5:
                expected += timedelta(days=1)
        assert case.reply_due.date() == expected  # the Monday–Friday fallback
        assert "按周一至周五计算工作日" in admin.year_warning(received.year)


def test_the_managers_holiday_moves_the_reply_time_in_any_year(studio):
    received = _next_weekday_morning(datetime.now())
    with clock.frozen(received):
        before = register(studio["front"])
    day_off = received.date() + timedelta(days=1)
    while not WorkCalendar().is_workday(day_off):
        day_off += timedelta(days=1)
    Holiday.create(day=day_off, is_workday=False, note="店休")
    with clock.frozen(received):
        after = register(studio["front"])
    assert after.reply_due > before.reply_due
    assert after.reply_due == WorkCalendar(overrides={day_off: False}).add_workdays(received, 3)
    assert admin.year_warning(day_off.year) == ""
