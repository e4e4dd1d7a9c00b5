"""Working days and working hours on the Chinese calendar, with the studio's own entries.

Official holidays and make-up workdays (调休) come from ``chinesecalendar``; the manager's
entries (the ``holiday`` table) override them. For a year the package does not know yet,
the fallback is Monday–Friday plus the manager's entries, and :func:`schedule_warning`
says so — the calendar never crashes on an unknown year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

_MAX_SCAN_DAYS = 400


# chinese_calendar validates its whole table on every call; its answers never change in a process.
# It is imported when a working day is first asked for (~3 ms): the desk's board opens without it.
_OFFICIAL: dict[date, bool] = {}


def _official_workday(day: date) -> bool:
    known = _OFFICIAL.get(day)
    if known is None:
        import chinese_calendar

        try:
            known = bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            known = day.weekday() < 5
        _OFFICIAL[day] = known
    return known


def official_year_known(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@dataclass
class WorkCalendar:
    overrides: dict[date, bool] = field(default_factory=dict)
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)

    def is_workday(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _official_workday(day)

    def add_workdays(self, start: datetime, days: int) -> datetime:
        """The same time of day on the ``days``-th working day after ``start``'s date.

        A start on a day off counts as if received at the close of the previous working day.
        """
        moment = start.time() if self.is_workday(start.date()) else self.work_end
        day = start.date()
        counted = 0
        for _ in range(days * 7 + _MAX_SCAN_DAYS):
            if counted >= days:
                break
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return datetime.combine(day, moment)

    def add_work_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` of working time (work_start–work_end on working days) after ``start``."""
        remaining = timedelta(hours=hours)
        cursor = start
        for _ in range(_MAX_SCAN_DAYS):
            day = cursor.date()
            if self.is_workday(day):
                open_at = datetime.combine(day, self.work_start)
                close_at = datetime.combine(day, self.work_end)
                begin = max(cursor, open_at)
                if begin < close_at:
                    available = close_at - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            cursor = datetime.combine(day + timedelta(days=1), time(0, 0))
        return cursor

    def workdays_in(self, first: date, last: date) -> int:
        return sum(1 for n in range((last - first).days + 1) if self.is_workday(first + timedelta(days=n)))


def schedule_warning(year: int, manager_entries_for_year: int) -> str:
    """A Chinese warning when the official schedule of ``year`` is unknown and nobody entered it."""
    if official_year_known(year) or manager_entries_for_year > 0:
        return ""
    return (
        f"系统尚未包含 {year} 年的法定节假日和调休安排，目前按周一至周五计算工作日。"
        f"请在“设置 → 节假日与调休”中录入 {year} 年的放假和调休上班日期。"
    )


def parse_hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))
