"""Compensation lines of a remedy (补偿明细): kind, what exactly, amount in 元 — a small
editable table; the core checks the amounts and adds them up."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_desk.validation import parse_money
from ui.case.inputs import CodeCombo, vocab_items, vocab_label

KIND, DESCRIPTION, AMOUNT = range(3)
CODE_ROLE = Qt.ItemDataRole.UserRole


class KindDelegate(QStyledItemDelegate):
    """Edits the kind column with a combo of the remedy types; stores the code."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        return CodeCombo(vocab_items("remedy_type"), parent=parent)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        editor.set_value(index.data(CODE_ROLE))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        code = editor.value()
        model.setData(index, code, CODE_ROLE)
        model.setData(index, vocab_label("remedy_type", code), Qt.ItemDataRole.DisplayRole)


class LinesEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("What exactly"), self.tr("Amount (yuan)")])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(KIND, KindDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setMaximumHeight(130)
        self.view.setTabKeyNavigation(False)
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.total = QLabel()
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.dataChanged.connect(self._update_total)
        self.model.rowsRemoved.connect(self._update_total)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self._update_total()

    def add_line(self, kind: str = "discount", description: str = "", amount: Any = "") -> None:
        kind_item = QStandardItem(vocab_label("remedy_type", kind))
        kind_item.setData(kind, CODE_ROLE)
        self.model.appendRow([kind_item, QStandardItem(description), QStandardItem(str(amount))])
        self._update_total()

    def remove_selected(self) -> None:
        for index in sorted(self.view.selectionModel().selectedRows(), key=lambda i: -i.row()):
            self.model.removeRow(index.row())

    def lines(self) -> list[dict[str, Any]]:
        """As the core takes them; the amount is the typed text (the core parses and checks it)."""
        return [{"kind": self.model.item(row, KIND).data(CODE_ROLE),
                 "description": self.model.item(row, DESCRIPTION).text(),
                 "amount": self.model.item(row, AMOUNT).text()} for row in range(self.model.rowCount())]

    def set_lines(self, lines: list[dict[str, Any]] | None) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for line in lines or []:
            self.add_line(line.get("kind") or "other", line.get("description") or "", line.get("amount") or "")

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - same name as Qt's editors
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                  else QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def _update_total(self) -> None:
        total = Decimal("0")
        for line in self.lines():
            try:
                total += parse_money(line["amount"])
            except ValueError:
                self.total.setText(self.tr("Total: ?"))
                return
        self.total.setText(self.tr("Total: %1 yuan").replace("%1", f"{total:,.2f}"))
