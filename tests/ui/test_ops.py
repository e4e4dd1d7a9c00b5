"""The op helper: core work off the GUI thread, writes one at a time, callbacks on the GUI thread,
one error path, one "changes" notification, busy state and a progress dialog only past ~300 ms."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QElapsedTimer, QThread, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton

from studio_desk.db import sqlite_path
from studio_desk.errors import DomainError, StaleEdit
from studio_desk.services.catalog import list_entries
from ui import plain
from ui.ops import progress_op, read_op, runner, write_op
from ui.session import Session


@pytest.fixture
def messages(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(plain, "message", lambda parent, icon, title, text, *a, **k: seen.append(text))
    return seen


def _wait(qtbot):
    qtbot.waitUntil(lambda: not runner().running, timeout=10_000)


def test_runs_off_the_gui_thread_and_calls_back_on_it(qtbot):
    gui = QThread.currentThread()
    seen = {}
    read_op(None, lambda: QThread.currentThread()).success(
        lambda t: seen.update(worker=t, callback=QThread.currentThread())
    ).run()
    _wait(qtbot)
    assert seen["worker"] is not gui
    assert seen["callback"] is gui


def test_writes_run_one_at_a_time_in_order_while_reads_pass(qtbot):
    gate = threading.Event()
    order: list[str] = []

    def first():
        order.append("first starts")
        gate.wait(5)
        order.append("first ends")

    write_op(None, None, first).run()
    write_op(None, None, lambda: order.append("second")).run()
    qtbot.waitUntil(lambda: order == ["first starts"])  # the write holds its thread
    read_op(None, lambda: "read").success(order.append).background().run()
    qtbot.waitUntil(lambda: "read" in order)
    assert order == ["first starts", "read"]  # the read did not wait for the stuck write
    gate.set()
    _wait(qtbot)
    assert order == ["first starts", "read", "first ends", "second"]


def test_a_successful_write_announces_the_change_once(qtbot):
    session = Session()
    with qtbot.waitSignal(session.data_changed):
        write_op(None, session, lambda: 1).run()
    changed = []
    session.data_changed.connect(lambda: changed.append(1))
    read_op(None, lambda: 1).run()
    _wait(qtbot)
    assert changed == []  # a read changes nothing


def test_domain_error_goes_to_the_ops_failure_handler_or_the_one_message_box(qtbot, messages):
    handled = []
    read_op(None, _raise(DomainError("客户电话不能为空"))).failure(handled.append).run()
    _wait(qtbot)
    assert [e.message for e in handled] == ["客户电话不能为空"] and messages == []
    read_op(None, _raise(DomainError("客户电话不能为空"))).run()
    _wait(qtbot)
    assert messages == ["客户电话不能为空"]


def test_a_stale_edit_is_shown_and_every_view_reloads(qtbot, messages):
    session = Session()
    with qtbot.waitSignal(session.data_changed):
        write_op(None, session, _raise(StaleEdit("KS-20261123-001"))).run()
    assert "KS-20261123-001" in messages[0]


def test_a_bug_is_logged_with_its_traceback_and_a_short_chinese_message_shown(qtbot, messages, caplog):
    handled = []
    with caplog.at_level(logging.ERROR):
        read_op(None, _raise(KeyError("oops"))).failure(handled.append).run()  # a bug skips the handler
        _wait(qtbot)
    assert handled == []
    assert messages == ["发生意外错误，操作未完成。详细信息已写入日志。"]
    assert "KeyError" in caplog.text and "Traceback" in caplog.text


def test_the_starting_action_is_disabled_and_the_cursor_busy_while_it_runs(qtbot):
    gate = threading.Event()
    action, button = QAction("保存"), QPushButton("保存")
    write_op(button, None, lambda: gate.wait(5)).disables(action, button).run()
    assert not action.isEnabled() and not button.isEnabled()
    assert QApplication.overrideCursor() is not None
    gate.set()
    _wait(qtbot)
    assert action.isEnabled() and button.isEnabled()
    assert QApplication.overrideCursor() is None


def _dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_no_progress_dialog_for_quick_work_and_one_with_cancel_past_300_ms(qtbot):
    read_op(None, lambda: time.sleep(0.05)).with_progress("导出中").run()
    _wait(qtbot)
    assert _dialogs() == []

    cancelled = []

    reached = []

    def slow(progress):
        for i in range(500):
            progress.update(i, 500, f"第 {i} 行")
            reached.append(i)
            time.sleep(0.01)

    progress_op(None, slow).with_progress("导出登记表").cancelled(lambda: cancelled.append(1)).run()
    qtbot.waitUntil(lambda: _dialogs() != [], timeout=3000)
    dialog = _dialogs()[0]
    qtbot.waitUntil(lambda: dialog.labelText().startswith("第 "))
    dialog.findChild(QPushButton).click()
    _wait(qtbot)
    assert cancelled == [1] and _dialogs() == []
    assert reached[-1] < 499  # stopped at the next report after Cancel


def test_the_gui_keeps_ticking_while_a_write_waits_for_another_desks_lock(qtbot, sqlite_studio):
    """The other desk holds SQLite's write lock for 1.5 s; the window's 10 ms timer never stalls."""
    from studio_desk import settings
    from studio_desk.services.admin import update_settings

    other = sqlite3.connect(sqlite_path(), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(1.5, other.rollback).start()
    manager = sqlite_studio["manager"]
    ticks, clock = [], QElapsedTimer()
    clock.start()
    timer = QTimer(interval=10, timeout=lambda: ticks.append(clock.elapsed()))
    timer.start()
    done = []
    write_op(None, Session(), lambda: update_settings(manager, {"studio_phone": "021-11112222"})).success(
        done.append
    ).run()
    _wait(qtbot)
    timer.stop()
    other.close()
    assert done and settings.get("studio_phone") == "021-11112222"
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert clock.elapsed() >= 1400 and max(gaps) < 100, max(gaps)


def test_worker_threads_read_the_same_database_with_their_own_connection(qtbot, sqlite_studio):
    names = []
    read_op(None, lambda: [e.name for e in list_entries("department", include_inactive=False)]).success(
        names.extend
    ).run()
    _wait(qtbot)
    assert "数码后期" in names


def test_an_ended_op_lets_go_of_the_window_that_started_it(qtbot):
    """So the window goes when its last user lets go, by reference counting on the GUI thread. Held
    by an op in a reference cycle, it would be freed by whichever thread next ran the cycle
    collector — often another op's worker, where destroying a window crashes Qt (the desk once
    did, in the middle of a case move)."""
    dialog = QDialog()  # no parent: Python owns it
    button = QPushButton(dialog)
    freed: list[str] = []
    dialog.destroyed.connect(lambda *_: freed.append(threading.current_thread().name))
    op = read_op(dialog, lambda: 1).disables(button).success(lambda _r, d=dialog: d.setWindowTitle("好"))
    op.failure(lambda _e, d=dialog: d.reject()).cancelled(dialog.reject).ended(dialog.close).run()
    _wait(qtbot)
    del dialog, button
    assert freed == [threading.main_thread().name]


def test_a_failed_op_lets_go_of_the_window_its_function_referred_to(qtbot):
    """The error's traceback keeps the frames it passed through (the lambda, and the dialog it
    closed over) in a cycle; the op clears their locals when the error has been delivered."""
    dialog = QDialog()
    freed: list[str] = []
    dialog.destroyed.connect(lambda *_: freed.append(threading.current_thread().name))
    refused: list[DomainError] = []

    def refuse(d: QDialog) -> None:
        raise DomainError(f"{d.objectName()}不行")

    read_op(dialog, lambda d=dialog: refuse(d)).failure(refused.append).run()
    _wait(qtbot)
    del dialog
    assert freed == [threading.main_thread().name] and refused[0].message == "不行"


def _raise(error: Exception):
    def fail():
        raise error

    return fail


def test_environment_errors_reach_the_user_as_their_own_message(qtbot, tmp_path, messages):
    """A database that refuses a write (a read-only connection, as on a write-protected stick) is
    told as read-only, not as an unexpected error or as damage."""
    path = tmp_path / "studio.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()

    def write():
        with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
            conn.execute("INSERT INTO t VALUES (1)")

    write_op(None, None, write).run()
    _wait(qtbot)
    assert "只读" in messages[0] and "意外" not in messages[0] and "已损坏" not in messages[0]
