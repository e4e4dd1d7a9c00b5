"""Cells for streamed (write-only) workbooks: typed, styled once per column, and safe.

Formula injection is impossible: a text that starts with = + - @ or a tab/CR is written
as a string cell (never a formula) with the "quote prefix" style — the xlsx equivalent of
typing an apostrophe first — so Excel and LibreOffice show the text as it is and keep it
text even when the cell is edited. Other text goes in as plain strings; characters that
xlsx cannot hold (control characters) are dropped.

Speed (100,000 cases): a value that the workbook's default format shows well goes in as a
plain value, without a style of its own; the default format itself (cellXfs 0) is made
top-aligned by :func:`start_sheet`, so short values sit level with the first line of a
wrapped text beside them. Dates, amounts, wrapped and quoted texts use one shared format
per kind and column. Data rows are written by :class:`SheetCells` as the sheet XML itself —
the same bytes openpyxl writes for the same cells, but without its per-cell element trees,
which cost most of the export's time.

Row heights: a spreadsheet does not grow a row for its wrapped text by itself (LibreOffice,
and so its PDF conversion, shows every row of a file at the default height, the wrapped lines
of one row over the next). Each row whose wrapped texts need more than one line — the header
row too — gets a height estimated from them by :func:`display_lines`; other rows keep the
default height and write none.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from contextlib import suppress
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from math import ceil, isinf, isnan
from typing import Any, NamedTuple
from unicodedata import east_asian_width

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import RowDimension

from studio_desk.exports.register_columns import Column

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
MAX_CELL_TEXT = 32767
WRITE_XML = True  # rows as XML written here (False: every row through openpyxl's cells; the tests compare)
TOP = Alignment(vertical="top")
WRAPPED = Alignment(wrap_text=True, vertical="top")
# Row heights, in points. The workbook's font is openpyxl's default, Calibri 11, whose line Excel
# makes 15 pt high; Chinese characters come from a fallback font with a taller line (in
# LibreOffice, Noto Sans CJK 11 pt: about 16 pt; WenQuanYi Micro Hei: less), so a line gets 16.5 pt.
LINE_HEIGHT = 16.5
MAX_ROW_HEIGHT = 409.0  # Excel's largest row height


def safe_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def top_aligned_default(wb: Workbook) -> None:
    """Make the workbook's default cell format (cellXfs 0) top-aligned, so that cells written
    as plain values — without a style of their own — are top-aligned too.

    openpyxl keeps the formats in ``wb._cell_styles`` (pinned openpyxl 3.1) and writes the
    alignment of a format only when it is not alignment 0, so the default format gets a new
    alignment entry; the other formats keep their numbers. Excel shows a cell without a format
    in cellXfs 0, LibreOffice in its column's format or else in the "Normal" cell style
    (cellStyleXfs 0): that style is made top-aligned too, and :func:`start_sheet` gives the
    columns no format of their own."""
    normal = wb._named_styles["Normal"]
    if normal.alignment != TOP:
        normal.alignment = TOP
    styles = wb._cell_styles
    if styles[0].alignmentId and wb._alignments[styles[0].alignmentId] == TOP:
        return
    default = copy(styles[0])
    default.alignmentId = wb._alignments.add(TOP)
    wb._cell_styles = IndexedList([default, *styles[1:]])


class _Format(NamedTuple):
    array: StyleArray  # for an openpyxl cell
    xf: int  # its number in the workbook's cellXfs, for the XML written here


def _format(ws: WriteOnlyWorksheet, *, number_format: str = "", wrap: bool = False, quoted: bool = False) -> _Format:
    template = WriteOnlyCell(ws)
    template.alignment = WRAPPED if wrap else TOP
    if number_format:
        template.number_format = number_format
    template.quotePrefix = quoted
    return _Format(template._style, template.style_id)


class _Widths(dict):
    """Display width of a character in units of about a digit's width (East Asian Width): 2 for
    wide and full-width characters (Chinese, full-width punctuation), 1 for the rest; looked up
    once per distinct character."""

    def __missing__(self, char: str) -> int:
        width = 2 if east_asian_width(char) in ("W", "F") else 1
        self[char] = width
        return width


_WIDTHS = _Widths()
# A line of only these characters — ASCII but line breaks (1 unit each) and the Chinese characters
# and punctuation most texts consist of (all wide or full-width, and 3 bytes in UTF-8: 2 units;
# a test checks) — is measured from its length in UTF-8, without looking up each character.
_COMMON_LINE = re.compile(
    r"[\x00-\x09\x0b\x0c\x0e-\x7f\u3000-\u303e\u3041-\u3096\u3099-\u30ff\u4e00-\u9fff\uff01-\uff60]*").fullmatch


def usable_width(width: float) -> float:
    """The room for text in a column ``width`` characters wide, in the units of :class:`_Widths`.

    Excel draws such a column 7 × ``width`` pixels wide (the digit width of Calibri 11 at 96 dpi),
    about 5 of them margins; a Chinese character of an 11 pt font is about 15 pixels there, which
    :class:`_Widths` counts as 2 units: a unit is 7.5 pixels. (A 40-wide column: 36.7 units, 18
    Chinese characters a line — LibreOffice, with Calibri's metrics, fits 19.)"""
    return (7 * width - 5) / 7.5


def display_lines(text: str, usable: float) -> int:
    """Lines that ``text`` takes wrapped in a column with ``usable`` units of room: per line of the
    text (an empty one too), its width (:class:`_Widths`) divided by ``usable``, rounded up.
    An estimate — the program showing the file breaks lines its own way (Latin text at spaces,
    and most Latin letters are narrower than a unit, so its lines are rather overestimated)."""
    if _COMMON_LINE(text):
        size = len(text)
        width = size + (len(text.encode()) - size) // 2  # a wide character: 3 bytes, 1 unit more
    elif "\n" in text or "\r" in text:
        return sum(display_lines(line, usable) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    else:
        width = sum(map(_WIDTHS.__getitem__, text))
    return ceil(width / usable) if width > usable else 1


def row_height(lines: int) -> float | None:
    """The height to write for a row whose tallest cell has ``lines`` lines (None: the default)."""
    return min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) if lines > 1 else None


def height_dimension(ws: WriteOnlyWorksheet, height: float) -> RowDimension:
    """openpyxl's description of a row ``height`` points high, for ``ws.row_dimensions``. Its format
    is the default one (cellXfs 0, which openpyxl leaves out; else a row would name a format of
    its own, unaligned, that no cell uses)."""
    dimension = RowDimension(ws, ht=height)
    dimension._style = copy(ws.parent._cell_styles[0])
    return dimension


def _escape(text: str) -> str:
    """Text as XML character data, as xml.etree (and so openpyxl) escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _number(value: float | int) -> str:
    """A number as openpyxl writes it (openpyxl.compat.safe_string)."""
    return "" if isnan(value) or isinf(value) else f"{value:.16g}"


class SheetCells:
    """One sheet's columns (made by :func:`start_sheet`): writes each row's values.

    :meth:`append` writes a row. Where it can, it writes the row's XML itself — exactly what
    openpyxl would write for the cells of :meth:`values`, which a test compares byte for byte
    — because openpyxl's own cell writer (an element tree per cell) cost several times as
    much as all the rest of a large register's export. Otherwise (openpyxl using lxml) the
    row goes to ``ws.append`` as :meth:`values`: each value as itself where the default format
    shows it well, or as a WriteOnlyCell sharing its column's style array (appended at once
    and never restyled, so sharing is safe)."""

    def __init__(self, ws: WriteOnlyWorksheet, columns: tuple[Column, ...]) -> None:
        self.ws = ws
        self.columns = columns
        self._letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self._epoch = ws.parent.epoch
        stamp = _format(ws, number_format=DATETIME_FORMAT)
        self._stamp = stamp
        # per column: (format of a plain text or None, of a quoted text, of a number or None)
        self._formats: list[tuple[_Format | None, _Format, _Format | None]] = []
        # per column: the width its wrapped texts may use, or 0 (a column that does not wrap)
        self._usable = [usable_width(column.width) if column.kind == "long" else 0 for column in columns]
        self._row_attributes: dict[float, str] = {}  # per row height: the <row> attributes after r
        for column in columns:
            wrap = column.kind == "long"
            number = None
            if column.kind == "money":
                number = _format(ws, number_format=MONEY_FORMAT)
            elif column.kind == "datetime":
                number = stamp
            self._formats.append((_format(ws, wrap=True) if wrap else None, _format(ws, wrap=wrap, quoted=True),
                                  number))

    def _cells(self, values: Sequence[Any]) -> Iterator[tuple[int, Any, _Format | None, str]]:
        """(column index, value, format or None, data type) of each cell that is not empty: the one
        place deciding how a value is written. Texts come back safe, numbers as float or int."""
        for i, (value, (text_format, quoted_format, number_format)) in enumerate(
                zip(values, self._formats, strict=True)):
            kind = type(value)
            if value is None:
                continue
            if kind is str:
                text = safe_text(value)
                if not text:
                    continue
                if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
                    yield i, text, quoted_format, "s"  # never a formula, whatever it starts with
                else:
                    yield i, text, text_format, "s"
            elif kind is bool:
                yield i, "是" if value else "否", None, "s"
            elif kind is datetime:
                yield i, value, self._stamp, "d"
            elif kind is Decimal or kind is int or kind is float:
                yield i, float(value) if kind is Decimal else value, number_format, "n"
            elif isinstance(value, date) and not isinstance(value, datetime):
                yield i, datetime.combine(value, datetime.min.time()), self._stamp, "d"
            else:
                raise TypeError(f"{self.columns[i].key}: cannot write {value!r} to Excel")

    def values(self, values: Sequence[Any]) -> list[Any]:
        """The row for ``ws.append`` of ``values`` given in column order (without its height)."""
        return self.values_and_height(values)[0]

    def values_and_height(self, values: Sequence[Any]) -> tuple[list[Any], float | None]:
        """The row for ``ws.append`` of ``values`` given in column order, and the height to give it
        in the sheet's ``row_dimensions`` (None: the default height)."""
        row: list[Any] = [None] * len(self.columns)
        usable = self._usable
        lines = 1
        for i, value, fmt, data_type in self._cells(values):
            if data_type == "s" and usable[i]:
                lines = max(lines, display_lines(value, usable[i]))
            if fmt is None:
                row[i] = value  # a str or number, which openpyxl types as we do
            else:
                cell = WriteOnlyCell(self.ws)
                cell._value = value  # already checked: safe text, a number or a datetime
                cell.data_type = data_type
                cell._style = fmt.array
                row[i] = cell
        return row, row_height(lines)

    def xml(self, values: Sequence[Any], row_idx: int) -> str:
        """The ``<row>`` element openpyxl would write for the cells and height of
        :meth:`values_and_height`."""
        letters = self._letters
        usable = self._usable
        lines = 1
        parts = [""]
        for i, value, fmt, data_type in self._cells(values):
            style = "" if fmt is None else f' s="{fmt.xf}"'
            if data_type == "s":
                room = usable[i]
                if room and (len(value) * 2 > room or "\n" in value or "\r" in value):  # else surely one line
                    more = display_lines(value, room)
                    if more > lines:
                        lines = more
                stripped = value.strip()  # openpyxl.xml.functions.whitespace
                space = ' xml:space="preserve"' if stripped and stripped != value else ""
                parts.append(f'<c r="{letters[i]}{row_idx}"{style} t="inlineStr"><is><t{space}>{_escape(value)}'
                             '</t></is></c>')
            else:
                number = _number(to_excel(value, self._epoch) if data_type == "d" else value)
                content = f"<v>{number}</v>" if number else "<v />"  # NaN: no number
                parts.append(f'<c r="{letters[i]}{row_idx}"{style} t="n">{content}</c>')
        parts.append("</row>")
        height = row_height(lines)
        if height is None:
            parts[0] = f'<row r="{row_idx}">'
        else:
            attributes = self._row_attributes.get(height)
            if attributes is None:  # once per height: what openpyxl writes for its row dimension
                attributes = "".join(f' {key}="{value}"' for key, value in height_dimension(self.ws, height))
                self._row_attributes[height] = attributes
            parts[0] = f'<row r="{row_idx}"{attributes}>'
        return "".join(parts)

    def append(self, values: Sequence[Any]) -> None:
        """Write a row of ``values`` given in column order."""
        self.ws.append(_Row(self, values))

    def row(self, values: dict[str, Any]) -> list[Any]:
        """The row for ``ws.append`` of ``values`` given by column key: written as :meth:`append`
        writes it (height included)."""
        return _Row(self, [values.get(column.key) for column in self.columns])


