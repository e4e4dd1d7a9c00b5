"""Workers pause Python's cycle collector while they run (a collection in a worker thread could
delete widgets off the GUI thread) and resume it on the GUI thread when the last one ends."""

from __future__ import annotations

import gc
import threading

from ui.worker import Worker, start


def test_collector_paused_while_workers_run_and_resumed_after(qtbot):
    assert gc.isenabled()
    gate = threading.Event()
    slow, quick = Worker(lambda progress: gate.wait(5)), Worker(lambda progress: "done")
    with qtbot.waitSignal(quick.signals.finished):
        start(slow)
        start(quick)
    qtbot.wait(50)
    assert not gc.isenabled()  # the slow one still runs
    with qtbot.waitSignal(slow.signals.finished):
        gate.set()
    qtbot.waitUntil(gc.isenabled)


def test_environment_errors_reach_the_user_as_their_own_message(qtbot, tmp_path):
    """A database that refuses a write (here a read-only connection, as on a write-protected
    stick) is told as read-only, not as an unexpected error or as damage."""
    import sqlite3

    path = tmp_path / "studio.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()

    def write(progress):
        with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
            conn.execute("INSERT INTO t VALUES (1)")

    worker = Worker(write)
    with qtbot.waitSignal(worker.signals.failed) as failed:
        start(worker)
    assert "只读" in failed.args[0] and "意外" not in failed.args[0] and "已损坏" not in failed.args[0]
