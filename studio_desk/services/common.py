"""Helpers shared by the case services: loading, the calendar, due times, versioned writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from studio_desk import callcache, deadlines, settings
from studio_desk.errors import NotFound, StaleEdit
from studio_desk.models import Complaint, Holiday
from studio_desk.validation import clean_text
from studio_desk.workcal import WorkCalendar, parse_hhmm


def calendar() -> WorkCalendar:
    return callcache.memo("calendar", _load_calendar)


def _load_calendar() -> WorkCalendar:
    cfg = settings.get_all()
    overrides = {row.day: row.is_workday for row in Holiday.select()}
    return WorkCalendar(overrides, parse_hhmm(cfg["work_start"]), parse_hhmm(cfg["work_end"]))


def _live_case(condition: Any) -> Any:
    return Complaint.select().where(Complaint.deleted == False).where(condition).limit(1)  # noqa: E712


def load_case(case_ref: int | str, expected_version: int | None = None) -> Complaint:
    """A case by id or by case number (not deleted).

    With ``expected_version``, a case saved by someone else since then raises StaleEdit before any
    rule is checked: a user who acted on an old view is told the case changed, not that the move
    they saw as possible is refused."""
    if isinstance(case_ref, int):  # ids are 32-bit on PostgreSQL: a larger number is simply not found
        rows = list(_live_case(Complaint.id == case_ref)) if 0 < case_ref < 2**31 else []
    else:  # typed or pasted: NUL, lone surrogates or a novel never reach the database
        case_ref = clean_text(case_ref).upper()[:40]
        rows = list(_live_case(Complaint.case_no == case_ref))
    if not rows:
        raise NotFound(f"找不到案件 {case_ref}。")
    if expected_version is not None and rows[0].version != expected_version:
        raise StaleEdit(rows[0].case_no)
    return rows[0]


def due_fields(case: Complaint, changes: dict[str, Any]) -> dict[str, Any]:
    """Due times and next_due for ``case`` as it will be after ``changes``."""
    state = {name: changes.get(name, getattr(case, name)) for name in (
        "received_at", "severity", "assessed_at", "implemented_at", "stage", "promised_reply_at")}
    dues = deadlines.due_times(
        calendar(),
        settings.get_all(),
        received_at=state["received_at"],
        severity=state["severity"],
        assessed_at=state["assessed_at"],
        implemented_at=state["implemented_at"],
    )
    dues["next_due"] = deadlines.next_due(
        state["stage"], dues, assessed=state["assessed_at"] is not None, promised_reply_at=state["promised_reply_at"]
    )
    return dues


def save_case(case: Complaint, changes: dict[str, Any], expected_version: int, now: datetime) -> Complaint:
    """Write ``changes`` only if nobody saved the case since ``expected_version``; recompute dues."""
    changes = {**changes, **due_fields(case, changes)}
    changes["updated_at"] = now
    changes["version"] = Complaint.version + 1
    updated = (
        Complaint.update(**changes)
        .where((Complaint.id == case.id) & (Complaint.version == expected_version))
        .execute()
    )
    if updated != 1:
        raise StaleEdit(case.case_no)
    return Complaint.get_by_id(case.id)


def snapshot(case: Complaint, names: tuple[str, ...]) -> dict[str, Any]:
    """Field values as plain JSON-able data, for audit diffs."""
    result: dict[str, Any] = {}
    values = case.values()
    for name in names:
        value = values.get(name)
        result[name] = value if isinstance(value, (int, str, bool, type(None))) else str(value)
    return result
