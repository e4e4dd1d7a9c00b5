"""Dates as studios write them: real Excel dates and serial numbers, "2026.3.5", "2026/3/5",
"2026-3-5", "2026年3月8日", with a time when given, and "3月8日" / "3.8" / "3-8" whose year comes
from the sheet's name or title, or the file's name ("2026年3月", "2026年投诉登记表")."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

EXCEL_EPOCH = datetime(1899, 12, 30)
_FULL = re.compile(
    r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*[日号]?"
    r"(?:\s*(?:[T ]|上午|下午)?\s*(\d{1,2})[:：时点](\d{1,2})?(?:[:：](\d{1,2}))?分?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SHORT = re.compile(r"^(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*[日号]?(?:\s+(\d{1,2})[:：](\d{1,2}))?$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年?")


def year_hint(*texts: str) -> int | None:
    """The first four-digit year named in the texts (sheet name, title rows, file name)."""
    for text in texts:
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1))
    return None


def parse_when(value: object, year: int | None) -> datetime | None:
    """A datetime, or None for an empty cell; ValueError for anything that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:  # a date typed into a cell formatted as a number
            return (EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
        if not 1 <= value < 13:  # 3.8 typed into a number cell is 3月8日
            raise ValueError(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial number saved as text (a CSV of a date cell)
        return parse_when(float(text), year)
    match = _FULL.match(text) or _COMPACT.match(text)
    if match:
        y, m, d = (int(g) for g in match.groups()[:3])
        hour, minute, second = (int(g or 0) for g in (match.groups() + (None,) * 3)[3:6])
        if "下午" in text and hour < 12:
            hour += 12
        return datetime(y, m, d, hour, minute, second)
    match = _SHORT.match(text)
    if match and year is not None:
        m, d = int(match.group(1)), int(match.group(2))
        return datetime(year, m, d, int(match.group(3) or 0), int(match.group(4) or 0))
    raise ValueError(text)
