"""Everything the monthly analysis report (客户投诉统计分析表) says about one month, gathered once
and shared by the PDF and the Excel workbook so the two always agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from studio_desk.errors import DomainError
from studio_desk.models import Category, Complaint, Customer, Department, User
from studio_desk.permissions import allowed, require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.search import BoardFilters
from studio_desk.services.reviews import corrective_actions
from studio_desk.stats import compute, conditions, format_hours, format_percent, parse_month, shift_month, totals
from studio_desk.vocab import label

LIST_LIMIT = 50  # cases per list in the PDF; the workbook has them all
TOP_CAUSES = 10


@dataclass
class MonthlyData:
    month: str
    first: date
    last: date
    now: datetime
    figures: dict[str, Any]  # stats.compute of the month
    previous: dict[str, Any]  # headline figures of the month before
    last_year: dict[str, Any]  # … and of the same month a year earlier
    trend: list[dict[str, Any]]  # complaints per month, the 12 months ending with this one
    repeats: list[dict[str, Any]]
    majors: list[dict[str, Any]]
    vips: list[dict[str, Any]]
    causes: list[tuple[str, int]]
    corrective_actions: str
    with_penalties: bool

    @property
    def title_month(self) -> str:
        return f"{self.first.year} 年 {self.first.month} 月"


def _month_filter(first: date) -> BoardFilters:
    _, last = parse_month(f"{first:%Y-%m}")
    return BoardFilters(date_from=first, date_to=last)


def case_list(flt: BoardFilters, now: datetime, condition, limit: int | None = None) -> list[dict[str, Any]]:
    """The month's cases of one kind (repeat, major, VIP) with what the report prints about them."""
    previous = Complaint.alias()
    query = (Complaint.select(
                Complaint.case_no, Complaint.received_at, Customer.name.alias("customer"), Customer.vip,
                Category.name.alias("category"), Complaint.chain_step, Department.name.alias("department"),
                Complaint.severity, Complaint.severity_reasons, Complaint.stage, Complaint.cause, Complaint.remedy_plan,
                Complaint.compensation_total, Complaint.follow_up_result, previous.case_no.alias("previous"))
             .join(Customer, on=Complaint.customer == Customer.id)
             .switch(Complaint).join(Category, on=Complaint.category == Category.id)
             .switch(Complaint).join(Department, JOIN.LEFT_OUTER, on=Complaint.department == Department.id)
             .switch(Complaint).join(previous, JOIN.LEFT_OUTER, on=Complaint.previous_case == previous.id)
             .where(*conditions(flt, now), condition)
             .order_by(Complaint.received_at, Complaint.id))
    if limit is not None:
        query = query.limit(limit)
    rows = []
    for row in query.dicts():
        row.update(chain_step=label("chain_step", row["chain_step"]), severity=label("severity", row["severity"]),
                   stage=label("stage", row["stage"]), result=label("follow_up_result", row.pop("follow_up_result")),
                   reasons="；".join(row.pop("severity_reasons") or []), remedy=row.pop("remedy_plan"),
                   compensation=row.pop("compensation_total"), department=row["department"] or "",
                   previous=row["previous"] or "")
        rows.append(row)
    return rows


def _top_causes(flt: BoardFilters, now: datetime) -> list[tuple[str, int]]:
    count = fn.COUNT(Complaint.id)
    query = (Complaint.select(Complaint.cause, count).join(Customer, on=Complaint.customer == Customer.id)
             .where(*conditions(flt, now), Complaint.cause != "")
             .group_by(Complaint.cause).order_by(count.desc(), Complaint.cause).limit(TOP_CAUSES))
    return [(cause, int(n)) for cause, n in query.tuples()]


def monthly_data(user: User, month: str, now: datetime, progress: Progress = NO_PROGRESS, *,
                 list_limit: int | None = LIST_LIMIT) -> MonthlyData:
    """Gather the month's report; a bad month is a DomainError naming the field."""
    require(user, "statistics")
    try:
        first, last = parse_month(month)
    except ValueError as exc:
        raise DomainError(str(exc), "month") from None
    flt = _month_filter(first)
    steps = 8  # the writers continue the count while laying out
    progress.update(0, steps, "正在统计本月数据…")
    figures = compute(flt, viewer=user, now=now)
    progress.update(1, steps, "正在统计上月与去年同期…")
    previous = totals(_month_filter(shift_month(first, -1)), now)
    last_year = totals(_month_filter(shift_month(first, -12)), now)
    progress.update(3, steps, "正在整理二次投诉、重大投诉和 VIP 投诉…")
    repeats = case_list(flt, now, Complaint.is_repeat == True, list_limit)  # noqa: E712
    majors = case_list(flt, now, Complaint.severity == "major", list_limit)
    vips = case_list(flt, now, Customer.vip == True, list_limit)  # noqa: E712
    progress.update(4, steps, "正在整理主要原因…")
    causes = _top_causes(flt, now)
    progress.update(5, steps, "")
    return MonthlyData(f"{first:%Y-%m}", first, last, now, figures, previous, last_year, figures["trend"], repeats,
                       majors, vips,
                       causes, corrective_actions(f"{first:%Y-%m}"), allowed(user.role, "penalties"))


