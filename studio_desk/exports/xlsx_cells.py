"""Cells for streamed workbooks written with XlsxWriter (``constant_memory``: each row goes to
the sheet's file as soon as the next one starts, so 100,000 cases need little memory).

Formula injection is impossible: every text is written with ``write_string`` (the workbook is
also opened with ``strings_to_formulas`` off), and a text that starts with = + - @ or a tab/CR,
or reads like an error code, gets the "quote prefix" format — the xlsx equivalent of typing an
apostrophe first — so Excel and LibreOffice keep it text even when the cell is edited.
Characters that xlsx cannot hold (control characters) are dropped.

Row heights: a spreadsheet does not grow a row for its wrapped text by itself (LibreOffice,
and so its PDF conversion, shows every row of a file at the default height, the wrapped lines
of one row over the next). Each row whose wrapped texts need more than one line — the header
row too — gets a height estimated from them by :func:`display_lines`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from contextlib import suppress
from datetime import date, datetime
from decimal import Decimal
from math import ceil, isfinite
from typing import Any
from unicodedata import east_asian_width

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from studio_desk.exports.register_columns import Column
from studio_desk.exports.xlsx_print import PrintSetup, apply_xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Texts a spreadsheet would read as an error value if typed in.
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
SUSPECT_STARTS = frozenset("=+-@\t\r\n#")  # the first characters of both
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
MAX_CELL_TEXT = 32767
HEADER_FILL = "#DDE4EE"
HEADER_RULE = "#808080"
# Row heights, in points. The workbook's font is Calibri 11, whose line Excel makes 15 pt high;
# Chinese characters come from a fallback font with a taller line (in LibreOffice, Noto Sans CJK
# 11 pt: about 16 pt; WenQuanYi Micro Hei: less), so a line gets 16.5 pt.
LINE_HEIGHT = 16.5
MAX_ROW_HEIGHT = 408.75  # Excel's largest row height (409 pt) in whole pixels (545), as XlsxWriter writes it
TITLE_SIZE = 14


def safe_text(value: str) -> str:
    """``value`` as a cell can hold it: line breaks as LF (a CR would be stored as the escape
    _x000D_, which not every reader turns back), without control characters, cut at Excel's limit."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS.sub("", value)[:MAX_CELL_TEXT]


def needs_quote(text: str) -> bool:
    """Whether a text would be taken for a formula or an error value if typed into a cell."""
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


class WorkbookFile(io.FileIO):
    """The file a workbook is saved into. After a write fails (a full disk), the file ignores
    what comes: XlsxWriter leaves its zip open when a write fails, and that zip writes its end
    when it is collected, later, which would fail again where nobody can catch it."""

    failure: OSError | None = None

    def write(self, data) -> int:  # type: ignore[override]
        if self.failure is not None:
            return len(data)
        try:
            return super().write(data)
        except OSError as exc:
            self.failure = exc
            raise

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0 if self.failure is not None else super().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self.failure is not None else super().tell()

    def flush(self) -> None:
        if self.failure is None:
            super().flush()


def new_workbook(file: WorkbookFile) -> Workbook:
    """A streamed workbook that never turns text into formulas, links or numbers, whose default
    cell format (and so every format made from it) is top-aligned."""
    return Workbook(file, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                "strings_to_numbers": False,
                                "default_format_properties": {"font_name": "Calibri", "font_size": 11,
                                                              "valign": "top"}})


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


