"""The date-range presets of the 统计 tab (today, this week, this month, last month, this year)."""

from __future__ import annotations

from datetime import date, timedelta

PRESETS = ("today", "week", "month", "last_month", "year", "custom")


def preset_range(key: str, today: date) -> tuple[date, date]:
    """First and last day (inclusive) of a preset; a week starts on Monday, as in China."""
    if key == "today":
        return today, today
    if key == "week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if key == "month":
        first = today.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"no preset range {key!r}")
