"""A desk on the shared database (the real PostgreSQL server): the board hears the other desk's
change within a second, without polling (NOTIFY), its timer only moves "time left" on; the 数据
menu backs the shared data up into the same archive as a file's."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QMessageBox

from studio_desk import live
from studio_desk.opening import open_database
from studio_desk.services import actions
from tests.board_factory import register
from tests.conftest import _setup_studio
from tests.ui.boardkit import stage_of
from tests.ui.test_board_refresh import other_desk
from ui.board.view import SHARED_TICK_MS, BoardPage
from ui.main_window import MainWindow
from ui.ops import runner
from ui.session import Session


@pytest.fixture
def shared_desk(qtbot, pg_url):
    open_database(url=pg_url)
    people = _setup_studio()
    session = Session(None, pg_url)
    session.sign_in(people["manager"])
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, people
    window.close()


def test_the_other_desks_change_reaches_the_board_within_a_second(shared_desk, qtbot, monkeypatch):
    window, people = shared_desk
    page = window.findChild(BoardPage)
    assert page.poll_timer.interval() == SHARED_TICK_MS  # no 3-second polling on the shared database
    case = register(people["front"])
    window.session.changed()  # as this desk's intake form does after its own save
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "registered", timeout=2000)
    monkeypatch.setattr(live, "DESK_ID", "front-desk")  # what follows is the other desk's save
    other_desk(lambda: actions.start_investigation(people["front"], case.id, case.version))
    saved = time.monotonic()
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "investigating", timeout=1000)
    assert time.monotonic() - saved < 1.0


def test_the_shared_desk_backs_up_from_the_data_menu(shared_desk, monkeypatch, tmp_path):
    window, people = shared_desk
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "desk"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append("警告：" + text))
    register(people["front"])
    next(a for a in window.menu("data").actions() if a.objectName() == "backup_now").trigger()
    assert runner().wait_idle()  # the backup runs as an op
    assert len(told) == 1 and not told[0].startswith("警告")
    archives = list((tmp_path / "desk" / "StudioDesk" / "backups").glob("*.zip"))
    assert len(archives) == 1 and str(archives[0]) in told[0]
