"""First-run setup on an empty database: the studio's details for printed sheets and the
manager's account. The core validates (first_run_setup); messages appear next to fields.
Setup and the manager's first sign-in run off the GUI thread (a password hash, several writes),
with Finish disabled meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio_desk.models import User
from studio_desk.services import users
from ui.forms import FieldErrors, dialog_buttons
from ui.ops import write_op
from ui.session import Session
from ui.style import MUTED_COLOR


class SetupDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("StudioDesk — first-time setup"))
        self.setMinimumWidth(520)
        self.errors = FieldErrors()
        self.fields: dict[str, QLineEdit] = {}

        intro = QLabel(self.tr("Welcome! Enter your studio's details and the store manager's account. "
                               "The address and phone number are printed on the customer's receipt."))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED_COLOR};")

        studio = QGroupBox(self.tr("Studio"))
        studio_form = QFormLayout(studio)
        self._add(studio_form, "studio_name", self.tr("Studio name:"), self.tr("e.g. 花嫁婚纱摄影"))
        self._add(studio_form, "studio_address", self.tr("Address:"))
        self._add(studio_form, "studio_phone", self.tr("Phone:"), self.tr("e.g. 021-62345678"))

        manager = QGroupBox(self.tr("Store manager's account"))
        manager_form = QFormLayout(manager)
        self._add(manager_form, "display_name", self.tr("Name:"), self.tr("e.g. 王店长"))
        self._add(manager_form, "username", self.tr("Login name:"), self.tr("e.g. manager"))
        self._add(manager_form, "password", self.tr("Password:"), self.tr("at least 6 characters"), secret=True)
        self._add(manager_form, "confirm", self.tr("Password again:"), secret=True)

        buttons, self.finish_button = dialog_buttons(self, self.try_finish, self.tr("Finish setup"), self.tr("Quit"))
        self.finishing = False  # setup is running

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(studio)
        layout.addWidget(manager)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.fields["studio_name"].setFocus()

    def _add(self, form: QFormLayout, name: str, text: str, hint: str = "", *, secret: bool = False) -> None:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields[name] = edit
        form.addRow(text, self.errors.wrap(name, edit))

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def try_finish(self) -> None:
        """Create the studio and the manager, then sign the manager in."""
        if self.finishing:
            return  # the first click's setup is still running
        self.errors.clear()
        data = self.values()
        if data["password"] != data["confirm"]:
            self.errors.set("confirm", self.tr("The two passwords are not the same."))
            self.fields["confirm"].setFocus()
            return
        studio = {key: data[key] for key in ("studio_name", "studio_address", "studio_phone")}
        manager = {key: data[key] for key in ("username", "display_name", "password")}

        def work() -> User:
            user = users.first_run_setup(studio, manager)
            return users.authenticate(user.username, data["password"])

        self.finishing = True
        op = write_op(self, None, work).with_progress(self.tr("Setting up the studio…")).disables(self.finish_button)
        op.success(self._finished).failure(self.errors.show_failure).ended(self._ended).run()

    def _ended(self) -> None:
        self.finishing = False

    def _finished(self, user: User) -> None:
        self.session.sign_in(user)
        self.accept()
