"""Live updates on the shared database: a change committed at one desk reaches the other desk's
listener within a second, without polling; a rolled-back one does not, nor a desk's own."""

from __future__ import annotations

import threading
import time

import pytest

from studio_desk import live
from studio_desk.db import current_database, is_sqlite, write_transaction
from studio_desk.services.cases import update_case
from tests.board_factory import register
from tests.core.test_two_desks import on_other_desk


@pytest.fixture
def listener(studio):
    if is_sqlite():
        pytest.skip("LISTEN/NOTIFY: PostgreSQL only (SQLite keeps its cheap check)")
    found = {}

    def listen():
        found["listener"] = live.Listener(current_database())
        found["listener"].wait(0)  # LISTEN before the test goes on
        ready.set()
        while not stop.is_set():
            if found["listener"].wait(0.05):
                found.setdefault("at", []).append(time.monotonic())
        found["listener"].close()

    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=listen)
    thread.start()
    ready.wait(10)
    yield found
    stop.set()
    thread.join(10)


def test_a_change_at_the_other_desk_is_heard_within_a_second(studio, listener, monkeypatch):
    monkeypatch.setattr(live, "DESK_ID", "front-desk")  # the saves below come from another desk
    register(studio["front"])
    saved = time.monotonic()
    deadline = saved + 1.0
    while "at" not in listener and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener["at"][0] - saved < 1.0


def test_a_rolled_back_change_is_not_announced(studio, listener, monkeypatch):
    monkeypatch.setattr(live, "DESK_ID", "front-desk")
    with pytest.raises(RuntimeError):
        with write_transaction():
            current_database().execute_sql("SELECT 1")
            raise RuntimeError("the save failed")
    time.sleep(0.5)
    assert "at" not in listener


def test_a_desk_is_not_told_of_its_own_saves(studio, listener):
    case = register(studio["front"])  # it reloads by itself after its own save
    on_other_desk(lambda: update_case(studio["manager"], case.id, case.version, {"customer_wish": "重拍"}))
    time.sleep(0.5)
    assert "at" not in listener  # both connections are this program's here
