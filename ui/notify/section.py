"""Settings → 通知 (店长+): the channels in a table, with add, edit, remove, 发送测试消息 (on a
worker thread: a robot that does not answer must not freeze the desk) and 重发 of messages
that failed or whose delivery is unknown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from studio_desk.errors import DomainError
from studio_desk.notify.channels import ChannelView, list_channels, remove_channel, resend_undelivered
from studio_desk.notify.outbox import Outcome, undelivered_count
from studio_desk.notify.sender import send_test
from ui.forms import button_row, error_label, set_message
from ui.notify.channel_dialog import ChannelDialog
from ui.notify.labels import event_names, kind_names
from ui.notify.messages import MessagesModel
from ui.ops import error_text, read_op
from ui.plain import ask, plain_label
from ui.session import Session
from ui.table_model import RowsModel, make_table, select_where, selected_row


class ChannelsModel(RowsModel):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.headers = [self.tr("Name"), self.tr("Type"), self.tr("Sends to"), self.tr("Events")]
        self.session = session

    def reload(self) -> None:
        self.set_rows(list_channels(self.session.user))

    def cell(self, row: ChannelView, column: int) -> str:
        if column == 3:
            names = event_names()
            return "、".join(names[e] for e in row.events) if row.events else self.tr("None")
        name = row.name if row.active else self.tr("%1 (paused)").replace("%1", row.name)
        return (name, kind_names()[row.kind], row.target)[column]


class NotifySection(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.model = ChannelsModel(session)
        self.table = make_table(self.model)
        self.table.setObjectName("channels")
        self.table.doubleClicked.connect(lambda _index: self.edit_channel())
        self.intro = QLabel(
            self.tr(
                "Major complaints, overdue cases, approvals above your limit, unsatisfied follow-ups and the daily "
                "summary reach you in a WeCom, DingTalk or Feishu group, or by e-mail. Customers appear masked "
                "(王**, 138****5678). A new channel receives every event until you untick some."
            )
        )
        self.intro.setWordWrap(True)
        self.message = error_label()
        self.message.setObjectName("notify_message")
        self.status = plain_label()
        self.status.setObjectName("notify_status")
        self.messages = MessagesModel()
        self.messages_table = make_table(self.messages)
        self.messages_table.setObjectName("messages")
        self.test_running = False
        buttons = button_row(
            (
                (self.tr("Add channel…"), self.add_channel),
                (self.tr("Edit…"), self.edit_channel),
                (self.tr("Remove"), self.remove_channel),
                (self.tr("Send a test message"), self.send_test),
                (self.tr("Resend undelivered"), self.resend),
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Latest messages")))
        layout.addWidget(self.messages_table, 2)
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.messages.reload({c.id: c.name for c in self.model.rows})
        count = undelivered_count()
        self.status.setText(
            self.tr("Messages not yet delivered: %1").replace("%1", str(count))
            if count
            else self.tr("Every message has been delivered.")
        )

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Coming back to the section shows what the desk's sender did meanwhile."""
        super().showEvent(event)
        self.reload()

    def _need_selection(self) -> ChannelView | None:
        channel = selected_row(self.table)
        set_message(self.message, "" if channel else self.tr("Please select a channel in the table first."))
        return channel

    def _reselect(self, channel_id: int) -> None:
        select_where(self.table, lambda c: c.id == channel_id)

    def _edit(self, channel: ChannelView | None) -> bool:
        """The dialog, modal; deleted after (a dialog kept as the section's child would pile up)."""
        dialog = ChannelDialog(self.session, channel, self)
        accepted = dialog.exec() == ChannelDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def add_channel(self) -> None:
        if self._edit(None):
            self.reload()
            self.table.selectRow(len(self.model.rows) - 1)
            sender = getattr(self.window(), "notify_sender", None)  # the desk's sender (ui.notify.menu)
            if sender is not None:
                sender.has_channels = True  # so that the next change is sent at once, not within the minute

    def edit_channel(self) -> None:
        channel = self._need_selection()
        if channel is not None and self._edit(channel):
            self.reload()
            self._reselect(channel.id)

    def remove_channel(self) -> None:
        channel = self._need_selection()
        if channel is None:
            return
        answer = ask(  # names the channel as typed
            self,
            self.tr("Remove channel"),
            self.tr("Remove “%1”? Messages not yet sent to it are dropped.").replace("%1", channel.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_channel(self.session.user, channel.id)
        except DomainError as exc:
            set_message(self.message, exc.message)
            return
        self.reload()

    def send_test(self) -> None:
        """Sends on a worker thread; the answer (or the reason it failed) appears below the table."""
        channel = self._need_selection()
        if channel is None or self.test_running:
            return
        user = self.session.user
        self.status.setText(self.tr("Sending a test message to “%1”…").replace("%1", channel.name))
        self.test_running = True
        read_op(self, lambda: send_test(user, channel.id)).background().success(
            lambda outcome: self._tested(channel, outcome)
        ).failure(lambda error: self._tested(channel, Outcome("failed", error_text(error)))).ended(
            self._test_ended
        ).run()

    def _test_ended(self) -> None:
        self.test_running = False

    def _tested(self, channel: ChannelView, outcome: Outcome) -> None:
        if outcome.status == "sent":
            self.status.setText(self.tr("Test message delivered to “%1”.").replace("%1", channel.name))
            set_message(self.message, "")
        else:
            self.status.setText("")
            set_message(
                self.message,
                self.tr("The test message to “%1” was not delivered: %2")
                .replace("%1", channel.name)
                .replace("%2", outcome.detail),
            )

    def resend(self) -> None:
        try:
            count = resend_undelivered(self.session.user)
        except DomainError as exc:
            set_message(self.message, exc.message)
            return
        self.reload()
        set_message(self.message, "")
        self.status.setText(
            self.tr("%1 message(s) queued again; they are sent within a minute.").replace("%1", str(count))
        )
        self.session.changed()  # the desk's sender runs soon
