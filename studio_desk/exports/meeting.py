"""会议资料 — the pack for the daily summary meeting (每日工作小结): a cover page listing the
cases, then each case sheet. Either all cases received on one day, or every open case
(overdue ones first)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from studio_desk import clock, deadlines
from studio_desk.callcache import cached_per_call
from studio_desk.exports.access import record_export
from studio_desk.exports.case_sheet import case_flowables
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import (
    HeaderMark,
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
from studio_desk.exports.register_values import Lookups
from studio_desk.exports.sheet_data import chunks, load_sheet_data
from studio_desk.models import Complaint, Customer, User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.vocab import label

TITLE = "会议资料"


def meeting_cases(*, day: date | None = None, open_only: bool = False, now: datetime | None = None) -> list[Complaint]:
    """The cases of the pack: received on ``day``, or all open ones with the overdue first."""
    query = (Complaint.select(Complaint, Customer).join(Customer)
             .where(Complaint.deleted == False))  # noqa: E712
    if open_only:
        now = now or clock.now()
        cases = list(query.where(Complaint.stage != "closed").order_by(Complaint.received_at, Complaint.id))
        return sorted(cases, key=lambda c: (not (c.next_due and c.next_due < now), c.next_due or datetime.max))
    day = day or clock.now().date()
    start, end = datetime.combine(day, time.min), datetime.combine(day, time.max)
    return list(query.where(Complaint.received_at.between(start, end)).order_by(Complaint.received_at, Complaint.id))


def _cover(title: str, cases: list[Complaint], look: Lookups, s: Styles, width: float, now: datetime) -> list[Flowable]:
    story: list[Flowable] = [HeaderMark(title), para(title, s.title),
                             para(f"共 {len(cases)} 件　　生成时间：{fmt_dt(now)}", s.centre), Spacer(1, 4 * mm)]
    if not cases:
        return story + [para("没有符合条件的投诉。", s.body)]
    headers = ("序号", "案件编号", "受理时间", "顾客", "类别", "严重程度", "阶段", "责任部门", "时限")
    rows = [[para(h, s.label) for h in headers]]
    for n, case in enumerate(cases, start=1):
        time_left = deadlines.describe_time_left(case.next_due, now)[0] if case.stage != "closed" else "已结案"
        cells = (str(n), case.case_no, fmt_dt(case.received_at), short(case.customer.name, 12),
                 look.categories.get(case.category_id, ""), label("severity", case.severity),
                 label("stage", case.stage), look.departments.get(case.department_id, ""), time_left)
        rows.append([para(text, s.small) for text in cells])
    widths = [10 * mm, 27 * mm, 24 * mm, 20 * mm, 20 * mm, 16 * mm, 12 * mm, 17 * mm]
    return story + [grid_table(rows, widths + [width - sum(widths)], header=True)]


@cached_per_call  # the settings (font, studio name and address) are read once, not by each part
def write_meeting_pack(user: User, path: str | Path, *, day: date | None = None, open_only: bool = False,
                       progress: Progress = NO_PROGRESS) -> Path:
    """Write the meeting pack to ``path`` and audit the export."""
    require(user, "export")
    path = Path(path)
    now = clock.now()
    cases = meeting_cases(day=day, open_only=open_only, now=now)
    day = day or now.date()
    title = "未结案件汇总（含超时）" if open_only else f"每日工作小结　{day:%Y-%m-%d}"
    look = Lookups.load()
    s = make_styles()
    total = len(cases) + 1
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title=TITLE, studio=Studio.from_settings())
        story = _cover(title, cases, look, s, doc.width, now)
        n = 0
        for chunk in chunks(cases):
            data = load_sheet_data([case.id for case in chunk], user)
            for case in chunk:
                n += 1
                progress.update(n, total, f"正在准备 {case.case_no}（{n}/{len(cases)}）…")
                story += [PageBreak(), *case_flowables(case, user, s, doc.width, look, data[case.id])]
        progress.update(len(cases), total, "正在排版…")
        build(doc, story, lambda: progress.update(len(cases), total, "正在排版…"))
        record_export(user, "meeting", path, None, description=f"{title}，共 {len(cases)} 件",
                      case_ids=[case.id for case in cases], cases=len(cases), open_only=open_only,
                      day=None if open_only else day.isoformat())
    progress.update(total, total, "")
    return path