class _Row(list):
    """Values for :meth:`SheetCells.append`, handed through ``ws.append`` to :func:`_sheet_rows`."""

    __slots__ = ("cells",)

    def __init__(self, cells: SheetCells, values: Sequence[Any]) -> None:
        super().__init__(values)
        self.cells = cells


def _sheet_rows(ws: WriteOnlyWorksheet) -> Generator[None, list[Any], None]:
    """openpyxl's WriteOnlyWorksheet._write_rows (3.1), which ``ws.append`` sends each row to,
    with one addition: a :class:`_Row` is written as the XML :meth:`SheetCells.xml` makes,
    straight to the sheet's file. That needs openpyxl's own XML writer (et_xmlfile, which
    keeps its output function as ``_file``); with lxml, rows go through openpyxl's cells."""
    writer = ws._writer
    xf = writer.xf.send(True)
    raw = getattr(xf, "_file", None) if type(xf).__module__.startswith("et_xmlfile") else None
    if not WRITE_XML or not callable(raw) or ws.parent.iso_dates:
        raw = None
    with xf.element("sheetData"):
        row_idx = 1
        try:
            while True:
                row = yield
                if type(row) is _Row and raw is not None:
                    raw(row.cells.xml(row, row_idx))
                else:
                    if type(row) is _Row:
                        row, height = row.cells.values_and_height(row)
                        if height is not None:
                            ws.row_dimensions[row_idx] = height_dimension(ws, height)
                    writer.write_row(xf, ws._values_to_row(row, row_idx), row_idx)
                    ws.row_dimensions.pop(row_idx, None)  # written: no need to keep it
                row_idx += 1
        except GeneratorExit:
            pass
    writer.xf.send(None)


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))


def start_sheet(ws: WriteOnlyWorksheet, columns: tuple[Column, ...], title: str) -> SheetCells:
    """Widths, a title row, a frozen styled header row; call before any data row."""
    top_aligned_default(ws.parent)
    default = ws.parent._cell_styles[0]
    for index, column in enumerate(columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension._style = copy(default)  # cellXfs 0, which openpyxl leaves out: no column format
    ws.freeze_panes = "B3"
    ws._get_writer()  # the sheet's head (widths, frozen panes) is written here: set before
    ws._rows = _sheet_rows(ws)
    next(ws._rows)
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
    height = row_height(max(display_lines(column.header, usable_width(column.width)) for column in columns))
    if height is not None:
        ws.row_dimensions[2] = height_dimension(ws, height)  # the header's row, under the title
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
