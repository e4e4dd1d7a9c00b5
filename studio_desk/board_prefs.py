"""Each user's board filters (看板筛选), remembered between sessions and desks.

Stored in the database (one ``setting`` row per user, key ``board_filters.<user id>``) so
that the filters follow the user to the other desk on a shared database. Only the user
themself reads or changes their filters; it is a preference, so it is not audited.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from studio_desk.db import write_transaction
from studio_desk.errors import PermissionDenied
from studio_desk.models import Setting, User
from studio_desk.search import MAX_QUERY_CHARS, BoardFilters
from studio_desk.validation import clean_text
from studio_desk.vocab import codes

KEY_PREFIX = "board_filters."


def _key(user: User) -> str:
    return f"{KEY_PREFIX}{user.id}"


def _require_signed_in(user: User | None) -> User:
    if user is None or not getattr(user, "active", False):
        raise PermissionDenied("请先登录。")
    return user


def _int_or_none(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _date_or_none(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def clean(raw: dict[str, Any]) -> BoardFilters:
    """Filters from stored or typed values; anything unusable falls back to "any" rather than failing."""
    severity = raw.get("severity") or ""
    channel = raw.get("channel") or ""
    return BoardFilters(
        text=clean_text(raw.get("text"))[:MAX_QUERY_CHARS],
        mine=bool(raw.get("mine")),
        overdue_only=bool(raw.get("overdue_only")),
        severity=severity if severity in codes("severity") else "",
        category_id=_int_or_none(raw.get("category_id")),
        department_id=_int_or_none(raw.get("department_id")),
        channel=channel if channel in codes("channel") else "",
        date_from=_date_or_none(raw.get("date_from")),
        date_to=_date_or_none(raw.get("date_to")),
    )


def load_filters(user: User) -> BoardFilters:
    """The user's last filters, or none at all for a first visit."""
    user = _require_signed_in(user)
    row = Setting.get_or_none(Setting.key == _key(user))
    if row is None or not isinstance(row.value, dict):
        return BoardFilters()
    return clean(row.value)


def save_filters(user: User, filters: BoardFilters) -> BoardFilters:
    """Remember ``filters`` for ``user`` (cleaned); returns what was stored."""
    user = _require_signed_in(user)
    cleaned = clean(asdict(filters))
    value = {f.name: getattr(cleaned, f.name) for f in fields(cleaned)}
    for name in ("date_from", "date_to"):
        value[name] = value[name].isoformat() if value[name] else None
    with write_transaction():
        Setting.insert(key=_key(user), value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()
    return cleaned
