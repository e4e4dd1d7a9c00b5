"""The one way the desk calls the core: an operation runs a core function on a worker thread and
then calls back on the GUI thread — after Anki's ``aqt/operations`` (``CollectionOp``/``QueryOp``).

Why: SQLite waits up to 15 s for another desk's write lock, and the PostgreSQL mode queues each
write behind an advisory lock; a core call made on the GUI thread would freeze the window
("未响应") for that long. So::

    write_op(self, session, lambda: add_note(user, case_id, text)).success(done).run()
    read_op(self, lambda: board_counts(...)).success(show).background().run()

- Writes run one at a time on their own thread, in the order they were started; reads run on
  three other threads, so a refresh never waits behind a write stuck on another desk's lock.
- Success and failure callbacks run on the GUI thread. A :class:`DomainError` or a database
  error goes to the op's own ``failure`` handler if it has one; otherwise (and always for any
  other exception, a bug) :func:`show_error` shows it — the one place that does.
- A successful write calls ``session.changed()``: the one "changes" notification every view
  listens to, so views never call each other to refresh.
- While a user-started op runs, the widget or action that started it is disabled and the cursor
  shows work; past ~300 ms a progress dialog appears (with Cancel when the core function takes a
  :class:`Progress`). Nothing waits in a nested event loop.

Each worker thread has its own database connection (peewee keeps one per thread), opened on
first use and closed when the op ends, so a restore or a sign-out never finds one left open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from peewee import DatabaseError
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from studio_desk.db import close_database, open_sqlite_file
from studio_desk.env_errors import explain
from studio_desk.errors import DomainError, StaleEdit
from studio_desk.progress import NO_PROGRESS, Cancelled, Progress
from ui.plain import warn
from ui.session import Session

T = TypeVar("T")
PROGRESS_DELAY_MS = 300
log = logging.getLogger("studio_desk.ui")


class _Bridge(QObject):
    """Lives on the GUI thread; signals emitted from a worker arrive there (queued)."""

    finished = Signal(object, object, object)  # op, result, exception
    progress = Signal(object, int, int, str)


class _Runner:
    """The threads: one for writes (serialised), three for reads (a slow one — a report, a robot
    that does not answer — leaves two for the board)."""

    def __init__(self) -> None:
        self.bridge = _Bridge()
        self.bridge.finished.connect(self._finished)
        self.bridge.progress.connect(lambda op, done, total, text: op._on_progress(done, total, text))
        self.writes = QThreadPool()
        self.writes.setMaxThreadCount(1)
        self.reads = QThreadPool()
        self.reads.setMaxThreadCount(3)
        self.running: set[Op] = set()

    def start(self, op: Op) -> None:
        self.running.add(op)
        (self.writes if op.write else self.reads).start(lambda: self._work(op))

    def _work(self, op: Op) -> None:
        """On the worker thread."""
        result = error = None
        try:
            result = op.fn(op.progress) if op.takes_progress else op.fn()
        except Exception as exc:  # every outcome goes back to the GUI thread
            # A full disk, a read-only stick, the other desk's lock: the user's own Chinese message.
            error = explain(exc, open_sqlite_file()) or exc
        finally:
            close_database()  # this thread's own connection
        try:
            self.bridge.finished.emit(op, result, error)
        except RuntimeError:  # the application ended while the op ran: nobody is left to tell
            pass

    def _finished(self, op: Op, result: Any, error: Exception | None) -> None:
        self.running.discard(op)
        op._finish(result, error)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Wait until no op runs (for tests and for closing the desk); delivers their callbacks."""
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.start(timeout_ms)
        while self.running and deadline.isActive():
            QCoreApplication.processEvents()
            self.writes.waitForDone(5)
            self.reads.waitForDone(5)
        return not self.running


_runner: _Runner | None = None


def runner() -> _Runner:
    global _runner
    if _runner is None:
        _runner = _Runner()
    return _runner


