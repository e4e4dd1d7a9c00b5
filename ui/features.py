"""Features built in other folders of ui/ are imported only when first used; one that does
not exist yet shows a clearly-labelled placeholder instead of stopping the program."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.style import MUTED_COLOR


def is_missing_feature(exc: ImportError) -> bool:
    """True when the import failed because a ui.* module or name is not there yet."""
    name = getattr(exc, "name", None) or ""
    return name == "ui" or name.startswith("ui.")


def placeholder(text: str) -> QWidget:
    page = QWidget()
    page.setObjectName("placeholder")
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    label.setFont(font)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    return page
