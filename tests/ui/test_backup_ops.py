"""Backups run as ops, with no nested event loop: the window keeps painting while a backup waits
for another desk's lock, a second click starts nothing, closing the desk waits for the exit
backup, and the start-up checks go on in callbacks inside the application's event loop."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from studio_desk.db import close_database, sqlite_path
from studio_desk.models import AuditEvent
from studio_desk.services.admin import update_settings
from tests.core.safetykit import damage
from tests.ui import test_backup_ui
from tests.ui.intake_fixtures import answering_modal
from ui.app import Desk, Start, parse_args
from ui.ops import runner, write_op
from ui.signin.dialog import SignInDialog

_writes_allowed_afterwards = test_backup_ui._writes_allowed_afterwards  # a damaged file refuses writes
boxes = test_backup_ui.boxes


@pytest.fixture
def told(boxes, monkeypatch):
    """``boxes``, and ui.plain's message boxes (shown with exec) recorded as well."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or QMessageBox.StandardButton.Ok)
    return boxes


def hold_write_lock(seconds: float) -> sqlite3.Connection:
    """Another desk holds SQLite's write lock for ``seconds``."""
    other = sqlite3.connect(sqlite_path(), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(seconds, other.rollback).start()
    return other


class Ticks:
    """A 10 ms QTimer, as the window's painting would tick; ``longest_gap()`` in ms."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.at: list[int] = []
        self.timer = QTimer(interval=10, timeout=lambda: self.at.append(self.clock.elapsed()))
        self.timer.start()

    def longest_gap(self) -> int:
        self.timer.stop()
        return max(b - a for a, b in zip(self.at, self.at[1:], strict=False))


def backup_entry(window):
    return next(a for a in window.menu("data").actions() if a.objectName() == "backup_now")


def test_the_window_keeps_painting_while_a_backup_waits_and_a_second_click_starts_nothing(
    qtbot, main_window, told, tmp_path
):
    other = hold_write_lock(1.5)  # the backup's audit entry waits for it
    ticks = Ticks()
    backup_entry(main_window).trigger()
    assert not backup_entry(main_window).isEnabled()
    backup_entry(main_window).trigger()  # impatient second click
    assert runner().wait_idle()
    other.close()
    gap = ticks.longest_gap()
    assert ticks.clock.elapsed() >= 1400 and gap < 100, gap
    assert len(list((tmp_path / "backups").glob("studio_*_manual.zip"))) == 1
    assert AuditEvent.select().where(AuditEvent.action == "backup").count() == 1
    assert len(told) == 1 and "备份已完成并通过校验" in told[0]
    assert backup_entry(main_window).isEnabled()


def test_a_refused_backup_is_told_once(qtbot, main_window, told, tmp_path):
    (tmp_path / "backups").write_text("a file where the folder should be")
    backup_entry(main_window).trigger()
    assert runner().wait_idle()
    assert told == [f"备份位置“{tmp_path / 'backups'}”不是文件夹，请在设置中重新选择备份文件夹。"]
    assert backup_entry(main_window).isEnabled()


class Watch(QObject):
    """Records, when the window is hidden, which exit backups exist."""

    def __init__(self, folder) -> None:
        super().__init__()
        self.folder = folder
        self.at_hide: list[list[str]] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Hide:
            self.at_hide.append(sorted(p.name for p in self.folder.glob("studio_*_exit.zip")))
        return False


@pytest.fixture
def desk(qapp, desk_session, sqlite_studio):
    """A started Desk with the store manager signed in; its windows go when the test ends."""
    desk = Desk(desk_session, qapp)
    desk.start()
    desk_session.sign_in(sqlite_studio["manager"])
    yield desk
    desk.idle.stop()
    for widget in (desk.dialog, desk.window):
        widget.close()
        widget.deleteLater()


def test_closing_the_desk_waits_for_the_exit_backup(qtbot, desk, sqlite_studio, tmp_path):
    window, watch = desk.window, Watch(tmp_path / "backups")
    window.installEventFilter(watch)
    other = hold_write_lock(1.0)
    # A save that waits for the lock; the exit backup comes after it on the write thread.
    write_op(None, desk.session, lambda: update_settings(sqlite_studio["manager"], {"studio_phone": "021-1"})).run()
    clock = QElapsedTimer()
    clock.start()
    assert not window.close()
    assert not window.close()  # closing again while it runs starts no second backup
    assert window.isVisible() and not window.isEnabled()  # no more edits while it backs up
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15_000)
    other.close()
    assert clock.elapsed() >= 900
    assert len(watch.at_hide) == 1 and len(watch.at_hide[0]) == 1  # it existed when the window went
    assert runner().wait_idle()


def test_quitting_at_sign_in_after_a_sign_out_backs_up_first(qtbot, desk, tmp_path):
    desk.session.sign_out()
    assert isinstance(desk.dialog, SignInDialog)
    with qtbot.waitSignal(desk.finished, timeout=15_000):
        desk.dialog.reject()
        assert not list((tmp_path / "backups").glob("studio_*_exit.zip"))  # not yet: it runs
    assert len(list((tmp_path / "backups").glob("studio_*_exit.zip"))) == 1


def test_no_exit_backup_when_the_setting_is_off(qtbot, desk, sqlite_studio, tmp_path):
    update_settings(sqlite_studio["manager"], {"backup_on_exit": False})
    desk.window.close()
    qtbot.waitUntil(lambda: not desk.window.isVisible())
    assert not list((tmp_path / "backups").glob("studio_*_exit.zip"))


@pytest.fixture
def starting(qapp):
    """start(argv) → a begun Start, waited for, with ``codes``: the exit codes it asked for (the test
    application itself never exits); it quits on its last window again afterwards."""
    starts: list[Start] = []

    def _start(*argv: str) -> Start:
        start = Start(parse_args(argv), qapp)
        start.codes = []
        start.ended.connect(start.codes.append)
        starts.append(start)
        start.begin()
        assert runner().wait_idle()
        return start

    yield _start
    qapp.setQuitOnLastWindowClosed(True)
    for start in starts:
        if start.desk is not None:
            start.desk.idle.stop()
            start.desk.dialog.close()
    close_database()


def test_start_up_checks_then_opens_the_desk(qtbot, starting, sqlite_studio, tmp_path, told):
    path = sqlite_path()
    close_database()
    start = starting("--db", str(path))
    assert isinstance(start.desk.dialog, SignInDialog) and start.desk.dialog.isVisible()
    assert list((tmp_path / "backups").glob("studio_*_auto.zip"))  # the daily backup
    assert not told and start.codes == []


def test_start_up_on_a_damaged_file_not_restored_opens_nothing(qtbot, starting, sqlite_studio, tmp_path):
    path = sqlite_path()
    damage(path, "complaint")
    with answering_modal(lambda box: next(b for b in box.buttons() if b.text() == "暂不恢复").click(), of=QMessageBox):
        start = starting("--db", str(path))
    assert start.desk is None and start.codes == [1]


def test_a_database_that_cannot_be_opened_is_told_once_and_opens_nothing(qtbot, starting, told):
    """Opened on an op's thread (it may migrate, or build the demo): its refusal is one message."""
    start = starting("--database-url", "postgresql://studio@127.0.0.1:1/studio")
    assert start.desk is None and start.codes == [1]
    assert len(told) == 1 and told[0].startswith("无法连接共享数据库（127.0.0.1:1")
