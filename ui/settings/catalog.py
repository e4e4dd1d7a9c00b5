"""Settings → departments or complaint categories (部门 / 投诉类别): add, rename (edit in
the table), deactivate or re-activate, and reorder. Entries are never deleted, because
old cases still point at them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from studio_desk.services import catalog
from ui.forms import FieldErrors, button_row, set_message
from ui.ops import error_text
from ui.session import Session
from ui.settings.writes import Writes
from ui.table_model import Index, RowsModel, make_table, select_where, selected_row


class CatalogModel(RowsModel):
    """Name (editable: renames through the core, off the GUI thread) and status of each entry."""

    problem = Signal(str)

    def __init__(self, session: Session, kind: str, writes: Writes) -> None:
        super().__init__()
        self.headers = [self.tr("Name"), self.tr("Status")]
        self.session = session
        self.kind = kind
        self.writes = writes  # the section's: a rename waits for its other changes

    def reload(self, then: Callable[[], object] | None = None) -> None:
        kind = self.kind
        self.load(lambda: catalog.list_entries(kind), then)

    def cell(self, row: Any, column: int) -> str:
        return row.name if column == 0 else (self.tr("In use") if row.active else self.tr("Deactivated"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 0 else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != 0 or self.writes.running:
            return False
        user, kind, entry_id = self.session.user, self.kind, self.rows[index.row()].id
        # The old name stays shown until the core has agreed to the new one.
        self.writes.run(
            self.parent(),
            lambda: catalog.rename_entry(user, kind, entry_id, value),
            self._renamed,
            lambda error: self.problem.emit(error_text(error)),
        )
        return True

    def _renamed(self, entry: Any) -> None:
        for number, row in enumerate(self.rows):
            if row.id == entry.id:
                self.rows[number] = entry
                self.dataChanged.emit(self.index(number, 0), self.index(number, 0))
        self.problem.emit("")


class CatalogSection(QWidget):
    def __init__(self, session: Session, kind: str) -> None:
        super().__init__()
        self.session = session
        self.kind = kind
        self.writes = Writes(session)
        self.model = CatalogModel(session, kind, self.writes)
        self.table = make_table(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.errors = FieldErrors()
        self.model.problem.connect(lambda message: set_message(self.errors.general, message))

        self.new_name = QLineEdit()
        self.new_name.setObjectName(f"new_{kind}")
        self.new_name.setPlaceholderText(self.tr("New name"))
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.writes.buttons.append(self.add_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.errors.wrap("name", self.new_name), 1)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)

        buttons = button_row((
            (self.tr("Rename"), self.rename),
            (self.tr("Activate / deactivate"), self.toggle_active),
            (self.tr("Move up"), lambda: self.move(-1)),
            (self.tr("Move down"), lambda: self.move(1)),
        ))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(add_row)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.errors.general)
        self.writes.buttons += [buttons.itemAt(i).widget() for i in range(1, buttons.count() - 1)]  # not Rename
        self.model.reload()

    def _selected(self) -> Any:
        entry = selected_row(self.table)
        set_message(self.errors.general, "" if entry else self.tr("Please select an entry in the list first."))
        return entry

    def _done(self, entry_id: int) -> None:
        self.model.reload(lambda: select_where(self.table, lambda row: row.id == entry_id))

    def _refused(self, error: Exception) -> None:
        set_message(self.errors.general, error_text(error))

    def add(self) -> None:
        if self.writes.running:
            return  # the first click's entry is still being added
        self.errors.clear()
        user, kind, name = self.session.user, self.kind, self.new_name.text()
        self.writes.run(self, lambda: catalog.add_entry(user, kind, name), self._added, self.errors.show_failure)

    def _added(self, entry: Any) -> None:
        self.new_name.clear()
        self._done(entry.id)

    def rename(self) -> None:
        if self._selected() is not None:
            self.table.edit(self.table.selectionModel().selectedRows()[0])

    def toggle_active(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        user, kind, entry_id, active = self.session.user, self.kind, entry.id, not entry.active
        self.writes.run(
            self,
            lambda: catalog.set_entry_active(user, kind, entry_id, active),
            lambda _entry: self._done(entry_id),
            self._refused,
        )

    def move(self, step: int) -> None:
        entry = self._selected()
        if entry is None:
            return
        ids = [row.id for row in self.model.rows]
        position = ids.index(entry.id)
        target = position + step
        if not 0 <= target < len(ids):
            return
        ids[position], ids[target] = ids[target], ids[position]
        user, kind, entry_id = self.session.user, self.kind, entry.id
        self.writes.run(
            self,
            lambda: catalog.reorder_entries(user, kind, ids),
            lambda _result: self._done(entry_id),
            self._failed_move,
        )

    def _failed_move(self, error: Exception) -> None:
        self._refused(error)
        self.model.reload()  # someone else changed the order meanwhile
