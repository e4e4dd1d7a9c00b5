"""Cells for streamed (write-only) workbooks: typed, styled once per column, and safe.

Formula injection is impossible: a text that starts with = + - @ or a tab/CR is written
as a string cell (never a formula) with the "quote prefix" style — the xlsx equivalent of
typing an apostrophe first — so Excel and LibreOffice show the text as it is and keep it
text even when the cell is edited. Other text goes in as plain strings; characters that
xlsx cannot hold (control characters) are dropped.

Speed (100,000 cases): most values go to openpyxl as plain Python values, the cheapest thing
it writes. Only a cell that needs more than the workbook's default style — a date, an
amount, wrapped text, a quoted text — is a :class:`WriteOnlyCell`, and those share one style
array per kind and column instead of each building its own. The default style itself
(cellXfs 0, used by every cell without a style) is made top-aligned by :func:`start_sheet`,
so short values sit level with the first line of a wrapped text beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from studio_desk.exports.register_columns import Column

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
MAX_CELL_TEXT = 32767
TOP = Alignment(vertical="top")
WRAPPED = Alignment(wrap_text=True, vertical="top")


def safe_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def top_aligned_default(wb: Workbook) -> None:
    """Make the workbook's default cell format (cellXfs 0) top-aligned, so that cells written
    as plain values — without a style of their own — are top-aligned too.

    openpyxl keeps the formats in ``wb._cell_styles`` (pinned openpyxl 3.1) and writes the
    alignment of a format only when it is not alignment 0, so the default format gets a new
    alignment entry; the other formats keep their numbers."""
    styles = wb._cell_styles
    if styles[0].alignmentId and wb._alignments[styles[0].alignmentId] == TOP:
        return
    default = copy(styles[0])
    default.alignmentId = wb._alignments.add(TOP)
    wb._cell_styles = IndexedList([default, *styles[1:]])


def _style(ws: WriteOnlyWorksheet, *, number_format: str = "", wrap: bool = False, quoted: bool = False) -> StyleArray:
    template = WriteOnlyCell(ws)
    template.alignment = WRAPPED if wrap else TOP
    if number_format:
        template.number_format = number_format
    template.quotePrefix = quoted
    return template._style


class SheetCells:
    """One sheet's columns (made by :func:`start_sheet`): turns each row's values into what
    ``ws.append`` takes.

    A value comes back as itself (a str, int or float that the default format shows well),
    as None for nothing, or as a WriteOnlyCell carrying its column's shared style array;
    such cells are appended at once and never restyled, so sharing the array is safe."""

    def __init__(self, ws: WriteOnlyWorksheet, columns: tuple[Column, ...]) -> None:
        self.ws = ws
        self.columns = columns
        stamp = _style(ws, number_format=DATETIME_FORMAT)
        # per column: (style of a plain text or None, style of a quoted text, style of a number or None, date style)
        self._styles: list[tuple[StyleArray | None, StyleArray, StyleArray | None, StyleArray]] = []
        for column in columns:
            wrap = column.kind == "long"
            number = None
            if column.kind == "money":
                number = _style(ws, number_format=MONEY_FORMAT)
            elif column.kind == "datetime":
                number = stamp
            self._styles.append((_style(ws, wrap=True) if wrap else None, _style(ws, wrap=wrap, quoted=True),
                                 number, stamp))

    def _cell(self, value: Any, style: StyleArray, data_type: str) -> Cell:
        cell = WriteOnlyCell(self.ws)
        cell._value = value  # already checked: safe text, a number or a datetime
        cell.data_type = data_type
        cell._style = style
        return cell

    def values(self, values: Sequence[Any]) -> list[Any]:
        """The row for ``ws.append`` of ``values`` given in column order."""
        row: list[Any] = []
        append = row.append
        for value, (text_style, quoted_style, number_style, stamp) in zip(values, self._styles, strict=True):
            kind = type(value)
            if value is None:
                append(None)
            elif kind is str:
                text = safe_text(value)
                if not text:
                    append(None)
                elif text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
                    append(self._cell(text, quoted_style, "s"))  # never a formula, whatever it starts with
                elif text_style is not None:
                    append(self._cell(text, text_style, "s"))
                else:
                    append(text)
            elif kind is bool:
                append("是" if value else "否")
            elif kind is datetime:
                append(self._cell(value, stamp, "d"))
            elif kind is Decimal or kind is int or kind is float:
                number = float(value) if kind is Decimal else value
                append(number if number_style is None else self._cell(number, number_style, "n"))
            elif isinstance(value, date) and not isinstance(value, datetime):
                append(self._cell(datetime.combine(value, datetime.min.time()), stamp, "d"))
            else:
                append(value)
        return row

    def row(self, values: dict[str, Any]) -> list[Any]:
        """The row for ``ws.append`` of ``values`` given by column key."""
        return self.values([values.get(column.key) for column in self.columns])


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))


def start_sheet(ws: WriteOnlyWorksheet, columns: tuple[Column, ...], title: str) -> SheetCells:
    """Widths, a title row, a frozen styled header row; call before any data row."""
    top_aligned_default(ws.parent)
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
