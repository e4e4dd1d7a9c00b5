"""The CJK font embedded in every PDF, and per-character fallbacks for what it lacks.

Chinese must render in every viewer, so the font is a TrueType file embedded in the PDF —
never a non-embedded CID font such as STSong-Light, which poppler-based viewers show as
blank. Characters the main font lacks (emoji, rare CJK such as 𠀀) are drawn from another
installed font that has them, so they never become empty boxes.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from studio_desk.errors import DomainError

FONT_NAME = "StudioCJK"
PROBE = "中"

# Known locations, most preferred first (Windows, macOS, Linux).
CANDIDATES = (
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/msyh.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
# Fonts that cover what CJK fonts lack: emoji (monochrome outlines) and CJK Extension B+.
FALLBACK_CANDIDATES = (
    "C:/Windows/Fonts/seguisym.ttf",
    "C:/Windows/Fonts/seguiemj.ttf",
    "C:/Windows/Fonts/simsunb.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
)
MISSING_FONT_MESSAGE = (
    "找不到可嵌入 PDF 的中文字体，无法生成 PDF。请安装中文 TrueType 字体"
    "（Windows：微软雅黑 msyh.ttc 或宋体 simsun.ttc；Linux：文泉驿微米黑，软件包 fonts-wqy-microhei），"
    "或在“设置 → PDF 字体”中选择一个中文字体文件（.ttf / .ttc）。"
)


def _load(path: Path, name: str) -> TTFont | None:
    """A reportlab TTFont for ``path`` with a CJK face (for .ttc, the first such face), or None."""
    indexes = range(4) if path.suffix.lower() == ".ttc" else range(1)
    for index in indexes:
        try:
            font = TTFont(name, str(path), subfontIndex=index)
        except (TTFError, OSError, ValueError, IndexError, KeyError):
            continue  # PostScript-outline or broken fonts cannot be embedded by reportlab
        if ord(PROBE) in font.face.charToGlyph:
            return font
    return None


def _fc_list(query: str) -> list[Path]:
    """Font files fontconfig knows for ``query`` (empty where fontconfig is absent)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, query, "file"], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [Path(f) for f in files if f.lower().endswith((".ttf", ".ttc"))]


def find_cjk_font(configured: str = "") -> Path:
    """The TrueType/TTC CJK font to embed: the configured one, else a known system font,
    else one fontconfig finds. Raises DomainError (Chinese) naming what to install."""
    return _find(configured)[0]


def _find(configured: str) -> tuple[Path, TTFont]:
    if configured:
        path = Path(configured)
        font = _load(path, FONT_NAME) if path.is_file() else None
        if font is None:
            raise DomainError(
                f"设置中的 PDF 字体“{configured}”不存在或不是可嵌入的中文 TrueType 字体（.ttf / .ttc）。"
                "请在“设置 → PDF 字体”中重新选择，或清空该设置以使用系统字体。", "pdf_font_path")
        return path, font
    for path in [Path(p) for p in CANDIDATES] + _fc_list(":lang=zh"):
        if path.is_file():
            font = _load(path, FONT_NAME)
            if font is not None:
                return path, font
    raise DomainError(MISSING_FONT_MESSAGE, "pdf_font_path")


_registered_for: str | None = None  # the pdf_font_path the registered font came from


def register_pdf_font(configured: str | None = None) -> str:
    """Register the embedded CJK font with reportlab and return its name.

    ``configured`` defaults to the studio's ``pdf_font_path`` setting.
    """
    global _registered_for
    if configured is None:
        from studio_desk import settings

        configured = str(settings.get("pdf_font_path") or "")
    if configured != _registered_for:
        _path, font = _find(configured)
        pdfmetrics.registerFont(font)
        _registered_for = configured
        _glyphs.cache_clear()
        plain_chars.cache_clear()
        fallback_font_for.cache_clear()
    return FONT_NAME



@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(FONT_NAME).face.charToGlyph)


def has_glyph(ch: str) -> bool:
    """Whether the registered main font draws ``ch`` (call register_pdf_font first)."""
    return ord(ch) in _glyphs() or ch in "\n\t "


@lru_cache(maxsize=1)
def plain_chars() -> frozenset[str]:
    """The characters that stand for themselves in Paragraph markup: drawn by the registered main
    font, and not a newline or one of ``& < >``. A new object whenever the main font changes."""
    return frozenset(map(chr, _glyphs())).union("\t ").difference("\n&<>")


@lru_cache(maxsize=512)
def fallback_font_for(ch: str) -> str | None:
    """The name of a registered fallback font that draws ``ch``, or None if no installed font does."""
    code = ord(ch)
    paths = [Path(p) for p in FALLBACK_CANDIDATES] + _fc_list(f":charset={code:x}")
    for path in paths:
        font = _fallback(str(path)) if path.is_file() else None
        if font is not None and code in font.face.charToGlyph:
            return font.fontName
    return None


@lru_cache(maxsize=16)
def _fallback(path: str) -> TTFont | None:
    name = f"StudioFallback{abs(hash(path)) % 10_000_000}"
    for index in range(4 if path.lower().endswith(".ttc") else 1):
        try:
            font = TTFont(name, path, subfontIndex=index)
        except (TTFError, OSError, ValueError, IndexError, KeyError):
            continue
        pdfmetrics.registerFont(font)
        return font
    return None


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, but with characters above U+FFFF (emoji, CJK Extension B)
    written as UTF-16 surrogate pairs: reportlab writes them as odd-length hex, so viewers
    lose them in copy-and-paste and search although they are drawn."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper() if code else "0000"

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)],
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