# (label, how to read it from a totals dict, kind) for the comparison table.
HEADLINE: tuple[tuple[str, Any, str], ...] = (
    ("投诉总数", lambda t: t["complaints"], "count"),
    ("有效投诉", lambda t: t["valid"], "count"),
    ("有效率", lambda t: t["valid_rate"], "rate"),
    ("当前未结案", lambda t: t["open"], "count"),
    ("当前超时", lambda t: t["overdue_now"], "count"),
    ("首次评估及时率", lambda t: t["first_assessment"]["rate"], "rate"),
    ("按时解决率", lambda t: t["resolution"]["rate"], "rate"),
    ("结案用时中位数", lambda t: t["median_hours_to_close"], "hours"),
    ("回访满意率", lambda t: t["follow_up"]["satisfaction_rate"], "rate"),
    ("二次投诉", lambda t: t["repeat"], "count"),
    ("二次投诉率", lambda t: t["repeat_rate"], "rate"),
    ("重大投诉", lambda t: t["major"], "count"),
    ("VIP 投诉", lambda t: t["vip"], "count"),
    ("补偿金额（元）", lambda t: Decimal(t["compensation_total"]), "money"),
)


def show(value: Any, kind: str) -> str:
    if value is None:
        return NO_DATA
    if kind == "rate":
        return format_percent(value)
    if kind == "hours":
        return format_hours(value)
    if kind == "money":
        return f"{value:,.2f}"
    return str(value)


def change(now_value: Any, then_value: Any, kind: str) -> str:
    """+3 / −12.5% / +4.2 个百分点 — how this month differs from the other one."""
    if now_value is None or then_value is None:
        return NO_DATA
    if kind == "rate":
        points = (now_value - then_value) * 100
        return f"{points:+.1f} 个百分点"
    diff = now_value - then_value
    text = f"{diff:+,.2f}" if kind == "money" else f"{diff:+.1f}" if kind == "hours" else f"{diff:+d}"
    if then_value:
        text += f"（{diff * 100 / then_value:+.1f}%）"
    return text


NO_DATA = "—"


def comparisons(data: MonthlyData) -> list[tuple[str, str, Any, Any, str, Any, str]]:
    """(figure, kind, 本月, 上月, 环比, 去年同月, 同比) for every headline figure.

    A month without a single complaint (a quiet month, or before the studio's first record) has
    nothing to compare with: its value is None and its change "—", never "+33" against nothing."""
    rows = []
    current = data.figures["totals"]
    for name, get, kind in HEADLINE:
        now_value = get(current)
        row: list[Any] = [name, kind, now_value]
        for other in (data.previous, data.last_year):
            then = get(other) if other["complaints"] else None
            row += [then, change(now_value, then, kind)]
        rows.append(tuple(row))
    return rows


def comparison_rows(data: MonthlyData) -> list[tuple[str, str, str, str, str, str]]:
    """The comparison table as the PDF prints it."""
    return [(name, show(now_value, kind), show(prev, kind), prev_change, show(year, kind), year_change)
            for name, kind, now_value, prev, prev_change, year, year_change in comparisons(data)]


def count_table(rows: list[dict[str, Any]], total: int) -> list[tuple[str, int, float | None]]:
    """(label, count, share of all the month's complaints) for the rows that have cases."""
    return [(r["label"], r["count"], round(r["count"] / total, 4) if total else None) for r in rows if r["count"]]


DEFINITIONS = (
    "按受理时间统计；已删除的误登记案件不计入。",
    "有效率 = 有效 ÷ 已评估（有效 + 无效 + 协助处理）。",
    "首次评估及时率 = 在 24 小时时限内完成评估 ÷（已评估 + 超时仍未评估）。",
    "按时解决率 = 在结果告知时限内完成方案实施（无效投诉为结案）÷（已解决 + 超时仍未解决）。",
    "回访满意率 = 满意 ÷（满意 + 不满意 + 已转二次投诉）。",
    "补偿金额 = 各轮已实施方案的补偿（案件退回方案后仍计入），加上处于实施、回访或结案阶段的案件本轮方案的补偿。",
    "“当前未结案 / 当前超时”为报告生成时的状态。",
    "上月或去年同月没有投诉记录（含系统启用之前）时，其数值与环比、同比显示“—”。",
)
