"""Finding cases: the search box (案件查询) and the board's query (看板).

Both return :class:`CaseRow` — plain, light rows built from one joined SELECT — rather than
model instances, so that the board can load thousands of open cases quickly and its
delegate can paint them without ever touching the database.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from peewee import JOIN, OP, SQL, Case, Expression, NodeList, Value, fn

from studio_desk.db import current_database
from studio_desk.models import Category, Complaint, Customer, Department, Staff, User
from studio_desk.sqlcache import compiled
from studio_desk.validation import clean_text, mask_phone, normalise_phone
from studio_desk.vocab import OPEN_STAGES, STAGE_CODES

CLOSED_WINDOW = timedelta(days=7)  # 结案 column: only cases closed this recently
MAX_QUERY_CHARS = 100
CASE_NO = re.compile(r"KS-\d{8}-\d{3,}")
MAX_WORDS = 8
BOARD_PAGE = 200  # cards of a column loaded at a time as it is scrolled
FIRST_PAGE = 50  # cards of a column read when the board opens: more than the tallest screen shows


class CaseRow(NamedTuple):
    """What a card or a search hit shows of a case; ``phone`` is already masked.

    A named tuple: the board builds thousands at start-up, six times faster than a frozen dataclass.
    """

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
    history: bool = False  # 历史导入: brought in from an old register
    compensation_fen: int = 0  # 补偿合计 in fen (the manager approves on the 审批 card by it)


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
    Complaint.history_import, Complaint.compensation_total,
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
    return _rows(current_database().execute(query))


def _rows(cursor) -> list[CaseRow]:
    """Rows straight from the cursor: peewee's per-field conversion would triple the time for
    thousands of cards, and these columns need only the few conversions done here."""
    rows = []
    for (case_id, case_no, stage, severity, is_repeat, name, phone, category, chain_step, department, staff,
         channel, next_due, received_at, closed_at, version, history, compensation_fen, *_extra) in cursor:
        rows.append(CaseRow(
            case_id, case_no, stage, severity, bool(is_repeat), name, mask_phone(phone), category, chain_step,
            department or "", staff or "", channel, _when(next_due), _when(received_at), _when(closed_at), version,
            bool(history), compensation_fen or 0,
        ))
    return rows


def _query_text(text: str) -> str:
    return clean_text(text)[:MAX_QUERY_CHARS]


def _like(column: Any, pattern: str) -> Expression:
    """Case-insensitive LIKE with an explicit escape character, so that the SQL is the same
    whatever the word (peewee's ``contains`` adds ESCAPE only for words with % _ or \\)."""
    return Expression(column, OP.ILIKE, NodeList((Value(pattern, converter=False), SQL("ESCAPE"),
                                                  Value("\\", converter=False))))


def _pattern(word: str, template: str = "%{}%") -> str:
    return template.format(word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%"))


@dataclass(frozen=True)
class _Parsed:
    """A search text taken apart: ``kind`` and ``tails`` decide the SQL, ``values`` are its parameters."""

    kind: str  # "case_no", "phone" or "words"
    values: tuple[str, ...]
    tails: tuple[bool, ...] = ()  # per word: four digits, also "尾号" of a phone


def _parse(text: str) -> _Parsed | None:
    text = _query_text(text)
    if not text:
        return None
    if CASE_NO.fullmatch(text.upper()):
        return _Parsed("case_no", (text.upper(),))
    phone = normalise_phone(text)
    if phone:
        return _Parsed("phone", (phone, text, text.upper()))
    words = text.split()[:MAX_WORDS]
    tails = tuple(len(word) == 4 and word.isdigit() for word in words)
    values: list[str] = []
    for word, tail in zip(words, tails, strict=True):
        values.append(_pattern(word))
        if tail:
            values.append(_pattern(word, "%{}"))
    return _Parsed("words", tuple(values), tails)


def _condition(parsed: _Parsed, *values: Any) -> Expression:
    """Every word must match somewhere; a whole phone number (any separators) matches exactly."""
    if parsed.kind == "case_no":
        return Complaint.case_no == values[0]
    if parsed.kind == "phone":
        # Every term on the complaint table and indexed, so the database unions index look-ups
        # instead of scanning every case.
        phone, text, upper = values
        customers = Customer.select(Customer.id).where(Customer.phone == phone)
        return Complaint.customer.in_(customers) | (Complaint.order_no == text) | (Complaint.case_no == upper)
    condition = None
    rest = iter(values)
    for tail in parsed.tails:
        # A word matches the case number, customer name, order number, description or cause.
        pattern = next(rest)
        part = (_like(Complaint.case_no, pattern) | _like(Customer.name, pattern) | _like(Complaint.order_no, pattern)
                | _like(Complaint.description, pattern) | _like(Complaint.cause, pattern))
        if tail:
            part |= _like(Customer.phone, next(rest))  # "尾号 1234"
        condition = part if condition is None else condition & part
    return condition


def text_condition(text: str) -> Expression | None:
    """The search text as a condition on :func:`case_rows_query` (None for no text)."""
    parsed = _parse(text)
    return None if parsed is None else _condition(parsed, *parsed.values)


def _exact_values(text: str) -> tuple[str, ...]:
    phone = normalise_phone(text)
    return (text.upper(), text, text) + ((phone,) if phone else ())


def _exact_condition(case_no: str, order_no: str, name: str, phone: str | None = None) -> Expression:
    """Exact case number, order number, customer name or phone: each an index look-up."""
    people = Customer.name == name
    if phone is not None:
        people |= Customer.phone == phone
    return (
        (Complaint.case_no == case_no)
        | (Complaint.order_no == order_no)
        | Complaint.customer.in_(Customer.select(Customer.id).where(people))
    )


def _search_rows(key: tuple, build, values: tuple) -> list[CaseRow]:
    sql, params = compiled(("search", *key), build, values)
    return _rows(current_database().execute_sql(sql, params))


def search_cases(text: str, limit: int = 50) -> list[CaseRow]:
    """The toolbar's search: exact hits (case number, phone, name, order number) first, then the
    other matches; newest first within each.

    Two queries rather than one ranked sort: the exact hits are a few index look-ups (sorted
    here, so the database is not tempted to walk the whole receipt-time index for them); the
    others walk that index newest first and stop at ``limit`` rows, instead of sorting every
    match of a common word. Both are compiled once per shape (:mod:`studio_desk.sqlcache`).
    """
    parsed = _parse(text)
    if parsed is None:
        return []
    text = _query_text(text)
    limit = max(1, min(int(limit), 500))
    exact_values = _exact_values(text)
    exact = _search_rows(("exact", len(exact_values)),
                         lambda *v: case_rows_query().where(_exact_condition(*v)), exact_values)
    exact = sorted(exact, key=lambda r: (r.received_at, r.id), reverse=True)[:limit]
    if len(exact) >= limit or parsed.kind != "words":
        return exact  # a case number or phone matches nothing beyond the exact hits
    seen = {row.id for row in exact}
    newest = (Complaint.received_at.desc(), Complaint.id.desc())
    others = _search_rows(
        ("others", parsed.tails),
        lambda *v: case_rows_query().where(_condition(parsed, *v[:-1])).order_by(*newest).limit(v[-1]),
        (*parsed.values, limit + len(exact)))
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


_NO_DUE_LAST = Case(None, ((Complaint.next_due.is_null(), 1),), 0)
# A column's order: open cases by their next due time (none last), then by receipt; the 结案
# column by when the cases were closed, newest first.
_OPEN_ORDER = (_NO_DUE_LAST, Complaint.next_due, Complaint.received_at, Complaint.id)
_CLOSED_ORDER = (Complaint.closed_at.desc(), Complaint.received_at, Complaint.id)


def _column_ids(filters: BoardFilters, now: datetime, closed: bool, where: Any, user: User | None):
    """The ids of one column's cases in board order, joining only what the filters look at;
    ``where`` is the stage, or for the 结案 column the earliest close time it shows.

    Without filters this reads nothing but the (stage, deleted, next_due, received_at, id)
    index. The 结案 column is found by its close time alone: asked for "closed" as well, the
    database would walk every closed case of the stage index instead of the last week's.
    """
    query = _filtered(Complaint.select(Complaint.id), filters, now, user)
    if closed:
        return query.where(Complaint.closed_at >= where).order_by(*_CLOSED_ORDER)
    return query.where(Complaint.stage == where).order_by(*_OPEN_ORDER)


def _board_sql(name: str, filters: BoardFilters, now: datetime, user: User | None, build, values: tuple,
               *shape: Hashable) -> tuple[str, list[Any]]:
    """A board query compiled once per filters (the board asks the same ones every few seconds).

    ``build(at, *values)`` gets the moment as ``at`` when the 超时 filter reads the clock, and
    ``now`` as a constant otherwise (nothing else in the filters does)."""
    key = ("board", name, filters, user.id if filters.mine and user is not None else None, *shape)
    if filters.overdue_only:
        return compiled(key, build, (now, *values))
    return compiled(key, lambda *bound: build(now, *bound), values)


def board_page(filters: BoardFilters, now: datetime, stage: str, *, offset: int = 0, limit: int | None = BOARD_PAGE,
               user: User | None = None) -> list[CaseRow]:
    """Cards ``offset`` … ``offset + limit`` of one column (all from ``offset`` when ``limit`` is None).

    ``user`` is needed for ``filters.mine``. The board loads a column a page at a time as it
    is scrolled, so that thousands of open cases cost no more at start-up than a few hundred.
    """
    closed = stage == "closed"
    order = _CLOSED_ORDER if closed else _OPEN_ORDER

    def build(at, where, start, *limited):
        ids = _column_ids(filters, at, closed, where, user).offset(start)
        if limited:
            ids = ids.limit(limited[0])
        return case_rows_query().where(Complaint.id.in_(ids)).order_by(*order)

    where = now - CLOSED_WINDOW if closed else stage
    values = (where, offset) if limit is None else (where, offset, limit)
    sql, params = _board_sql("page", filters, now, user, build, values, closed, limit is None)
    rows = _rows(current_database().execute_sql(sql, params))
    return [row for row in rows if row.stage == stage]  # guards the 结案 column against stray close times


def _filtered(query, filters: BoardFilters, now: datetime, user: User | None):
    """``query`` on the complaint table with the filters applied, joining only what they look at."""
    if filters.text:
        query = query.join(Customer, on=Complaint.customer == Customer.id).switch(Complaint)
    if filters.mine:
        query = query.join(Staff, JOIN.LEFT_OUTER, on=Complaint.responsible_staff == Staff.id).switch(Complaint)
    return query.where(Complaint.deleted == False, *filter_conditions(filters, now, user))  # noqa: E712


def board_counts(filters: BoardFilters, now: datetime, *, user: User | None = None) -> dict[str, tuple[int, int]]:
    """Per column: (cards, overdue cards) — the column headers, and how far a column can be scrolled."""
    counts = dict.fromkeys(STAGE_CODES, (0, 0))

    def grouped(at, moment):
        overdue = fn.SUM(Case(None, ((Complaint.next_due < moment, 1),), 0))
        query = _filtered(Complaint.select(Complaint.stage, fn.COUNT(Complaint.id), overdue), filters, at, user)
        return query.where(Complaint.stage.in_(OPEN_STAGES)).group_by(Complaint.stage)

    sql, params = _board_sql("counts", filters, now, user, grouped, (now,))
    for stage, total, late in current_database().execute_sql(sql, params):
        counts[stage] = (total, int(late or 0))

    # By close time alone, as in _column_ids (and not grouped: the database would walk the whole
    # stage index to group instead of the last week's close times).
    def closed(at, since):
        shown = fn.SUM(Case(None, ((Complaint.stage == "closed", 1),), 0))
        return _filtered(Complaint.select(shown), filters, at, user).where(Complaint.closed_at >= since)

    sql, params = _board_sql("closed", filters, now, user, closed, (now - CLOSED_WINDOW,))
    total = current_database().execute_sql(sql, params).fetchone()[0]
    counts["closed"] = (int(total or 0), 0)
    return counts


def board_snapshot(filters: BoardFilters, now: datetime, *, user: User | None = None,
                   loaded: dict[str, int] | None = None) -> tuple[dict[str, list[CaseRow]], dict[str, tuple[int, int]]]:
    """What the board shows: the first page of every column (or as many cards as ``loaded`` says
    were on screen, so a reload keeps the scroll positions) and every column's counts."""
    loaded = loaded or {}
    pages = {stage: board_page(filters, now, stage, limit=max(FIRST_PAGE, loaded.get(stage, 0)), user=user)
             for stage in STAGE_CODES}
    return pages, board_counts(filters, now, user=user)


def older_closed_rows(filters: BoardFilters, now: datetime, *, user: User | None = None,
                      limit: int = 1000) -> list[CaseRow]:
    """Closed cases that have left the board's 结案 column (closed over 7 days ago), newest first."""
    query = case_rows_query().where(
        (Complaint.stage == "closed") & (Complaint.closed_at < now - CLOSED_WINDOW),
        *filter_conditions(filters, now, user),
    )
    return to_case_rows(query.order_by(Complaint.closed_at.desc(), Complaint.id.desc()).limit(limit))
