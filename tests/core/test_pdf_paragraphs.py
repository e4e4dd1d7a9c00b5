"""Paragraphs and tables of the PDFs: para() parses each distinct (text, style) of a document
once and gives exactly what reportlab's own parse of the markup gives, the cache stays bounded;
grid_table's cells are styled exactly as setStyle(GRID) styles them."""

from __future__ import annotations

import gc

import pytest
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


def test_para_gives_what_parsing_the_markup_gives_first_time_and_from_the_cache(styles):
    for style in vars(styles).values():
        for text in TEXTS:
            expected = Paragraph(markup(text), style)
            first, again = para(text, style), para(text, style)
            assert _same(expected, first) and _same(expected, again), (text, style.name)
            assert not {id(f) for f in first.frags} & {id(f) for f in again.frags}  # never shared


def test_markup_of_plain_text_is_the_text_and_the_rest_is_escaped_or_replaced(styles, monkeypatch):
    fast = [markup(text) for text in TEXTS]
    assert markup("普通文字 abc") == "普通文字 abc"
    assert markup("a<b>&c\nd") == "a&lt;b&gt;&amp;c<br/>d"
    fallback = fonts.fallback_font_for("😡")
    assert markup("😡") == (f'<font name="{fallback}">😡</font>' if fallback else "[U+1F621]")
    monkeypatch.setattr(pdf_layout, "plain_chars", frozenset)  # no shortcut: character by character
    assert [markup(text) for text in TEXTS] == fast


def test_cache_is_per_style_bounded_and_dropped_with_the_styles(styles, monkeypatch):
    monkeypatch.setattr(pdf_layout, "PARSED_PER_STYLE", 10)
    for n in range(50):
        para(f"第 {n} 行", styles.body)
    assert len(pdf_layout._PARSED[styles.body]) <= 10
    other = make_styles()
    para("标签", other.label)
    assert other.label in pdf_layout._PARSED
    del other
    gc.collect()
    assert len(pdf_layout._PARSED) <= len(vars(styles))  # only the live document's styles


def test_cache_is_emptied_when_the_main_font_changes(styles):
    para("受理人", styles.label)
    assert styles.label in pdf_layout._PARSED
    fonts.plain_chars.cache_clear()  # what registering another font does
    para("其他", styles.body)
    assert styles.label not in pdf_layout._PARSED


def test_grid_table_is_styled_as_setting_the_grid_style_would(styles):
    rows = [[para("受理人", styles.label), "", para("李前台", styles.body)], [para("是", styles.body), "x", ""]]
    for header, labels in ((False, ()), (True, ()), (False, (0, 2)), (True, (1,))):
        ours = grid_table(rows, [10, 20, 30], header=header, labels=labels)
        plain = Table(rows, colWidths=[10, 20, 30], repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
        plain.setStyle(GRID)
        if header:
            plain.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        for col in labels:
            plain.setStyle(TableStyle([("BACKGROUND", (col, 0), (col, -1), SHADE)]))
        assert [[vars(c) for c in row] for row in ours._cellStyles] == [[vars(c) for c in row]
                                                                       for row in plain._cellStyles]
        assert len({id(c) for row in ours._cellStyles for c in row}) == 6  # each cell its own style
        assert {k: v for k, v in vars(ours).items() if k != "_cellStyles"} == {
            k: v for k, v in vars(plain).items() if k != "_cellStyles"}
