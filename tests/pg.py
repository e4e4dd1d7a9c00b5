"""A throw-away PostgreSQL database per test, when STUDIODESK_TEST_PG_URL names a server.

The URL points at a maintenance database (e.g. postgresql://postgres@127.0.0.1/postgres);
each test gets its own database created from it and dropped afterwards.
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import urlparse, urlunparse

import pytest

ENV = "STUDIODESK_TEST_PG_URL"


def server_url() -> str:
    url = os.environ.get(ENV, "")
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {ENV} "
                    "(e.g. postgresql://postgres@127.0.0.1/postgres); .ci/run does")
    return url


def _admin(url: str):
    import psycopg2

    parsed = urlparse(url)
    conn = psycopg2.connect(
        dbname=parsed.path.lstrip("/") or "postgres",
        user=parsed.username,
        password=parsed.password,
        host=parsed.hostname,
        port=parsed.port,
    )
    conn.autocommit = True
    return conn


def fresh_database_url(test_name: str) -> str:
    base = server_url()
    name = "sd_" + re.sub(r"[^a-z0-9]", "_", test_name.lower())[:30] + "_" + uuid.uuid4().hex[:8]
    conn = _admin(base)  # not `with conn`: psycopg2 ≥ 2.9 opens a transaction there even in autocommit
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    parsed = urlparse(base)
    return urlunparse(parsed._replace(path="/" + name))


def drop_database(url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    conn = _admin(server_url())
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()
