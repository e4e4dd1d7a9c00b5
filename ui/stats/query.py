"""Statistics queries off the GUI thread: on 100,000 cases the figures take seconds, and the
tab must stay responsive meanwhile. A newer request cancels the older one, and only the newest
result is delivered, so a slow old answer never overwrites a newer one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from studio_desk.progress import Progress
from ui.ops import Op, error_text, progress_op


class Query(QObject):
    done = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newest: Op | None = None
        self._running: set[Op] = set()

    @property
    def busy(self) -> bool:
        return self._newest in self._running

    def run(self, fn: Callable[[Progress], Any]) -> None:
        """Start ``fn(progress)`` off the GUI thread; its result arrives through :attr:`done`."""
        self.cancel()
        op = progress_op(None, fn).background()
        op.success(lambda value: self._newest is op and self.done.emit(value))
        op.failure(lambda error: self._newest is op and self.failed.emit(error_text(error)))
        op.ended(lambda: self._ended(op))
        self._newest = op
        self._running.add(op)
        self.busy_changed.emit(True)
        op.run()

    def cancel(self) -> None:
        """Ask every running request to stop (it ends at its next progress report)."""
        for op in self._running:
            op.cancel()

    def _ended(self, op: Op) -> None:
        self._running.discard(op)
        if op is self._newest:
            self.busy_changed.emit(False)
