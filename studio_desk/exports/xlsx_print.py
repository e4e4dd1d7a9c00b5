"""Page setup (打印设置) of every sheet we write, so that a workbook prints as it is — from Excel,
WPS or LibreOffice — without anyone setting up the page first: A4, landscape when the columns
are wider than a portrait page, fitted to one page wide (as many pages tall as it takes), the
title and header rows repeated on every page, gridlines printed,
and a footer with the studio, 第 x 页 / 共 y 页 and the date range.

The register's sheets are written with XlsxWriter, the monthly analysis with openpyxl: one
setup, applied through each library's own page-setup API.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet as OpenpyxlSheet
from xlsxwriter.worksheet import Worksheet as XlsxWriterSheet

# Margins in inches (both libraries' unit): narrow at the sides, room for the footer below.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6}
HEADER_MARGIN, FOOTER_MARGIN = 0.25, 0.25
# Column widths (in characters) a portrait A4 page holds at full size: 190 mm of paper
# between the margins, at Excel's 7 pixels (1.85 mm) a character.
PORTRAIT_WIDTH = 100
FOOTER_LIMIT = 255  # Excel's longest header/footer text
XLSXWRITER_A4 = 9


@dataclass(frozen=True)
class PrintSetup:
    """What the footer of each page names: the studio and the date range of the data."""

    studio: str
    span: str

    def footer(self) -> str:
        """The footer in the spreadsheet's codes: &L left, &C centre, &R right; &P the page,
        &N the pages; a literal & is written &&."""
        studio, span = (text.replace("&", "&&") for text in (self.studio, self.span))
        centre = "&C第 &P 页 / 共 &N 页"
        room = FOOTER_LIMIT - len(centre) - len(span) - 4
        return f"&L{studio[: max(room, 0)]}{centre}&R{span}"[:FOOTER_LIMIT]


def is_wide(width: float) -> bool:
    """Whether columns ``width`` characters wide in all need a landscape page."""
    return width > PORTRAIT_WIDTH


def apply_xlsxwriter(ws: XlsxWriterSheet, setup: PrintSetup, *, width: float, header_rows: tuple[int, int]) -> None:
    """Set up an XlsxWriter sheet's page; ``header_rows`` (first, last; 0-based) repeat on every page."""
    ws.set_paper(XLSXWRITER_A4)
    if is_wide(width):
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*header_rows)
    ws.set_margins(**MARGINS)
    ws.set_header("", {"margin": HEADER_MARGIN})
    ws.set_footer(setup.footer(), {"margin": FOOTER_MARGIN})
    ws.hide_gridlines(0)  # the gridlines on paper too


def apply_openpyxl(ws: OpenpyxlSheet, setup: PrintSetup, *, width: float, header_rows: tuple[int, int]) -> None:
    """Set up an openpyxl sheet's page; ``header_rows`` (first, last; 1-based) repeat on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if is_wide(width) else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    ws.page_margins = PageMargins(**MARGINS, header=HEADER_MARGIN, footer=FOOTER_MARGIN)
    ws.oddFooter.left.text, ws.oddFooter.right.text = (text.replace("&", "&&") for text in (setup.studio, setup.span))
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.print_options.gridLines = True
