"""Fixtures shared by every test: a fresh real database per test, and its people.

Core tests run on SQLite always, and also on PostgreSQL when STUDIODESK_TEST_PG_URL points
at a server (``.ci/run`` starts one); without it the PostgreSQL variants skip with a reason.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The user data folder (platformdirs follows XDG_DATA_HOME): a shared database's backups and the
# desk's settings go to a folder of the test run, never into the real user's.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="studiodesk-tests-")
# Password hashes at a test-only low cost (studio_desk.security); subprocesses inherit it.
# tests/core/test_security.py checks the real cost with the variable removed.
os.environ.setdefault("STUDIODESK_TEST_SCRYPT_LOG2_N", "10")

from studio_desk import clock  # noqa: E402
from studio_desk.db import close_database, sqlite_path  # noqa: E402
from studio_desk.models import Category, Department, Setting, User  # noqa: E402
from studio_desk.opening import open_database
from studio_desk.services import users  # noqa: E402
from tests import pg  # noqa: E402

# A Monday morning, so working-day arithmetic in tests is easy to follow.
T0 = datetime(2026, 11, 23, 10, 0, 0)


@pytest.fixture(autouse=True)
def pinned_clock():
    """Every test starts with the studio's clock pinned at T0, so no test depends on the day it runs.
    Tests that need another moment nest ``clock.frozen``; on leaving it the clock is back at T0."""
    with clock.frozen(T0):
        yield T0


@pytest.fixture
def frozen_now(pinned_clock):
    return pinned_clock


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A fresh, migrated database; parametrised over SQLite and (if configured) PostgreSQL."""
    if request.param == "postgresql":
        url = pg.fresh_database_url(request.node.name)
        database = open_database(url=url)
    else:
        database = open_database(tmp_path / "studio.sqlite3")
    yield database
    close_database()
    if request.param == "postgresql":
        pg.drop_database(url)


@pytest.fixture
def pg_url(request):
    """A fresh, empty PostgreSQL database (skipped without a server); dropped afterwards."""
    url = pg.fresh_database_url(request.node.name)
    yield url
    close_database()
    pg.drop_database(url)


@pytest.fixture
def sqlite_db(tmp_path):
    database = open_database(tmp_path / "studio.sqlite3")
    yield database
    close_database()


def _setup_studio():
    with clock.frozen(datetime(2026, 1, 5, 9, 0)):
        manager = users.first_run_setup(
            {"studio_name": "花嫁摄影工作室", "studio_address": "上海市静安区南京西路 1 号",
             "studio_phone": "021-62345678"},
            {"username": "manager", "display_name": "王店长", "password": "manager123"},
        )
        people = {"manager": manager}
        for username, name, role in (
            ("front", "李前台", "receptionist"),
            ("service", "赵客服", "service"),
            ("exec", "陈经理", "executive"),
        ):
            people[username] = users.create_user(
                manager, {"username": username, "display_name": name, "role": role, "password": username + "123"}
            )
        people["admin"] = users.create_user(
            people["exec"], {"username": "admin", "display_name": "系统管理员", "role": "admin", "password": "admin123"}
        )
    return people


# The set-up studio as SQLite file bytes, built by the first test that asks for it: hashing five
# passwords with scrypt is slow on purpose, so later tests copy the file instead of repeating it.
_studio_file: bytes | None = None


def _studio_on(database):
    """The set-up studio in ``database``: built for real on PostgreSQL (and once on SQLite), copied after."""
    global _studio_file
    if sqlite_path(database) is None or User.select().exists() or Setting.select().exists():
        return _setup_studio()
    path = Path(database.database)
    if _studio_file is None:
        people = _setup_studio()
        database.close()  # checkpoints the WAL into the file
        _studio_file = path.read_bytes()
        database.connect()
        return people
    database.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(_studio_file)
    database.connect()
    return {key: User.get(User.username == key) for key in ("manager", "front", "service", "exec", "admin")}


@pytest.fixture
def studio(db):
    """A set-up studio with one user of each role: keys manager, front, service, exec, admin."""
    return _studio_on(db)


@pytest.fixture
def sqlite_studio(sqlite_db):
    return _studio_on(sqlite_db)


@pytest.fixture
def category():
    return lambda name="修图质量": Category.get(Category.name == name).id


@pytest.fixture
def department():
    return lambda name="数码后期": Department.get(Department.name == name).id
