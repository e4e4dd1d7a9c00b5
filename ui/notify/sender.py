"""The desk's sender: delivers the outbox on a worker thread every minute, and soon after a
change at this desk, and shows in the status bar how many messages are not yet delivered.

Delivery never runs on the GUI thread (a robot that does not answer takes up to 15 s per try);
one run at a time, so a slow network does not pile runs up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from studio_desk.notify.outbox import undelivered_count
from ui.ops import Op, read_op
from ui.plain import plain_tip
from ui.session import Session
from ui.style import ERROR_COLOR

INTERVAL_MS = 60_000
AFTER_START_MS = 5_000  # what waited while the desk was closed; not in the way of the first paint
AFTER_CHANGE_MS = 2_000  # a burst of changes (a case moved through several stages) is one run


def _run() -> tuple[object, int]:
    """On the worker thread. The sender (urllib, smtplib, ssl) loads at the first run, not at start-up."""
    from studio_desk.notify.sender import send_pending

    return send_pending(), undelivered_count()


class DeskSender(QObject):
    """Attributes: ``label`` — the status bar's 未送达 count (hidden while everything is delivered)."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.label.setObjectName("status_notify")
        self.label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.label.hide()
        self.running: Op | None = None
        self.has_channels = False  # learnt at the first run (AFTER_START_MS), without a query at start-up
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run)
        self.timer.start(INTERVAL_MS)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.run)
        session.data_changed.connect(self._changed)
        self.soon.start(AFTER_START_MS)

    def _changed(self) -> None:
        if self.has_channels:  # a studio without channels has nothing to send after a change
            self.soon.start(AFTER_CHANGE_MS)

    def run(self) -> None:
        window = self.parent()
        if self.running is not None or (window is not None and not window.isVisible()):
            return  # one run at a time; a closed window sends nothing
        self.running = read_op(None, _run).background().success(self._done)
        # The database could not be read (a restore, a server restart): the next run tries again.
        self.running.failure(lambda _error: None).ended(self._ended).run()

    def _ended(self) -> None:
        self.running = None

    def _done(self, result: tuple) -> None:
        report, count = result
        self.has_channels = report.channels > 0
        self.label.setText(self.tr("Notifications not delivered: %1").replace("%1", str(count)))
        self.label.setToolTip(plain_tip("\n".join(report.problems[:5])))
        self.label.setVisible(count > 0)
