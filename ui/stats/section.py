"""One chart of the 统计 tab with its table underneath. The section is an empty frame until its
body is built — by the page, one section per turn of the event loop, or at once when it is shown
— and the chart is added when the section is first shown after QtCharts was loaded; clicking a
bar, slice, month or table row asks for its cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from ui.table_model import RowsModel, make_table


class Section(QWidget):
    drill = Signal(str, object, str)  # dimension, key, what the user clicked (for the list's title)

    def __init__(self, title: str, dimension: str, model: RowsModel, chart_kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"section_{dimension}")
        self.title = title
        self.dimension = dimension
        self.model = model
        model.setParent(self)  # Qt frees it with the section, even if its table was never made
        self.chart_kind = chart_kind  # bars | pie | line
        self.chart = None  # a ui.stats.charts.ChartView once built
        self.table: QTableView | None = None  # once the body is built
        self._holder: QWidget | None = None
        self._view_class: type | None = None  # ChartView, once the page has imported QtCharts
        self._chart_rows: list[tuple[str, Any, int]] = []
        self._stale = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def build(self) -> None:
        """Make the table, and the title where the chart will go."""
        if self.table is not None:
            return
        self.table = make_table(self.model)
        self.table.setObjectName(f"table_{self.dimension}")
        self.table.clicked.connect(lambda index: self._row_clicked(index.row()))
        self.table.activated.connect(lambda index: self._row_clicked(index.row()))
        self._holder = QWidget()
        QVBoxLayout(self._holder).setContentsMargins(0, 0, 0, 0)
        self._holder.layout().addWidget(QLabel(self.title))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._holder)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 160])
        splitter.setChildrenCollapsible(False)
        self.layout().addWidget(splitter)

    def allow_chart(self, view_class: type) -> None:
        """QtCharts has been imported: the chart is made on the next turn if the section is in
        view (not on the import's turn), else when it is first shown (making all seven at once
        would hold the event loop)."""
        self._view_class = view_class
        if self.isVisible():
            QTimer.singleShot(0, self, self._chart_if_shown)

    def _chart_if_shown(self) -> None:
        if self.chart is None and self.isVisible():
            self.build()
            self._build_chart()

    def _build_chart(self) -> None:
        """Put the chart above the table."""
        layout = self._holder.layout()
        while layout.count():
            layout.takeAt(0).widget().deleteLater()
        self.chart = self._view_class()
        self.chart.setObjectName(f"chart_{self.dimension}")
        self.chart.picked.connect(self._key_picked)
        layout.addWidget(self.chart)
        self._draw()

    def set_rows(self, chart_rows: list[tuple[str, Any, int]]) -> None:
        """(label, key, count) per bar/slice/month; the caller has filled the model already."""
        self._chart_rows = chart_rows
        self._draw()

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        self.build()  # shown before the page got to it
        if self.chart is None and self._view_class is not None:
            self._build_chart()  # draws too
        elif self._stale:
            self._draw()

    def _draw(self) -> None:
        """Draw now if the chart can be seen, else when it is shown: a chart laid out while its
        tab is hidden keeps the tiny size's elided axis labels, and hidden charts cost time."""
        self._stale = self.chart is None or not self.isVisible()
        if self._stale:
            return
        draw = {"bars": self.chart.show_bars, "pie": self.chart.show_pie, "line": self.chart.show_line}
        draw[self.chart_kind](self.title, self._chart_rows)

    def _key_picked(self, key: Any) -> None:
        label = next((name for name, k, _ in self._chart_rows if k == key), str(key))
        self.drill.emit(self.dimension, key, label)

    def _row_clicked(self, row: int) -> None:
        if 0 <= row < len(self._chart_rows):
            label, key, _count = self._chart_rows[row]
            self.drill.emit(self.dimension, key, label)
