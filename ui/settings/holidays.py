"""Settings → holidays (节假日与调休): the special days of a year — the state's schedule and
the studio's own entries, which win — and a warning when the coming year's official
schedule is not known yet, so the manager enters it before deadlines go wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.services import admin
from studio_desk.services.admin import ScheduleDay
from ui.forms import FieldErrors, set_message
from ui.ops import error_text, read_op
from ui.session import Session
from ui.settings.writes import Writes
from ui.style import WARNING_COLOR
from ui.table_model import RowsModel, make_table, select_where, selected_row

WORKDAY_COLOR = "#1f5fa8"


class ScheduleModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Date"), self.tr("Weekday"), self.tr("Day"), self.tr("Name / note"), self.tr("Source")]

    def cell(self, row: ScheduleDay, column: int) -> str:
        if column == 0:
            return row.day.isoformat()
        if column == 1:
            return QLocale().dayName(row.day.isoweekday(), QLocale.FormatType.ShortFormat)
        if column == 2:
            return self.tr("Working day") if row.is_workday else self.tr("Day off")
        if column == 3:
            return row.name
        return self.tr("Studio") if row.studio_entry else self.tr("Official")

    def foreground(self, row: ScheduleDay) -> Any:
        """Make-up working days stand out from the days off."""
        return QColor(WORKDAY_COLOR) if row.is_workday else None


class HolidaysSection(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        this_year = clock.now().year
        self.coming_warning = QLabel()
        self.coming_warning.setObjectName("coming_year_warning")
        self.year_warning = QLabel()
        self.year_warning.setObjectName("year_warning")
        for warning in (self.coming_warning, self.year_warning):
            warning.setWordWrap(True)
            warning.setStyleSheet(f"color: {WARNING_COLOR}; background: #fff4e0; border: 1px solid {WARNING_COLOR};"
                                  "padding: 6px; font-weight: bold;")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(this_year)
        self.year.valueChanged.connect(lambda _year: self.reload())
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Year:")))
        year_row.addWidget(self.year)
        year_row.addStretch(1)

        self.model = ScheduleModel()
        self.table = make_table(self.model)
        self.errors = FieldErrors()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Day off"), False)
        self.kind.addItem(self.tr("Working day (make-up)"), True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. 春节 / 春节调休上班"))
        add_button = QPushButton(self.tr("Add / change"))
        add_button.clicked.connect(self.add)
        remove_button = QPushButton(self.tr("Remove studio entry"))
        remove_button.clicked.connect(self.remove)
        self.writes = Writes(session, add_button, remove_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.errors.wrap("day", self.day))
        add_row.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)
        add_row.addWidget(self.errors.wrap("note", self.note), 1)
        add_row.addWidget(add_button, 0, Qt.AlignmentFlag.AlignTop)
        add_row.addWidget(remove_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.coming_warning)
        layout.addLayout(year_row)
        layout.addWidget(self.year_warning)
        layout.addWidget(self.table)
        layout.addLayout(add_row)
        layout.addWidget(self.errors.general)
        self.loads = 0  # reads started; only the newest one's answer is shown (the year spin box runs ahead)
        self.reload()

    def reload(self, then: Callable[[], object] | None = None) -> None:
        """Read the year's days and both warnings off the GUI thread; ``then`` runs once shown."""
        self.loads += 1
        load, year, coming = self.loads, self.year.value(), clock.now().year + 1
        if self.day.date().year() != year:
            self.day.setDate(QDate(year, 1, 1))
        read_op(
            self,
            lambda: (
                admin.year_schedule(year),
                admin.year_warning(coming),
                admin.year_warning(year) if year != coming else "",
            ),
        ).background().success(lambda read: self._show(load, read, then)).failure(
            lambda error: set_message(self.errors.general, error_text(error))
        ).run()

    def _show(self, load: int, read: tuple[list[ScheduleDay], str, str], then: Callable[[], object] | None) -> None:
        if load != self.loads:
            return  # the year was changed again meanwhile; that answer follows
        days, coming_warning, year_warning = read
        self.model.set_rows(days)
        set_message(self.coming_warning, coming_warning)
        set_message(self.year_warning, year_warning)
        if then is not None:
            then()

    def add(self) -> None:
        if self.writes.running:
            return
        self.errors.clear()
        picked = self.day.date()
        day = date(picked.year(), picked.month(), picked.day())
        user, workday, note = self.session.user, bool(self.kind.currentData()), self.note.text()
        self.writes.run(
            self,
            lambda: admin.set_holiday(user, day, workday, note),
            lambda _holiday: self._added(day),
            self.errors.show_failure,
        )

    def _added(self, day: date) -> None:
        self.note.clear()
        self._done(day)

    def remove(self) -> None:
        self.errors.clear()
        row = selected_row(self.table)
        if row is None or not row.studio_entry:
            self.errors.set("", self.tr("Select one of the studio's own entries first; official days cannot be "
                                        "removed, but you can add a studio entry for the same date."))
            return
        user, day = self.session.user, row.day
        self.writes.run(
            self, lambda: admin.remove_holiday(user, day), lambda _r: self._done(day), self.errors.show_failure
        )

    def _done(self, day: date) -> None:
        if day.year != self.year.value():
            self.year.setValue(day.year)
        self.reload(lambda: select_where(self.table, lambda row: row.day == day))
