"""Opening the database (打开数据库): bind the models, bring the schema up to date, and back a
SQLite file up before any schema upgrade. Kept apart from :mod:`studio_desk.db`, which every
module uses, because it needs the migrations and the backup, which use :mod:`studio_desk.db`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import Database, SqliteDatabase

from studio_desk.backup import before_upgrade as backup_before_upgrade
from studio_desk.db import connect, make_database
from studio_desk.env_errors import explain
from studio_desk.errors import DomainError
from studio_desk.migrations import migrate
from studio_desk.models import database_proxy


def open_database(
    path: str | Path | None = None,
    url: str | None = None,
    *,
    before_upgrade: Callable[[Database, int], None] | None = None,
    create: bool = True,
) -> Database:
    """Open, bind the models and bring the schema up to date; returns the connected database.

    ``create=False`` (the command line) refuses a file that is not already a StudioDesk database."""
    db = make_database(path, url, create=create)
    database_proxy.initialize(db)
    connect(db)
    if before_upgrade is None and isinstance(db, SqliteDatabase):
        before_upgrade = backup_before_upgrade  # every schema upgrade of a file is preceded by a backup
    try:
        migrate(db, before_upgrade=before_upgrade)
    except DomainError:
        raise
    except Exception as exc:  # on SQLite the pragmas and the schema read are the first real I/O
        known = explain(exc, db.database) if isinstance(db, SqliteDatabase) else None
        if known is None:
            raise
        raise known from exc
    return db

