"""Long work off the GUI thread: a QRunnable that reports progress and can be cancelled.

The function runs with a :class:`studio_desk.progress.Progress`; its database connection is
the worker thread's own (peewee connections are per thread) and is closed when it ends.
"""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studio_desk.env_errors import explain
from studio_desk.errors import DomainError
from studio_desk.progress import Cancelled, Progress


class WorkerSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Worker(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from studio_desk.db import close_database, open_sqlite_file

        progress = Progress(report=self.signals.progress.emit, cancelled=self._cancel.is_set)
        try:
            result = self.fn(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except DomainError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # noqa: BLE001
            known = explain(exc, open_sqlite_file())  # a full disk, a read-only stick, the other desk's lock
            if known is not None:
                self.signals.failed.emit(known.message)
                return
            traceback.print_exc()  # a bug: shown to the user, and printed for the log
            self.signals.failed.emit("发生意外错误，操作未完成。详细信息已写入日志。")
        else:
            self.signals.finished.emit(result)
        finally:
            close_database()


class _CollectorPause(QObject):
    """Python's cycle collector runs in whichever thread allocates: in a worker it would delete
    any widget caught in a garbage cycle off the GUI thread — a crash. So while any worker runs,
    automatic collection is paused; it is collected and resumed on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.was_enabled = True

    def hold(self) -> None:
        if self.running == 0:
            gc.collect()
            self.was_enabled = gc.isenabled()
            gc.disable()
        self.running += 1

    def release(self, *_outcome: object) -> None:
        self.running -= 1
        if self.running == 0 and self.was_enabled:
            gc.enable()


_pause: _CollectorPause | None = None


def start(worker: Worker) -> Worker:
    """Run ``worker`` on the thread pool; call from the GUI thread."""
    global _pause
    if _pause is None:
        _pause = _CollectorPause()
    _pause.hold()
    for signal in (worker.signals.finished, worker.signals.failed, worker.signals.cancelled):
        signal.connect(_pause.release)  # queued: runs on the GUI thread, after the worker's work
    QThreadPool.globalInstance().start(worker)
    return worker