class SheetCells:
    """One sheet's columns (made by :func:`start_sheet`): writes each row's values.

    Per column, the formats of its kind of value are made once (a workbook keeps one per
    distinct look); each value goes in with the typed ``write_*`` call for it. Plain texts and
    numbers need no format of their own: the workbook's default one is top-aligned, like the
    others, so short values sit level with the first line of a wrapped text beside them."""

    def __init__(self, wb: Workbook, ws: Worksheet, columns: tuple[Column, ...], first_row: int) -> None:
        self.ws = ws
        self.columns = columns
        self.row_idx = first_row  # 0-based, the next row to write
        # per column: (format of a plain text, of a quoted text, of a number, of a date or time);
        # None: the workbook's default format (top-aligned, see new_workbook)
        self._formats: list[tuple[Format | None, Format, Format | None, Format]] = []
        # per column: the width its wrapped texts may use, or 0 (a column that does not wrap)
        self._usable = [usable_width(column.width) if column.kind == "long" else 0 for column in columns]
        quoted = wb.add_format({"quote_prefix": True})
        wrapped, wrapped_quoted = wb.add_format({"text_wrap": True}), wb.add_format({"text_wrap": True,
                                                                                     "quote_prefix": True})
        money = wb.add_format({"num_format": MONEY_FORMAT})
        stamp, day = wb.add_format({"num_format": DATETIME_FORMAT}), wb.add_format({"num_format": DATE_FORMAT})
        for column in columns:
            wrap = column.kind == "long"
            self._formats.append((wrapped if wrap else None, wrapped_quoted if wrap else quoted,
                                  money if column.kind == "money" else None, day if column.kind == "date" else stamp))

    def append(self, values: Sequence[Any]) -> None:
        """Write a row of ``values`` given in column order: texts as text (quoted where they could be
        taken for a formula), booleans as 是/否, numbers, dates and times as themselves."""
        ws, row, usable = self.ws, self.row_idx, self._usable
        lines = 1
        for col, (value, (text_format, quoted_format, number_format, time_format)) in enumerate(
                zip(values, self._formats, strict=True)):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                printable = value.isprintable()  # False for line breaks, tabs and control characters
                text = value[:MAX_CELL_TEXT] if printable else safe_text(value)
                if not text:
                    continue
                room = usable[col]
                if room and (not printable or len(text) * 2 > room):  # else surely one line
                    more = display_lines(text, room)
                    if more > lines:
                        lines = more
                suspect = text[0] in SUSPECT_STARTS and needs_quote(text)
                ws.write_string(row, col, text, quoted_format if suspect else text_format)
            elif kind is bool:
                ws.write_string(row, col, "是" if value else "否", text_format)
            elif kind is datetime or kind is date:
                ws.write_datetime(row, col, value, time_format)
            elif kind is Decimal or kind is int or kind is float:
                if isfinite(value):
                    ws.write_number(row, col, value if kind is not Decimal else float(value), number_format)
                # (NaN and infinity have no xlsx number: left empty)
            else:
                raise TypeError(f"{self.columns[col].key}: cannot write {value!r} to Excel")
        height = row_height(lines)
        if height is not None:
            ws.set_row(row, height)
        self.row_idx = row + 1

    def row(self, values: dict[str, Any]) -> None:
        """Write a row of ``values`` given by column key."""
        self.append([values.get(column.key) for column in self.columns])


def start_sheet(wb: Workbook, name: str, columns: tuple[Column, ...], title: str, setup: PrintSetup) -> SheetCells:
    """A sheet with its widths, page setup, a title row and a frozen styled header row (repeated
    on every printed page); returns its cells, for the data rows."""
    ws = wb.add_worksheet(name)
    for index, column in enumerate(columns):
        ws.set_column(index, index, column.width)
    ws.freeze_panes(2, 1)
    # The title spans the table (merged), so that it neither widens the printed page nor runs
    # past the table's last column; it wraps if the table is narrower than the title.
    width = sum(column.width for column in columns)
    title = safe_text(title)
    title_format = wb.add_format({"bold": True, "font_size": TITLE_SIZE, "text_wrap": True})
    if len(columns) > 1:
        ws.merge_range(0, 0, 0, len(columns) - 1, title, title_format)
    else:
        ws.write_string(0, 0, title, title_format)
    title_lines = display_lines(title, usable_width(width) * 11 / TITLE_SIZE)
    ws.set_row(0, title_lines * LINE_HEIGHT * TITLE_SIZE / 11)
    header = wb.add_format({"bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "vcenter",
                            "bottom": 1, "bottom_color": HEADER_RULE})
    for index, column in enumerate(columns):
        ws.write_string(1, index, column.header, header)
    height = row_height(max(display_lines(column.header, usable_width(column.width)) for column in columns))
    if height is not None:
        ws.set_row(1, height)
    apply_xlsxwriter(ws, setup, width=width, header_rows=(0, 1))
    return SheetCells(wb, ws, columns, first_row=2)


def finish_sheet(cells: SheetCells) -> int:
    """Autofilter over the header and the data rows; returns the number of data rows."""
    rows = cells.row_idx - 2
    cells.ws.autofilter(1, 0, rows + 1, len(cells.columns) - 1)
    return rows


def save(wb: Workbook, file: WorkbookFile) -> None:
    """Write the workbook into ``file``. A failing disk raises its own OSError (XlsxWriter may wrap
    it in FileCreateError), which the export turns into the user's message."""
    try:
        wb.close()
    except FileCreateError:
        if file.failure is not None:
            raise file.failure from None
        raise


def discard(wb: Workbook) -> None:
    """After a cancel or failure: close the workbook into its (temporary, about to be removed)
    file, which also deletes the temporary file XlsxWriter keeps per streamed sheet."""
    with suppress(Exception):  # the sheets may be half-written; only their temporary files matter
        wb.close()
