"""Settings → staff (员工): the employees who can be named responsible for a complaint,
with their department and, if they use the program, their account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio_desk.models import Staff
from studio_desk.services import catalog, users
from ui.forms import button_row, error_label, set_message
from ui.ops import read_op
from ui.session import Session
from ui.settings.writes import WritingDialog
from ui.table_model import RowsModel, make_table, select_where, selected_row


class StaffModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Name"), self.tr("Department"), self.tr("Account"), self.tr("Status")]

    def reload(self, then: Callable[[], object] | None = None) -> None:
        self.load(catalog.list_staff, then)

    def cell(self, row: Staff, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return row.department.name if row.department_id else ""
        if column == 2:
            return row.user.display_name if row.user_id else ""
        return self.tr("Active") if row.active else self.tr("Deactivated")


class StaffDialog(WritingDialog):
    """Add an employee (``staff`` None) or change one."""

    def __init__(self, session: Session, staff: Staff | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.staff = staff
        self.result_staff: Staff | None = None
        self.setWindowTitle(self.tr("New employee") if staff is None else self.tr("Edit employee"))
        self.setMinimumWidth(400)
        self.name = QLineEdit(staff.name if staff else "")
        self.name.setObjectName("name")
        self.department = QComboBox()
        self.department.setObjectName("department_id")
        self.department.addItem(self.tr("(none)"), None)
        self.user = QComboBox()
        self.user.setObjectName("user_id")
        self.user.addItem(self.tr("(does not sign in)"), None)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.errors.wrap("name", self.name))
        form.addRow(self.tr("Department:"), self.errors.wrap("department_id", self.department))
        form.addRow(self.tr("Account:"), self.errors.wrap("user_id", self.user))
        self.active = QCheckBox(self.tr("Still works here"))
        self.active.setChecked(staff.active if staff else True)
        form.addRow("", self.active)
        form.addRow(self.errors.general)
        form.addRow(self.buttons(self.try_accept))
        # The choices are read off the GUI thread; OK waits for them, or a save would drop the
        # employee's department and account.
        read_op(self, lambda: (catalog.list_entries("department"), users.sign_in_choices())).background().disables(
            self.ok_button
        ).success(self._fill_choices).failure(self._choices_failed).run()

    def _choices_failed(self, error: Exception) -> None:
        self.errors.show_failure(error)
        self.ok_button.setEnabled(False)  # without the choices a save would clear them

    def _fill_choices(self, choices: tuple[list[Any], list[Any]]) -> None:
        departments, accounts = choices
        for entry in departments:
            suffix = "" if entry.active else self.tr(" (deactivated)")
            self.department.addItem(entry.name + suffix, entry.id)
        for account in accounts:
            self.user.addItem(f"{account.display_name}（{account.username}）", account.id)
        if self.staff is not None:
            self.department.setCurrentIndex(max(0, self.department.findData(self.staff.department_id)))
            self.user.setCurrentIndex(max(0, self.user.findData(self.staff.user_id)))

    def data(self) -> dict[str, Any]:
        return {"name": self.name.text(), "department_id": self.department.currentData(),
                "user_id": self.user.currentData(), "active": self.active.isChecked()}

    def try_accept(self) -> None:
        me, data = self.session.user, self.data()
        if self.staff is None:
            self.save(lambda: catalog.add_staff(me, data), self._saved_staff)
        else:
            staff_id = self.staff.id
            self.save(lambda: catalog.update_staff(me, staff_id, data), self._saved_staff)

    def _saved_staff(self, staff: Staff) -> None:
        self.result_staff = staff


class StaffSection(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.model = StaffModel()
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.message = error_label()
        buttons = button_row(((self.tr("Add employee…"), self.add), (self.tr("Edit…"), self.edit)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.model.reload()

    def reload(self) -> None:
        self.model.reload()

    def add(self) -> None:
        self._open(StaffDialog(self.session, None, self))

    def edit(self) -> None:
        staff = selected_row(self.table)
        set_message(self.message, "" if staff else self.tr("Please select an employee in the table first."))
        if staff is not None:
            self._open(StaffDialog(self.session, staff, self))

    def _open(self, dialog: StaffDialog) -> None:
        if dialog.saved_when_closed():
            staff_id = dialog.result_staff.id
            self.model.reload(lambda: select_where(self.table, lambda row: row.id == staff_id))
