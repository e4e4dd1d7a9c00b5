"""The sign-in dialog: pick your name, type your password.

The core decides (authenticate: wrong password, lockout after five); the dialog shows its
Chinese message under the password field. A --demo database lists its accounts, and
clicking one fills the form.

The list of names and the password check run off the GUI thread (:mod:`ui.ops`): the check
hashes the password with scrypt (slow on purpose) and writes the attempt to the audit log,
which waits behind another desk's write lock. Sign in stays disabled meanwhile, so a second
Enter does not check (and count) the password twice.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from studio_desk import settings
from studio_desk.models import User
from studio_desk.services import users
from studio_desk.vocab import label
from ui.forms import FieldErrors, dialog_buttons
from ui.i18n import vocab_lang
from ui.ops import error_text, read_op, write_op
from ui.plain import plain_label
from ui.prefs import prefs
from ui.session import Session
from ui.style import MUTED_COLOR

USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1


class SignInDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("StudioDesk — sign in"))
        self.setMinimumWidth(420)
        self.errors = FieldErrors()

        self.studio = studio = plain_label(self.tr("StudioDesk"))  # the studio's name once read
        studio.setObjectName("studio_name")
        font = studio.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        studio.setFont(font)
        subtitle = QLabel(self.tr("Complaint desk — please sign in"))
        subtitle.setStyleSheet(f"color: {MUTED_COLOR};")

        self.model = QStandardItemModel(self)
        self.users = QListView()
        self.users.setModel(self.model)
        self.users.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.users.setMinimumHeight(150)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))

        form = QFormLayout()
        form.addRow(self.tr("Who are you?"), self.errors.wrap("username", self.users))
        form.addRow(self.tr("Password:"), self.errors.wrap("password", self.password))

        buttons, self.sign_in_button = dialog_buttons(self, self.try_sign_in, self.tr("Sign in"), self.tr("Quit"))
        self.checking = False  # a password check is running

        layout = QVBoxLayout(self)
        layout.addWidget(studio)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        if session.demo_accounts:
            layout.addWidget(self._demo_box())
        layout.addWidget(buttons)
        self._load_users()
        self.users.clicked.connect(lambda _index: self.password.setFocus())
        self.password.setFocus()

    def _load_users(self) -> None:
        """The studio's name and the active users, read off the GUI thread; Sign in waits for them."""
        read_op(self, lambda: (settings.get("studio_name"), users.sign_in_choices())).background().disables(
            self.sign_in_button
        ).success(self._show_users).failure(lambda error: self.errors.set("username", error_text(error))).run()

    def _show_users(self, loaded: tuple[str, list[User]]) -> None:
        studio_name, choices = loaded
        if studio_name:
            self.studio.setText(studio_name)
        self.model.clear()
        last = prefs().value("signin/last_user", "")
        for user in choices:
            item = QStandardItem(f"{user.display_name}（{label('role', user.role, vocab_lang())}）")
            item.setData(user.username, USERNAME_ROLE)
            self.model.appendRow(item)
            if user.username == last:
                self.users.setCurrentIndex(item.index())
        if not self.users.currentIndex().isValid() and self.model.rowCount():
            self.users.setCurrentIndex(self.model.index(0, 0))

    def _demo_box(self) -> QLabel:
        links = "<br>".join(
            f'<a href="{escape(name)}">{escape(name)}</a> / {escape(password)}（{escape(role)}）'
            for name, password, role in self.session.demo_accounts
        )
        box = QLabel(self.tr("Demo accounts (click to fill in):") + "<br>" + links)
        box.setObjectName("demo_accounts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.linkActivated.connect(self.fill_demo_account)
        box.setStyleSheet("background: #fff8e1; border: 1px solid #f0d890; padding: 6px;")
        return box

    def fill_demo_account(self, username: str) -> None:
        for name, password, _role in self.session.demo_accounts:
            if name == username:
                self.select_user(username)
                self.password.setText(password)
                self.sign_in_button.setFocus()

    def select_user(self, username: str) -> bool:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(USERNAME_ROLE) == username:
                self.users.setCurrentIndex(index)
                return True
        return False

    def selected_username(self) -> str:
        index = self.users.currentIndex()
        return index.data(USERNAME_ROLE) if index.isValid() else ""

    def try_sign_in(self) -> None:
        if self.checking:
            return  # the first Enter's check is still running
        self.errors.clear()
        username = self.selected_username()
        if not username:
            self.errors.set("username", self.tr("Please choose your name in the list."))
            return
        password = self.password.text()
        self.checking = True
        op = write_op(self, None, lambda: users.authenticate(username, password))
        op.with_progress(self.tr("Signing in…")).disables(self.sign_in_button)
        op.success(lambda user: self._signed_in(username, user)).failure(self._refused).ended(self._checked).run()

    def _checked(self) -> None:
        self.checking = False

    def _refused(self, error: Exception) -> None:
        """Wrong password, locked account, or the database out of reach: said at the field."""
        self.errors.set("password", error_text(error))
        self.password.selectAll()
        self.password.setFocus()

    def _signed_in(self, username: str, user: User) -> None:
        prefs().setValue("signin/last_user", username)
        self.password.clear()
        self.session.sign_in(user)
        self.accept()
