"""What every StudioDesk PDF shares: the embedded font, styles, safe paragraph text, the
page header repeated on every page and the footer "第 x 页 / 共 y 页".

The total page count is only known at the end: each page's footer shows a PDF form that is
filled in with it when the document is saved. Only reportlab's public API is used.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

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
    """Paragraph styles in the embedded CJK font; CJK wrapping so long Chinese lines break anywhere.
    The same objects for the same font and size, so that a paragraph parsed for one document
    (a label, a heading) is found again by the next (:func:`para`)."""
    return _styles(register_pdf_font(), base)


@lru_cache(maxsize=16)
def _styles(font: str, base: float) -> Styles:
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


@lru_cache(maxsize=4096)
def _parsed(marked: str, style: ParagraphStyle) -> tuple[str, tuple]:
    """The text and fragments reportlab's parser makes of ``marked`` in ``style``. A document's
    labels, headings, 是/否 and staff names repeat on every case; each is parsed once."""
    paragraph = Paragraph(marked, style)
    return paragraph.text, tuple(paragraph.frags)


def forget_parsed() -> None:
    """Drop the parsed paragraphs (the benchmark starts each document without them)."""
    _parsed.cache_clear()


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """``Paragraph(markup(text), style)``: user text as a paragraph, drawn as typed."""
    clean, frags = _parsed(markup(text), style)
    # reportlab may set attributes on a paragraph's fragments while laying it out: each paragraph
    # gets its own copies
    return Paragraph(clean, style, frags=[frag.clone() for frag in frags])


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
    """Invisible marker: from here on, the page header shows ``text`` (e.g. the case number).
    :class:`StudioDoc` reads it as the flowable is laid out."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        pass


TOTAL_FORM = "pages_total"


def _numbered_canvas(font: str, page_width: float) -> type[Canvas]:
    middle = page_width / 2

    class NumberedCanvas(Canvas):
        """Writes 第 x 页 / 共 y 页 at the foot of each page. The total is known only when the
        document is saved: each page shows a form (a PDF XObject, drawn where it is placed) that
        is filled in with the number of pages then."""

        def __init__(self, *args, **kwargs) -> None:
            kwargs["initialFontName"] = font  # else an unembedded Helvetica is listed on every page
            super().__init__(*args, **kwargs)

        def showPage(self) -> None:  # noqa: N802 — reportlab's name
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(MUTED)
            self.drawRightString(middle - 1, 8 * mm, f"第 {self.getPageNumber()} 页 /")
            self.doForm(TOTAL_FORM)
            self.restoreState()
            super().showPage()

        def save(self) -> None:
            pages = self.getPageNumber() - 1  # the last showPage has begun a page that stays empty
            self.beginForm(TOTAL_FORM)
            self.setFont(font, 8)
            self.setFillColor(MUTED)
            self.drawString(middle + 2, 8 * mm, f"共 {pages} 页")
            self.endForm()
            super().save()

    return NumberedCanvas


class StudioDoc(BaseDocTemplate):
    """A page template whose header (studio, document title, current case) is drawn at the
    end of each page, after the page's HeaderMark flowables have run. A ``column_header`` (the
    header row of a list that runs over many pages) is drawn under it on every page."""

    def __init__(self, path: Path, *, title: str, studio: Studio, pagesize=A4, margin: float = 15 * mm,
                 header_height: float = 18 * mm, compact: bool = False,
                 column_header: Flowable | None = None) -> None:
        self.column_header = column_header
        self.band = column_header.wrap(pagesize[0] - 2 * margin, pagesize[1])[1] if column_header else 0
        super().__init__(str(path), pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                         topMargin=margin + header_height + self.band, bottomMargin=margin + 4 * mm,
                         title=title, author=studio.name, creator="StudioDesk 影楼客怨处理台")
        self.doc_title = title
        self.studio = studio
        self.header_text = ""
        self.on_flowable: Callable[[], None] | None = None
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

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 — reportlab's name
        """reportlab's hook after each flowable is laid out: a HeaderMark sets this page's header."""
        if isinstance(flowable, HeaderMark):
            self.header_text = flowable.text
        if self.on_flowable is not None:
            self.on_flowable()

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        top = height - self.topMargin + self.band + 4 * mm
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
        if self.column_header is not None:
            self.column_header.drawOn(canv, left, height - self.topMargin)


def clip_to_font(text: str) -> str:
    """Header strings are drawn without Paragraph markup: drop what the font cannot draw."""
    return "".join(ch if has_glyph(ch) else "?" for ch in text if not _invisible(ch))


def build(doc: StudioDoc, story: list[Flowable], on_flowable: Callable[[], None] | None = None) -> None:
    """Lay out ``story`` with the page-numbering canvas; ``on_flowable`` runs between flowables
    (progress and cancellation for long documents)."""
    doc.on_flowable = on_flowable
    doc.build(story, canvasmaker=_numbered_canvas(doc.font, doc.pagesize[0]))


def grid_table(rows: list[list], widths: list[float], *, header: bool = False,
               labels: tuple[int, ...] = ()) -> Table:
    """A ruled table whose rows may split across pages (long text in a cell never overflows);
    styled as ``setStyle(GRID)`` then the shaded header row and label columns would style it."""
    shading = [("BACKGROUND", (0, 0), (-1, 0), SHADE)] if header else []
    shading += [("BACKGROUND", (col, 0), (col, -1), SHADE) for col in labels]
    return Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT",
                 style=TableStyle(GRID.getCommands() + shading))
