"""Cells for streamed (write-only) workbooks: typed, styled once per column, and safe.

Formula injection is impossible: a text that starts with = + - @ or a tab/CR is written
as a string cell (never a formula) with the "quote prefix" style — the xlsx equivalent of
typing an apostrophe first — so Excel and LibreOffice show the text as it is and keep it
text even when the cell is edited. Other text goes in as plain strings; characters that
xlsx cannot hold (control characters) are dropped.
"""

from __future__ import annotations

from contextlib import suppress
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from studio_desk.exports.register_columns import Column

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
MAX_CELL_TEXT = 32767


def safe_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


class SheetCells:
    """Style templates for one sheet's columns, so each cell copies a ready style array."""

    def __init__(self, ws: WriteOnlyWorksheet, columns: tuple[Column, ...]) -> None:
        self.ws = ws
        self.columns = columns
        self._plain: dict[str, Any] = {}
        self._quoted: dict[str, Any] = {}
        for column in columns:
            template = WriteOnlyCell(ws)
            if column.kind == "datetime":
                template.number_format = DATETIME_FORMAT
            elif column.kind == "money":
                template.number_format = MONEY_FORMAT
            if column.kind == "long":
                template.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                template.alignment = Alignment(vertical="top")
            self._plain[column.key] = copy(template._style)
            template.quotePrefix = True
            self._quoted[column.key] = copy(template._style)

    def cell(self, column: Column, value: Any) -> WriteOnlyCell | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            value = "是" if value else "否"
        cell = WriteOnlyCell(self.ws)
        if isinstance(value, str):
            text = safe_text(value)
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever it starts with
            cell._style = copy(self._quoted[column.key] if text.startswith(FORMULA_STARTS) else self._plain[column.key])
            return cell
        if isinstance(value, Decimal):
            value = float(value)
        elif isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, datetime.min.time())
        cell.value = value
        cell._style = copy(self._plain[column.key])
        return cell

    def row(self, values: dict[str, Any]) -> list[WriteOnlyCell | None]:
        return [self.cell(column, values.get(column.key)) for column in self.columns]


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))


def start_sheet(ws: WriteOnlyWorksheet, columns: tuple[Column, ...], title: str) -> SheetCells:
    """Widths, a title row, a frozen styled header row; call before any data row."""
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "B3"
    title_cell = WriteOnlyCell(ws, value=safe_text(title))
    title_cell.font = Font(bold=True, size=14)
    title_cell.data_type = "s"
    ws.append([title_cell])
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    return SheetCells(ws, columns)


def finish_sheet(ws: WriteOnlyWorksheet, columns: tuple[Column, ...], rows: int) -> None:
    """Autofilter over the header and the ``rows`` data rows (written when the sheet closes)."""
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{rows + 2}"


def discard(wb: Workbook) -> None:
    """After a cancel or failure: close each streamed sheet and delete the temporary file
    openpyxl keeps per sheet (it would otherwise stay in the temp folder until exit)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with suppress(Exception):  # the sheet may be half-written; only its temp file matters
            ws.close()
        with suppress(OSError, ValueError):
            writer.cleanup()
