"""Long work off the GUI thread: a QRunnable that reports progress and can be cancelled.

The function runs with a :class:`studio_desk.progress.Progress`; its database connection is
the worker thread's own (peewee connections are per thread) and is closed when it ends.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
        from studio_desk.db import close_database

        progress = Progress(report=self.signals.progress.emit, cancelled=self._cancel.is_set)
        try:
            result = self.fn(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except DomainError as exc:
            self.signals.failed.emit(exc.message)
        except Exception:  # shown to the user, and printed for the log
            traceback.print_exc()
            self.signals.failed.emit("发生意外错误，操作未完成。详细信息已写入日志。")
        else:
            self.signals.finished.emit(result)
        finally:
            close_database()


def start(worker: Worker) -> Worker:
    QThreadPool.globalInstance().start(worker)
    return worker
