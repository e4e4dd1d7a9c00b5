"""Two desks on one database — two program instances on one SQLite file, two connections to one
PostgreSQL server: no lost write (the loser gets StaleEdit), no colliding case numbers, and each
desk sees the other's change on its next read (the board polls data_version)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from studio_desk.changes import data_version
from studio_desk.db import close_database, current_database, sqlite_path
from studio_desk.errors import StaleEdit
from studio_desk.models import Complaint, Customer, DailyCounter
from studio_desk.services.cases import update_case
from studio_desk.services.common import load_case
from tests.board_factory import register

ROOT = Path(__file__).resolve().parents[2]


def on_other_desk(fn, *args):
    """Run ``fn`` on its own thread with its own database connection; returns its result."""
    out: list = []

    def run():
        try:
            out.append(fn(*args))
        except BaseException as exc:  # handed back to the test
            out.append(exc)
        finally:
            current_database().close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


def side_by_side(n_desks: int, fn) -> list:
    """``fn(desk_no)`` on ``n_desks`` threads started together, each with its own connection."""
    barrier = threading.Barrier(n_desks)
    results: list = [None] * n_desks

    def run(i):
        try:
            barrier.wait()
            results[i] = fn(i)
        except BaseException as exc:
            results[i] = exc
        finally:
            current_database().close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n_desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def test_the_slower_desk_gets_stale_edit_and_writes_nothing(studio, frozen_now):
    case = register(studio["front"])
    loaded_version = case.version  # both desks opened the case
    on_other_desk(lambda: update_case(studio["manager"], case.id, loaded_version, {"customer_wish": "全额退款"}))
    with pytest.raises(StaleEdit) as refused:
        update_case(studio["front"], case.id, loaded_version, {"customer_wish": "重新拍摄"})
    assert "已被其他人修改" in refused.value.message
    assert load_case(case.id).customer_wish == "全额退款"


def test_concurrent_edits_never_lose_a_write(studio, frozen_now):
    case = register(studio["front"])

    def desk(i):
        for n in range(6):
            while True:
                current = load_case(case.id)
                try:
                    update_case(studio["manager"], case.id, current.version,
                                {"evidence_note": f"{current.evidence_note} d{i}n{n}".strip()})
                    break
                except StaleEdit:
                    continue

    side_by_side(3, desk)  # each desk retries after StaleEdit, as a user reopens the case
    note = load_case(case.id).evidence_note.split()
    assert sorted(note) == sorted(f"d{i}n{n}" for i in range(3) for n in range(6))
    assert load_case(case.id).version == 1 + 18


def test_case_numbers_never_collide(studio, frozen_now):
    numbers = side_by_side(3, lambda i: [register(studio["front"]).case_no for _ in range(8)])
    flat = [n for desk in numbers for n in desk]
    assert len(set(flat)) == 24
    assert sorted(flat) == [f"KS-20261123-{n:03d}" for n in range(1, 25)]
    assert DailyCounter.get_by_id("20261123").last == 24


def test_same_new_customer_from_two_desks_is_one_customer(studio, frozen_now):
    side_by_side(2, lambda i: register(studio["front"], phone="13912345678", customer_name="同一位顾客").case_no)
    assert Customer.select().where(Customer.phone == "13912345678").count() == 1
    second = Complaint.select().order_by(Complaint.id.desc()).first()
    assert second.is_repeat


def test_a_change_is_seen_by_the_other_desk_on_its_next_read(studio, frozen_now):
    before = on_other_desk(data_version)
    assert before == data_version()
    case = register(studio["front"])
    assert on_other_desk(data_version) != before
    assert on_other_desk(lambda: load_case(case.case_no).description) == case.description
    seen = data_version()
    on_other_desk(lambda: update_case(studio["manager"], case.id, case.version, {"customer_wish": "退款"}))
    assert data_version() != seen and load_case(case.id).customer_wish == "退款"


_DESK = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from studio_desk.opening import open_database
    from studio_desk.models import User
    from tests.board_factory import register
    open_database({path!r})
    front = User.get(User.username == "front")
    for _ in range(15):
        print(register(front).case_no, flush=True)
""")


def test_two_program_instances_on_one_sqlite_file(sqlite_studio):
    path = sqlite_path()
    close_database()
    script = _DESK.format(root=str(ROOT), path=str(path))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    desks = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(2)]
    outputs = [d.communicate(timeout=120) for d in desks]
    assert [d.returncode for d in desks] == [0, 0], [err for _, err in outputs]
    numbers = [line for out, _ in outputs for line in out.split()]
    assert len(numbers) == 30 and len(set(numbers)) == 30
    from studio_desk.opening import open_database

    open_database(path)
    assert Complaint.select().count() == 30
