"""QtCharts views of the 统计 tab. This module is imported only when the tab is first shown, so
starting the desk never loads QtCharts. QtCharts draws titles, axis labels and legends as rich text,
so every name is escaped (a category named ``<b>…</b>`` would be drawn bold).

A :class:`ChartView` draws bars, a pie or a line from (label, key, count) rows and emits
:attr:`ChartView.picked` with the key of the bar, slice or month the user clicked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from studio_desk.reports.palette import PALETTE_HEX
from ui.plain import html_text

BAR_COLOR = QColor(PALETTE_HEX[0])
MAX_BARS = 15  # the table under the chart lists every row
Row = tuple[str, Any, int]  # label, drill-down key, count


def _small_font(font: QFont) -> QFont:
    font.setPointSizeF(font.pointSizeF() * 0.85)
    return font


def _axes(chart: QChart, series: Any, names: list[str], rows: list[Row],
          names_side: Qt.AlignmentFlag) -> QBarCategoryAxis:
    """A category axis of ``names`` on one side and counts from 0, with round ticks, across."""
    categories = QBarCategoryAxis()
    categories.append(names or [""])
    chart.addAxis(categories, names_side)
    series.attachAxis(categories)
    values = QValueAxis()
    values.setRange(0, max(max((count for _, _, count in rows), default=0), 4) * 1.1)
    values.applyNiceNumbers()
    values.setLabelFormat("%d")
    across = Qt.AlignmentFlag.AlignBottom if names_side == Qt.AlignmentFlag.AlignLeft else Qt.AlignmentFlag.AlignLeft
    chart.addAxis(values, across)
    series.attachAxis(values)
    return categories


class ChartView(QChartView):
    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.keys: list[Any] = []
        self._replace(QChart())

    def _replace(self, chart: QChart) -> QChart:
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(chart.margins() * 0)
        chart.layout().setContentsMargins(2, 2, 2, 2)
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        return chart

    def _titled(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(html_text(title))
        chart.legend().hide()
        return self._replace(chart)

    def show_bars(self, title: str, rows: list[Row]) -> None:
        """Horizontal bars, the first row on top (rows come largest first or in the chain's order)."""
        chart = self._titled(title)
        shown = list(reversed(rows[:MAX_BARS]))
        self.keys = [key for _, key, _ in shown]
        bars = QBarSet(title)
        bars.setColor(BAR_COLOR)
        bars.setLabelColor(QColor("#222222"))
        bars.append([float(count) for _, _, count in shown])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.clicked.connect(lambda index, _set: self._pick(index))
        chart.addSeries(series)
        names = _axes(chart, series, [html_text(label) for label, _, _ in shown], shown, Qt.AlignmentFlag.AlignLeft)
        names.setLabelsFont(_small_font(names.labelsFont()))  # a label taller than its bar is elided to "…"
        self.series = series

    def show_pie(self, title: str, rows: list[Row]) -> None:
        """Slices of the rows that have cases; the legend names each with its share (the table
        underneath has the counts)."""
        chart = self._titled(title)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        shown = [row for row in rows if row[2] > 0]
        self.keys = [key for _, key, _ in shown]
        total = sum(count for _, _, count in shown)
        series = QPieSeries()
        for number, (label, _key, count) in enumerate(shown):
            piece = series.append(f"{html_text(label)} {count * 100 / total:.0f}%", count)
            piece.setColor(QColor(PALETTE_HEX[number % len(PALETTE_HEX)]))
            piece.clicked.connect(lambda n=number: self._pick(n))
        series.setPieSize(0.8)
        chart.addSeries(series)
        self.series = series

    def show_line(self, title: str, rows: list[Row]) -> None:
        """Complaints per month; clicking near a month lists that month's cases."""
        chart = self._titled(title)
        self.keys = [key for _, key, _ in rows]
        series = QLineSeries()
        series.setColor(BAR_COLOR)
        for number, (_label, _key, count) in enumerate(rows):
            series.append(QPointF(number, count))
        series.setPointsVisible(True)
        series.setPointLabelsVisible(True)
        series.setPointLabelsFormat("@yPoint")
        series.clicked.connect(lambda point: self._pick(round(point.x())))
        chart.addSeries(series)
        _axes(chart, series, [label[2:] for label, _, _ in rows], rows, Qt.AlignmentFlag.AlignBottom)  # 26-11
        self.series = series

    def _pick(self, index: int) -> None:
        if 0 <= index < len(self.keys):
            self.picked.emit(self.keys[index])
