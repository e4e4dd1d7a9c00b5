"""The monthly analysis report as an Excel workbook: the same tables as the PDF (every case of
the lists, not only the first 200), with numbers as numbers and a chart beside the counts.
Every sheet is set up to print, fitted to the page width (:mod:`studio_desk.exports.xlsx_print`).

Text a user typed (causes, names, corrective actions) can never become a formula: cells are
written as strings, and those starting with = + - @ carry Excel's quote prefix."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from studio_desk import clock
from studio_desk.exports.access import record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import Studio
from studio_desk.exports.xlsx_cells import DATETIME_FORMAT, FORMULA_STARTS, HEADER_RULE, MONEY_FORMAT, safe_text
from studio_desk.exports.xlsx_print import PrintSetup, apply_openpyxl
from studio_desk.models import User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.reports.monthly_data import (
    DEFINITIONS,
    NO_DATA,
    MonthlyData,
    comparisons,
    count_table,
    monthly_data,
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color=HEADER_RULE.lstrip("#")))
CM_PER_CHARACTER = 0.185  # a column character (Excel's 7 pixels at 96 dpi) on paper
FORMATS = {"rate": "0.0%", "hours": "0.0", "money": MONEY_FORMAT, "count": "0", "datetime": DATETIME_FORMAT}
COUNT_SHEETS = (("按类别", "by_category", "投诉类别"), ("按环节", "by_chain_step", "服务环节"),
                ("按部门", "by_department", "责任部门"), ("按渠道", "by_channel", "投诉渠道"),
                ("按严重程度", "by_severity", "严重程度"))
CASE_COLUMNS = (
    ("case_no", "案件编号", 17, None), ("received_at", "受理时间", 16, "datetime"), ("customer", "顾客", 10, None),
    ("category", "投诉类别", 14, None), ("chain_step", "服务环节", 14, None), ("department", "责任部门", 10, None),
    ("severity", "严重程度", 8, None), ("reasons", "认定理由", 36, None), ("stage", "阶段", 8, None),
    ("previous", "原案件", 17, None), ("cause", "原因", 30, None), ("remedy", "处理方案", 30, None),
    ("compensation", "补偿金额", 11, "money"), ("result", "回访结果", 12, None),
)


def _cell(ws: Worksheet, row: int, col: int, value: Any, kind: str | None = None) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"
        cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
    else:
        cell.value = float(value) if kind == "money" and value is not None else value
    if kind in FORMATS and value is not None:
        cell.number_format = FORMATS[kind]


def _table(ws: Worksheet, top: int, headers: list[tuple[str, float]], rows: list[list[tuple[Any, str | None]]]) -> int:
    """Header row at ``top`` and the rows under it; returns the next free row. The rows down to
    the sheet's first header row repeat on every printed page."""
    if ws.print_title_rows is None:
        ws.print_title_rows = f"1:{top}"
    for col, (name, width) in enumerate(headers, start=1):
        _cell(ws, top, col, name)
        cell = ws.cell(row=top, column=col)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
    for r, row in enumerate(rows, start=top + 1):
        for col, (value, kind) in enumerate(row, start=1):
            _cell(ws, r, col, value, kind)
    return top + len(rows) + 2


def _sheet(wb: Workbook, title: str, heading: str) -> Worksheet:
    ws = wb.create_sheet(title)
    _cell(ws, 1, 1, heading)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    return ws


def _overview(wb: Workbook, data: MonthlyData) -> None:
    ws = _sheet(wb, "主要指标", f"客户投诉统计分析表　{data.title_month}")
    _cell(ws, 2, 1, f"统计期间：{data.first:%Y-%m-%d} 至 {data.last:%Y-%m-%d}（按受理时间）　"
                    f"生成时间：{data.now:%Y-%m-%d %H:%M}")
    rows = []
    with_data = [bool(data.previous["complaints"]), bool(data.last_year["complaints"])]
    for name, kind, now_value, prev, prev_change, year, year_change in comparisons(data):
        # A month without complaints says "—" as the PDF does; an empty cell is a figure that has no value.
        prev, year = (value if has else NO_DATA for value, has in zip((prev, year), with_data, strict=True))
        rows.append([(name, None), (now_value, kind), (prev, kind), (prev_change, None), (year, kind),
                     (year_change, None)])
    _table(ws, 4, [("指标", 16), ("本月", 12), ("上月", 12), ("环比", 22), ("去年同月", 12), ("同比", 22)], rows)
    ws.freeze_panes = "A5"


def _trend(wb: Workbook, data: MonthlyData, charts: dict[str, float]) -> None:
    ws = _sheet(wb, "按月", "近 12 个月投诉件数")
    end = _table(ws, 3, [("月份", 10), ("投诉件数", 10)], [[(m["month"], None), (m["count"], "count")]
                                                          for m in data.trend])
    chart = LineChart()
    chart.title, chart.height, chart.width, chart.legend = "近 12 个月投诉件数", 7, 16, None
    chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=end - 2), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=end - 2))
    ws.add_chart(chart, "D3")
    charts[ws.title] = chart.width / CM_PER_CHARACTER


