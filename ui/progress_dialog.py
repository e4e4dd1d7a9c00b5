"""Long work with a progress bar and Cancel, for callers that need its outcome before they go
on (a wizard page, a dialog's OK). The work runs as an op (:mod:`ui.ops`): off the GUI thread,
the progress dialog after ~300 ms. The caller waits in a local event loop, which keeps the
window painting; a caller that can take a callback should use :func:`ui.ops.progress_op`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QWidget

from studio_desk.progress import Progress
from ui.ops import error_text, progress_op
from ui.plain import warn


def run_with_progress(
    parent: QWidget | None, title: str, fn: Callable[[Progress], Any], *, show_errors: bool = True
) -> tuple[str, Any]:
    """Run ``fn``; returns ("done", result), ("cancelled", None) or ("failed", message).

    A bug has been shown (and logged) by the ops' one error path when this returns "failed"."""
    outcome: list[tuple[str, Any]] = [("failed", error_text(RuntimeError()))]
    loop = QEventLoop()
    op = progress_op(parent, fn).with_progress(title)
    op.success(lambda result: outcome.__setitem__(0, ("done", result)))
    op.cancelled(lambda: outcome.__setitem__(0, ("cancelled", None)))
    op.failure(lambda error: outcome.__setitem__(0, ("refused", error_text(error))))
    op.ended(loop.quit)
    op.run()
    loop.exec()
    kind, value = outcome[0]
    if kind == "refused":
        kind = "failed"
        if show_errors:
            warn(parent, title, value)
    return kind, value
