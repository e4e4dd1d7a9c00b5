"""Finding cases: the search box (案件查询) and the board's query (看板).

Both return :class:`CaseRow` — plain, light rows built from one joined SELECT — rather than
model instances, so that the board can load thousands of open cases quickly and its
delegate can paint them without ever touching the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import JOIN, Case, Expression

from studio_desk.db import current_database
from studio_desk.models import Category, Complaint, Customer, Department, Staff, User
from studio_desk.validation import clean_text, mask_phone, normalise_phone
from studio_desk.vocab import OPEN_STAGES

CLOSED_WINDOW = timedelta(days=7)  # 结案 column: only cases closed this recently
MAX_QUERY_CHARS = 100
CASE_NO = re.compile(r"KS-\d{8}-\d{3,}")
MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class CaseRow:
    """What a card or a search hit shows of a case; ``phone`` is already masked."""

    id: int
    case_no: str
    stage: str
    severity: str
    is_repeat: bool
    customer_name: str
    phone: str
    category: str
    chain_step: str
    department: str
    staff: str
    channel: str
    next_due: datetime | None
    received_at: datetime
    closed_at: datetime | None
    version: int


@dataclass(frozen=True)
class BoardFilters:
    """The filter bar above the board; empty values mean "any"."""

    text: str = ""
    mine: bool = False
    overdue_only: bool = False
    severity: str = ""
    category_id: int | None = None
    department_id: int | None = None
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None


_COLUMNS = (
    Complaint.id, Complaint.case_no, Complaint.stage, Complaint.severity, Complaint.is_repeat,
    Customer.name, Customer.phone, Category.name, Complaint.chain_step, Department.name, Staff.name,
    Complaint.channel, Complaint.next_due, Complaint.received_at, Complaint.closed_at, Complaint.version,
)


def case_rows_query(*extra: Any):
    """The one joined SELECT behind every list of cases (deleted cases never appear)."""
    return (
        Complaint.select(*_COLUMNS, *extra)
        .join(Customer, on=Complaint.customer == Customer.id)
        .switch(Complaint).join(Category, on=Complaint.category == Category.id)
        .switch(Complaint).join(Department, JOIN.LEFT_OUTER, on=Complaint.department == Department.id)
        .switch(Complaint).join(Staff, JOIN.LEFT_OUTER, on=Complaint.responsible_staff == Staff.id)
        .where(Complaint.deleted == False)  # noqa: E712
    )


def _when(value: Any) -> datetime | None:
    """A stored time: SQLite gives ISO text, PostgreSQL a datetime already."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def to_case_rows(query) -> list[CaseRow]:
    """Rows straight from the cursor: peewee's per-field conversion would triple the time for
    thousands of cards, and these columns need only the few conversions done here."""
    rows = []
    for (case_id, case_no, stage, severity, is_repeat, name, phone, category, chain_step, department, staff,
         channel, next_due, received_at, closed_at, version, *_extra) in current_database().execute(query):
        rows.append(CaseRow(
            case_id, case_no, stage, severity, bool(is_repeat), name, mask_phone(phone), category, chain_step,
            department or "", staff or "", channel, _when(next_due), _when(received_at), _when(closed_at), version,
        ))
    return rows


def _query_text(text: str) -> str:
    return clean_text(text)[:MAX_QUERY_CHARS]


def _word_condition(word: str) -> Expression:
    """A word matches the case number, customer name, order number, description or cause."""
    condition = (
        Complaint.case_no.contains(word)
        | Customer.name.contains(word)
        | Complaint.order_no.contains(word)
        | Complaint.description.contains(word)
        | Complaint.cause.contains(word)
    )
    if len(word) == 4 and word.isdigit():
        condition |= Customer.phone.endswith(word)  # "尾号 1234"
    return condition


def text_condition(text: str) -> Expression | None:
    """Every word must match somewhere; a whole phone number (any separators) matches exactly."""
    text = _query_text(text)
    if not text:
        return None
    if CASE_NO.fullmatch(text.upper()):
        return Complaint.case_no == text.upper()
    phone = normalise_phone(text)
    if phone:
        # Every term on the complaint table and indexed, so the database unions index look-ups
        # instead of scanning every case.
        customers = Customer.select(Customer.id).where(Customer.phone == phone)
        return Complaint.customer.in_(customers) | (Complaint.order_no == text) | (Complaint.case_no == text.upper())
    condition = None
    for word in text.split()[:MAX_WORDS]:
        part = _word_condition(word)
        condition = part if condition is None else condition & part
    return condition


