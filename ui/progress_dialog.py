"""Run long work with a progress bar and a Cancel button, keeping the window responsive."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from studio_desk.progress import Progress
from ui.plain import warn
from ui.worker import Worker, start


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
                      *, show_errors: bool = True) -> tuple[str, Any]:
    """Run ``fn`` in a worker thread; returns ("done", result), ("cancelled", None) or ("failed", message).

    A modal progress dialog with Cancel is shown while it runs; the event loop keeps painting.
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("ProgressDialog", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(fn)
    outcome: list[tuple[str, Any]] = []
    loop = QEventLoop()

    def on_progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if message:
            dialog.setLabelText(message)

    def finish(kind: str, value: Any) -> None:
        outcome.append((kind, value))
        loop.quit()

    worker.signals.progress.connect(on_progress)
    worker.signals.finished.connect(lambda result: finish("done", result))
    worker.signals.cancelled.connect(lambda: finish("cancelled", None))
    worker.signals.failed.connect(lambda message: finish("failed", message))
    dialog.canceled.connect(worker.cancel)
    start(worker)
    loop.exec()
    dialog.close()
    kind, value = outcome[0]
    if kind == "failed" and show_errors:
        warn(parent, title, value)
    return kind, value
