"""What a statistic looks at (统计范围): the board's filters as conditions, the received-date
range, months, and the hot-spot settings. Shared by the figures (:mod:`studio_desk.stats`) and
the lists (:mod:`studio_desk.stats_lists`), which build on it and not on each other."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from peewee import Expression

from studio_desk import settings
from studio_desk.models import Complaint
from studio_desk.search import BoardFilters, filter_conditions


def range_bounds(flt: BoardFilters) -> tuple[datetime | None, datetime | None]:
    """[start, end) of the filter's received-date range as datetimes (None = open)."""
    start = datetime.combine(flt.date_from, time.min) if flt.date_from else None
    end = datetime.combine(flt.date_to + timedelta(days=1), time.min) if flt.date_to else None
    return start, end


def conditions(flt: BoardFilters, now: datetime) -> list[Expression]:
    """The board's filters, plus 'not deleted'; queries must join Customer (the text filter uses it)."""
    if flt.mine:
        raise ValueError("statistics do not filter by 'mine'")
    return [Complaint.deleted == False, *filter_conditions(flt, now, None)]  # noqa: E712


def month_span(first: date, last: date) -> list[str]:
    """'YYYY-MM' for every month from ``first`` to ``last`` inclusive."""
    months, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def shift_month(first: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``first``'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: object) -> tuple[date, date]:
    """'2026-10' → (first day, last day) of that month; ValueError with a Chinese message."""
    value = str(text or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2999:
        raise ValueError(f"月份“{value[:20]}”无效，请按 2026-10 的格式填写。")
    first = date(int(match[1]), int(match[2]), 1)
    after = date.fromisoformat(month_span(first, first + timedelta(days=31))[1] + "-01")
    return first, after - timedelta(days=1)


def hotspot_settings() -> tuple[int, int, int]:
    """(window days, threshold, repeat window days) from the studio's settings."""
    cfg = settings.get_all()
    return int(cfg["hotspot_window_days"]), int(cfg["hotspot_threshold"]), int(cfg["repeat_window_days"])
