"""The PDF font: an embedded TrueType CJK font is found or the export stops with a Chinese
message; STSong-Light (a non-embedded CID font) is never used."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from studio_desk.errors import DomainError
from studio_desk.exports import fonts
from studio_desk.exports.case_sheet import write_case_sheet
from studio_desk.exports.slip import write_slip
from tests.core import exportkit

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_a_cjk_font_is_found_on_this_system():
    path = fonts.find_cjk_font()
    assert path.suffix.lower() in (".ttf", ".ttc") and path.is_file()


def test_configured_font_must_exist_and_draw_chinese(tmp_path):
    with pytest.raises(DomainError) as missing:
        fonts.find_cjk_font(str(tmp_path / "nope.ttf"))
    assert "设置中的 PDF 字体" in missing.value.message
    if DEJAVU.is_file():
        with pytest.raises(DomainError):
            fonts.find_cjk_font(str(DEJAVU))  # a Latin-only font cannot draw 中
    not_a_font = tmp_path / "fake.ttc"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(DomainError):
        fonts.find_cjk_font(str(not_a_font))


def test_no_font_anywhere_names_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setattr(fonts, "_fc_list", lambda query: [])
    with pytest.raises(DomainError) as refusal:
        fonts.find_cjk_font()
    assert "fonts-wqy-microhei" in refusal.value.message and "微软雅黑" in refusal.value.message
    assert "设置" in refusal.value.message


@pytest.mark.parametrize("writer", [write_case_sheet, write_slip])
def test_every_font_in_the_pdf_is_embedded_truetype(sqlite_studio, category, tmp_path, writer):
    case = exportkit.registered_case(sqlite_studio, category(), description="😡𠀀 中文")
    reader = PdfReader(str(writer(sqlite_studio["manager"], case.id, tmp_path / "f.pdf")))
    seen = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.append(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert seen and not any("STSong" in name for name in seen)
