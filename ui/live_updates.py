"""Live updates at a desk on the shared database: a worker thread waits on the database's
notifications (:class:`studio_desk.live.Listener`) and tells the desk, through a queued signal,
as soon as the other desk committed a change; the board and lists then reload. Nothing polls.

Signals:
    changed: another desk committed a change (emitted on the GUI thread's queue).
"""

from __future__ import annotations

import threading

from peewee import PostgresqlDatabase
from PySide6.QtCore import QObject, Signal

from studio_desk.live import Listener

WAIT_SECONDS = 0.5  # how long the worker waits before it looks at the stop flag again


class LiveUpdates(QObject):
    changed = Signal()

    def __init__(self, db: PostgresqlDatabase, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._listen, name="live-updates", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        listener = Listener(self._db)  # its connection belongs to this thread
        try:
            while not self._stop.is_set():
                if listener.wait(WAIT_SECONDS):
                    self.changed.emit()
        finally:
            listener.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
