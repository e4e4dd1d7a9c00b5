"""Paragraphs and tables of the PDFs: para() gives exactly what reportlab's own parse of the
markup gives; grid_table draws exactly what setStyle(GRID) and the shading draw."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from studio_desk.exports import fonts, pdf_layout
from studio_desk.exports.pdf_layout import GRID, SHADE, grid_table, make_styles, markup, para

TEXTS = [
    "", " ", "  a  b\t c ", "\n", "a\nb", "第一行\n\n第三行", "x & y", "<b>粗</b>", "1 < 2 > 0", "&amp;",
    "气死了😡😡 照片<b>&amp;</b>\n第二行 鑫囍龘", "𠀀小姐", "\u200b零宽", "a\u0007b", "\r\n", "\xa0空格\xa0",
    "—", "是", "否", "2,660.00 元", "婚纱照修图过度，脸型被修得不像本人。" * 20, None, 0, 5, 3.5,
    " 前导空格", "尾随空格 ", "两个  空格", "全角　空格", "a\u2028b", "a\x85b", "\ufeffBOM",
]


@pytest.fixture
def styles(sqlite_db):
    return make_styles()


def _same(a: Paragraph, b: Paragraph) -> bool:
    return (a.text == b.text and a.style is b.style and a.bulletText == b.bulletText
            and [vars(f) for f in a.frags] == [vars(f) for f in b.frags])


def test_para_gives_what_parsing_the_markup_gives(styles):
    for style in vars(styles).values():
        for text in TEXTS:
            assert _same(Paragraph(markup(text), style), para(text, style)), (text, style.name)


def test_markup_of_plain_text_is_the_text_and_the_rest_is_escaped_or_replaced(styles, monkeypatch):
    fast = [markup(text) for text in TEXTS]
    assert markup("普通文字 abc") == "普通文字 abc"
    assert markup("a<b>&c\nd") == "a&lt;b&gt;&amp;c<br/>d"
    fallback = fonts.fallback_font_for("😡")
    assert markup("😡") == (f'<font name="{fallback}">😡</font>' if fallback else "[U+1F621]")
    monkeypatch.setattr(pdf_layout, "plain_chars", frozenset)  # no shortcut: character by character
    assert [markup(text) for text in TEXTS] == fast


def _drawn(table: Table) -> bytes:
    """The PDF of ``table`` drawn alone on a page, byte for byte the same for the same drawing."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    table.wrapOn(canvas, 400, 400)
    table.drawOn(canvas, 10, 10)
    canvas.save()
    return buffer.getvalue()


def test_grid_table_is_drawn_as_setting_the_grid_style_would_draw_it(styles):
    rows = [[para("受理人", styles.label), "", para("李前台", styles.body)], [para("是", styles.body), "x", ""]]
    for header, labels in ((False, ()), (True, ()), (False, (0, 2)), (True, (1,))):
        ours = grid_table(rows, [60, 80, 100], header=header, labels=labels)
        plain = Table(rows, colWidths=[60, 80, 100], repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
        plain.setStyle(GRID)
        if header:
            plain.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        for col in labels:
            plain.setStyle(TableStyle([("BACKGROUND", (col, 0), (col, -1), SHADE)]))
        assert _drawn(ours) == _drawn(plain)
