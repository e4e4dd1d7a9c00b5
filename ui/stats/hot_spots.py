"""热点: categories or service steps with many complaints in a short time, and customers who
complained again — each row lists its cases when clicked. Its tables are made by :meth:`build`
(the page calls it on a turn of the event loop of its own, or it runs when the tab is shown)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.stats.models import HotSpotModel
from ui.table_model import make_table


class HotSpotsPanel(QWidget):
    picked = Signal(list, str)  # case ids, title of the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = HotSpotModel(customers=False)
        self.customers = HotSpotModel(customers=True)
        for model in (self.problems, self.customers):
            model.setParent(self)  # Qt frees them with the panel, even if its tables were never made
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._built = False
        QVBoxLayout(self).addWidget(self.note)

    def build(self) -> None:
        if self._built:
            return
        self._built = True
        layout = self.layout()
        for title, model, name in ((self.tr("Recurring problems"), self.problems, "hot_problems"),
                                   (self.tr("Customers with repeat complaints"), self.customers, "hot_customers")):
            table = make_table(model)
            table.setObjectName(name)
            table.clicked.connect(lambda index, m=model: self._clicked(m, index.row()))
            table.activated.connect(lambda index, m=model: self._clicked(m, index.row()))
            layout.addWidget(QLabel(title))
            layout.addWidget(table, 1)

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        self.build()  # shown before the page got to it

    def show_spots(self, spots: dict[str, Any]) -> None:
        self.note.setText(
            self.tr("Hot spots: a category or service step with %1 or more complaints within %2 days; "
                    "customers with more than one complaint within %3 days (up to %4).")
            .replace("%1", str(spots["threshold"])).replace("%2", str(spots["window_days"]))
            .replace("%3", str(spots["repeat_window_days"])).replace("%4", spots["until"][:16]))
        self.problems.set_rows(spots["problems"])
        self.customers.set_rows(spots["customers"])

    def _clicked(self, model: HotSpotModel, row: int) -> None:
        if 0 <= row < len(model.rows):
            spot = model.rows[row]
            self.picked.emit(spot["case_ids"], model.cell(spot, 1))