def _counts(wb: Workbook, data: MonthlyData, charts: dict[str, float]) -> None:
    total = data.figures["totals"]["complaints"]
    for title, key, name in COUNT_SHEETS:
        ws = _sheet(wb, title, f"{data.title_month}　按{name}统计")
        rows = [[(label, None), (n, "count"), (share, "rate")]
                for label, n, share in count_table(data.figures[key], total)]
        end = _table(ws, 3, [(name, 22), ("件数", 8), ("占比", 8)], rows)
        if rows:
            chart = BarChart()
            chart.type, chart.title, chart.legend, chart.height, chart.width = "bar", f"按{name}", None, 8, 14
            chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=end - 2), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=end - 2))
            ws.add_chart(chart, "E3")
            charts[ws.title] = chart.width / CM_PER_CHARACTER


def _cases(wb: Workbook, title: str, heading: str, cases: list[dict[str, Any]]) -> None:
    ws = _sheet(wb, title, f"{heading}（{len(cases)} 件）")
    rows = [[(c[key] if c[key] != "" else None, kind) for key, _, _, kind in CASE_COLUMNS] for c in cases]
    _table(ws, 3, [(name, width) for _, name, width, _ in CASE_COLUMNS], rows)
    ws.freeze_panes = "B4"


def _causes_and_hot_spots(wb: Workbook, data: MonthlyData) -> None:
    ws = _sheet(wb, "原因与热点", "主要原因与热点问题")
    next_row = _table(ws, 3, [("主要原因", 50), ("件数", 8)], [[(c, None), (n, "count")] for c, n in data.causes])
    spots = data.figures["hot_spots"]
    kinds = {"category": "投诉类别", "chain_step": "服务环节"}
    rows = [[(kinds[p["kind"]], None), (p["label"], None), (p["count"], "count"), ("、".join(p["cases"]), None)]
            for p in spots["problems"]]
    rows += [[("重复投诉顾客", None), (f"{c['label']}（{c['phone']}）", None), (c["count"], "count"),
              ("、".join(c["cases"]), None)] for c in spots["customers"]]
    _table(ws, next_row, [("热点类型", 14), ("名称", 22), ("件数", 8), ("案件编号", 60)], rows)


def _staff(wb: Workbook, data: MonthlyData) -> None:
    ws = _sheet(wb, "责任人", "责任人统计" + ("（含员工处罚）" if data.with_penalties else ""))
    headers = [("责任人", 12), ("部门", 12), ("投诉件数", 10)]
    if data.with_penalties:
        headers += [("处罚次数", 10), ("扣分", 8), ("罚款（元）", 12)]
    rows = []
    for r in data.figures["staff_ranking"]:
        row = [(r["name"], None), (r["department"], None), (r["count"], "count")]
        if data.with_penalties:
            row += [(r["penalties"], "count"), (r["points"], "count"), (float(r["fines"]), "money")]
        rows.append(row)
    _table(ws, 3, headers, rows)


def _actions(wb: Workbook, data: MonthlyData) -> None:
    ws = _sheet(wb, "整改措施", f"{data.title_month}　整改措施")
    ws.column_dimensions["A"].width = 100
    _cell(ws, 3, 1, data.corrective_actions or "（本月尚未填写整改措施）")
    ws.cell(row=3, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    _cell(ws, 5, 1, "说明")
    for i, text in enumerate(DEFINITIONS, start=6):
        _cell(ws, i, 1, f"{i - 5}. {text}")


def _print_setup(ws: Worksheet, setup: PrintSetup, chart_width: float) -> None:
    """The page setup of a finished sheet, as wide as its columns and its chart."""
    width = sum(dimension.width or 0 for dimension in ws.column_dimensions.values()) + chart_width
    first, last = (int(row.strip("$")) for row in (ws.print_title_rows or "1:1").split(":"))  # as _table set
    apply_openpyxl(ws, setup, width=width, header_rows=(first, last))


def write_monthly_workbook(user: User, month: str, path_xlsx: str | Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the month's analysis as an .xlsx workbook and audit the export; ``month`` is 'YYYY-MM'."""
    require(user, "export")
    path = Path(path_xlsx)
    data = monthly_data(user, month, clock.now(), progress, list_limit=None)
    progress.update(6, 8, "正在写入 Excel…")
    wb = Workbook()
    wb.remove(wb.active)
    setup = PrintSetup(Studio.from_settings().name, f"{data.first:%Y-%m-%d} 至 {data.last:%Y-%m-%d}")
    _overview(wb, data)
    charts: dict[str, float] = {}  # sheet → the width of its chart, in column characters
    _trend(wb, data, charts)
    _counts(wb, data, charts)
    _cases(wb, "二次投诉", "二次投诉", data.repeats)
    _cases(wb, "重大投诉", "重大投诉", data.majors)
    _cases(wb, "VIP投诉", "VIP 投诉", data.vips)
    _causes_and_hot_spots(wb, data)
    _staff(wb, data)
    _actions(wb, data)
    for ws in wb.worksheets:
        _print_setup(ws, setup, charts.get(ws.title, 0))
    buffer = io.BytesIO()  # a few sheets: in memory, so a full disk fails in our write, not in a zip's clean-up
    wb.save(buffer)
    with atomic_output(path, (".xlsx",)) as temp:
        temp.write_bytes(buffer.getvalue())
        record_export(user, "monthly_workbook", path, None, description=data.month, month=data.month)
    progress.update(8, 8, "")
    return path
