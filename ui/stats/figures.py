"""The headline figures of the 统计 tab: one tile per figure of ``totals``; the counting tiles
are clickable and list their cases."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from studio_desk.stats import format_hours, format_percent
from ui.style import MUTED_COLOR

COLUMNS = 7


class Tile(QFrame):
    """A big number with its caption underneath."""

    clicked = Signal()

    def __init__(self, caption: str, clickable: bool) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet(f"color: {MUTED_COLOR};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.clickable = clickable
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 — Qt's name
        if self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class HeadlineFigures(QWidget):
    """Emits :attr:`drill` with a drill-down dimension when a counting tile is clicked."""

    drill = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (key, caption, value from totals, drill-down dimension or "")
        self.items: list[tuple[str, str, Callable[[dict[str, Any]], str], str]] = [
            ("complaints", self.tr("Complaints"), lambda t: str(t["complaints"]), "all"),
            ("valid_rate", self.tr("Valid rate"), lambda t: format_percent(t["valid_rate"]), ""),
            ("open", self.tr("Open now"), lambda t: str(t["open"]), "open"),
            ("overdue_now", self.tr("Overdue now"), lambda t: str(t["overdue_now"]), "overdue"),
            ("first_assessment", self.tr("First assessment on time"),
             lambda t: format_percent(t["first_assessment"]["rate"]), ""),
            ("resolution", self.tr("Resolved on time"), lambda t: format_percent(t["resolution"]["rate"]), ""),
            ("median_hours_to_close", self.tr("Median time to close"), self._hours, ""),
            ("satisfaction", self.tr("Satisfied at follow-up"),
             lambda t: format_percent(t["follow_up"]["satisfaction_rate"]), ""),
            ("repeat_rate", self.tr("Repeat complaint rate"), lambda t: format_percent(t["repeat_rate"]), ""),
            ("repeat", self.tr("Second complaints"), lambda t: str(t["repeat"]), "repeat"),
            ("major", self.tr("Major complaints"), lambda t: str(t["major"]), "major"),
            ("vip", self.tr("VIP complaints"), lambda t: str(t["vip"]), "vip"),
            ("closed", self.tr("Closed"), lambda t: str(t["closed"]), "closed"),
            ("compensation_total", self.tr("Compensation"), self._money, ""),
        ]
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setSpacing(6)
        for number, (key, caption, _value, dimension) in enumerate(self.items):
            tile = Tile(caption, bool(dimension))
            tile.setObjectName(f"figure_{key}")
            if dimension:
                tile.setToolTip(self.tr("Click to list these cases"))
                tile.clicked.connect(lambda d=dimension: self.drill.emit(d))
            self.tiles[key] = tile
            grid.addWidget(tile, number // COLUMNS, number % COLUMNS)

    def _hours(self, totals: dict[str, Any]) -> str:
        return format_hours(totals["median_hours_to_close"])  # as the reports say it: hours, then days

    def _money(self, totals: dict[str, Any]) -> str:
        return "¥" + f"{Decimal(totals['compensation_total']):,.2f}"

    def show_totals(self, totals: dict[str, Any]) -> None:
        for key, _caption, value, _dimension in self.items:
            self.tiles[key].value.setText(value(totals))

    def texts(self) -> dict[str, str]:
        """What each tile shows now (for tests and screenshots)."""
        return {key: tile.value.text() for key, tile in self.tiles.items()}