class Op(Generic[T]):
    """One call of a core function off the GUI thread; build with :func:`read_op`/:func:`write_op`."""

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[..., T],
        *,
        write: bool,
        session: Session | None = None,
        takes_progress: bool = False,
    ) -> None:
        self.parent = parent
        self.fn = fn
        self.write = write
        self.session = session
        self.takes_progress = takes_progress
        self._cancel = threading.Event()
        self.progress = Progress(report=self._report, cancelled=self._cancel.is_set)
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self._cancelled: Callable[[], Any] | None = None
        self._ended: Callable[[], Any] | None = None
        self._user = True
        self._label = ""
        self._disabled: list[QWidget | QAction] = []
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None

    # --- building ------------------------------------------------------------------------

    def success(self, fn: Callable[[T], Any]) -> Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any]) -> Op[T]:
        """Handle a DomainError or database error here instead of the standard message box."""
        self._failure = fn
        return self

    def cancelled(self, fn: Callable[[], Any]) -> Op[T]:
        self._cancelled = fn
        return self

    def ended(self, fn: Callable[[], Any]) -> Op[T]:
        """Called after any outcome, after the other callbacks (to clear a "busy" mark)."""
        self._ended = fn
        return self

    def disables(self, *items: QWidget | QAction) -> Op[T]:
        """Disable these while the op runs (the button or action that started it)."""
        self._disabled.extend(items)
        return self

    def with_progress(self, label: str) -> Op[T]:
        """The text of the progress dialog shown when the op takes longer than ~300 ms."""
        self._label = label
        return self

    def background(self) -> Op[T]:
        """Not started by the user (a refresh): no busy cursor, no progress dialog."""
        self._user = False
        return self

    # --- running -------------------------------------------------------------------------

    def run(self) -> Op[T]:
        """Start it; returns at once. Call from the GUI thread."""
        for item in self._disabled:
            item.setEnabled(False)
        if self._user:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_dialog)
            self._timer.start(PROGRESS_DELAY_MS)
        runner().start(self)
        return self

    def cancel(self) -> None:
        """Ask the core function to stop at its next progress report."""
        self._cancel.set()

    def _report(self, done: int, total: int, text: str) -> None:
        runner().bridge.progress.emit(self, done, total, text)

    def _show_dialog(self) -> None:
        if not _alive(self.parent):
            return  # its window was closed meanwhile
        dialog = QProgressDialog(
            self._label or QCoreApplication.translate("Ops", "Working…"),
            QCoreApplication.translate("Ops", "Cancel"),
            0,
            0,
            self.parent,
        )
        dialog.setWindowTitle(self._label or QCoreApplication.translate("Ops", "Working…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if self.takes_progress:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)  # the core cannot stop this one half-way
        dialog.show()
        self._dialog = dialog

    def _on_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        if text:
            dialog.setLabelText(text)
        dialog.setMaximum(max(total, 1))
        # Last: a modal QProgressDialog's setValue() runs pending events, among them this op's end,
        # which closes the dialog and forgets it.
        dialog.setValue(min(done, max(total, 1)))

    def _finish(self, result: Any, error: Exception | None) -> None:
        for item in self._disabled:
            if _alive(item):
                item.setEnabled(True)
        if self._user:
            self._timer.stop()
            QApplication.restoreOverrideCursor()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        try:
            self._deliver(result, error)
        finally:
            try:
                if self._ended is not None:
                    self._ended()
            finally:
                self._release()
                _forget_frames(error)

    def _release(self) -> None:
        """Let go of every widget, timer and callback now, on the GUI thread.

        The op itself may be freed later on its worker thread (the pool's task refers to it), or
        by a cycle collection that happens to run there; a window it still held would then be
        destroyed off the GUI thread, which crashes Qt. After this it holds plain data only."""
        self.fn = self._success = self._failure = self._cancelled = self._ended = None
        self.parent = self.session = self._timer = self._dialog = None
        self._disabled = []
        self.progress = NO_PROGRESS

    def _deliver(self, result: Any, error: Exception | None) -> None:
        if not _alive(self.parent):  # its window was closed while the op ran: only the desk is left to tell
            if error is not None and not isinstance(error, Cancelled):
                show_error(None, error)
            elif error is None and self.write and self.session is not None:
                self.session.changed()
            return
        if isinstance(error, Cancelled):
            if self._cancelled is not None:
                self._cancelled()
        elif error is not None:
            if self._failure is not None and isinstance(error, DomainError | DatabaseError):
                self._failure(error)
            else:
                show_error(self.parent, error)
            if isinstance(error, StaleEdit) and self.session is not None:
                self.session.changed()  # someone else saved first: every view reloads
        else:
            if self._success is not None:
                self._success(result)
            if self.write and self.session is not None:
                self.session.changed()


def _forget_frames(error: BaseException | None) -> None:
    """An error's traceback keeps the frames it passed through, with their functions and locals —
    the op's lambda and the window it closed over — in a reference cycle (the frame that caught
    the error holds it too). Once the error has been delivered (and a bug logged), it goes, on
    the GUI thread; an error raised again gets a new one."""
    while error is not None:
        error.__traceback__ = None
        error = error.__cause__ or error.__context__


def _alive(widget: QObject | None) -> bool:
    """False for a window (or button) Qt has deleted, as a closed case window is."""
    return widget is None or shiboken6.isValid(widget)


def read_op(parent: QWidget | None, fn: Callable[[], T]) -> Op[T]:
    """A read of the database (or any slow work that changes nothing)."""
    return Op(parent, fn, write=False)


def write_op(parent: QWidget | None, session: Session | None, fn: Callable[[], T]) -> Op[T]:
    """A change: runs after the writes started before it; ``session.changed()`` after success."""
    return Op(parent, fn, write=True, session=session)


def progress_op(
    parent: QWidget | None, fn: Callable[[Progress], T], *, write: bool = False, session: Session | None = None
) -> Op[T]:
    """Long work that reports progress and can be cancelled (exports, backups, imports)."""
    return Op(parent, fn, write=write, session=session, takes_progress=True)


def error_text(error: Exception) -> str:
    """What the user reads for ``error``: the core's own Chinese message for a refusal."""
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, DatabaseError):
        return QCoreApplication.translate(
            "Ops", "The database cannot be reached just now; nothing was changed. (%1)"
        ).replace("%1", str(error).strip()[:200])
    return QCoreApplication.translate(
        "Ops", "Something went wrong; the action was not completed. The details are in the log."
    )


def show_error(parent: QWidget | None, error: Exception) -> None:
    """The one place an op's error becomes what the user sees; a bug is logged with its traceback."""
    if not isinstance(error, DomainError | DatabaseError):
        log.error("operation failed", exc_info=error)
    warn(parent, QCoreApplication.translate("Ops", "StudioDesk"), error_text(error))