def _exact_condition(text: str) -> Expression:
    """Exact case number, order number, customer name or phone: each an index look-up."""
    people = Customer.name == text
    phone = normalise_phone(text)
    if phone:
        people |= Customer.phone == phone
    return (
        (Complaint.case_no == text.upper())
        | (Complaint.order_no == text)
        | Complaint.customer.in_(Customer.select(Customer.id).where(people))
    )


def search_cases(text: str, limit: int = 50) -> list[CaseRow]:
    """The toolbar's search: exact hits (case number, phone, name, order number) first, then the
    other matches; newest first within each.

    Two queries rather than one ranked sort: the exact hits are a few index look-ups (sorted
    here, so the database is not tempted to walk the whole receipt-time index for them); the
    others walk that index newest first and stop at ``limit`` rows, instead of sorting every
    match of a common word.
    """
    condition = text_condition(text)
    if condition is None:
        return []
    text = _query_text(text)
    limit = max(1, min(int(limit), 500))
    newest = (Complaint.received_at.desc(), Complaint.id.desc())
    exact = sorted(to_case_rows(case_rows_query().where(_exact_condition(text))), key=lambda r: (r.received_at, r.id),
                   reverse=True)[:limit]
    if len(exact) >= limit:
        return exact
    seen = {row.id for row in exact}
    others = to_case_rows(case_rows_query().where(condition).order_by(*newest).limit(limit + len(exact)))
    return (exact + [row for row in others if row.id not in seen])[:limit]


def filter_conditions(filters: BoardFilters, now: datetime, user: User | None) -> list[Expression]:
    conditions: list[Expression] = []
    text = text_condition(filters.text)
    if text is not None:
        conditions.append(text)
    if filters.mine:
        if user is None:
            raise ValueError("'mine' needs the signed-in user")
        conditions.append((Complaint.receiver == user.id) | (Staff.user == user.id))
    if filters.overdue_only:
        conditions.append(Complaint.next_due < now)
    if filters.severity:
        conditions.append(Complaint.severity == filters.severity)
    if filters.category_id:
        conditions.append(Complaint.category == filters.category_id)
    if filters.department_id:
        conditions.append(Complaint.department == filters.department_id)
    if filters.channel:
        conditions.append(Complaint.channel == filters.channel)
    if filters.date_from:
        conditions.append(Complaint.received_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        conditions.append(Complaint.received_at < datetime.combine(filters.date_to + timedelta(days=1), time.min))
    return conditions


def board_rows(filters: BoardFilters, now: datetime, *, user: User | None = None) -> list[CaseRow]:
    """Every open case and those closed in the last 7 days, most urgent first.

    Open cases are ordered by their next due time (none last), then by receipt; closed
    ones by when they were closed, newest first. ``user`` is needed for ``filters.mine``.
    """
    query = case_rows_query().where(
        Complaint.stage.in_(OPEN_STAGES) | (Complaint.closed_at >= now - CLOSED_WINDOW),  # both indexed
        *filter_conditions(filters, now, user),
    )
    no_due_last = Case(None, ((Complaint.next_due.is_null(), 1),), 0)
    query = query.order_by(
        no_due_last, Complaint.next_due, Complaint.closed_at.desc(nulls="LAST"), Complaint.received_at, Complaint.id
    )
    return to_case_rows(query)


def older_closed_rows(filters: BoardFilters, now: datetime, *, user: User | None = None,
                      limit: int = 1000) -> list[CaseRow]:
    """Closed cases that have left the board's 结案 column (closed over 7 days ago), newest first."""
    query = case_rows_query().where(
        (Complaint.stage == "closed") & (Complaint.closed_at < now - CLOSED_WINDOW),
        *filter_conditions(filters, now, user),
    )
    return to_case_rows(query.order_by(Complaint.closed_at.desc(), Complaint.id.desc()).limit(limit))
