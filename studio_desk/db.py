"""The one place that opens the database: SQLite by default, PostgreSQL for two desks.

SQLite runs in WAL mode with foreign keys on, a busy timeout and FULL sync, so a power cut
never loses a save that had returned. Every write goes through :func:`write_transaction`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import Database, Model, PostgresqlDatabase, SqliteDatabase

from studio_desk import live
from studio_desk.env_errors import explain
from studio_desk.errors import DomainError
from studio_desk.models import database_proxy

APP_NAME = "StudioDesk"
PG_WRITE_LOCK = 0x5D5D  # advisory lock key: one writing desk at a time, as on SQLite
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 15000,
    "synchronous": 2,
    "cache_size": -16000,
}


def default_data_dir() -> Path:
    import platformdirs  # only when no file was named: --db and --database-url start without it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def files_dir(db_path: Path) -> Path:
    """The attachments/drafts folder that belongs to a SQLite database file (``<stem>_files``)."""
    return db_path.with_name(f"{db_path.stem}_files")


def default_db_path() -> Path:
    return default_data_dir() / "studiodesk.sqlite3"


def make_database(path: str | Path | None = None, url: str | None = None, *, create: bool = True) -> Database:
    """A peewee Database for a SQLite file or a ``postgresql://`` URL, not yet connected.

    Without ``create`` the file must already be a StudioDesk database (see :mod:`db_file`);
    with it, a missing or 0-byte file may become one, but never another program's database."""
    if url:
        try:
            parsed = urlparse(url)
            parsed.port  # noqa: B018 — a bad port ("host:99999", "[::1") is a ValueError only when read
        except ValueError as exc:
            raise DomainError(f"数据库地址“{url[:40]}”格式不对：请使用 postgresql://用户:密码@主机/库名。") from exc
        if parsed.scheme not in ("postgresql", "postgres"):
            raise DomainError(f"不支持的数据库地址“{url[:40]}”：请使用 postgresql://用户:密码@主机/库名。")
        return PostgresqlDatabase(
            unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username or "") or None,
            password=unquote(parsed.password or "") or None,
            host=parsed.hostname or None,
            port=parsed.port or None,
            connect_timeout=10,  # an office PC that is switched off: say so in seconds, not minutes
        )
    db_path = Path(path) if path else default_db_path()
    if not create or _has_content(db_path):
        from studio_desk.db_file import require_studio_database

        require_studio_database(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError(f"无法创建数据文件夹 {db_path.parent}：{exc.strerror or exc}") from exc
    return SqliteDatabase(str(db_path), pragmas=SQLITE_PRAGMAS, timeout=15)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0 or path.is_dir()
    except OSError:
        return False


def connect(db: Database) -> None:
    """Connect ``db`` (this thread's connection); a server that cannot be reached or a file that
    cannot be opened is a DomainError saying which and why."""
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # sqlite3/psycopg2 errors differ; both mean "cannot open"
        raise _cannot_open(db, exc) from exc


def _cannot_open(db: Database, exc: Exception) -> DomainError:
    if isinstance(db, PostgresqlDatabase):
        where = f"{db.connect_params.get('host') or '本机'}:{db.connect_params.get('port') or 5432}"
        return DomainError(
            f"无法连接共享数据库（{where}，库名 {db.database}）：请检查服务器电脑是否开机、网络是否连通、"
            f"PostgreSQL 服务是否已启动，以及用户名和密码是否正确。（详细信息：{str(exc).strip()[:200]}）")
    return explain(exc, db.database) or DomainError(f"无法打开数据库文件 {db.database}：{exc}")


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def current_database() -> Database:
    db = database_proxy.obj
    if db is None:
        raise RuntimeError("open_database() has not been called")
    return db


def is_sqlite(db: Database | None = None) -> bool:
    return isinstance(db or current_database(), SqliteDatabase)


def sqlite_path(db: Database | None = None) -> Path | None:
    db = db or current_database()
    return Path(db.database) if isinstance(db, SqliteDatabase) else None


def open_sqlite_file() -> Path | None:
    """The SQLite file in use, to name it in a message; None on PostgreSQL or before any is opened."""
    db = database_proxy.obj
    return sqlite_path(db) if db is not None else None


_write_refusal: str | None = None


def refuse_writes(message: str | None) -> None:
    """After a failed integrity check every write is refused with ``message`` (Chinese);
    ``None`` allows writes again (after a good restore)."""
    global _write_refusal
    _write_refusal = message


def writes_refused() -> str | None:
    return _write_refusal


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE),
    so two desks wait for each other instead of failing half-way. On PostgreSQL a transaction
    lock does the same, so look-then-write steps (the same new customer typed at two desks)
    see each other's work as they do on SQLite."""
    if _write_refusal is not None:
        raise DomainError(_write_refusal)
    db = current_database()
    outermost = not db.in_transaction()
    ctx = db.atomic("IMMEDIATE") if isinstance(db, SqliteDatabase) and outermost else db.atomic()
    with ctx:
        if outermost and isinstance(db, PostgresqlDatabase):
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
            live.announce(db)  # delivered to the other desks when this transaction commits
        yield


_INSERTS: dict[tuple, str] = {}


def insert_sql(model: type[Model], fields: list) -> str:
    """``INSERT INTO table (columns) VALUES (placeholders)`` for ``fields``, built once per column set."""
    db = current_database()
    key = (model, type(db), tuple(f.name for f in fields))
    sql = _INSERTS.get(key)
    if sql is None:
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join([db.param] * len(fields))})'
        _INSERTS[key] = sql
    return sql
