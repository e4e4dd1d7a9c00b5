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
