"""The cases closed more than 7 days ago, which have left the board's 结案 column, as a list
(with the board's current filters); double-click or Enter opens one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studio_desk import clock
from studio_desk.search import BoardFilters, CaseRow, older_closed_rows
from ui.case.inputs import format_datetime
from ui.case.search import HitsModel
from ui.table_model import make_table, selected_row

if TYPE_CHECKING:
    from ui.board.actions import BoardActions
    from ui.session import Session

LIMIT = 1000


class ClosedCasesModel(HitsModel):
    """The search's columns, and when each case was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.headers.append(self.tr("Closed"))

    def cell(self, row: CaseRow, column: int) -> str:
        if column == len(self.headers) - 1:
            return format_datetime(row.closed_at)
        return super().cell(row, column)


class ClosedCasesDialog(QDialog):
    def __init__(self, session: Session, filters: BoardFilters, actions: BoardActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closed_cases_dialog")
        self.setWindowTitle(self.tr("Older closed cases"))
        self.actions = actions
        self.model = ClosedCasesModel()
        rows = older_closed_rows(filters, clock.now(), user=session.user, limit=LIMIT)
        self.model.set_rows(rows)
        self.table = make_table(self.model)
        self.table.activated.connect(lambda _index: self._open())
        note = self.tr("%1 cases closed more than 7 days ago (board filters apply).").replace("%1", str(len(rows)))
        if len(rows) >= LIMIT:
            note += " " + self.tr("Only the newest %1 are listed; narrow the filters.").replace("%1", str(LIMIT))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(note))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1120, 560)

    def _open(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.actions.open_case(row)
