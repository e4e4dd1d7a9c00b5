"""The value mapping page's model (值对应): one row per distinct word of a choice column, with
its count and the value it becomes, changed through a drop-down; a category or department the
studio does not have yet can be created from here (it is made by the import)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studio_desk.exports.register_columns import BY_KEY
from studio_desk.importing.words import NAME_FIELDS, NEW_PREFIX, Proposal, label_of, options
from ui.table_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
UNSURE = QColor("#8A5A00")


class ValuesModel(RowsModel):
    """Rows are :class:`~studio_desk.importing.words.Proposal`; column 3 is editable."""

    def __init__(self, proposals: list[Proposal], names: dict[str, list[str]]) -> None:
        super().__init__()
        self.names = names
        self.headers = [self.tr("Column"), self.tr("Word in the file"), self.tr("Rows"), self.tr("Imported as")]
        self.set_rows(proposals)

    def cell(self, row: Proposal, column: int) -> str:
        if column == 0:
            return BY_KEY[row.field].header
        if column == 1:
            return row.word
        if column == 2:
            return str(row.count)
        return label_of(row.field, row.value)

    def foreground(self, row: Proposal) -> Any:
        return UNSURE if row.how in ("close", "none") else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 3 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            return self.rows[index.row()].value
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() != 3 or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        row.value, row.how = str(value or ""), "chosen"
        self.dataChanged.emit(index.siblingAtColumn(0), index)
        return True

    def choices(self, row: Proposal) -> list[tuple[str, str]]:
        """(value, text) for the drop-down: '' first, our values, and 新建 for a name list."""
        out = [("", label_of(row.field, ""))] + options(row.field, self.names)
        if row.field in NAME_FIELDS and row.word not in self.names.get(row.field, []):
            out.append((NEW_PREFIX + row.word, label_of(row.field, NEW_PREFIX + row.word)))
        return out

    def chosen(self) -> dict[str, dict[str, str]]:
        table: dict[str, dict[str, str]] = {}
        for row in self.rows:
            table.setdefault(row.field, {})[row.word] = row.value
        return table


class ValueDelegate(QStyledItemDelegate):
    """The drop-down of the "Imported as" column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for value, text in index.model().choices(index.model().rows[index.row()]):
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QComboBox, index: Index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor: QComboBox, model, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.currentData())
