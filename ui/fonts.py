"""A font that has Chinese glyphs, so no label ever shows square boxes.

First a CJK family the system already offers; else a known font file loaded as an
application font; else the caller shows a one-time message naming what to install.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# In order of preference: what Debian/Ubuntu, Windows and macOS ship.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "SimHei",
    "SimSun",
    "Droid Sans Fallback",
)
FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
INSTALL_HINT = (
    "未找到中文字体，界面中的汉字可能显示为方框。\n"
    "请安装中文字体后重新启动：Debian/Ubuntu 执行 sudo apt install fonts-wqy-microhei，"
    "Windows 请确认已安装“微软雅黑”（Microsoft YaHei）。\n\n"
    "No Chinese font found. Install one (Debian/Ubuntu: sudo apt install fonts-wqy-microhei) and restart."
)
POINT_SIZE = 10


def find_cjk_family(extra_files: tuple[str, ...] = ()) -> str | None:
    """The name of a usable CJK family, loading a font file if the system offers none."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    for path in (*extra_files, *FONT_FILES):
        if not Path(path).is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(path)
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if loaded:
            return loaded[0]
    return None


def apply_cjk_font(app: QApplication) -> str | None:
    """Make the CJK family the application font; returns it, or None if the hint must be shown."""
    family = find_cjk_family()
    if family is None:
        return None
    font = QFont(family, POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return family
