"""Models of the import wizard: which column is which field (editable), and the preview rows
with their problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studio_desk.exports.register_check import ImportRow
from studio_desk.exports.register_columns import BY_KEY, REGISTER_COLUMNS
from ui.plain import plain_tip
from ui.table_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
PROBLEM = QColor("#B3261E")


class MappingModel(RowsModel):
    """One row per distinct header of the file's sheets, and the register field it fills
    ('' = not imported); the rows are [header, header, field key]."""

    def __init__(self, headers: list[str], mapping: dict[str, str]) -> None:
        super().__init__()
        self.headers = [self.tr("Column in the file"), self.tr("Imported as")]
        self.set_rows([[text, text, mapping.get(text, "")] for text in headers if text])

    def field_label(self, key: str) -> str:
        return BY_KEY[key].header if key else self.tr("(not imported)")

    def cell(self, row: list, column: int) -> str:
        return row[1] if column == 0 else self.field_label(row[2])

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            return self.rows[index.row()][2]
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        key = str(value or "")
        for row in self.rows:  # a field is filled from one column only
            if key and row[2] == key:
                row[2] = ""
        self.rows[index.row()][2] = key
        self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))
        return True

    def mapping(self) -> dict[str, str]:
        """header → field key for every header, '' for the columns left out."""
        return {row[0]: row[2] for row in self.rows}


class FieldDelegate(QStyledItemDelegate):
    """A drop-down of the register's fields for the "Imported as" column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.addItem(index.model().field_label(""), "")
        for column in REGISTER_COLUMNS:
            combo.addItem(column.header, column.key)
        return combo

    def setEditorData(self, editor: QComboBox, index: Index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor: QComboBox, model, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.currentData())


class PreviewModel(RowsModel):
    """Every row read, with 'OK' or its notes; rows with notes in red."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Sheet"), self.tr("Row"), self.tr("Case number"), self.tr("Customer"),
                        self.tr("Problems")]

    def cell(self, row: ImportRow, column: int) -> str:
        values = row.values
        if column == 0:
            return row.sheet
        if column == 1:
            return str(row.row_no)
        if column == 2:
            if row.already:
                return self.tr("(already imported)")
            if row.problems:
                return self.tr("(skipped)")
            return values.get("case_no") or self.tr("(new number)")
        if column == 3:
            return str(values.get("customer_name") or "")
        return "；".join(row.problems + row.warnings) or self.tr("OK")

    def foreground(self, row: ImportRow) -> Any:
        return None if row.ok and not row.warnings else PROBLEM

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return plain_tip("\n".join(self.rows[index.row()].problems + self.rows[index.row()].warnings)) or None
        return super().data(index, role)
