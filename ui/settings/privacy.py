"""Settings → customers' personal data (个人信息, PIPL; 店长+).

- Retention (art. 19): the years kept after the last case closed, the customers now due, and the
  manager's confirmation that anonymises them.
- One customer (found by phone, WeChat or name): 个人信息副本 as a PDF (art. 45), or 删除顾客个人信息
  (art. 47) after a confirmation that says older backups keep the data until they rotate out.

The work runs off the GUI thread as ops (:func:`ui.ops.progress_op`), its button disabled meanwhile;
the core checks the role on every call.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_desk.errors import DomainError
from studio_desk.services import privacy
from studio_desk.validation import mask_phone
from ui.forms import error_label, set_message
from ui.ops import progress_op
from ui.plain import Button, ask, inform, plain_label
from ui.session import Session
from ui.settings.fields import SettingsForm
from ui.style import MUTED_COLOR
from ui.table_model import RowsModel, make_table, selected_row


class CustomersModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Name"), self.tr("Phone"), self.tr("Cases"), self.tr("Last closed")]

    def cell(self, row: privacy.CustomerCases, column: int) -> str:
        closed = row.last_closed_at.strftime("%Y-%m-%d") if row.last_closed_at else ""
        return (row.name, mask_phone(row.phone) or row.wechat, "、".join(row.case_nos), closed)[column]


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    return ask(parent, title, text, Button.Yes | Button.Cancel, Button.Cancel) == Button.Yes


class PrivacySection(QWidget):
    due_changed = Signal(int)  # how many customers are due for anonymisation

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        layout.addWidget(self._retention_box())
        layout.addWidget(self._customer_box(), 1)
        self.message = error_label()
        layout.addWidget(self.message)
        self.reload_due()

    def _retention_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Retention"))
        column = QVBoxLayout(box)
        self.retention = SettingsForm(self.session, [(self.tr("Keep personal data"), ("retention_years",))])
        self.retention.saved.connect(lambda _stored: self.reload_due())
        column.addWidget(self.retention)
        self.due_note = plain_label()
        self.due_note.setWordWrap(True)
        self.due_model = CustomersModel()
        self.due_table = make_table(self.due_model)
        self.anonymise_button = QPushButton(self.tr("Anonymise the customers due…"))
        self.anonymise_button.clicked.connect(self.anonymise_due)
        column.addWidget(self.due_note)
        column.addWidget(self.due_table)
        column.addWidget(self.anonymise_button)
        return box

    def _customer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("One customer"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Phone, WeChat or full name"))
        self.query.returnPressed.connect(self.find)
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(self.find)
        row.addWidget(self.query, 1)
        row.addWidget(find)
        column.addLayout(row)
        self.found_model = CustomersModel()
        self.found_table = make_table(self.found_model)
        column.addWidget(self.found_table)
        self.with_attachments = QCheckBox(self.tr("Also delete the customer's attachments (photos, scans)"))
        self.copy_button = QPushButton(self.tr("Personal-data copy (PDF)…"))
        self.copy_button.clicked.connect(self.export_copy)
        self.erase_button = QPushButton(self.tr("Erase personal data…"))
        self.erase_button.clicked.connect(self.erase)
        actions = QHBoxLayout()
        for widget in (self.copy_button, self.erase_button, self.with_attachments):
            actions.addWidget(widget)
        actions.addStretch(1)
        column.addLayout(actions)
        hint = plain_label(
            self.tr(
                "Erasing keeps every case and its figures; the customer's name, phone and "
                "WeChat are blanked wherever they were written."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        column.addWidget(hint)
        return box

    def _run(self, title: str, button: QPushButton, fn, done, *, write: bool = False) -> None:
        """``fn`` off the GUI thread, ``button`` disabled meanwhile; ``done`` with its result."""
        set_message(self.message, "")
        session = self.session if write else None
        progress_op(self, fn, write=write, session=session).with_progress(title).disables(button).success(done).run()

    def reload_due(self) -> None:
        try:
            due = privacy.retention_due(self.session.user)
        except DomainError as error:
            set_message(self.message, error.message)
            due = []
        self.due_model.set_rows(due)
        self.due_note.setText(
            self.tr("%1 customers' last case closed longer ago than the retention period.").replace("%1", str(len(due)))
        )
        self.anonymise_button.setEnabled(bool(due))
        self.due_changed.emit(len(due))

    def anonymise_due(self) -> None:
        ids = [row.customer_id for row in self.due_model.rows]
        if not ids or not _confirm(
            self,
            self.tr("Anonymise personal data"),
            self.tr(
                "Anonymise the personal data of %1 customers (name, phone, WeChat and attachments)? Their cases "
                "and statistics stay. Backups made before now keep the data until they rotate out."
            ).replace("%1", str(len(ids))),
        ):
            return
        user = self.session.user
        self._run(
            self.tr("Anonymise personal data"),
            self.anonymise_button,
            lambda p: privacy.anonymise_due(user, ids, progress=p),
            lambda _result: self.reload_due(),
            write=True,
        )

    def find(self) -> None:
        try:
            self.found_model.set_rows(privacy.find_customers(self.session.user, self.query.text()))
        except DomainError as error:
            set_message(self.message, error.message)
            return
        if self.found_model.rows:
            self.found_table.selectRow(0)
        else:
            set_message(self.message, self.tr("No customer with this phone, WeChat or name."))

    def _chosen(self) -> privacy.CustomerCases | None:
        row = selected_row(self.found_table)
        if row is None:
            set_message(self.message, self.tr("Find and select a customer first."))
        return row

    def export_copy(self) -> None:
        row = self._chosen()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Personal-data copy"), "个人信息副本.pdf", "PDF (*.pdf)")
        if not path:
            return
        from studio_desk.exports.customer_copy import write_customer_copy

        user = self.session.user
        self._run(
            self.tr("Personal-data copy"),
            self.copy_button,
            lambda p: write_customer_copy(user, row.customer_id, path, p),
            lambda _path: inform(self, self.tr("Personal-data copy"), self.tr("Saved to %1").replace("%1", path)),
        )

    def erase(self) -> None:
        row = self._chosen()
        if row is None:
            return
        attachments = self.with_attachments.isChecked()
        text = self.tr(
            "Erase the personal data of %1 (%2 cases: %3)? Name, phone and WeChat are blanked "
            "everywhere%4; the cases and the statistics stay. This cannot be undone.\n\nBackups made "
            "before now still hold the data until they rotate out (up to a year for monthly backups)."
        )
        text = (
            text.replace("%1", row.name)
            .replace("%2", str(len(row.case_nos)))
            .replace("%3", "、".join(row.case_nos))
            .replace("%4", self.tr(", and the attachments deleted") if attachments else "")
        )
        if not _confirm(self, self.tr("Erase personal data"), text):
            return
        user = self.session.user
        self._run(
            self.tr("Erase personal data"),
            self.erase_button,
            lambda p: privacy.erase_customer(user, row.customer_id, attachments=attachments, progress=p),
            lambda _result: self._erased(row),
            write=True,
        )

    def _erased(self, row: privacy.CustomerCases) -> None:
        self.found_model.set_rows([])
        inform(self, self.tr("Erase personal data"), self.tr("Erased: %1.").replace("%1", "、".join(row.case_nos)))
