"""psycopg2, loaded when a PostgreSQL database is made rather than whenever peewee is.

peewee imports psycopg2 as it loads — with libpq and OpenSSL, 15–20 ms of every start of the
desk — though a desk on a SQLite file never uses it. :func:`peewee_without_psycopg2` (called by
``studio_desk/__init__``) lets peewee load as it does where psycopg2 is not installed, and
:func:`load` later does what peewee's own import would have done (peewee 4.5, pinned).
"""

from __future__ import annotations

import sys


def peewee_without_psycopg2() -> None:
    if "peewee" in sys.modules or "psycopg2" in sys.modules:
        return  # peewee is loaded already (with psycopg2, then) or psycopg2 is: nothing to save
    sys.modules["psycopg2"] = None  # "import psycopg2" raises ImportError, which peewee expects
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg2"]


def load() -> None:
    """Give peewee psycopg2, as its import would have; before the first PostgresqlDatabase is made."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, extensions, Json
    adapter = peewee.Psycopg2Adapter  # its transaction states are class attributes set at import
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
