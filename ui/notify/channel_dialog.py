"""Add or edit a notification channel (设置 → 通知). Secrets are typed, never shown: on an edit
their fields stay empty, and left empty they keep what was saved. The core checks and saves,
off the GUI thread (OK disabled meanwhile); its messages appear next to the fields."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from studio_desk.notify import channels
from studio_desk.notify.channels import ChannelView
from studio_desk.notify.events import ALL_EVENTS
from ui.forms import FieldErrors, dialog_buttons
from ui.notify.labels import event_names, kind_names
from ui.ops import write_op
from ui.session import Session


def _secret_edit(name: str, editing: bool, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder if editing else "")
    return edit


class ChannelDialog(QDialog):
    """A new channel (``channel`` None) or the settings of an existing one."""

    def __init__(self, session: Session, channel: ChannelView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.channel = channel
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("New notification channel") if channel is None else self.tr("Edit channel"))
        self.setMinimumWidth(520)
        editing = channel is not None
        keep = self.tr("Saved — leave empty to keep it")
        config = channel.config if channel else {}
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code, name in kind_names().items():
            self.kind.addItem(name, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(channel.kind if channel else "wecom")))
        self.kind.setEnabled(not editing)
        self.name = QLineEdit(channel.name if channel else "")
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. Managers' group"))
        self.url = _secret_edit("url", editing, keep)
        self.url.setEchoMode(QLineEdit.EchoMode.Normal)  # a URL is pasted and checked by eye; not shown again
        self.secret = _secret_edit("secret", editing, keep)
        self.smtp = QLineEdit(f"{config['host']}:{config['port']}" if config.get("host") else "")
        self.smtp.setObjectName("smtp")
        self.smtp.setPlaceholderText("smtp.qq.com:465")
        self.security = QComboBox()
        self.security.setObjectName("security")
        self.security.addItem("SSL", "ssl")
        self.security.addItem("STARTTLS", "starttls")
        self.security.setCurrentIndex(max(0, self.security.findData(config.get("security", "ssl"))))
        self.user = QLineEdit(config.get("user", ""))
        self.user.setObjectName("user")
        self.password = _secret_edit("password", editing, keep)
        self.to = QLineEdit(config.get("to", ""))
        self.to.setObjectName("to")
        self.to.setPlaceholderText(self.tr("Addresses, separated by commas"))
        self.events: dict[str, QCheckBox] = {}
        events_box = QWidget()
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 0, 0, 0)
        for code, text in event_names().items():
            box = QCheckBox(text)
            box.setObjectName(f"event_{code}")
            box.setChecked(code in (channel.events if channel else ALL_EVENTS))
            self.events[code] = box
            events_layout.addWidget(box)
        self.active = QCheckBox(self.tr("Send to this channel"))
        self.active.setObjectName("active")
        self.active.setChecked(channel.active if channel else True)

        form = QFormLayout(self)
        form.addRow(self.tr("Type:"), self.errors.wrap("kind", self.kind))
        form.addRow(self.tr("Name:"), self.errors.wrap("name", self.name))
        self.rows = {
            "url": (self.tr("Webhook address:"), self.errors.wrap("url", self.url)),
            "secret": (self.tr("Signing secret:"), self.errors.wrap("secret", self.secret)),
            "smtp": (self.tr("Mail server (host:port):"), self.errors.wrap("smtp", self.smtp)),
            "security": (self.tr("Encryption:"), self.errors.wrap("security", self.security)),
            "user": (self.tr("Mailbox:"), self.errors.wrap("user", self.user)),
            "password": (self.tr("Authorisation code:"), self.errors.wrap("password", self.password)),
            "to": (self.tr("Send to:"), self.errors.wrap("to", self.to)),
        }
        for text, widget in self.rows.values():
            form.addRow(text, widget)
        form.addRow(self.tr("Events:"), self.errors.wrap("events", events_box))
        form.addRow("", self.active)
        form.addRow(self.errors.general)
        buttons, self.ok_button = dialog_buttons(self, self.try_accept)
        form.addRow(buttons)
        self.saving = False  # the channel is being saved
        self.form = form
        self.kind.currentIndexChanged.connect(self._show_fields)
        self._show_fields()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        shown = (
            {"url", "secret"}
            if kind in ("dingtalk", "feishu")
            else {"url"}
            if kind == "wecom"
            else {"smtp", "security", "user", "password", "to"}
        )
        for field, (_text, widget) in self.rows.items():
            self.form.setRowVisible(widget, field in shown)

    def data(self) -> dict:
        kind = self.kind.currentData()
        data: dict = {
            "kind": kind,
            "name": self.name.text(),
            "active": self.active.isChecked(),
            "events": [code for code, box in self.events.items() if box.isChecked()],
        }
        if kind == "email":
            data.update(
                smtp=self.smtp.text(),
                security=self.security.currentData(),
                user=self.user.text(),
                password=self.password.text(),
                to=self.to.text(),
            )
        else:
            data.update(url=self.url.text().strip(), secret=self.secret.text().strip())
        return data

    def try_accept(self) -> None:
        if self.saving:
            return  # the first click's save is still running
        self.errors.clear()
        user, channel_id, data = self.session.user, self.channel.id if self.channel else None, self.data()
        self.saving = True
        op = write_op(self, self.session, lambda: channels.save_channel(user, channel_id, data))
        op.disables(self.ok_button).success(lambda _channel: self.accept()).failure(self.errors.show_failure).ended(
            self._saved
        ).run()

    def _saved(self) -> None:
        self.saving = False

    def reject(self) -> None:
        """Not while the channel is being saved (Esc, Cancel): the section reads the tables again
        when the save is answered here."""
        if not self.saving:
            super().reject()
