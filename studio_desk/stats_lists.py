"""The cases behind a figure: drill-down lists (点击图表列出案件) and hot spots (热点).

A bar, a slice or a hot spot of the 统计 tab names a dimension and a key; these functions
turn it into the cases it counts, with the same filter conditions as :mod:`studio_desk.stats`,
so the list under a bar always has exactly the bar's number of rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

from peewee import Expression, fn

from studio_desk.db import current_database
from studio_desk.models import Category, Complaint, Customer, StaffPenalty
from studio_desk.search import BoardFilters, CaseRow, case_rows_query, to_case_rows
from studio_desk.stats_scope import conditions, hotspot_settings, parse_month, range_bounds
from studio_desk.validation import mask_phone
from studio_desk.vocab import label

DRILL_LIMIT = 1000
_FIELD_DIMENSIONS = {
    "stage": Complaint.stage, "chain_step": Complaint.chain_step, "channel": Complaint.channel,
    "severity": Complaint.severity, "validity": Complaint.validity, "category": Complaint.category,
}


def dimension_condition(dimension: str, key: Any, now: datetime) -> Expression | None:
    """The condition that selects one bar/slice/figure's cases (None: all cases of the filter)."""
    c = Complaint
    if dimension in _FIELD_DIMENSIONS:
        return _FIELD_DIMENSIONS[dimension] == key
    if dimension == "department":
        return c.department.is_null() if key is None else c.department == key
    if dimension in ("month", "trend_month"):
        first, last = parse_month(key)
        start, end = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
        return (c.received_at >= start) & (c.received_at < end)
    if dimension == "staff":
        penalised = StaffPenalty.select(StaffPenalty.case).where(StaffPenalty.staff == key)
        return (c.responsible_staff == key) | c.id.in_(penalised)
    simple = {
        "all": None,
        "open": c.stage != "closed",
        "closed": c.stage == "closed",
        "overdue": (c.stage != "closed") & (c.next_due < now),
        "repeat": c.is_repeat == True,  # noqa: E712
        "vip": Customer.vip == True,  # noqa: E712
        "major": c.severity == "major",
    }
    if dimension not in simple:
        raise ValueError(f"unknown statistics dimension {dimension!r}")
    return simple[dimension]


class Drilled(NamedTuple):
    """The first ``limit`` cases of a figure, and how many it counts in all."""

    rows: list[CaseRow]
    total: int


def drill_down(flt: BoardFilters, dimension: str, key: Any, now: datetime, *, limit: int = DRILL_LIMIT) -> Drilled:
    """The cases counted by one figure, newest first. A month of the trend line is the whole
    month (the trend reaches back before the range); other figures stay within the range.
    ``total`` is counted only when the list was cut at ``limit``, so a list can say so."""
    if dimension == "trend_month":
        flt = replace(flt, date_from=None, date_to=None)
    condition = dimension_condition(dimension, key, now)
    query = case_rows_query().where(*conditions(flt, now), *([condition] if condition is not None else []))
    rows = to_case_rows(query.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit))
    return Drilled(rows, query.count() if len(rows) >= limit else len(rows))


def rows_by_ids(ids: list[int]) -> list[CaseRow]:
    """The cases of a hot spot, newest first."""
    if not ids:
        return []
    return to_case_rows(case_rows_query().where(Complaint.id.in_(ids)).order_by(Complaint.received_at.desc()))


def _window(flt: BoardFilters, now: datetime, days: int) -> tuple[list[Expression], datetime]:
    """Conditions of the non-date filters over the ``days`` before the range's end (or now)."""
    _, end = range_bounds(flt)
    until = min(now, end - timedelta(seconds=1)) if end else now
    since = until - timedelta(days=days)
    base = replace(flt, date_from=None, date_to=None)
    return [*conditions(base, now), Complaint.received_at > since, Complaint.received_at <= until], until


def _hot_groups(where: list[Expression], key, threshold: int) -> dict[Any, tuple[list[int], list[str]]]:
    """key → (case ids, case numbers), newest first, for the keys with ≥ ``threshold`` cases: two queries."""
    joined = lambda *columns: Complaint.select(*columns).join(  # noqa: E731
        Customer, on=Complaint.customer == Customer.id)
    hot_keys = joined(key).where(*where).group_by(key).having(fn.COUNT(Complaint.id) >= threshold)
    groups: dict[Any, tuple[list[int], list[str]]] = {}
    rows = joined(key, Complaint.id, Complaint.case_no).where(*where, key.in_(hot_keys)).order_by(
        Complaint.received_at.desc(), Complaint.id.desc())
    # Straight from the cursor: ids and text need no conversion, and a year of a busy chain is
    # tens of thousands of rows (peewee's per-field conversion doubled the time of the whole tab).
    for k, case_id, case_no in current_database().execute(rows):
        ids, nos = groups.setdefault(k, ([], []))
        ids.append(case_id)
        nos.append(case_no)
    return groups


def _spot(kind: str, key: Any, name: str, cases: tuple[list[int], list[str]], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "key": key, "label": name, **extra, "count": len(cases[0]), "case_ids": cases[0],
            "cases": cases[1]}


def hot_spots(flt: BoardFilters, now: datetime) -> dict[str, Any]:
    """热点: categories and chain steps with ≥ threshold complaints in the window, and customers
    with more than one complaint within the repeat window — each with its cases."""
    window, threshold, repeat_days = hotspot_settings()
    where, until = _window(flt, now, window)
    categories = _hot_groups(where, Complaint.category, threshold)
    names = dict(Category.select(Category.id, Category.name).where(Category.id.in_(list(categories))).tuples())
    spots = [_spot("category", k, names[k], cases) for k, cases in categories.items()]
    spots += [_spot("chain_step", k, label("chain_step", k), cases)
              for k, cases in _hot_groups(where, Complaint.chain_step, threshold).items()]
    repeat_where, _ = _window(flt, now, repeat_days)
    repeaters = _hot_groups(repeat_where, Complaint.customer, 2)
    people = {i: (name, phone) for i, name, phone in Customer.select(Customer.id, Customer.name, Customer.phone)
              .where(Customer.id.in_(list(repeaters))).tuples()} if repeaters else {}
    customers = [_spot("customer", k, people[k][0], cases, phone=mask_phone(people[k][1]))
                 for k, cases in repeaters.items()]
    order = {"category": 0, "chain_step": 1}
    spots.sort(key=lambda s: (order[s["kind"]], -s["count"], s["label"]))
    customers.sort(key=lambda s: (-s["count"], s["label"], s["key"]))
    return {"window_days": window, "threshold": threshold, "repeat_window_days": repeat_days,
            "until": until.isoformat(sep=" "), "problems": spots, "customers": customers}
