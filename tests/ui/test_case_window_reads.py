"""The case window reads its case off the GUI thread: it opens at once while the database is
locked, keeps the desk painting, fills when the lock goes, and cannot save before."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import shiboken6
from PySide6.QtCore import QElapsedTimer, QTimer

from studio_desk.db import close_database, sqlite_path
from studio_desk.models import Complaint
from tests.board_factory import register
from ui.case.window import CaseWindow, open_case
from ui.ops import runner


@pytest.fixture
def locked_for():
    """locked_for(seconds): another desk holds the SQLite file so that even a read waits.

    In WAL mode a reader never waits on another desk's write transaction (BEGIN IMMEDIATE), only
    on an exclusive lock, as a restore or a checkpoint takes one: so the other connection takes
    its write lock in EXCLUSIVE locking mode. Every connection of this process is closed first
    (an open one would keep the exclusive lock from being taken)."""
    other: list[sqlite3.Connection] = []

    def lock(seconds: float) -> threading.Timer:
        close_database()
        connection = sqlite3.connect(sqlite_path(), isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE complaint SET version = version WHERE id = 1")  # takes the lock now
        other.append(connection)
        release = threading.Timer(seconds, lambda: (connection.rollback(), connection.close()))
        release.start()
        return release

    yield lock
    for connection in other:
        try:
            connection.close()
        except sqlite3.ProgrammingError:
            pass


@pytest.fixture
def ticking():
    """A 10 ms timer, as the stall figure's: the gaps between its ticks are the GUI's stalls."""
    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(interval=10, timeout=lambda: ticks.append(clock.elapsed()))
    timer.start()
    yield ticks
    timer.stop()


def _gaps(ticks: list[int]) -> list[int]:
    return [b - a for a, b in zip(ticks, ticks[1:], strict=False)]


def _close(window: CaseWindow) -> None:
    if shiboken6.isValid(window):
        window.close()


def test_the_case_window_opens_at_once_and_fills_when_the_lock_goes(
    qtbot, sign_in, sqlite_studio, frozen_now, locked_for, ticking
):
    case = register(sqlite_studio["front"])
    session = sign_in("front")
    locked_for(1.2)
    clock = QElapsedTimer()
    clock.start()
    window = open_case(session, case.id, None, case.case_no)
    window.show()
    opened_ms = clock.elapsed()
    try:
        assert opened_ms < 500, f"open_case took {opened_ms} ms: it waited on the lock"
        assert window.windowTitle() == f"案件 {case.case_no}" and window.case_no.text() == case.case_no
        assert window.status.text() == "正在读取…" and not window.body.isEnabled()
        assert window.view is None and not window.save_button.isEnabled()
        window.save()  # Ctrl+S before the case arrived: nothing to save, no write started
        assert all(not op.write for op in runner().running)
        qtbot.wait(300)
        assert window.view is None, "still locked: nothing shown yet"
        qtbot.waitUntil(lambda: window.view is not None, timeout=20_000)
        assert clock.elapsed() >= 1100, "the read waited for the other desk"
        assert window.customer_name.text() == case.customer.name and window.status.text() == ""
        assert window.body.isEnabled() and window.save_button.isEnabled()
        assert window.timeline.rowCount() >= 1 and "登记投诉" in window.timeline.rows[-1][0]
        gaps = _gaps(ticking)
        assert max(gaps) < 150, f"the desk stopped painting for {max(gaps)} ms"
    finally:
        _close(window)


def test_a_save_waits_for_the_read_in_flight(qtbot, sign_in, sqlite_studio, frozen_now, locked_for):
    """After a change elsewhere the window reads again; until that answer is in, Save is off (it
    would send the version of what is being replaced)."""
    case = register(sqlite_studio["front"])
    window = open_case(sign_in("front"), case.id)
    try:
        assert runner().wait_idle()
        window.fields.inputs["order_no"].set("DD-2026-7788")
        assert window.save_button.isEnabled()
        locked_for(0.8)
        window.reload()
        assert not window.save_button.isEnabled() and window.status.text() == "正在读取…"
        window.save()
        assert all(not op.write for op in runner().running), "no save while the case is being read"
        qtbot.waitUntil(lambda: window.save_button.isEnabled(), timeout=20_000)
        window.fields.inputs["order_no"].set("DD-2026-7788")
        window.save()
        assert runner().wait_idle()
        assert Complaint.get_by_id(case.id).order_no == "DD-2026-7788"
    finally:
        _close(window)


def test_a_case_deleted_meanwhile_is_told_and_its_window_closes(qtbot, sign_in, sqlite_studio, frozen_now):
    from studio_desk.services.actions import delete_case
    from tests.ui.intake_fixtures import answering_modal, press

    case = register(sqlite_studio["front"])
    delete_case(sqlite_studio["manager"], case.id, case.version, "重复登记")
    with answering_modal(press()) as seen:
        window = open_case(sign_in("front"), case.id)
    assert "找不到案件" in seen.texts[0]
    assert not shiboken6.isValid(window) or not window.isVisible()
