"""Statistics queries off the GUI thread: on 100,000 cases the figures take seconds, and the
tab must stay responsive meanwhile. A newer request cancels the older one, and only the newest
result is delivered, so a slow old answer never overwrites a newer one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio_desk.progress import Progress
from ui.worker import Worker, start


class Query(QObject):
    done = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._serial = 0
        self._running: dict[int, Worker] = {}  # kept alive until their thread is done
        self._ended: set[int] = set()
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        return self._serial not in self._ended

    def run(self, fn: Callable[[Progress], Any]) -> None:
        """Start ``fn(progress)`` in a worker thread; its result arrives through :attr:`done`."""
        self._prune()
        for worker in self._running.values():
            worker.cancel()
        self._serial += 1
        serial = self._serial

        def job(progress: Progress) -> tuple[int, Any]:
            try:
                return serial, fn(progress)
            finally:
                with self._lock:
                    self._ended.add(serial)

        worker = Worker(job)
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self._failed)
        worker.signals.cancelled.connect(self._cancelled)
        self._running[serial] = worker
        self.busy_changed.emit(True)
        start(worker)

    def _prune(self) -> None:
        with self._lock:
            for serial in [s for s in self._running if s in self._ended]:
                del self._running[serial]

    def _finished(self, payload: tuple[int, Any]) -> None:
        serial, result = payload
        if serial == self._serial:
            self.busy_changed.emit(False)
            self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.busy_changed.emit(self.busy)
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self.busy_changed.emit(self.busy)
