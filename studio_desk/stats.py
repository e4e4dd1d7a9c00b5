"""Statistics of the complaint register (统计): every figure is an SQL aggregate.

The 统计 tab, ``main.py stats --json`` and the monthly report all call :func:`compute`, so
they cannot disagree. The expressions are peewee's own (``fn``, ``Case``, the database's
``extract_date``/``to_timestamp``), which mean the same on SQLite and PostgreSQL.

Definitions (also printed in the monthly report):
- a case belongs to a range by when it was received (受理时间); deleted cases never count;
- 有效率 = 有效 ÷ 已评估 (有效 + 无效 + 协助处理);
- 首次评估及时率 = assessed by ``first_assessment_due`` ÷ (assessed + not assessed and past due);
- 按时解决率 = remedy carried out (an invalid case: closed) by the result deadline
  (``result_due``, before assessment ``reply_due``) ÷ (resolved + unresolved past that deadline);
- 回访满意率 = 满意 ÷ (满意 + 不满意 + 已转二次投诉), from each case's final follow-up result;
- 二次投诉率 = cases marked as a repeat ÷ all cases;
- 补偿金额 = the compensation of every remedy round already carried out, whatever the case's stage now
  (a case sent back from 回访 to 方案 keeps what was paid), plus the current round of cases in
  实施, 回访 or 结案;
- 趋势 (``trend``) = complaints per month over the 12 months ending with the range's last month.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, Expression, fn

from studio_desk import clock
from studio_desk.db import current_database, is_sqlite
from studio_desk.models import Category, CompensationLine, Complaint, Customer, Department, Staff, StaffPenalty, User
from studio_desk.permissions import allowed, require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.search import BoardFilters, text_condition
from studio_desk.stats_scope import conditions, month_span, parse_month, shift_month
from studio_desk.vocab import codes, label

DECIDED_STAGES = ("implementing", "follow_up", "closed")
UNASSIGNED = "未指定"


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def format_percent(rate: float | None) -> str:
    """66.7% — or a dash when there was nothing to measure; the tab and reports share it."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def format_hours(hours: float | None) -> str:
    """Up to two days in hours; beyond, in days (“10.2 天” reads better than “244.9 小时”)."""
    if hours is None:
        return "—"
    return f"{hours:.1f} 小时" if hours <= 48 else f"{hours / 24:.1f} 天"


def _count_if(condition: Expression):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _cases(flt: BoardFilters, now: datetime, *columns: Any, customer: bool = False):
    """The filtered cases; the customer is joined only when a column or the text filter needs it
    (a join per case doubled the cost of every count on 100,000 cases)."""
    query = Complaint.select(*columns)
    if customer or text_condition(flt.text) is not None:
        query = query.join(Customer, on=Complaint.customer == Customer.id)
    return query.where(*conditions(flt, now))


def _headline(flt: BoardFilters, now: datetime) -> dict[str, Any]:
    """One pass over the cases for every count of the headline."""
    c = Complaint
    closed = c.stage == "closed"
    assessed = c.assessed_at.is_null(False)
    resolved_at = fn.COALESCE(c.implemented_at, c.closed_at)
    result_due = fn.COALESCE(c.result_due, c.reply_due)
    columns = {
        "complaints": fn.COUNT(c.id),
        "open": _count_if(~closed),
        "overdue_now": _count_if(~closed & (c.next_due < now)),
        "valid": _count_if(c.validity == "valid"),
        "invalid": _count_if(c.validity == "invalid"),
        "assist": _count_if(c.validity == "assist"),
        "repeat": _count_if(c.is_repeat == True),  # noqa: E712
        "vip": _count_if(Customer.vip == True),  # noqa: E712
        "major": _count_if(c.severity == "major"),
        "first_on_time": _count_if(assessed & (c.assessed_at <= c.first_assessment_due)),
        "first_late": _count_if((assessed & (c.assessed_at > c.first_assessment_due))
                                | (~assessed & ~closed & (c.first_assessment_due < now))),
        "resolved_on_time": _count_if(resolved_at.is_null(False) & (resolved_at <= result_due)),
        "resolved_late": _count_if((resolved_at.is_null(False) & (resolved_at > result_due))
                                   | (resolved_at.is_null() & (result_due < now))),
        "satisfied": _count_if(c.follow_up_result == "satisfied"),
        "unsatisfied": _count_if(c.follow_up_result == "unsatisfied"),
        "repeat_opened": _count_if(c.follow_up_result == "repeat_opened"),
        "unreachable": _count_if(c.follow_up_result == "unreachable"),
        "compensation_fen": fn.SUM(Case(None, [(c.stage.in_(DECIDED_STAGES), c.compensation_total)], 0)),
    }
    row = _cases(flt, now, *(expr.alias(name) for name, expr in columns.items()), customer=True).tuples().get()
    counts = {name: int(value or 0) for name, value in zip(columns, row, strict=True)}
    counts["compensation_fen"] += _paid_before_decided(flt, now)
    return counts


