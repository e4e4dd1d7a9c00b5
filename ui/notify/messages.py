"""The latest notifications in a table (设置 → 通知): when, to which channel, what, and how it
went — with the channel's reason when it did not arrive, so the manager knows what to fix."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from studio_desk.models import NotifyOutbox
from ui.table_model import RowsModel

SHOWN = 30


class MessagesModel(RowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("Queued"), self.tr("Channel"), self.tr("Message"), self.tr("State")]
        self.names: dict[int, str] = {}
        self.states = {
            "pending": self.tr("Waiting"),
            "sending": self.tr("Sending"),
            "sent": self.tr("Delivered"),
            "failed": self.tr("Not delivered"),
            "unknown": self.tr("Unknown (may have arrived)"),
        }

    def show(self, rows: list[NotifyOutbox], channel_names: dict[int, str]) -> None:
        """The latest ``SHOWN`` messages (read off the GUI thread by the section)."""
        self.names = channel_names
        self.set_rows(rows)

    def cell(self, row: NotifyOutbox, column: int) -> str:
        if column == 3:
            state = self.states[row.status]
            return f"{state}：{row.last_error}" if row.last_error and row.status != "sent" else state
        return (row.created_at.strftime("%m-%d %H:%M"), self.names.get(row.channel_id, ""), row.title)[column]

    def foreground(self, row: NotifyOutbox) -> Any:
        return None if row.status in ("sent", "pending") else Qt.GlobalColor.darkRed
