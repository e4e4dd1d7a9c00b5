"""The 统计 tab: a date range and the board's filters; headline figures; charts by month,
category, service step, department, channel, severity and responsible staff, each with its
table; the cases behind whatever is clicked; hot spots; and the meeting papers.

All figures are :func:`studio_desk.stats.compute`'s — the numbers ``main.py stats --json``
prints — computed off the GUI thread. The page is shown with empty sections; their tables, the
hot spots and the papers are made one per turn of the event loop after it, QtCharts is imported
on a turn of its own and each chart is made when its tab is first shown, so no turn does it all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.search import BoardFilters
from studio_desk.services.catalog import list_entries
from studio_desk.stats import compute
from studio_desk.stats_lists import DRILL_LIMIT, Drilled, drill_down, rows_by_ids
from ui.case.inputs import CodeCombo, vocab_combo
from ui.forms import error_label, set_message
from ui.ops import error_text, read_op
from ui.plain import plain_label
from ui.session import Session
from ui.stats.figures import HeadlineFigures
from ui.stats.hot_spots import HotSpotsPanel
from ui.stats.models import CaseListModel, CountModel, MonthModel, StaffRankingModel, row_key
from ui.stats.query import Query
from ui.stats.ranges import PRESETS, preset_range
from ui.stats.section import Section
from ui.table_model import make_table, selected_row

REFRESH_DELAY_MS = 500


class StatsPage(QWidget):
    loaded = Signal()  # figures shown
    listed = Signal()  # drill-down list shown
    drill_limit = DRILL_LIMIT  # the longest list shown under a figure

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats_page")
        self.session = session
        self.figures: dict[str, Any] | None = None
        self._drilled: tuple[str, Any, str] | None = None  # (dimension, key, title) of the list shown
        self._charts_built = False
        self._outdated = True
        self.reports = None  # the papers' panel (ui.stats.reports_panel), made after the sections
        self._to_build: list[Callable[[], None]] = []  # what the coming turns make, in order
        self._loaded_due = False  # figures shown while sections were still to make
        self._building = False  # the turns of _build_next have started
        self.query = Query(self)
        self.query.done.connect(self._show_figures)
        self.query.failed.connect(self._failed)
        self.query.busy_changed.connect(lambda busy: self.busy.setVisible(busy))
        self.cases_query = Query(self)
        self.cases_query.done.connect(self._show_cases)
        self.cases_query.failed.connect(self._failed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_visible)
        session.data_changed.connect(self._data_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_filter_bar())
        self.headline = HeadlineFigures()
        self.headline.drill.connect(lambda dimension: self.drill(dimension, None, self._figure_title(dimension)))
        layout.addWidget(self.headline)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_tabs())
        splitter.addWidget(self._build_case_list())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 560])
        layout.addWidget(splitter, 1)
        self._preset_changed()

    # --- building ---------------------------------------------------------------------

    def _build_filter_bar(self) -> QHBoxLayout:
        self.preset = QComboBox()
        self.preset.setObjectName("range_preset")
        names = {"today": self.tr("Today"), "week": self.tr("This week"), "month": self.tr("This month"),
                 "last_month": self.tr("Last month"), "year": self.tr("This year"), "custom": self.tr("Custom range")}
        for key in PRESETS:
            self.preset.addItem(names[key], key)
        self.preset.setCurrentIndex(PRESETS.index("month"))
        self.preset.activated.connect(self._preset_changed)
        self.date_from, self.date_to = self._date_edit(), self._date_edit()
        self.severity = vocab_combo("severity", blank=self.tr("Any severity"))
        self.category = CodeCombo(blank=self.tr("Any category"))  # filled by _load_choices
        self.department = CodeCombo(blank=self.tr("Any department"))
        for combo in (self.category, self.department):  # as wide as their longest entry, which comes later
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.channel = vocab_combo("channel", blank=self.tr("Any channel"))
        for combo in (self.severity, self.category, self.department, self.channel):
            combo.activated.connect(self.reload)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.busy = QLabel(self.tr("Calculating…"))
        self.busy.hide()
        self.range_error = error_label()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Received")))
        row.addWidget(self.preset)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.date_to)
        for widget in (self.severity, self.category, self.department, self.channel, self.refresh_button, self.busy,
                       self.range_error):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self._custom_dates_changed())
        return edit

    def _build_tabs(self) -> QTabWidget:
        """The tabs with empty sections: their tables are made on the next turns (see _build_next)."""
        self.sections = {
            "month": Section(self.tr("Complaints per month (12 months)"), "trend_month", MonthModel(), "line"),
            "category": Section(self.tr("By category"), "category", CountModel(), "bars"),
            "chain_step": Section(self.tr("By service step"), "chain_step", CountModel("chain_step"), "bars"),
            "department": Section(self.tr("By department"), "department", CountModel(), "bars"),
            "channel": Section(self.tr("By channel"), "channel", CountModel("channel"), "pie"),
            "severity": Section(self.tr("By severity"), "severity", CountModel("severity"), "pie"),
            "staff": Section(self.tr("Responsible staff"), "staff", StaffRankingModel(), "bars"),
        }
        for section in self.sections.values():
            section.drill.connect(self.drill)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stats_tabs")
        pies = QWidget()
        pie_row = QHBoxLayout(pies)
        pie_row.setContentsMargins(0, 0, 0, 0)
        pie_row.addWidget(self.sections["channel"])
        pie_row.addWidget(self.sections["severity"])
        for widget, title in ((self.sections["month"], self.tr("Trend")),
                              (self.sections["category"], self.tr("Categories")),
                              (self.sections["chain_step"], self.tr("Service steps")),
                              (self.sections["department"], self.tr("Departments")),
                              (pies, self.tr("Channels and severity")), (self.sections["staff"], self.tr("Staff"))):
            self.tabs.addTab(widget, title)
        self.hot_spots = HotSpotsPanel()
        self.hot_spots.picked.connect(self.list_cases)
        self.tabs.addTab(self.hot_spots, self.tr("Hot spots"))
        self._to_build = [self._refresh_if_visible, self._load_choices, self._load_charts,
                          *(section.build for section in self.sections.values()), self.hot_spots.build,
                          self._add_reports]
        return self.tabs

    def _add_reports(self) -> None:
        from ui.stats.reports_panel import ReportsPanel  # with the papers' services, after the figures' tabs

        self.reports = ReportsPanel(self.session)
        self.tabs.addTab(self.reports, self.tr("Reports"))

    def _build_next(self) -> None:
        """Start the figures' query or the filters' read, load QtCharts, or make one of the
        sections, the hot spots or the papers; then the next on the next turn: done together on
        the first show they held the event loop for ~50 ms. A section the user opens before its
        turn makes itself (Section.showEvent)."""
        self._to_build.pop(0)()
        if self._to_build:
            QTimer.singleShot(0, self, self._build_next)
        elif self._loaded_due:
            self._loaded_due = False
            self.loaded.emit()

    def _build_case_list(self) -> QWidget:
        box = QWidget()
        self.cases_title = plain_label(self.tr("Click a bar, a slice, a figure or a table row to list its cases."))
        self.cases_title.setWordWrap(True)
        self.case_model = CaseListModel()
        self.case_table = make_table(self.case_model)
        self.case_table.setObjectName("drill_cases")
        header = self.case_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.case_table.activated.connect(lambda _index: self.open_selected())
        self.case_table.doubleClicked.connect(lambda _index: self.open_selected())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cases_title)
        layout.addWidget(self.case_table, 1)
        return box

    # --- range and filters ------------------------------------------------------------

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            first, last = preset_range(key, clock.now().date())
            for edit, value in ((self.date_from, first), (self.date_to, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(value.year, value.month, value.day))
                edit.blockSignals(False)
            if self.isVisible():  # else when shown
                self.reload()

    def _custom_dates_changed(self) -> None:
        if self.preset.currentData() == "custom":
            self.reload()

    def filters(self) -> BoardFilters:
        def py(edit: QDateEdit) -> date:
            value = edit.date()
            return date(value.year(), value.month(), value.day())

        return BoardFilters(date_from=py(self.date_from), date_to=py(self.date_to),
                            severity=self.severity.value() or "", category_id=self.category.value(),
                            department_id=self.department.value(), channel=self.channel.value() or "")

    # --- loading ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._outdated and self._refresh_if_visible not in self._to_build:  # else a turn of _build_next does it
            QTimer.singleShot(0, self, self._refresh_if_visible)  # on the next turn, not the one that shows the page

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt's name
        super().paintEvent(event)
        if self._to_build and not self._building:
            # Only once the page is on screen: work queued before the first paint would share
            # its turn of the event loop.
            self._building = True
            QTimer.singleShot(0, self, self._build_next)

    def _load_charts(self) -> None:
        if self._charts_built:
            return
        self._charts_built = True
        from ui.stats.charts import ChartView  # QtCharts: only now, never at start-up

        for section in self.sections.values():
            section.allow_chart(ChartView)

    def hideEvent(self, event) -> None:  # noqa: N802 — Qt's name
        """Leaving the tab stops a calculation nobody will look at; it reruns when shown again."""
        self._refresh_timer.stop()
        if self.query.busy:
            self.query.cancel()
            self._outdated = True
        super().hideEvent(event)

    def _load_choices(self) -> None:
        """The category and department filters' entries, read off the GUI thread."""

        def read() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            return ([(c.id, c.name) for c in list_entries("category")],
                    [(d.id, d.name) for d in list_entries("department")])

        def show(choices: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> None:
            self.category.set_items(choices[0])
            self.department.set_items(choices[1])

        read_op(self, read).success(show).failure(lambda error: self._failed(error_text(error))).background().run()

    def _data_changed(self) -> None:
        self._load_choices()  # a category or department added in 设置 is offered at once
        self._outdated = True
        if self.isVisible():
            self._refresh_timer.start()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Recompute the figures for the current range and filters (in a worker thread)."""
        flt = self.filters()
        if flt.date_from > flt.date_to:
            set_message(self.range_error, self.tr("The start date is after the end date."))
            return
        set_message(self.range_error, "")
        self._outdated = False
        viewer = self.session.user
        self.query.run(lambda progress: compute(flt, viewer=viewer, now=clock.now(), progress=progress))

    def _show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        totals = figures["totals"]
        self.headline.show_totals(totals)
        self._refresh_list()
        months = self.sections["month"]
        months.model.set_rows(figures["trend"])
        months.set_rows([(m["month"], m["month"], m["count"]) for m in figures["trend"]])
        for key in ("category", "chain_step", "department", "channel", "severity"):
            section = self.sections[key]
            rows = figures[f"by_{key}"]
            section.model.set_counts(rows, totals["complaints"])
            section.set_rows([(section.model.label(r), row_key(r), r["count"]) for r in rows])
        staff = self.sections["staff"]
        staff.model.set_staff(figures["staff_ranking"], figures["penalties_included"])
        staff.set_rows([(r["name"], r["id"], r["count"]) for r in figures["staff_ranking"]])
        self.hot_spots.show_spots(figures["hot_spots"])
        if self.isVisible():
            self._load_charts()  # the figures came before the chart of the tab in view was made
        if self._to_build:  # `loaded` promises the tables: it waits for the last of them
            self._loaded_due = True
        else:
            self.loaded.emit()

    def _failed(self, message: str) -> None:
        """Shown in the bar, not in a dialog: a failed refresh must not block the desk."""
        set_message(self.range_error, message)

    # --- drill-down -------------------------------------------------------------------

    def _figure_title(self, dimension: str) -> str:
        tile = {"all": "complaints", "overdue": "overdue_now"}.get(dimension, dimension)
        return self.headline.tiles[tile].caption.text()

    def drill(self, dimension: str, key: Any, title: str) -> None:
        """List the cases counted by one bar, slice, month, figure or table row."""
        flt = self.filters()
        self.cases_title.setText(self.tr("Loading the cases of “%1”…").replace("%1", title))
        self._list_title = title
        self._drilled = (dimension, key, title)
        limit = self.drill_limit
        self.cases_query.run(lambda _progress: drill_down(flt, dimension, key, clock.now(), limit=limit))

    def list_cases(self, case_ids: list[int], title: str) -> None:
        self.cases_title.setText(self.tr("Loading the cases of “%1”…").replace("%1", title))
        self._list_title = title
        self._drilled = None
        self.cases_query.run(lambda _progress: Drilled(rows := rows_by_ids(case_ids), len(rows)))

    def _show_cases(self, listed: Drilled) -> None:
        self.case_model.set_rows(listed.rows)
        if listed.total > len(listed.rows):  # cut at drill_limit: the title must not pass it off as all
            text = self.tr("%1: the first %2 of %3 cases (double-click to open)").replace("%3", str(listed.total))
        else:
            text = self.tr("%1: %2 cases (double-click to open)")
        self.cases_title.setText(text.replace("%1", self._list_title).replace("%2", str(len(listed.rows))))
        self.listed.emit()

    def _refresh_list(self) -> None:
        """New figures (another range, other filters, new data): the list under them follows.
        A figure's list is made again; a hot spot's cases may be no hot spot now, so it goes."""
        if self._drilled is not None:
            self.drill(*self._drilled)
        elif self.case_model.rowCount():
            self.case_model.set_rows([])
            self.cases_title.setText(self.tr("Click a bar, a slice, a figure or a table row to list its cases."))

    def open_selected(self) -> None:
        row = selected_row(self.case_table)
        if row is None:
            return
        from ui.case.window import open_case

        open_case(self.session, row.id, self)
