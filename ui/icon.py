"""StudioDesk's icon (drawn by ``resources/icon/draw_icon.py``) on every window of the desk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from studio_desk.resources import resources_dir


def icon_path() -> Path:
    return resources_dir() / "icon" / "studiodesk.png"


def apply_icon(app: QApplication) -> None:
    """The window icon of every window; on Windows the program file has it too (the spec's .ico)."""
    app.setWindowIcon(QIcon(str(icon_path())))