def _paid_before_decided(flt: BoardFilters, now: datetime) -> int:
    """Fen of the rounds carried out of cases now back before 实施 (e.g. 回访 → 方案): paid, so counted.
    In 实施, 回访 and 结案 the case's compensation_total already holds them."""
    paid = (_cases(flt, now, fn.SUM(CompensationLine.amount))
            .join_from(Complaint, CompensationLine, on=CompensationLine.case == Complaint.id)
            .where(~Complaint.stage.in_(DECIDED_STAGES) & CompensationLine.carried_out_at.is_null(False)))
    return int(paid.scalar() or 0)


def _average_satisfaction(flt: BoardFilters, now: datetime) -> float | None:
    value = _cases(flt, now, fn.AVG(Complaint.satisfaction).coerce(False)).where(
        Complaint.satisfaction.is_null(False)).scalar()
    return None if value is None else round(float(value), 2)


def _median_hours_to_close(flt: BoardFilters, now: datetime) -> float | None:
    """Median of received → closed over the closed cases: the one or two middle rows in SQL order."""
    db = current_database()
    seconds = db.to_timestamp(Complaint.closed_at) - db.to_timestamp(Complaint.received_at)
    closed = _cases(flt, now, seconds.alias("s")).where(
        (Complaint.stage == "closed") & Complaint.closed_at.is_null(False))
    n = closed.count()
    if n == 0:
        return None
    middle = [float(r[0]) for r in closed.order_by(seconds).limit(2 - n % 2).offset((n - 1) // 2).tuples()]
    return round(sum(middle) / len(middle) / 3600, 1)


def _grouped(flt: BoardFilters, now: datetime, key) -> dict[Any, int]:
    query = _cases(flt, now, key.alias("k"), fn.COUNT(Complaint.id).alias("n")).group_by(key)
    return {k: int(n) for k, n in query.tuples()}


def _by_vocab(flt: BoardFilters, now: datetime, kind: str, field) -> list[dict[str, Any]]:
    """Every code of a fixed list, in the list's order, zeros included (charts keep their axes)."""
    counts = _grouped(flt, now, field)
    return [{"code": code, "label": label(kind, code), "count": counts.get(code, 0)} for code in codes(kind)]


def _by_named(flt: BoardFilters, now: datetime, fk, model, *, outer: bool) -> list[dict[str, Any]]:
    """Rows of an editable list (category, department) that have cases, most first."""
    query = (
        _cases(flt, now, model.id, model.name, fn.COUNT(Complaint.id).alias("n"))
        .join(model, JOIN.LEFT_OUTER if outer else JOIN.INNER, on=fk == model.id)
        .group_by(model.id, model.name)
    )
    rows = [{"id": i, "label": name or UNASSIGNED, "count": int(n)} for i, name, n in query.tuples()]
    return sorted(rows, key=lambda r: (-r["count"], r["id"] is None, r["label"]))


def trend_filter(flt: BoardFilters, now: datetime) -> BoardFilters:
    """The 12 months ending with the range's last month (or this month), other filters kept:
    a trend line needs more than the one month a report or the tab usually looks at."""
    end = flt.date_to or now.date()
    _, last = parse_month(f"{end:%Y-%m}")
    return replace(flt, date_from=shift_month(end.replace(day=1), -11), date_to=last)


def month_key(column):
    """'YYYY-MM' of a datetime column, computed by the database itself on both SQLite and
    PostgreSQL (peewee's portable date_part runs a Python function per row on SQLite)."""
    if is_sqlite():
        return fn.strftime("%Y-%m", column)
    return fn.to_char(column, "YYYY-MM")


def by_month(flt: BoardFilters, now: datetime) -> list[dict[str, Any]]:
    """Complaints per received month; every month of the range (or of the data) appears, zeros too."""
    counts = {str(k): n for k, n in _grouped(flt, now, month_key(Complaint.received_at)).items()}
    if not counts and not (flt.date_from and flt.date_to):
        return []
    keys = sorted(counts)
    first = flt.date_from or date.fromisoformat(keys[0] + "-01")
    last = flt.date_to or date.fromisoformat(keys[-1] + "-01")
    return [{"month": key, "count": counts.get(key, 0)} for key in month_span(first, last)]


def _staff_ranking(flt: BoardFilters, now: datetime, with_penalties: bool) -> list[dict[str, Any]]:
    """Responsible staff by number of complaints; points and fines only for 店长+."""
    query = (
        _cases(flt, now, Staff.id, Staff.name, Department.name, fn.COUNT(Complaint.id))
        .join(Staff, on=Complaint.responsible_staff == Staff.id)
        .join(Department, JOIN.LEFT_OUTER, on=Staff.department == Department.id)
        .group_by(Staff.id, Staff.name, Department.name)
    )
    rows = {sid: {"id": sid, "name": name, "department": dep or "", "count": int(n)}
            for sid, name, dep, n in query.tuples()}
    if with_penalties:
        for row in rows.values():
            row.update(points=0, fines="0.00", penalties=0)
        penalties = (
            _cases(flt, now, Staff.id, Staff.name, Department.name, fn.SUM(StaffPenalty.points).coerce(False),
                   fn.SUM(StaffPenalty.fine).coerce(False), fn.COUNT(StaffPenalty.id))
            .join(StaffPenalty, on=StaffPenalty.case == Complaint.id)
            .join(Staff, on=StaffPenalty.staff == Staff.id)
            .join(Department, JOIN.LEFT_OUTER, on=Staff.department == Department.id)
            .group_by(Staff.id, Staff.name, Department.name)
        )
        for sid, name, dep, points, fen, n in penalties.tuples():
            row = rows.setdefault(sid, {"id": sid, "name": name, "department": dep or "", "count": 0})
            row.update(points=int(points or 0), fines=_yuan(fen), penalties=int(n))
    return sorted(rows.values(), key=lambda r: (-r["count"], -r.get("points", 0), r["name"], r["id"]))


def _yuan(fen: Any) -> str:
    return str((Decimal(int(fen or 0)) / 100).quantize(Decimal("0.01")))


def totals(flt: BoardFilters, now: datetime) -> dict[str, Any]:
    """The headline figures alone (the monthly report compares them with other months)."""
    h = _headline(flt, now)
    total = h["complaints"]
    assessed = h["valid"] + h["invalid"] + h["assist"]
    answered = h["satisfied"] + h["unsatisfied"] + h["repeat_opened"]
    return {
        "complaints": total,
        "open": h["open"],
        "closed": total - h["open"],
        "overdue_now": h["overdue_now"],
        "valid": h["valid"],
        "invalid": h["invalid"],
        "assist": h["assist"],
        "unassessed": total - assessed,
        "valid_rate": _rate(h["valid"], assessed),
        "first_assessment": {"on_time": h["first_on_time"], "late": h["first_late"],
                             "rate": _rate(h["first_on_time"], h["first_on_time"] + h["first_late"])},
        "resolution": {"on_time": h["resolved_on_time"], "late": h["resolved_late"],
                       "rate": _rate(h["resolved_on_time"], h["resolved_on_time"] + h["resolved_late"])},
        "median_hours_to_close": _median_hours_to_close(flt, now),
        "follow_up": {"satisfied": h["satisfied"], "unsatisfied": h["unsatisfied"],
                      "repeat_opened": h["repeat_opened"], "unreachable": h["unreachable"],
                      "satisfaction_rate": _rate(h["satisfied"], answered),
                      "average_score": _average_satisfaction(flt, now)},
        "repeat": h["repeat"],
        "repeat_rate": _rate(h["repeat"], total),
        "vip": h["vip"],
        "major": h["major"],
        "compensation_total": _yuan(h["compensation_fen"]),
    }


def compute(flt: BoardFilters | None = None, *, viewer: User | None = None, now: datetime | None = None,
            progress: Progress = NO_PROGRESS) -> dict[str, Any]:
    """Every figure of the 统计 tab for the filter, as JSON-able data (money as '123.00' strings).

    ``viewer`` decides whether staff penalties are included (店长+ only); without a viewer
    (the CLI without --user) they never are.
    """
    from studio_desk.stats_lists import hot_spots

    flt = flt or BoardFilters()
    now = now or clock.now()
    if viewer is not None:
        require(viewer, "statistics")
    with_penalties = viewer is not None and allowed(viewer.role, "penalties")
    steps = 11
    result: dict[str, Any] = {
        "range": {"from": flt.date_from.isoformat() if flt.date_from else None,
                  "to": flt.date_to.isoformat() if flt.date_to else None},
        "filters": {"severity": flt.severity or None, "category_id": flt.category_id,
                    "department_id": flt.department_id, "channel": flt.channel or None},
        "now": now.isoformat(sep=" "),
    }
    progress.update(0, steps, "统计总数…")
    result["totals"] = totals(flt, now)
    parts = (
        ("by_stage", lambda: _by_vocab(flt, now, "stage", Complaint.stage)),
        ("by_category", lambda: _by_named(flt, now, Complaint.category, Category, outer=False)),
        ("by_chain_step", lambda: _by_vocab(flt, now, "chain_step", Complaint.chain_step)),
        ("by_department", lambda: _by_named(flt, now, Complaint.department, Department, outer=True)),
        ("by_channel", lambda: _by_vocab(flt, now, "channel", Complaint.channel)),
        ("by_severity", lambda: _by_vocab(flt, now, "severity", Complaint.severity)),
        ("by_month", lambda: by_month(flt, now)),
        ("trend", lambda: by_month(trend_filter(flt, now), now)),
        ("staff_ranking", lambda: _staff_ranking(flt, now, with_penalties)),
        ("hot_spots", lambda: hot_spots(flt, now)),
    )
    for i, (name, part) in enumerate(parts, start=1):
        progress.update(i, steps, "统计分类数据…")
        result[name] = part()
    result["penalties_included"] = with_penalties
    progress.update(steps, steps, "")
    return result
