"""导出登记表（PDF）— the printed register (打印版) as a PDF, for studios that print from PDF: the
meeting's columns (:mod:`studio_desk.exports.register_print`), A4 landscape, the studio's header
and the column headers on every page, 第 x 页 / 共 y 页 at the foot.

No phone numbers and no staff penalties are printed, so any user who may export may print it.
The rows go into tables of :data:`ROWS_PER_TABLE` (reportlab splits a long table page by page,
copying what is left each time); the column headers belong to the page, so the tables join
without a seam.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from studio_desk import clock
from studio_desk.exports.access import record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import (
    SHADE,
    HeaderMark,
    Studio,
    StudioDoc,
    build,
    fmt_dt,
    grid_table,
    make_styles,
    para,
)
from studio_desk.exports.register_print import PRINT_COLUMNS, print_values
from studio_desk.exports.register_values import Lookups, register_query, register_rows
from studio_desk.exports.register_xlsx import describe_range
from studio_desk.models import User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress

TITLE = "顾客投诉登记表"
ROWS_PER_TABLE = 50
MARGIN = 10 * mm


def _cell(value: object, kind: str, style: ParagraphStyle, right: ParagraphStyle) -> Flowable | str:
    if value is None or value == "":
        return ""
    if kind == "money":
        return para(f"{value:,.2f}", right)
    if kind == "date" and isinstance(value, date):
        return para(f"{value:%Y-%m-%d}", style)
    return para(value, style)


def export_register_pdf(
    user: User,
    path: str | Path,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    case_ids: list[int] | None = None,
    progress: Progress = NO_PROGRESS,
) -> Path:
    """Write the printed register of the cases received in [date_from, date_to] (or ``case_ids``) to ``path``."""
    require(user, "export")
    path = Path(path)
    total = register_query(date_from, date_to, case_ids).count()
    span = describe_range(date_from, date_to, case_ids)
    s = make_styles(base=8)
    right = ParagraphStyle("register_right", parent=s.body, alignment=TA_RIGHT)
    header_style = ParagraphStyle("register_header", parent=s.body, fontSize=8.5, leading=11)
    progress.update(0, total, "正在生成登记表（PDF）…")
    page_width = landscape(A4)[0] - 2 * MARGIN
    scale = page_width / sum(column.width for column in PRINT_COLUMNS)
    widths = [column.width * scale for column in PRINT_COLUMNS]
    column_header = grid_table([[para(column.header, header_style) for column in PRINT_COLUMNS]], widths)
    column_header.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE)]))
    story: list[Flowable] = [HeaderMark(f"{span}　共 {total} 件　打印时间：{fmt_dt(clock.now())}")]
    rows: list[list] = []
    for n, (_, values) in enumerate(register_rows(Lookups.load(), date_from, date_to, case_ids), start=1):
        rows.append(
            [
                _cell(value, column.kind, s.body, right)
                for value, column in zip(print_values(values), PRINT_COLUMNS, strict=True)
            ]
        )
        if len(rows) == ROWS_PER_TABLE:
            story.append(grid_table(rows, widths))
            rows = []
        if n % 200 == 0:
            progress.update(n // 2, total, f"正在读取案件（{n}/{total}）…")
    if rows:
        story.append(grid_table(rows, widths))
    tables = len(story) - 1
    laid_out = [0]

    def tick() -> None:  # half the bar for reading, half for laying out the pages
        laid_out[0] += 1
        progress.update(total // 2 + total * laid_out[0] // (2 * max(tables + 1, 1)), total, "正在排版…")

    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(
            temp,
            title=TITLE,
            studio=Studio.from_settings(),
            pagesize=landscape(A4),
            margin=MARGIN,
            header_height=12 * mm,
            compact=True,
            column_header=column_header,
        )
        build(doc, story, tick)
        record_export(user, "register_pdf", path, None, description=f"{span}，共 {total} 件", rows=total, range=span)
    progress.update(total, total, "")
    return path
