"""Crash safety, proved: the save path runs in a child process that is killed with SIGKILL at
random moments, two hundred times. Afterwards the database passes integrity_check, every case
number the child had reported as saved is there, and no case is half-written.

The child is forked from the test process (already imported, so a run costs milliseconds, not
an interpreter start) and prints each case number register_complaint returned, flushed, to a
pipe; a line is complete only once its newline arrived.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
import traceback

import pytest

from studio_desk import clock
from studio_desk.db import close_database, sqlite_path
from studio_desk.models import AuditEvent, Complaint, Customer, DailyCounter, User
from studio_desk.opening import open_database
from tests.board_factory import register
from tests.conftest import T0

KILLS = 200
TIME_LIMIT = 45.0  # seconds for the kill loop; the test stops early rather than run long
TEXTS = ("修图太假", "相册做错了 𠀀𠀁", "😀 客人很生气 " * 40, "\u202e右到左\u202c", "x" * 4000)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX); CI runs on Linux")


def _save_forever(db_path, fd: int) -> None:
    """The child: open the database and save complaints until killed."""
    out = os.fdopen(fd, "w", encoding="utf-8")
    try:
        open_database(db_path)
        front = User.get(User.username == "front")
        rng = random.Random(os.getpid())
        with clock.frozen(T0):
            while True:
                case = register(front, description=rng.choice(TEXTS), phone=f"139{rng.randrange(10**8):08d}",
                                vip=rng.random() < 0.2, group_size=rng.randint(1, 9))
                out.write(case.case_no + "\n")
                out.flush()
    except BaseException:
        out.write("ERROR " + traceback.format_exc().replace("\n", " | ") + "\n")
        out.flush()
    finally:
        os._exit(0)


def _run_and_kill(db_path, delay: float) -> list[str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_end)
        _save_forever(db_path, write_end)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    return text.split("\n")[:-1]  # the part after the last newline was cut off by the kill


def test_sigkill_at_random_moments_loses_nothing_that_was_saved(sqlite_studio):
    db_path = sqlite_path()
    close_database()
    rng = random.Random(20261123)
    reported: list[str] = []
    started = time.monotonic()
    kills = 0
    sys.stdout.flush()
    while kills < KILLS and time.monotonic() - started < TIME_LIMIT:
        lines = _run_and_kill(db_path, rng.uniform(0.0, 0.2))
        errors = [line for line in lines if line.startswith("ERROR")]
        assert not errors, errors[0]
        reported += lines
        kills += 1
    assert kills >= 100, f"only {kills} kills in {TIME_LIMIT} s"
    assert len(reported) >= 100  # the kills landed among real saves, not only during start-up

    db = open_database(db_path)
    assert [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()] == ["ok"]
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    stored = {c.case_no: c for c in Complaint.select()}
    missing = [n for n in reported if n not in stored]
    assert not missing, f"{len(missing)} saved cases lost, e.g. {missing[:3]}"
    registered = {e.case_id for e in AuditEvent.select().where(AuditEvent.action == "register")}
    customers = {c.id for c in Customer.select()}
    for case in stored.values():  # nothing half-written
        assert case.id in registered and case.customer_id in customers and case.next_due is not None
    assert DailyCounter.get_by_id("20261123").last == len(stored)  # the counter moved with every save, no more
