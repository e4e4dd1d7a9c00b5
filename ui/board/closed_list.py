"""The cases closed more than 7 days ago, which have left the board's 结案 column, as a list
(with the board's current filters); double-click or Enter opens one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studio_desk import clock
from studio_desk.search import BoardFilters, CaseRow, older_closed_rows
from ui.case.inputs import format_datetime
from ui.case.search import HitsModel
from ui.ops import read_op
from ui.table_model import make_table, selected_row

if TYPE_CHECKING:
    from ui.session import Session

LIMIT = 1000


class ClosedCasesModel(HitsModel):
    """The search's columns, and when each case was closed."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.headers.append(self.tr("Closed"))

    def cell(self, row: CaseRow, column: int) -> str:
        if column == len(self.headers) - 1:
            return format_datetime(row.closed_at)
        return super().cell(row, column)


class ClosedCasesDialog(QDialog):
    """The list is read off the GUI thread; ``open_case(row)`` opens the case a row is activated on."""

    def __init__(self, session: Session, filters: BoardFilters, open_case: Callable[[CaseRow], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closed_cases_dialog")
        self.setWindowTitle(self.tr("Older closed cases"))
        self.open_case = open_case
        self.model = ClosedCasesModel(self)
        self.table = make_table(self.model)
        self.table.activated.connect(lambda _index: self._open())
        self.note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1120, 560)
        user, now = session.user, clock.now()
        read_op(self, lambda: older_closed_rows(filters, now, user=user, limit=LIMIT)).success(self._show).run()

    def _show(self, rows: list[CaseRow]) -> None:
        self.model.set_rows(rows)
        note = self.tr("%1 cases closed more than 7 days ago (board filters apply).").replace("%1", str(len(rows)))
        if len(rows) >= LIMIT:
            note += " " + self.tr("Only the newest %1 are listed; narrow the filters.").replace("%1", str(LIMIT))
        self.note.setText(note)

    def _open(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.open_case(row)
