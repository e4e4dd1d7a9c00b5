"""Paints one board card (案件卡片) per index — no widget per card, and no database access.

Everything comes from the model's in-memory row: case number, customer with masked phone,
category and chain step, department / responsible person (and on a card awaiting approval, the
compensation to approve), the severity as a coloured left edge, the 二次投诉 mark and the time left
to the next due time (red overdue, amber soon).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio_desk.search import CaseRow
from studio_desk.vocab import label
from ui.board.model import Role
from ui.style import ERROR_COLOR, MUTED_COLOR, WARNING_COLOR

SEVERITY_COLORS = {"ordinary": QColor("#8fb09a"), "important": QColor("#f0a30a"), "major": QColor("#d93a3a")}
TIME_COLORS = {"overdue": QColor(ERROR_COLOR), "soon": QColor(WARNING_COLOR), "ok": QColor("#3d7a55"),
               "closed": QColor(MUTED_COLOR), "none": QColor(MUTED_COLOR)}
MUTED = QColor(MUTED_COLOR)
REPEAT_COLOR = QColor(ERROR_COLOR)
EDGE = 6
PAD = 8
MARGIN_X, MARGIN_Y = 6, 4
LINES = 5


class _Fonts:
    """Fonts and metrics for one base font, computed once (painting must stay cheap)."""

    def __init__(self, base: QFont) -> None:
        self.normal = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        self._metrics = {id(font): QFontMetrics(font) for font in (self.normal, self.bold, self.small)}
        self.line = self.metrics(self.normal).height() + 3

    def metrics(self, font: QFont) -> QFontMetrics:
        return self._metrics[id(font)]


class CardDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, *, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang
        self._fonts: dict[str, _Fonts] = {}
        self.repeat_text = QCoreApplication.translate("CardDelegate", "Repeat complaint")
        self.history_text = QCoreApplication.translate("CardDelegate", "Imported history")
        self.unassigned_text = QCoreApplication.translate("CardDelegate", "Not assigned")
        self.closed_text = QCoreApplication.translate("CardDelegate", "Closed %1")
        self.amount_text = QCoreApplication.translate("CardDelegate", "%1 yuan")
        self.severity_text = {code: label("severity", code, lang) for code in SEVERITY_COLORS}

    def fonts(self, base: QFont) -> _Fonts:
        key = base.key()
        if key not in self._fonts:
            self._fonts[key] = _Fonts(base)
        return self._fonts[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fonts = self.fonts(option.font)
        return QSize(220, LINES * fonts.line + 2 * PAD + 2 * MARGIN_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: CaseRow | None = index.data(Role.ROW)
        if row is None:
            return
        fonts = self.fonts(option.font)
        card = QRectF(option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shape = QPainterPath()
        shape.addRoundedRect(card, 6, 6)
        background = palette.base().color()
        if selected:
            background = QColor(palette.highlight().color()).lighter(185)
        elif hovered:
            background = background.darker(104)
        painter.fillPath(shape, background)
        painter.save()
        painter.setClipPath(shape)
        painter.fillRect(QRectF(card.left(), card.top(), EDGE, card.height()), SEVERITY_COLORS.get(row.severity, MUTED))
        painter.restore()
        border = palette.highlight().color() if selected else QColor("#c9ced4")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.drawPath(shape)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(card.adjusted(3, 3, -3, -3), 4, 4)
        self._paint_text(painter, card.toRect(), row, index, fonts, palette.text().color())
        painter.restore()

    def _paint_text(self, painter: QPainter, card: QRect, row: CaseRow, index, fonts: _Fonts, ink: QColor) -> None:
        left = card.left() + EDGE + PAD
        width = card.right() - PAD - left
        top = card.top() + PAD

        def line(n: int) -> QRect:
            return QRect(left, top + n * fonts.line, width, fonts.line)

        def text(rect: QRect, value: str, font: QFont, color: QColor, align=Qt.AlignmentFlag.AlignLeft) -> int:
            metrics = fonts.metrics(font)
            value = metrics.elidedText(value, Qt.TextElideMode.ElideRight, rect.width())
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), value)
            return metrics.horizontalAdvance(value)

        first = line(0)  # the case number, with the 历史导入 mark at the right
        if row.history:
            used = text(first, self.history_text, fonts.small, MUTED, Qt.AlignmentFlag.AlignRight)
            first.setRight(first.right() - used - 6)
        text(first, row.case_no, fonts.bold, ink)

        second = line(1)  # the customer, with the 二次投诉 mark at the right
        if row.is_repeat:
            badge_w = fonts.metrics(fonts.small).horizontalAdvance(self.repeat_text) + 10
            badge = QRect(second.right() - badge_w, second.top() + 2, badge_w, second.height() - 4)
            painter.setPen(QPen(REPEAT_COLOR, 1))
            painter.setBrush(QColor(255, 235, 235))
            painter.drawRoundedRect(badge, 4, 4)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            text(badge, self.repeat_text, fonts.small, REPEAT_COLOR, Qt.AlignmentFlag.AlignHCenter)
            second.setRight(badge.left() - 4)
        used = text(second, row.customer_name, fonts.normal, ink)
        phone_room = second.adjusted(used + 8, 0, 0, 0)
        if row.phone and fonts.metrics(fonts.normal).horizontalAdvance(row.phone) <= phone_room.width():
            text(phone_room, row.phone, fonts.normal, MUTED)  # whole or not at all: its last digits matter

        chain = label("chain_step", row.chain_step, self.lang)
        text(line(2), " · ".join(filter(None, (row.category, chain))), fonts.normal, MUTED)

        third = line(3)  # who is responsible; on a card awaiting approval, the amount at the right
        if row.stage == "approval" and row.compensation_fen:
            amount = self.amount_text.replace("%1", f"{row.compensation_fen / 100:,.2f}")
            used = text(third, amount, fonts.bold, ink, Qt.AlignmentFlag.AlignRight)
            third.setRight(third.right() - used - 8)
        who = " / ".join(filter(None, (row.department, row.staff)))
        text(third, who or self.unassigned_text, fonts.normal, ink if who else MUTED)

        last = line(4)
        severity = self.severity_text.get(row.severity, row.severity)
        sev_w = text(last, severity, fonts.small, SEVERITY_COLORS.get(row.severity, MUTED).darker(130),
                     Qt.AlignmentFlag.AlignRight)
        last.setRight(last.right() - sev_w - 8)
        time_text, state = index.data(Role.TIME_LEFT), index.data(Role.TIME_STATE)
        if state == "closed":
            time_text = self.closed_text.replace("%1", time_text)
        time_font = fonts.bold if state in ("overdue", "soon") else fonts.normal
        text(last, time_text, time_font, TIME_COLORS.get(state, MUTED))
