"""Settings → users (用户): every account in a table, with add, edit (name, role, active),
activate/deactivate and password reset."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from studio_desk import clock
from studio_desk.models import User
from studio_desk.services import admin, users
from studio_desk.vocab import label
from ui.forms import button_row, error_label, set_message
from ui.i18n import vocab_lang
from ui.ops import error_text
from ui.session import Session
from ui.settings.user_dialogs import PasswordDialog, UserDialog
from ui.settings.writes import Writes
from ui.table_model import RowsModel, make_table, select_where, selected_row


class UsersModel(RowsModel):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.headers = [self.tr("Login name"), self.tr("Name"), self.tr("Role"), self.tr("Status")]
        self.session = session

    def reload(self, then: Callable[[], object] | None = None) -> None:
        user = self.session.user
        self.load(lambda: admin.list_users(user), then)

    def cell(self, row: User, column: int) -> str:
        return (row.username, row.display_name, label("role", row.role, vocab_lang()), self._status(row))[column]

    def _status(self, user: User) -> str:
        if not user.active:
            return self.tr("Deactivated")
        if user.locked_until and user.locked_until > clock.now():
            return self.tr("Locked until %1").replace("%1", user.locked_until.strftime("%H:%M"))
        return self.tr("Active")


class UsersSection(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.model = UsersModel(session)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.message = error_label()
        buttons = button_row(((self.tr("Add user…"), self.add_user), (self.tr("Edit…"), self.edit_user),
                              (self.tr("Activate / deactivate"), self.toggle_active),
                              (self.tr("Reset password…"), self.reset_password)))
        self.writes = Writes(session, buttons.itemAt(2).widget())  # Activate / deactivate
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.model.reload()

    def select_username(self, username: str) -> None:
        select_where(self.table, lambda user: user.username == username)

    def _need_selection(self) -> User | None:
        user = selected_row(self.table)
        set_message(self.message, "" if user else self.tr("Please select a user in the table first."))
        return user

    def add_user(self) -> None:
        if UserDialog(self.session, None, self).saved_when_closed():
            self.model.reload()

    def edit_user(self) -> None:
        user = self._need_selection()
        if user and UserDialog(self.session, user, self).saved_when_closed():
            self._reload_selecting(user.username)

    def toggle_active(self) -> None:
        user = self._need_selection()
        if user is None:
            return
        me, user_id, username, change = self.session.user, user.id, user.username, {"active": not user.active}
        self.writes.run(
            self,
            lambda: users.update_user(me, user_id, change),
            lambda _user: self._reload_selecting(username),
            lambda error: set_message(self.message, error_text(error)),
        )

    def reset_password(self) -> None:
        user = self._need_selection()
        if user and PasswordDialog(self.session, user, self).saved_when_closed():
            self._reload_selecting(user.username)

    def _reload_selecting(self, username: str) -> None:
        self.model.reload(lambda: self.select_username(username))
