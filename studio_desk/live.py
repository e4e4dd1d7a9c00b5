"""Live updates between desks on a shared PostgreSQL database (实时更新), without polling.

Every write transaction of the service door sends ``NOTIFY studiodesk_changes`` (:func:`announce`,
called by :func:`studio_desk.db.write_transaction`); PostgreSQL delivers it when, and only if, the
transaction commits. Each desk's :class:`Listener` holds one more connection that LISTENs, and
its wait returns as soon as another desk's change is committed. The payload names the sending
desk, so a desk does not reload for its own saves (it has already done so). A SQLite studio keeps
its cheap check of the newest audit event (:mod:`studio_desk.changes`).
"""

from __future__ import annotations

import os
import select
import time

from peewee import Database, PostgresqlDatabase

CHANNEL = "studiodesk_changes"
DESK_ID = os.urandom(8).hex()  # this program's own changes carry it


def announce(db: Database) -> None:
    """Inside a write transaction: tell the other desks once it commits (nothing on SQLite)."""
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(f"NOTIFY {CHANNEL}, '{DESK_ID}'")


class Listener:
    """One LISTENing connection to the shared database ``db`` (a second connection is made; the
    desk's own is not touched). Used from one worker thread only, :meth:`close` included: peewee's
    connections belong to the thread that made them."""

    def __init__(self, db: PostgresqlDatabase) -> None:
        self.db = PostgresqlDatabase(db.database, **db.connect_params)
        self.own = DESK_ID
        self._conn = None

    def _connection(self):
        if self._conn is None:
            self.db.connect(reuse_if_open=True)
            self.db.execute_sql(f"LISTEN {CHANNEL}")
            self._conn = self.db.connection()
        return self._conn

    def wait(self, timeout: float) -> bool:
        """True when another desk committed a change within ``timeout`` seconds. A lost
        connection (server restarted, network down) is False; the next wait connects again."""
        try:
            conn = self._connection()
            if not conn.notifies:
                readable, _, _ = select.select([conn], [], [], timeout)
                if readable:
                    conn.poll()
            news = [n for n in conn.notifies if n.payload != self.own]
            conn.notifies.clear()
            return bool(news)
        except Exception:  # noqa: BLE001 — psycopg2's and peewee's connection errors alike
            self.close()
            time.sleep(timeout)  # a server that refuses at once is asked again only after a while
            return False

    def close(self) -> None:
        self._conn = None
        if not self.db.is_closed():
            try:
                self.db.close()
            except Exception:  # noqa: BLE001 — closing a broken connection
                pass
