"""A read-only table model over a list of row objects, for the small lists of the desk
(users, departments, staff, holidays): subclasses say what each cell shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.ops import read_op

Index = QModelIndex | QPersistentModelIndex  # what Qt passes to model methods


class RowsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []  # set by the subclass after this (self.tr needs the QObject)
        self.rows: list[Any] = []
        self.loads = 0  # requests made by load(); only the newest one's answer is shown

    def load(self, read: Callable[[], list[Any]], then: Callable[[], object] | None = None) -> None:
        """Fill the model with what ``read`` (a core call) returns, read off the GUI thread; an
        answer to an older request is dropped. ``then`` runs once the rows are shown (to select
        one). Call it once the model has its view (the op's window)."""
        self.loads += 1
        load = self.loads
        view = self.parent()
        parent = view if isinstance(view, QWidget) else None
        read_op(parent, read).background().success(lambda rows: self._loaded(load, rows, then)).run()

    def _loaded(self, load: int, rows: list[Any], then: Callable[[], object] | None) -> None:
        if load != self.loads:
            return  # a newer request was made meanwhile; its answer follows
        self.set_rows(rows)
        if then is not None:
            then()

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def cell(self, row: Any, column: int) -> str:
        """The text of one cell; subclasses override."""
        raise NotImplementedError

    def foreground(self, row: Any) -> Any:
        """The text colour of a row: inactive entries are grey."""
        return None if getattr(row, "active", True) else Qt.GlobalColor.gray

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None


def make_table(model: RowsModel) -> QTableView:
    """A row-selecting, read-only table view over ``model``, columns filling the width."""
    view = QTableView()
    show_model(view, model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    return view


def show_model(view: QAbstractItemView, model: RowsModel) -> None:
    """Show ``model`` in ``view``, which owns it unless something else does (freed with the view,
    by Qt on the GUI thread, never by a cycle collection in an op's worker); a model it owned
    before goes."""
    before = view.model()
    if model.parent() is None:
        model.setParent(view)
    view.setModel(model)
    if before is not None and before is not model and before.parent() is view:
        before.deleteLater()


def selected_row(view: QTableView) -> Any:
    """The row object selected in ``view`` (a RowsModel), or None."""
    rows = view.selectionModel().selectedRows()
    return view.model().rows[rows[0].row()] if rows else None


def select_where(view: QTableView, predicate) -> None:
    """Select the first row whose object satisfies ``predicate`` (after a reload)."""
    for number, row in enumerate(view.model().rows):
        if predicate(row):
            view.selectRow(number)
            return
