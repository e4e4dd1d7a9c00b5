"""Statistics queries off the GUI thread: on 100,000 cases the figures take seconds, and the
tab must stay responsive meanwhile. A newer request cancels the older one, and only the newest
result is delivered, so a slow old answer never overwrites a newer one.

Every outcome (result, refusal, cancel) comes back through the worker's ``finished`` signal
tagged with its request number, so each worker is released in the GUI thread only after its
last signal has been delivered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio_desk.errors import DomainError
from studio_desk.progress import Cancelled, Progress
from ui.worker import Worker, start


class Query(QObject):
    done = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._serial = 0
        self._running: dict[int, Worker] = {}

    @property
    def busy(self) -> bool:
        return self._serial in self._running

    def run(self, fn: Callable[[Progress], Any]) -> None:
        """Start ``fn(progress)`` in a worker thread; its result arrives through :attr:`done`."""
        self.cancel()
        self._serial += 1
        serial = self._serial

        def job(progress: Progress) -> tuple[int, str, Any]:
            try:
                return serial, "done", fn(progress)
            except Cancelled:
                return serial, "cancelled", None
            except DomainError as exc:
                return serial, "failed", exc.message

        worker = Worker(job)
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self.failed)  # a programming error: already printed for the log
        self._running[serial] = worker
        self.busy_changed.emit(True)
        start(worker)

    def cancel(self) -> None:
        """Ask every running request to stop (it ends at its next progress report)."""
        for worker in self._running.values():
            worker.cancel()

    def _finished(self, payload: tuple[int, str, Any]) -> None:
        serial, outcome, value = payload
        self._running.pop(serial, None)
        if serial != self._serial:
            return
        self.busy_changed.emit(False)
        if outcome == "done":
            self.done.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
