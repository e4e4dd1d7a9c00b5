"""Dialogs of the users section: add or edit an account, reset a password.
The core (services.users) checks rights and validates; messages appear next to fields."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from studio_desk.models import User
from studio_desk.services import users
from studio_desk.vocab import ROLES
from ui.i18n import vocab_lang
from ui.session import Session
from ui.settings.writes import WritingDialog


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class UserDialog(WritingDialog):
    """A new account (``user`` None) or the name, role and active flag of an existing one."""

    def __init__(self, session: Session, user: User | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.user = user
        self.result_user: User | None = None
        self.setWindowTitle(self.tr("New user") if user is None else self.tr("Edit user"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.username = QLineEdit(user.username if user else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(user is not None)
        self.display_name = QLineEdit(user.display_name if user else "")
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        lang = vocab_lang()
        for choice in ROLES:
            self.role.addItem(choice.zh if lang == "zh" else choice.en, choice.code)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role if user else "receptionist")))
        form.addRow(self.tr("Login name:"), self.errors.wrap("username", self.username))
        form.addRow(self.tr("Name:"), self.errors.wrap("display_name", self.display_name))
        form.addRow(self.tr("Role:"), self.errors.wrap("role", self.role))
        if user is None:
            self.password = _password_edit("password")
            form.addRow(self.tr("Password:"), self.errors.wrap("password", self.password))
        else:
            self.active = QCheckBox(self.tr("Account active (can sign in)"))
            self.active.setObjectName("active")
            self.active.setChecked(user.active)
            form.addRow("", self.errors.wrap("active", self.active))
        form.addRow(self.errors.general)
        form.addRow(self.buttons(self.try_accept))

    def try_accept(self) -> None:
        data = {"display_name": self.display_name.text(), "role": self.role.currentData()}
        me = self.session.user
        if self.user is None:
            data.update(username=self.username.text(), password=self.password.text())
            self.save(lambda: users.create_user(me, data), self._saved_user)
        else:
            data["active"] = self.active.isChecked()
            user_id = self.user.id
            self.save(lambda: users.update_user(me, user_id, data), self._saved_user)

    def _saved_user(self, user: User) -> None:
        self.result_user = user


class PasswordDialog(WritingDialog):
    """The manager sets a new password for a user (also clears a lockout)."""

    def __init__(self, session: Session, user: User, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.user = user
        self.setWindowTitle(self.tr("Reset password of %1").replace("%1", user.display_name))
        form = QFormLayout(self)
        self.password = _password_edit("password")
        self.confirm = _password_edit("confirm")
        form.addRow(self.tr("New password:"), self.errors.wrap("password", self.password))
        form.addRow(self.tr("Password again:"), self.errors.wrap("confirm", self.confirm))
        form.addRow(self.errors.general)
        form.addRow(self.buttons(self.try_accept))

    def try_accept(self) -> None:
        self.errors.clear()
        if self.password.text() != self.confirm.text():
            self.errors.set("confirm", self.tr("The two passwords are not the same."))
            return
        me, user_id, password = self.session.user, self.user.id, self.password.text()
        self.save(lambda: users.reset_password(me, user_id, password))
