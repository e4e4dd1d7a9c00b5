"""What every StudioDesk PDF shares: the embedded font, styles, safe paragraph text, the
page header repeated on every page and the footer "第 x 页 / 共 y 页".

The total page count is only known at the end, so pages are kept until the document is
saved and the footers are drawn then (the two-pass "numbered canvas").
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag
from reportlab.platypus.tables import CellStyle

from studio_desk import settings
from studio_desk.exports.fonts import FONT_NAME, fallback_font_for, has_glyph, plain_chars, register_pdf_font

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#EFEFEF")
# Empty cells are drawn in the table's font too: without this an unembedded Helvetica appears.
PLAIN = TableStyle([("FONT", (0, 0), (-1, -1), FONT_NAME)])
GRID = TableStyle([
    ("FONT", (0, 0), (-1, -1), FONT_NAME),
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
])


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    centre: ParagraphStyle
    right: ParagraphStyle


def make_styles(base: float = 9.5) -> Styles:
    """Paragraph styles in the embedded CJK font; CJK wrapping so long Chinese lines break anywhere."""
    font = register_pdf_font()

    def style(name: str, size: float, **kw) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45, wordWrap="CJK", **kw)

    return Styles(
        title=style("title", base + 7, alignment=TA_CENTER, spaceAfter=2 * mm),
        heading=style("heading", base + 2, spaceBefore=3 * mm, spaceAfter=1.5 * mm),
        body=style("body", base),
        small=style("small", base - 1.5, textColor=MUTED),
        label=style("label", base - 0.5, textColor=MUTED),
        centre=style("centre", base, alignment=TA_CENTER),
        right=style("right", base - 1.5, alignment=TA_RIGHT, textColor=MUTED),
    )


def _invisible(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def markup(text: object) -> str:
    """Paragraph markup for user text: escaped, newlines kept, and every character the main
    font lacks drawn in a fallback font (or named by its code point if no font has it)."""
    text = str(text or "")
    if plain_chars().issuperset(text):
        return text  # the usual case: nothing to escape, nothing the main font lacks
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
        elif has_glyph(ch):
            out.append(escape(ch))
        elif _invisible(ch) or unicodedata.category(ch) == "Cc":
            continue
        else:
            fallback = fallback_font_for(ch)
            out.append(f'<font name="{fallback}">{escape(ch)}</font>' if fallback else f"[U+{ord(ch):04X}]")
    return "".join(out)


# Parsed paragraphs per style: ParagraphStyle → {text: (cleaned text, frags)}. A document's
# labels, headings, 是/否 and staff names repeat on every case, and reportlab's Paragraph()
# runs its XML parser every time. Keyed weakly by the style, so the entries go with the
# document's Styles (make_styles makes new ones per document) and a long-running desk keeps
# nothing; capped per style in case a Styles object is kept alive for long.
_PARSED: weakref.WeakKeyDictionary[ParagraphStyle, dict] = weakref.WeakKeyDictionary()
_PARSED_FONT: list[frozenset[str]] = []  # plain_chars() the entries were made with
PARSED_PER_STYLE = 4096


def _parse(text: str, style: ParagraphStyle, parsed: dict) -> tuple[str, list]:
    """(cleaned text, frags) of ``Paragraph(text, style)``; plain text (no tag, no entity)
    becomes a copy of the style's one-fragment parse instead of going through the XML parser."""
    if "<" in text or "&" in text or style.textTransform:
        paragraph = Paragraph(text, style)
        return paragraph.text, paragraph.frags
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        clean = text  # no whitespace but single inner spaces: cleanBlockQuotedText would return it as is
    else:
        clean = cleanBlockQuotedText(text)
    if not clean:
        return clean, []
    template = parsed.get(None)
    if template is None:
        template = parsed[None] = Paragraph("x", style).frags[0]
    frag = _copy(template)
    frag.text = clean
    return clean, [frag]


def _copy(frag: ParaFrag) -> ParaFrag:
    """``frag.clone()`` without its keyword-argument round trip (a fifth of the time)."""
    copy = object.__new__(frag.__class__)
    copy.__dict__.update(frag.__dict__)
    return copy


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """``Paragraph(markup(text), style)``, parsing each distinct (text, style) once."""
    raw = text if type(text) is str else str(text or "")
    font = plain_chars()
    if not _PARSED_FONT or _PARSED_FONT[0] is not font:  # the main font changed: markup differs
        _PARSED.clear()
        _PARSED_FONT[:] = [font]
    parsed = _PARSED.get(style)
    if parsed is None:
        parsed = _PARSED[style] = {}
    entry = parsed.get(raw)
    if entry is None:
        entry = _parse(markup(raw), style, parsed)
        if len(parsed) < PARSED_PER_STYLE:
            parsed[raw] = entry
    clean, frags = entry
    # Each paragraph gets its own fragments: reportlab may set attributes on them while laying out.
    return Paragraph(clean, style, frags=[_copy(f) for f in frags])


