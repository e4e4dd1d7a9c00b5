"""Charts of the monthly report, drawn with reportlab.graphics (no Qt in the core): a line of
complaints per month, horizontal bars for counts by category/step/department/person, and pies
for channel and severity. Labels use the embedded CJK font, so Chinese never becomes boxes."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from studio_desk.exports.fonts import register_pdf_font
from studio_desk.exports.pdf_layout import clip_to_font
from studio_desk.reports.palette import PALETTE_HEX

PALETTE = [colors.HexColor(c) for c in PALETTE_HEX]
BAR = PALETTE[0]
TITLE_SIZE = 9
LABEL_SIZE = 7


def _nice_max(value: int) -> int:
    """An axis top a little above ``value`` with a round step, so ticks are whole numbers."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if value / step <= 6:
            return step * -(-value // step)
    return value


def _titled(width: float, height: float, title: str) -> Drawing:
    font = register_pdf_font()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - TITLE_SIZE - 1, clip_to_font(title), fontName=font, fontSize=TITLE_SIZE))
    return drawing


def _label(text: str, limit: int = 12) -> str:
    text = clip_to_font(" ".join(str(text).split()))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def line_chart(points: list[tuple[str, int]], width: float, height: float, title: str) -> Drawing:
    """Complaints per month (x: 'YYYY-MM' shown as 'YY-MM')."""
    font = register_pdf_font()
    drawing = _titled(width, height, title)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 28, 22, width - 40, height - 40
    chart.data = [[n for _, n in points] or [0]]
    chart.categoryAxis.categoryNames = [m[2:] for m, _ in points] or [""]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.angle = 30 if len(points) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(points) > 8 else "n"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _nice_max(max((n for _, n in points), default=0))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = BAR, 1.5
    chart.lineLabelFormat = "%d"
    chart.lineLabels.fontName, chart.lineLabels.fontSize = font, LABEL_SIZE
    drawing.add(chart)
    return drawing


def bar_chart(rows: list[tuple[str, int]], width: float, title: str, *, limit: int = 12) -> Drawing:
    """Horizontal bars, largest first as given; at most ``limit`` rows (the table shows them all)."""
    font = register_pdf_font()
    rows = rows[:limit] or [("无", 0)]
    height = 30 + 14 * len(rows)
    drawing = _titled(width, height, title)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 14, width - 100, height - 30
    chart.data = [[n for _, n in reversed(rows)]]
    chart.categoryAxis.categoryNames = [_label(name) for name, _ in reversed(rows)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, _nice_max(max(n for _, n in rows))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.bars[0].fillColor, chart.bars[0].strokeColor = BAR, None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, LABEL_SIZE
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    drawing.add(chart)
    return drawing


def pie_chart(rows: list[tuple[str, int]], width: float, height: float, title: str) -> Drawing:
    """Shares of a small fixed list (channel, severity); empty slices are left out."""
    font = register_pdf_font()
    drawing = _titled(width, height, title)
    shown = [(name, n) for name, n in rows if n > 0]
    if not shown:
        drawing.add(String(10, height / 2, "无数据", fontName=font, fontSize=LABEL_SIZE))
        return drawing
    size = min(height - 30, width / 2 - 10)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 6, (height - 16 - size) / 2, size, size
    pie.data = [n for _, n in shown]
    pie.labels = None
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.5
    for i in range(len(shown)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(pie)
    total = sum(n for _, n in shown)
    legend = Legend()
    legend.x, legend.y = size + 18, height - 22
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.alignment, legend.columnMaximum = "right", 10
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], f"{_label(name)} {n}（{n * 100 / total:.0f}%）")
                             for i, (name, n) in enumerate(shown)]
    drawing.add(legend)
    return drawing
