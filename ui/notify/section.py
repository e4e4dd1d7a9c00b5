"""Settings → 通知 (店长+): the channels in a table, with add, edit, remove, 发送测试消息 (on a
worker thread: a robot that does not answer must not freeze the desk) and 重发 of messages
that failed or whose delivery is unknown. The tables are read, and channels removed and messages
queued again, off the GUI thread too (:mod:`ui.ops`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from studio_desk.models import NotifyOutbox
from studio_desk.notify import channels
from studio_desk.notify.channels import ChannelView
from studio_desk.notify.outbox import Outcome, recent, undelivered_count
from studio_desk.notify.sender import send_test
from ui.forms import button_row, error_label, set_message
from ui.notify.channel_dialog import ChannelDialog
from ui.notify.labels import event_names, kind_names
from ui.notify.messages import SHOWN, MessagesModel
from ui.ops import error_text, read_op, write_op
from ui.plain import ask, plain_label
from ui.session import Session
from ui.table_model import RowsModel, make_table, select_where, selected_row

T = TypeVar("T")


class ChannelsModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Name"), self.tr("Type"), self.tr("Sends to"), self.tr("Events")]

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
        self.model = ChannelsModel()
        self.loads = 0  # reads started; only the latest one's answer is shown
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
        self.changing = False  # a removal or a resend is running
        buttons = button_row(
            (
                (self.tr("Add channel…"), self.add_channel),
                (self.tr("Edit…"), self.edit_channel),
                (self.tr("Remove"), self.remove_channel),
                (self.tr("Send a test message"), self.send_test),
                (self.tr("Resend undelivered"), self.resend),
            )
        )
        self.buttons = [buttons.itemAt(i).widget() for i in range(buttons.count() - 1)]  # all but the stretch
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Latest messages")))
        layout.addWidget(self.messages_table, 2)
        self.reload()

    def reload(self, then: Callable[[], object] | None = None) -> None:
        """Read the channels, the latest messages and the undelivered count off the GUI thread;
        ``then`` runs once they are shown (to select a row)."""
        self.loads += 1
        load, user = self.loads, self.session.user
        read_op(self, lambda: (channels.list_channels(user), recent(SHOWN), undelivered_count())).background().success(
            lambda loaded: self._show(load, loaded, then)
        ).failure(lambda error: set_message(self.message, error_text(error))).run()

    def _show(
        self,
        load: int,
        loaded: tuple[list[ChannelView], list[NotifyOutbox], int],
        then: Callable[[], object] | None,
    ) -> None:
        if load != self.loads:
            return  # a newer read was started meanwhile; its answer follows
        rows, messages, count = loaded
        self.model.set_rows(rows)
        self.messages.show(messages, {c.id: c.name for c in rows})
        self.status.setText(
            self.tr("Messages not yet delivered: %1").replace("%1", str(count))
            if count
            else self.tr("Every message has been delivered.")
        )
        if then is not None:
            then()

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
            self.reload(lambda: self.table.selectRow(len(self.model.rows) - 1))
            sender = getattr(self.window(), "notify_sender", None)  # the desk's sender (ui.notify.menu)
            if sender is not None:
                sender.has_channels = True  # so that the next change is sent at once, not within the minute

    def edit_channel(self) -> None:
        channel = self._need_selection()
        if channel is not None and self._edit(channel):
            self.reload(lambda: self._reselect(channel.id))

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
        user = self.session.user
        self._change(lambda: channels.remove_channel(user, channel.id), lambda _none: set_message(self.message, ""))

    def _change(self, work: Callable[[], T], done: Callable[[T], object]) -> None:
        """A removal or a resend, off the GUI thread with the buttons disabled; ``done`` gets its
        result once the tables were read again. A refusal appears below the table."""
        if self.changing:
            return
        self.changing = True
        op = write_op(self, self.session, work).disables(*self.buttons)
        op.success(lambda result: self.reload(lambda: done(result))).failure(self._refused).ended(self._changed)
        op.run()

    def _refused(self, error: Exception) -> None:
        set_message(self.message, error_text(error))
        self.reload()

    def _changed(self) -> None:
        self.changing = False

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
        """Queue the failed and unknown messages again; the desk's sender runs soon after
        (``session.changed()``, sent by the op)."""
        user = self.session.user
        self._change(lambda: channels.resend_undelivered(user), self._resent)

    def _resent(self, count: int) -> None:
        set_message(self.message, "")
        self.status.setText(
            self.tr("%1 message(s) queued again; they are sent within a minute.").replace("%1", str(count))
        )
