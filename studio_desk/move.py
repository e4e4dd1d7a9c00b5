"""Move a studio (迁移数据) from its SQLite file onto a shared PostgreSQL database when it adds the
second desk, or from the shared database back onto one PC.

Everything moves: every table with its ids (cases, customers, people, settings, the case-number
counters), the audit trail, and the attachments (files beside a SQLite database, content inside a
PostgreSQL one). The target must be empty; the source is only read, inside one snapshot, so what a
desk saves meanwhile is either wholly in the copy or not at all. The target is written in one
transaction holding the desks' write lock, checked (row count and checksum of every table, SHA-256
of every file read back from the target) and committed only if everything matches: a failure or a
Cancel leaves it as empty as it was.

The audit table's guard refuses UPDATE and DELETE, never INSERT, so the copy appends the events
with their ids into the empty table and the guard stays on for everyone all the time.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Database, PostgresqlDatabase, SqliteDatabase, sort_models

from studio_desk import clock, live, move_files, move_tables
from studio_desk.db import PG_WRITE_LOCK, connect, files_dir, make_database
from studio_desk.errors import DomainError
from studio_desk.migrations import LATEST_VERSION, create_schema, schema_version
from studio_desk.models import ALL_MODELS
from studio_desk.move_files import Place
from studio_desk.progress import NO_PROGRESS, Progress


@dataclass
class MoveReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0

    @property
    def summary(self) -> str:
        cases = self.rows.get("complaint", 0)
        return (
            f"已迁移并校验：{cases} 个案件、{sum(self.rows.values())} 行数据（{len(self.rows)} 张表）、"
            f"{self.files} 个附件（{self.file_bytes / 1024 / 1024:.1f} MB）。"
        )


def sqlite_source(path: str | Path) -> Place:
    """An existing StudioDesk file that passes the quick check (a damaged file is not carried over)."""
    from studio_desk import integrity
    from studio_desk.env_errors import DatabaseDamaged

    path = Path(path)
    report = integrity.check_file(path)  # also refuses a missing, empty or foreign file in its own words
    if not report.ok:
        raise DatabaseDamaged(report.message)
    return Place(make_database(path, create=False), f"数据库文件 {path}", files_dir(path) / "attachments")


def sqlite_target(path: str | Path) -> Place:
    """A new file: refused if anything is there already (a database or its attachments)."""
    path = Path(path)
    if path.exists() and (path.is_dir() or path.stat().st_size > 0):
        raise DomainError(f"目标文件“{path}”已经存在：只能迁移到一个新文件，以免覆盖已有数据。请换一个文件名。")
    folder = files_dir(path) / "attachments"
    if folder.is_dir() and any(folder.iterdir()):
        raise DomainError(f"目标附件文件夹“{folder}”里已有文件：只能迁移到新的位置。请换一个文件名。")
    return Place(make_database(path, create=True), f"数据库文件 {path}", folder)


def server(url: str | PostgresqlDatabase) -> Place:
    """The shared database at ``url``, or a second connection to the one a desk has open."""
    db = make_database(url=url) if isinstance(url, str) else PostgresqlDatabase(url.database, **url.connect_params)
    host = db.connect_params.get("host") or "本机"
    return Place(db, f"共享数据库 {db.database}（{host}）")


def move_studio(
    source: Place,
    target: Place,
    progress: Progress = NO_PROGRESS,
    by_user_id: int | None = None,
    *,
    audited: bool = True,
    replace: bool = False,
) -> MoveReport:
    """Copy ``source`` into the empty ``target`` and verify it; see the module docstring.

    ``audited`` False leaves the copy exactly as the source (a backup's snapshot). ``replace``
    (a restore into a shared database, after its safety backup) drops the target's StudioDesk
    tables in the same transaction instead of requiring it empty: the tables go as a whole, as a
    restore of a file replaces them, so the audit guard is never switched off for anyone."""
    connect(source.db)
    try:
        connect(target.db)
    except DomainError:
        source.db.close()
        raise
    created_files = target.files is not None and not target.files.exists()
    moved = False
    try:
        report = _move(source, target, progress, by_user_id if audited else False, replace)
        moved = True
        return report
    finally:
        source.db.close()
        target.db.close()
        if not moved:
            _undo(target, created_files)


def _move(source: Place, target: Place, progress: Progress, by_user_id: int | None | bool, replace: bool) -> MoveReport:
    report = MoveReport(source.label, target.label)
    with _snapshot(source.db), target.db.atomic():
        version = schema_version(source.db)
        if version is None or version != LATEST_VERSION:
            raise DomainError(_version_message(source, version))
        if isinstance(target.db, PostgresqlDatabase):  # no desk writes into it until the copy is in
            target.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
            live.announce(target.db)  # a restore: the desks reload once it commits
        if replace:
            _drop_schema(target.db)
        else:
            _require_empty(target)
        create_schema(target.db)
        shas = move_files.attachment_hashes(source.db)
        total = sum(move_tables.count(source.db, m) for m in move_tables.COPIED) * 2 + len(shas) * 2
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            progress.update(done, total, "正在复制数据…")

        progress.update(0, total, "正在复制数据…")
        sources = {}
        for model in move_tables.COPIED:
            sources[move_tables.table(model)] = move_tables.copy_table(source.db, target.db, model, tick)
        report.files, report.file_bytes = move_files.copy(source, target, shas, tick)
        move_tables.set_sequences(target.db)
        progress.update(done, total, "正在校验…")
        for model in move_tables.COPIED:
            name = move_tables.table(model)
            copied = move_tables.fingerprint(target.db, model)
            if (copied.rows, copied.checksum) != (sources[name].rows, sources[name].checksum):
                raise DomainError(
                    f"迁移校验失败：表 {name} 复制后与原数据不一致（{sources[name].rows} 行 → "
                    f"{copied.rows} 行）。目标数据库没有保存任何内容。"
                )
            report.rows[name], report.checksums[name] = copied.rows, copied.checksum
            tick(copied.rows)
        move_files.verify(target, shas, tick)
        if by_user_id is not False:
            _record(target.db, report, by_user_id)
    return report


@contextlib.contextmanager
def _snapshot(db: Database) -> Iterator[None]:
    """A read transaction on the source: every table is read as of one moment. On PostgreSQL a
    REPEATABLE READ, READ ONLY transaction; on SQLite a read transaction sees one state of the WAL."""
    with db.atomic():  # its COMMIT only ends the reading: nothing was written
        if isinstance(db, PostgresqlDatabase):
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _version_message(source: Place, version: int | None) -> str:
    if version is None:
        return f"{source.label}是空的，没有可迁移的数据。"
    if version > LATEST_VERSION:
        return f"{source.label}来自更新版本的影楼客怨处理台（数据结构版本 {version}）：请先升级本程序。"
    return f"{source.label}的数据结构是旧版本（{version}）：请先用本程序打开一次（会自动备份并升级），再迁移。"


def _require_empty(target: Place) -> None:
    """The target has no tables, or only the empty tables of a StudioDesk desk that connected once
    (of any version: they are dropped, to be made anew). Anything with data in it, or another
    program's tables, is refused."""
    db = target.db
    tables = set(db.get_tables())
    if not tables:
        return
    if schema_version(db) is None:
        raise DomainError(
            f"{target.label}里已有其他程序的表（{', '.join(sorted(tables)[:5])}）："
            "只能迁移到空的数据库。请新建一个空数据库。"
        )
    filled = [t for t in sorted(tables - {"schema_info"}) if db.execute_sql(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()]
    if filled:
        cases = db.execute_sql('SELECT COUNT(*) FROM "complaint"').fetchone()[0] if "complaint" in tables else 0
        raise DomainError(
            f"{target.label}不是空的（已有 {cases} 个案件、{len(filled)} 张表有数据）："
            "只能迁移到空的数据库，以免覆盖已有数据。请新建一个空数据库。"
        )
    _drop_schema(db)


def _drop_schema(db: Database) -> None:
    for model in reversed(sort_models(ALL_MODELS)):
        db.execute_sql(f'DROP TABLE IF EXISTS "{model._meta.table_name}" CASCADE')
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("DROP FUNCTION IF EXISTS audit_event_append_only() CASCADE")


def _record(db: Database, report: MoveReport, by_user_id: int | None) -> None:
    """The move's own audit event, appended on the target after the check (the source is untouched)."""
    details = json.dumps({"from": report.source, "rows": report.rows, "files": report.files}, ensure_ascii=False)
    db.execute_sql(
        f"INSERT INTO audit_event (at, user_id, case_id, action, details) "
        f"VALUES ({db.param}, {db.param}, NULL, 'migrate', {db.param})",
        (clock.now(), by_user_id, details),
    )


def _undo(target: Place, created_files: bool) -> None:
    """After a failure or Cancel the target holds nothing (its transaction rolled back); a new
    SQLite file and the attachments written beside it are removed again."""
    if created_files and target.files is not None:
        shutil.rmtree(target.files, ignore_errors=True)
        with contextlib.suppress(OSError):
            target.files.parent.rmdir()  # only if nothing else (a desk's drafts) is in it
    if isinstance(target.db, SqliteDatabase):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target.db.database}{suffix}").unlink(missing_ok=True)


def move_from_desk(
    user, target: str, *, db_path: Path | None, db_url: str | None, progress: Progress = NO_PROGRESS
) -> MoveReport:
    """The desk's 数据 → 迁移 entry (店长 and above): the open database to ``target``, a
    ``postgresql://`` address from a SQLite desk, a new file from a shared one. Afterwards this
    desk saves nothing more into the old database, so no work lands where nobody will look."""
    from studio_desk.db import refuse_writes
    from studio_desk.permissions import require

    require(user, "move_studio")
    target = target.strip()
    if db_path is not None:
        if not target.startswith(("postgresql://", "postgres://")):
            raise DomainError("请填写共享数据库地址，格式：postgresql://用户:密码@主机/库名。", "database_url")
        report = move_studio(sqlite_source(db_path), server(target), progress, by_user_id=user.id)
    else:
        if not target:
            raise DomainError("请选择新的数据库文件。", "db")
        report = move_studio(server(db_url or ""), sqlite_target(target), progress, by_user_id=user.id)
    refuse_writes(f"数据已迁移到{report.target}：请关闭程序，用新的数据库重新打开。这里不再保存修改。")
    return report
