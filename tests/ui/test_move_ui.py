"""The 数据 menu's move entry: 店长 and above only; from a SQLite desk it moves the studio onto an
empty PostgreSQL database off the GUI thread, says what was copied, and this desk then saves nothing
more into its old file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from studio_desk.db import refuse_writes, writes_refused
from studio_desk.errors import DomainError
from tests import pg
from tests.board_factory import register
from ui.ops import runner


@pytest.fixture(autouse=True)
def _writes_allowed_afterwards():
    yield
    refuse_writes(None)


def move_entry(window):
    return next(a for a in window.menu("data").actions() if a.objectName() == "move_studio")


def test_the_move_entry_follows_the_role(make_window):
    window = make_window("manager")
    assert move_entry(window).text() == "迁移到共享数据库…" and move_entry(window).isEnabled()
    window.session.sign_in(window.session.user.__class__.get(username="front"))
    assert not move_entry(window).isEnabled()


def test_a_sqlite_desk_moves_onto_an_empty_shared_database(make_window, sqlite_studio, monkeypatch, request):
    url = pg.fresh_database_url(request.node.name)
    request.addfinalizer(lambda: pg.drop_database(url))
    register(sqlite_studio["front"])
    window = make_window("manager")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (url, True))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append("警告：" + text))
    move_entry(window).trigger()
    assert not move_entry(window).isEnabled()  # a second click while it runs starts nothing
    assert runner().wait_idle()
    assert move_entry(window).isEnabled()
    assert told and told[0].startswith("已迁移并校验：1 个案件") and "重新打开" in told[0]
    assert "不再保存修改" in writes_refused()
    with pytest.raises(DomainError, match="不再保存修改"):
        register(sqlite_studio["front"])
