"""The filters above the board: search text, my cases, overdue only, severity, category,
department, channel and the date range received. Emits :attr:`FilterBar.changed` with a
core :class:`~studio_desk.search.BoardFilters`; the page remembers it per user.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studio_desk.search import MAX_QUERY_CHARS, BoardFilters
from studio_desk.services.catalog import list_entries
from ui.case.inputs import CodeCombo, vocab_combo

TEXT_DELAY_MS = 300
COMBO_CHARS = 8  # the bar fits a 1280-pixel window; the open list shows full names
NO_DATE = QDate(2000, 1, 1)  # the minimum of a date edit stands for "any date"


class FilterBar(QWidget):
    changed = Signal(object)  # BoardFilters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("board_search")
        self.text.setClearButtonEnabled(True)
        self.text.setMaxLength(MAX_QUERY_CHARS)
        self.text.setPlaceholderText(self.tr("Filter: number, phone, name, order no. or words"))
        self.text.setMinimumWidth(160)
        self.mine = QCheckBox(self.tr("My cases"))
        self.mine.setToolTip(self.tr("Cases I received or am responsible for"))
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.severity = vocab_combo("severity", blank=self.tr("Any severity"))
        self.category = CodeCombo(blank=self.tr("Any category"))
        self.department = CodeCombo(blank=self.tr("Any department"))
        self.channel = vocab_combo("channel", blank=self.tr("Any channel"))
        self.date_from = self._date_edit(self.tr("Received from (any)"))
        self.date_to = self._date_edit(self.tr("Received until (any)"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        for combo in (self.severity, self.category, self.department, self.channel):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARS)
        self.reload_choices()

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self._emit)
        self.text.textEdited.connect(self._text_timer.start)
        self.text.returnPressed.connect(self._emit)
        for box in (self.mine, self.overdue):
            box.toggled.connect(self._emit)
        for combo in (self.severity, self.category, self.department, self.channel):
            combo.activated.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text, 2)
        for widget in (self.mine, self.overdue, self.severity, self.category, self.department, self.channel):
            layout.addWidget(widget)
        layout.addWidget(QLabel(self.tr("Received")))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)

    def _date_edit(self, tooltip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("Any"))
        edit.setDate(NO_DATE)
        edit.setToolTip(tooltip)
        return edit

    def reload_choices(self) -> None:
        """Categories and departments as the manager keeps them (active ones)."""
        self.category.set_items((c.id, c.name) for c in list_entries("category", include_inactive=False))
        self.department.set_items((d.id, d.name) for d in list_entries("department", include_inactive=False))

    def filters(self) -> BoardFilters:
        return BoardFilters(
            text=self.text.text(),
            mine=self.mine.isChecked(),
            overdue_only=self.overdue.isChecked(),
            severity=self.severity.value() or "",
            category_id=self.category.value(),
            department_id=self.department.value(),
            channel=self.channel.value() or "",
            date_from=_to_date(self.date_from.date()),
            date_to=_to_date(self.date_to.date()),
        )

    def set_filters(self, filters: BoardFilters) -> None:
        """Show ``filters`` without announcing them (used when the page restores them)."""
        widgets = (self.text, self.mine, self.overdue, self.severity, self.category, self.department, self.channel,
                   self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.setText(filters.text)
        self.mine.setChecked(filters.mine)
        self.overdue.setChecked(filters.overdue_only)
        self.severity.set_value(filters.severity)
        self.category.set_value(filters.category_id)
        self.department.set_value(filters.department_id)
        self.channel.set_value(filters.channel)
        self.date_from.setDate(_to_qdate(filters.date_from))
        self.date_to.setDate(_to_qdate(filters.date_to))
        for widget in widgets:
            widget.blockSignals(False)

    def clear(self) -> None:
        self.set_filters(BoardFilters())
        self._emit()

    def _emit(self) -> None:
        self._text_timer.stop()
        self.changed.emit(self.filters())


def _to_date(value: QDate) -> date | None:
    return None if value <= NO_DATE else date(value.year(), value.month(), value.day())


def _to_qdate(value: date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)
