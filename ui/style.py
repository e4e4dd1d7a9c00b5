"""The desk's look: Fusion everywhere (same on every PC), and the few colours that carry meaning."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

ERROR_COLOR = "#c0392b"
WARNING_COLOR = "#b9770e"
MUTED_COLOR = "#666666"


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
