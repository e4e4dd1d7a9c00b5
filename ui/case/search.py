"""The toolbar's case search (案件查询): by case number, phone, name, order number or words of
the description. One hit opens the case; several are listed to pick from."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studio_desk.search import CaseRow, search_cases
from ui.case.inputs import format_datetime, translate, vocab_label
from ui.case.window import open_case
from ui.ops import read_op
from ui.plain import inform
from ui.session import Session
from ui.table_model import RowsModel, make_table, selected_row

MAX_HITS = 200



class HitsModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("Case"), self.tr("Received"), self.tr("Customer"), self.tr("Phone"),
                        self.tr("Category"), self.tr("Stage"), self.tr("Severity")]

    def cell(self, row: CaseRow, column: int) -> str:
        return (row.case_no, format_datetime(row.received_at), row.customer_name, row.phone, row.category,
                vocab_label("stage", row.stage), vocab_label("severity", row.severity))[column]


class SearchResults(QDialog):
    """The hits of one search; Enter or double click opens the selected case."""

    def __init__(self, session: Session, text: str, rows: list[CaseRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Cases matching “%1”").replace("%1", text))
        self.model = HitsModel()
        self.model.set_rows(rows)
        self.view = make_table(self.model)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        self.view.selectRow(0)
        note = QLabel(self.tr("%1 cases found.").replace("%1", str(len(rows))) if len(rows) < MAX_HITS
                      else self.tr("Showing the first %1 cases; type more to narrow the search.")
                      .replace("%1", str(MAX_HITS)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(980, 520)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            open_case(self.session, row.id, self.parentWidget(), row.case_no)
        super().accept()


def open_search(session: Session, text: str, parent: QWidget | None = None) -> Any:
    """Search, then open the one hit or list them; returns the case window or the results dialog."""
    return show_hits(session, text, search_cases(text, MAX_HITS), parent)


def find_cases(session: Session, text: str, parent: QWidget) -> None:
    """The toolbar's search: the query runs off the GUI thread (a word on 100,000 cases takes a
    moment), then :func:`show_hits`."""
    read_op(parent, lambda: search_cases(text, MAX_HITS)).success(
        lambda rows: show_hits(session, text, rows, parent)).run()


def show_hits(session: Session, text: str, rows: list, parent: QWidget | None = None) -> Any:
    """Open the one hit or list them (or say there is none); returns the case window or the results dialog."""
    if not rows:
        inform(parent, translate("CaseSearch", "Find a case"),
               translate("CaseSearch", "No case matches “%1”.").replace("%1", text.strip()))
        return None
    if len(rows) == 1:
        return open_case(session, rows[0].id, parent, rows[0].case_no)
    dialog = SearchResults(session, text.strip(), rows, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