def short(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, for slips and lists."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


@dataclass
class Studio:
    name: str
    address: str
    phone: str

    @classmethod
    def from_settings(cls) -> Studio:
        cfg = settings.get_all()
        return cls(cfg["studio_name"] or "影楼", cfg["studio_address"], cfg["studio_phone"])


class HeaderMark(Flowable):
    """Invisible marker: from here on, the page header shows ``text`` (e.g. the case number)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._doctemplate.header_text = self.text


def _numbered_canvas(font: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps each page until save(), then writes 第 x 页 / 共 y 页 on all of them."""

        def __init__(self, *args, **kwargs) -> None:
            kwargs["initialFontName"] = font  # else an unembedded Helvetica is listed on every page
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 — reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.setFillColor(MUTED)
                width = self._pagesize[0]
                self.drawCentredString(width / 2, 8 * mm, f"第 {number} 页 / 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


class StudioDoc(BaseDocTemplate):
    """A page template whose header (studio, document title, current case) is drawn at the
    end of each page, after the page's HeaderMark flowables have run."""

    def __init__(self, path: Path, *, title: str, studio: Studio, pagesize=A4, margin: float = 15 * mm,
                 header_height: float = 18 * mm, compact: bool = False) -> None:
        super().__init__(str(path), pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                         topMargin=margin + header_height, bottomMargin=margin + 4 * mm,
                         title=title, author=studio.name, creator="StudioDesk 影楼客怨处理台")
        self.doc_title = title
        self.studio = studio
        self.header_text = ""
        self.compact = compact
        self.font = register_pdf_font()
        phone = f"电话：{studio.phone}" if studio.phone else ""
        # The header's strings, made drawable once rather than on every page.
        self._studio_line = clip_to_font(studio.name)
        self._contact_line = clip_to_font("　".join(x for x in (studio.address, phone) if x))
        self._clipped: dict[str, str] = {}
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPageEnd=self._header)])

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        top = height - self.topMargin + 4 * mm
        left, right = self.leftMargin, width - self.rightMargin
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(self.font, 10 if self.compact else 13)
        canv.drawString(left, top + (7 if self.compact else 9) * mm, self._studio_line)
        canv.setFont(self.font, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(left, top + (3.5 if self.compact else 4.5) * mm, self._contact_line)
        canv.setFillColor(INK)
        canv.setFont(self.font, 10 if self.compact else 12)
        canv.drawRightString(right, top + (7 if self.compact else 9) * mm, self.doc_title)
        if self.header_text:
            text = self._clipped.get(self.header_text)
            if text is None:
                text = self._clipped[self.header_text] = clip_to_font(self.header_text)
            canv.setFont(self.font, 9)
            canv.drawRightString(right, top + (3.5 if self.compact else 4.5) * mm, text)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(left, top + 1.5 * mm, right, top + 1.5 * mm)
        canv.restoreState()


def clip_to_font(text: str) -> str:
    """Header strings are drawn without Paragraph markup: drop what the font cannot draw."""
    return "".join(ch if has_glyph(ch) else "?" for ch in text if not _invisible(ch))


def build(doc: StudioDoc, story: list[Flowable], on_flowable: Callable[[], None] | None = None) -> None:
    """Lay out ``story`` with the page-numbering canvas; ``on_flowable`` runs between flowables
    (progress and cancellation for long documents)."""
    if on_flowable is not None:
        doc.afterFlowable = lambda _flowable: on_flowable()
    doc.build(story, canvasmaker=_numbered_canvas(doc.font))


def _grid_cell() -> dict:
    """What setStyle(GRID) sets on every cell (font, alignment, padding: all its commands but the
    rules cover the whole table), read off a one-cell table."""
    probe = Table([[""]])
    probe.setStyle(GRID)
    return {k: v for k, v in vars(probe._cellStyles[0][0]).items() if k != "name"}


# grid_table gives each cell GRID's settings as it makes the cell's style, instead of the
# table's setStyle(GRID) setting them cell by cell, command by command, for every table.
_GRID_CELL = _grid_cell()
_GRID_LINES = [cmd for cmd in GRID.getCommands() if cmd[0] == "GRID"]


def grid_table(rows: list[list], widths: list[float], *, header: bool = False,
               labels: tuple[int, ...] = ()) -> Table:
    """A ruled table whose rows may split across pages (long text in a cell never overflows);
    styled as ``setStyle(GRID)`` then the shaded header row and label columns would style it."""
    ncols = max(map(len, rows), default=0)
    cells = []
    for i in range(len(rows)):
        row = []
        for j in range(ncols):
            cell = CellStyle(repr((i, j)))  # the name reportlab gives it
            cell.__dict__.update(_GRID_CELL)
            row.append(cell)
        cells.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT",
                  cellStyles=cells)
    shading = [("BACKGROUND", (0, 0), (-1, 0), SHADE)] if header else []
    shading += [("BACKGROUND", (col, 0), (col, -1), SHADE) for col in labels]
    table.setStyle(TableStyle(_GRID_LINES + shading))
    return table
