"""The cases behind a figure: drill-down lists (点击图表列出案件) and hot spots (热点).

A bar, a slice or a hot spot of the 统计 tab names a dimension and a key; these functions
turn it into the cases it counts, with the same filter conditions as :mod:`studio_desk.stats`,
so the list under a bar always has exactly the bar's number of rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from peewee import Expression, fn

from studio_desk.models import Category, Complaint, Customer, StaffPenalty
from studio_desk.search import BoardFilters, CaseRow, _base_query, _rows
from studio_desk.stats import conditions, hotspot_settings, parse_month, range_bounds
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
    if dimension == "month":
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


def drill_down(flt: BoardFilters, dimension: str, key: Any, now: datetime, *,
               limit: int = DRILL_LIMIT) -> list[CaseRow]:
    """The cases counted by one figure, newest first."""
    condition = dimension_condition(dimension, key, now)
    query = _base_query().where(*conditions(flt, now), *([condition] if condition is not None else []))
    return _rows(query.order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit))


def rows_by_ids(ids: list[int]) -> list[CaseRow]:
    """The cases of a hot spot, newest first."""
    if not ids:
        return []
    return _rows(_base_query().where(Complaint.id.in_(ids)).order_by(Complaint.received_at.desc()))


def _window(flt: BoardFilters, now: datetime, days: int) -> tuple[list[Expression], datetime]:
    """Conditions of the non-date filters over the ``days`` before the range's end (or now)."""
    _, end = range_bounds(flt)
    until = min(now, end - timedelta(seconds=1)) if end else now
    since = until - timedelta(days=days)
    base = replace(flt, date_from=None, date_to=None)
    return [*conditions(base, now), Complaint.received_at > since, Complaint.received_at <= until], until


def _groups(where: list[Expression], key_columns: tuple, threshold: int) -> list[tuple]:
    count = fn.COUNT(Complaint.id)
    query = (
        Complaint.select(*key_columns, count)
        .join(Customer, on=Complaint.customer == Customer.id)
        .switch(Complaint).join(Category, on=Complaint.category == Category.id)
        .where(*where).group_by(*key_columns).having(count >= threshold)
    )
    return [(*keys, int(n)) for *keys, n in query.tuples()]


def _cases_of(where: list[Expression], condition: Expression) -> tuple[list[int], list[str]]:
    query = (
        Complaint.select(Complaint.id, Complaint.case_no).join(Customer, on=Complaint.customer == Customer.id)
        .where(*where, condition).order_by(Complaint.received_at.desc(), Complaint.id.desc())
    )
    pairs = list(query.tuples())
    return [i for i, _ in pairs], [no for _, no in pairs]


def hot_spots(flt: BoardFilters, now: datetime) -> dict[str, Any]:
    """热点: categories and chain steps with ≥ threshold complaints in the window, and customers
    with more than one complaint within the repeat window — each with its cases."""
    window, threshold, repeat_days = hotspot_settings()
    where, until = _window(flt, now, window)
    spots: list[dict[str, Any]] = []
    for cid, name, n in _groups(where, (Category.id, Category.name), threshold):
        ids, nos = _cases_of(where, Complaint.category == cid)
        spots.append({"kind": "category", "key": cid, "label": name, "count": n, "case_ids": ids, "cases": nos})
    for step, n in _groups(where, (Complaint.chain_step,), threshold):
        ids, nos = _cases_of(where, Complaint.chain_step == step)
        spots.append({"kind": "chain_step", "key": step, "label": label("chain_step", step), "count": n,
                      "case_ids": ids, "cases": nos})
    repeat_where, _ = _window(flt, now, repeat_days)
    customers = []
    for cid, name, phone, n in _groups(repeat_where, (Customer.id, Customer.name, Customer.phone), 2):
        ids, nos = _cases_of(repeat_where, Complaint.customer == cid)
        customers.append({"key": cid, "label": name, "phone": mask_phone(phone), "count": n,
                          "case_ids": ids, "cases": nos})
    order = {"category": 0, "chain_step": 1}
    spots.sort(key=lambda s: (order[s["kind"]], -s["count"], s["label"]))
    customers.sort(key=lambda s: (-s["count"], s["label"], s["key"]))
    return {"window_days": window, "threshold": threshold, "repeat_window_days": repeat_days,
            "until": until.isoformat(sep=" "), "problems": spots, "customers": customers}
