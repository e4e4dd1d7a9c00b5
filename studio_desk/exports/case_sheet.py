"""投诉处理单 — the case sheet: everything about one case on A4, for the file and for signatures.

:func:`case_flowables` builds the content; :func:`write_case_sheet` makes it a document and
the meeting pack puts several of them behind a cover page.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from studio_desk import clock
from studio_desk.callcache import cached_per_call
from studio_desk.exports import photos
from studio_desk.exports.access import case_for_export, record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import (
    PLAIN,
    HeaderMark,
    Studio,
    StudioDoc,
    Styles,
    build,
    fmt_dt,
    grid_table,
    make_styles,
    para,
)
from studio_desk.exports.register_columns import REGISTER_COLUMNS
from studio_desk.exports.register_values import Lookups, display, register_values
from studio_desk.exports.sheet_data import Event, SheetData, sheet_data
from studio_desk.exports.timeline import timeline_entries
from studio_desk.models import ApprovalDecision, CompensationLine, Complaint, FollowUp, Note, User
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.vocab import label

TITLE = "顾客投诉处理单"
SECTIONS = (
    ("intake", "一、受理登记"),
    ("status", "二、严重程度与处理状态"),
    ("assessment", "三、调查评估"),
    ("remedy", "四、处理方案与补偿"),
    ("approval", "五、审批"),
    ("result", "六、实施、回访与结案"),
)
SIGNATURES = ("受理人", "责任部门负责人", "店长审批", "客户确认")
TIMELINE_NOTE_LIMIT = 300
def _field_grid(pairs: list[tuple[str, str]], s: Styles, width: float) -> Table:
    """Short fields two per line: label | value | label | value."""
    rows, lw, vw = [], 25 * mm, width / 2 - 25 * mm
    for i in range(0, len(pairs), 2):
        row = []
        for name, value in pairs[i:i + 2]:
            row += [para(name, s.label), para(value, s.body)]
        rows.append(row + [""] * (4 - len(row)))
    return grid_table(rows, [lw, vw, lw, vw], labels=(0, 2))


def _section(key: str, title: str, values: dict, s: Styles, width: float) -> list[Flowable]:
    columns = [c for c in REGISTER_COLUMNS if c.section == key]
    short = [(c.header, display(c, values[c.key])) for c in columns if c.kind != "long"]
    out: list[Flowable] = [para(title, s.heading), _field_grid(short, s, width)]
    for column in (c for c in columns if c.kind == "long"):
        out += [Spacer(1, 1.5 * mm), para(column.header + "：", s.label),
                para(display(column, values[column.key]) or "—", s.body)]
    return out


def _compensation(case: Complaint, lines: list[CompensationLine], s: Styles, width: float) -> list[Flowable]:
    if not lines:
        return []
    rows = [[para(h, s.label) for h in ("补偿方式", "说明", "金额")]]
    rows += [[para(label("remedy_type", ln.kind), s.body), para(ln.description, s.body),
              para(f"{ln.amount:,.2f} 元", s.body)] for ln in lines]
    rows.append([para("合计", s.label), "", para(f"{case.compensation_total:,.2f} 元", s.body)])
    return [Spacer(1, 2 * mm), grid_table(rows, [30 * mm, width - 60 * mm, 30 * mm], header=True)]


def _approvals(decisions: list[ApprovalDecision], s: Styles, width: float) -> list[Flowable]:
    if not decisions:
        return []
    rows = [[para(h, s.label) for h in ("时间", "审批人", "决定", "金额", "意见/原因")]]
    rows += [[para(fmt_dt(d.decided_at), s.body), para(d.decided_by.display_name, s.body),
              para("批准" if d.approved else "退回", s.body), para(f"{d.amount:,.2f} 元", s.body),
              para(d.reason, s.body)] for d in decisions]
    return [Spacer(1, 2 * mm), grid_table(rows, [31 * mm, 20 * mm, 14 * mm, 24 * mm, width - 89 * mm], header=True)]


def _follow_ups(calls: list[FollowUp], s: Styles, width: float) -> list[Flowable]:
    if not calls:
        return []

    def yes(value: bool | None) -> str:
        return "" if value is None else ("是" if value else "否")

    rows = [[para(h, s.label) for h in ("回访时间", "回访人", "联系上", "满意", "评分", "回访意见")]]
    rows += [[para(fmt_dt(f.at), s.body), para(f.by.display_name, s.body), para(yes(f.reached), s.body),
              para(yes(f.satisfied), s.body), para(f.satisfaction or "", s.body), para(f.comments, s.body)]
             for f in calls]
    return [Spacer(1, 2 * mm), para("回访记录", s.label),
            grid_table(rows, [31 * mm, 18 * mm, 14 * mm, 12 * mm, 12 * mm, width - 87 * mm], header=True)]


def _notes(notes: list[Note], s: Styles) -> list[Flowable]:
    if not notes:
        return []
    out: list[Flowable] = [para("备注", s.heading)]
    for note in notes:
        out += [para(f"{fmt_dt(note.at)}　{note.author.display_name}", s.label), para(note.text, s.body)]
    return out


def _timeline(events: list[Event], names: dict[int, str], s: Styles, width: float) -> list[Flowable]:
    rows = [[para(h, s.label) for h in ("时间", "操作人", "事项", "说明")]]
    for entry in timeline_entries(events, names):
        note = entry.note if len(entry.note) <= TIMELINE_NOTE_LIMIT else entry.note[:TIMELINE_NOTE_LIMIT] + "…"
        rows.append([para(fmt_dt(entry.at), s.small), para(entry.who, s.small), para(entry.what, s.small),
                     para(note, s.small)])
    widths = [28 * mm, 20 * mm, 22 * mm, width - 70 * mm]
    return [para("七、处理记录", s.heading), grid_table(rows, widths, header=True)]


def _signatures(s: Styles, width: float) -> Flowable:
    sign, day = para("签字：＿＿＿＿＿＿＿＿", s.body), para("日期：＿＿＿＿年＿＿月＿＿日", s.body)
    cells = [[para(f"{name}：", s.body), sign, day] for name in SIGNATURES]
    table = Table(cells, colWidths=[32 * mm, 60 * mm, width - 92 * mm], rowHeights=[11 * mm] * len(SIGNATURES),
                  hAlign="LEFT")
    table.setStyle(PLAIN)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return KeepTogether([para("九、签字确认", s.heading), table])


HISTORY_NOTE = "历史导入：本案件从旧登记表导入，登记表中没有的信息留空。"


def case_flowables(case: Complaint, viewer: User, s: Styles, width: float,
                   look: Lookups | None = None, data: SheetData | None = None) -> list[Flowable]:
    """The whole case sheet as ``viewer`` may see it, as flowables (it starts a page header for this case).

    ``data`` is the case's :class:`SheetData` as ``viewer`` may see it (read here if not given)."""
    look = look or Lookups.load()
    data = data or sheet_data(case.id, viewer)
    values = register_values(case, look, full_phone=False)
    story: list[Flowable] = [
        HeaderMark(f"案件编号 {case.case_no}"),
        para(TITLE, s.title),
        para(f"案件编号：{case.case_no}　　打印时间：{fmt_dt(clock.now())}", s.centre),
        *([para(HISTORY_NOTE, s.centre)] if case.history_import else []),
        Spacer(1, 2 * mm),
    ]
    for key, title in SECTIONS:
        story += _section(key, title, values, s, width)
        if key == "remedy":
            story += _compensation(case, data.compensation, s, width)
        elif key == "approval":
            story += _approvals(data.approvals, s, width)
        elif key == "result":
            story += _follow_ups(data.follow_ups, s, width)
    story += _notes(data.notes, s)
    story += _timeline(data.events, look.users, s, width)
    story += [para("八、附件照片", s.heading), *photos.thumbnails(data.attachments, s, width)]
    story.append(_signatures(s, width))
    return story


@cached_per_call  # the settings (font, studio name and address) are read once, not by each part
def write_case_sheet(user: User, case_ref: int | str, path: str | Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the case sheet of ``case_ref`` to ``path`` (PDF, A4) and audit the export."""
    case = case_for_export(user, case_ref)
    path = Path(path)
    progress.update(0, 1, "正在生成投诉处理单…")
    s = make_styles()
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title=TITLE, studio=Studio.from_settings())
        build(doc, case_flowables(case, user, s, doc.width), lambda: progress.update(0, 1, "正在排版…"))
        record_export(user, "case_sheet", path, case)
    progress.update(1, 1, "")
    return path
