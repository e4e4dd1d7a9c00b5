"""每日工作小结 — the one-page paper for the daily meeting: today's new complaints, what moved,
what is overdue, causes and decisions, and the staff at fault (penalties only for 店长+)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from studio_desk import clock
from studio_desk.exports.access import record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import (
    Studio,
    StudioDoc,
    Styles,
    build,
    fmt_dt,
    grid_table,
    make_styles,
    para,
    short,
)
from studio_desk.models import User
from studio_desk.permissions import allowed, require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.reports.daily_data import DailySummary, daily_summary

TITLE = "每日工作小结"
WEEKDAYS = "一二三四五六日"
MAX_ROWS = 15  # per long list, so the summary stays about one page on a busy day


def _table(title: str, headers: tuple[str, ...], rows: list[tuple], widths: list[float], s: Styles,
           width: float, *, limit: int = 0, count: str = "", rest: str = "") -> list[Flowable]:
    """A section: heading with its count, then a ruled table (or 无 when empty). With ``limit``
    only the first rows are printed and ``rest`` says where the others are: the page is for a
    meeting, not an archive."""
    story: list[Flowable] = [para(f"{title}（{count or len(rows)}）", s.heading)]
    if not rows:
        return story + [para("无。", s.small)]
    shown = rows[:limit] if limit else rows
    widths = widths + [width - sum(widths)]
    cells = [[para(h, s.label) for h in headers]] + [[para(v, s.small) for v in row] for row in shown]
    story.append(grid_table(cells, widths, header=True))
    if len(shown) < len(rows):
        story.append(para(f"仅列出前 {len(shown)} 项，另有 {len(rows) - len(shown)} 项{rest}。", s.small))
    return story


def summary_flowables(summary: DailySummary, s: Styles, width: float) -> list[Flowable]:
    """The page's content (also used by tests to check what is said without a PDF)."""
    day = summary.day
    events = sum(m["events"] for m in summary.moved)
    story: list[Flowable] = [
        para(f"{TITLE}　{day:%Y-%m-%d}（星期{WEEKDAYS[day.weekday()]}）", s.title),
        para(f"今日新增 {len(summary.new)} 件　处理进展 {len(summary.moved)} 件（{events} 项）　"
             f"超时未处理 {len(summary.overdue)} 件（截至 {fmt_dt(summary.moment)}）", s.centre),
        Spacer(1, 2 * mm),
    ]
    story += _table("一、今日新增投诉", ("时间", "案件编号", "顾客", "渠道", "类别 / 环节", "严重程度", "投诉内容"),
                    [(f"{n['at']:%H:%M}", n["case_no"], short(n["customer"], 8), n["channel"],
                      f"{n['category']} / {n['chain_step']}", n["severity"] + ("（二次）" if n["repeat"] else ""),
                      short(n["description"], 60)) for n in summary.new],
                    [11 * mm, 27 * mm, 16 * mm, 16 * mm, 32 * mm, 16 * mm], s, width)
    story += _table("二、今日处理进展", ("时间", "案件编号", "今天的处理", "操作人"),
                    [(f"{m['at']:%H:%M}", m["case_no"], short(m["detail"], 120), m["who"]) for m in summary.moved],
                    [11 * mm, 27 * mm, 118 * mm], s, width, limit=MAX_ROWS,
                    count=f"{len(summary.moved)} 件，{events} 项", rest="，见各案件的处理记录")
    story += _table("三、超时未处理", ("案件编号", "阶段", "严重程度", "责任部门 / 责任人", "时限", "应完成时间"),
                    [(o["case_no"], o["stage"], o["severity"], " ".join(x for x in (o["department"], o["staff"]) if x)
                      or "未指定", o["late"], fmt_dt(o["due"])) for o in summary.overdue],
                    [27 * mm, 14 * mm, 16 * mm, 40 * mm, 28 * mm], s, width, limit=MAX_ROWS,
                    rest="，可在看板勾选“只看超时”查看或打印未结案件会议资料")
    story += _table("四、原因分析与处理决定", ("时间", "案件编号", "事项", "内容", "决定人"),
                    [(f"{d['at']:%H:%M}", d["case_no"], d["kind"], short(d["text"], 90), d["who"])
                     for d in summary.decisions], [11 * mm, 27 * mm, 16 * mm, 108 * mm], s, width, limit=MAX_ROWS,
                    rest="，见各案件的处理记录")
    story += _table("五、责任人", ("责任人", "部门", "案件编号", "原因"),
                    [(a["staff"], a["department"], a["case_no"], short(a["cause"], 80)) for a in summary.at_fault],
                    [24 * mm, 22 * mm, 27 * mm], s, width)
    if summary.penalties is not None:
        story += _table("六、员工处罚（仅店长及以上可见）", ("员工", "案件编号", "扣分", "罚款（元）", "原因"),
                        [(p["staff"], p["case_no"], str(p["points"]), f"{p['fine']:,.2f}", short(p["reason"], 60))
                         for p in summary.penalties], [24 * mm, 27 * mm, 12 * mm, 20 * mm], s, width)
    signatures = "　　".join(f"{who}：{'＿' * n}" for who, n in (("主持人", 6), ("记录人", 6), ("参会人员", 12)))
    story += [Spacer(1, 5 * mm), para(signatures, s.body)]
    return story


def render_daily_summary(day: date, path: str | Path, *, with_penalties: bool, progress: Progress = NO_PROGRESS,
                         on_written: Callable[[DailySummary], None] | None = None) -> DailySummary:
    """Lay the day's summary out as PDF at ``path`` (no rights checked: callers do, or leave penalties out).
    ``on_written`` runs once the document is complete, before it replaces ``path`` (an export's audit event:
    when the database refuses it, no file appears unrecorded)."""
    progress.update(0, 3, "正在汇总当天的投诉…")
    summary = daily_summary(day, clock.now(), with_penalties=with_penalties)
    s = make_styles(8.5)
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title=TITLE, studio=Studio.from_settings(), compact=True)
        story = summary_flowables(summary, s, doc.width)
        progress.update(1, 3, "正在排版…")
        build(doc, story, lambda: progress.update(1, 3, "正在排版…"))
        progress.update(2, 3, "")
        if on_written is not None:
            on_written(summary)
    return summary


def write_daily_summary(user: User, day: date, path: str | Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the day's summary as PDF to ``path`` and audit the export."""
    require(user, "statistics")
    require(user, "export")
    path = Path(path)
    render_daily_summary(day, path, with_penalties=allowed(user.role, "penalties"), progress=progress,
                         on_written=lambda summary: record_export(user, "daily_summary", path, None,
                                                                 description=f"{day:%Y-%m-%d}",
                                                                 day=day.isoformat(), cases=len(summary.new)))
    progress.update(3, 3, "")
    return path
