"""The case's timeline (时间线): every audit event, newest first, each described in words — what
happened (``exports.timeline.event_title``: an export names its document), who and when, and what
changed (old → new)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studio_desk.exports.timeline import event_title
from studio_desk.models import AuditEvent
from studio_desk.services.case_view import CaseForm
from ui.case.field_inputs import field_label
from ui.case.inputs import translate, vocab_label
from ui.case.list_model import Index, RowListModel
from ui.style import MUTED_COLOR

HEADER_ROLE = Qt.ItemDataRole.UserRole + 1
BODY_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_VALUE_CHARS = 120
# Fields whose stored code is shown with its vocabulary label.
CODE_KINDS = {"stage": "stage", "severity": "severity", "channel": "channel", "chain_step": "chain_step",
              "order_stage": "order_stage", "mood": "mood", "validity": "validity", "solvability": "solvability",
              "remedy_type": "remedy_type", "approval_state": "approval", "follow_up_result": "follow_up_result"}



class Describer:
    """Turns one audit event into a sentence; ids are named from the lists read with the case."""

    def __init__(self, form: CaseForm) -> None:
        self.names = {
            "category": {c.id: c.name for c in form.categories},
            "department": {d.id: d.name for d in form.departments},
            "responsible_staff": {s.id: s.name for s in form.staff},
        }
        self.names["staff"] = self.names["responsible_staff"]

    def value(self, field: str, value: Any) -> str:
        if value in (None, ""):
            return translate("Timeline", "(empty)")
        if isinstance(value, bool):
            return translate("Timeline", "yes") if value else translate("Timeline", "no")
        if field in CODE_KINDS:
            return vocab_label(CODE_KINDS[field], str(value))
        if field in self.names:
            return self.names[field].get(value, str(value))
        text = str(value).replace("\n", " ")
        return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"

    def changes(self, changes: dict[str, list[Any]]) -> list[str]:
        return [f"{field_label(f)}：{self.value(f, old)} → {self.value(f, new)}" for f, (old, new) in changes.items()]

    def describe(self, event: AuditEvent) -> str:
        d = event.details or {}
        lines: list[str] = []
        action = event.action
        if action == "register":
            lines.append(translate("Timeline", "Severity: %1").replace("%1", self.value("severity", d.get("severity"))))
            lines += [f"• {r}" for r in d.get("reasons") or []]
            if d.get("repeat_of"):
                lines.append(translate("Timeline", "Repeat complaint of %1").replace("%1", d["repeat_of"]))
        elif action in ("move", "approve", "send_back", "reopen") and "target" in d:
            lines.append(translate("Timeline", "Stage: %1 → %2").replace("%1", self.value("stage", d.get("source")))
                         .replace("%2", self.value("stage", d.get("target"))))
            lines += self.changes({k: v for k, v in (d.get("changes") or {}).items() if k != "stage"})
        elif action == "follow_up":
            if not d.get("reached"):
                lines.append(translate("Timeline", "Customer not reached"))
            else:
                lines.append(translate("Timeline", "Satisfied") if d.get("satisfied")
                             else translate("Timeline", "Not satisfied"))
            if d.get("comments"):
                lines.append(d["comments"])
        elif action == "severity":
            lines += self.changes(d.get("changes") or {})
        elif action == "note":
            lines.append(d.get("text", ""))
        elif action == "attach":
            lines.append(d.get("filename", ""))
        elif action == "penalty":
            penalty = translate("Timeline", "%1: %2 points, fine %3 yuan")
            lines.append(penalty.replace("%1", self.value("staff", d.get("staff")))
                         .replace("%2", str(d.get("points", 0))).replace("%3", str(d.get("fine", "0"))))
        elif action == "linked_repeat":
            lines.append(translate("Timeline", "Repeat complaint opened: %1").replace("%1", d.get("repeat", "")))
        elif action == "export":
            lines.append(d.get("description", ""))  # the range, day or count the document covered
        else:
            lines += self.changes(d.get("changes") or {})
        if d.get("reason") and action not in ("note",):
            lines.append(translate("Timeline", "Reason: %1").replace("%1", d["reason"]))
        return "\n".join(line for line in lines if line)


class TimelineModel(RowListModel):
    """Rows are (header, description) pairs, newest first."""

    def set_events(self, events: list[AuditEvent], form: CaseForm) -> None:
        describer = Describer(form)
        rows = []
        for event in events:
            who = event.user.display_name if event.user_id else translate("Timeline", "system")
            header = "  ·  ".join((event.at.strftime("%Y-%m-%d %H:%M"), who,
                                   event_title(event.action, event.details or {})))
            rows.append((header, describer.describe(event)))
        self.set_rows(rows)

    def value(self, row: tuple[str, str], role: int) -> Any:
        header, body = row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{header}\n{body}" if body else header
        if role == HEADER_ROLE:
            return header
        if role == BODY_ROLE:
            return body
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Header line (time · who · what) in bold grey, the description wrapped below it."""

    PAD = 6

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, option.font

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return max(100, width - 2 * self.PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        bold, body_font = self._fonts(option)
        width = self._width(option)
        flags = int(Qt.TextFlag.TextWordWrap)
        header = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10000), flags, index.data(HEADER_ROLE))
        body_text = index.data(BODY_ROLE)
        body = QFontMetrics(body_font).boundingRect(QRect(0, 0, width, 100000), flags, body_text) if body_text \
            else QRect()
        return QSize(width, header.height() + body.height() + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.setPen(option.palette.mid().color())
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        bold, body_font = self._fonts(option)
        area = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        flags = int(Qt.TextFlag.TextWordWrap)
        text_color = option.palette.highlightedText().color() if selected else option.palette.text().color()
        painter.setFont(bold)
        painter.setPen(text_color if selected else QColor(MUTED_COLOR))
        header = painter.boundingRect(area, flags, index.data(HEADER_ROLE))
        painter.drawText(area, flags, index.data(HEADER_ROLE))
        painter.setFont(body_font)
        painter.setPen(text_color)
        painter.drawText(area.adjusted(0, header.height() + self.PAD // 2, 0, 0), flags, index.data(BODY_ROLE) or "")
        painter.restore()
