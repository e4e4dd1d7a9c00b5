"""Is the database intact? ``PRAGMA quick_check`` at every start, the full ``integrity_check``
(plus foreign keys and missing attachment files) from the menu and ``main.py check``.

When a check fails the program must not write: :func:`guard` makes every later
``write_transaction`` refuse with a plain Chinese message until a good backup is restored.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Database, SqliteDatabase

from studio_desk.db import current_database, refuse_writes
from studio_desk.db_file import open_read_only, require_studio_database
from studio_desk.env_errors import DatabaseDamaged, explain

_MAX_PROBLEMS = 20


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    full: bool
    problems: tuple[str, ...] = ()
    # Missing attachment files: worth a warning, but the database itself is fine.
    missing_files: tuple[str, ...] = field(default_factory=tuple)

    @property
    def message(self) -> str:
        """What the user is told, in plain Chinese."""
        kind = "完整检查" if self.full else "快速检查"
        if not self.ok:
            return (f"数据库文件已损坏（{kind}发现 {len(self.problems)} 处问题）。为保护数据，程序现在不保存任何修改。"
                    "请从最近的备份恢复；如果没有备份，请联系技术支持，不要删除数据文件。")
        if self.missing_files:
            return f"数据库{kind}通过，但有 {len(self.missing_files)} 个附件文件找不到了（可能被移动或删除）。"
        return f"数据库{kind}通过，数据完好。"


def check_file(path: str | Path, full: bool = False) -> IntegrityReport:
    """Check a database file without writing to it (read-only connection); safe on a damaged
    file and before open_database, which would migrate it. A file that is missing, empty or
    another program's, and a disk that is locked, read-only or failing, raise a DomainError
    that says so: those are not damage, and restoring a backup would not help."""
    path = Path(path)
    try:
        require_studio_database(path)
    except DatabaseDamaged as exc:
        return IntegrityReport(False, full, (f"无法读取数据库：{exc.message.split('。')[0]}",))
    try:
        with closing(open_read_only(path)) as conn:
            problems = _sqlite_problems(conn.execute, full)
    except sqlite3.DatabaseError as exc:
        return IntegrityReport(False, full, _damage_or_raise(exc, path))
    return IntegrityReport(not problems, full, tuple(problems))


def _damage_or_raise(exc: sqlite3.DatabaseError, path: Path) -> tuple[str, ...]:
    """Damage is a failed check; a locked, unreadable or failing disk is not (the advice differs)."""
    known = explain(exc, path)
    if known is not None and not isinstance(known, DatabaseDamaged):
        raise known from exc
    return (f"无法读取数据库：{exc}",)


def check_database(db: Database | None = None, full: bool = False) -> IntegrityReport:
    """Check the open database. On PostgreSQL the server keeps the files consistent; the check
    confirms the connection and the schema are there."""
    db = db or current_database()
    run = lambda sql: db.execute_sql(sql)  # noqa: E731
    try:
        if isinstance(db, SqliteDatabase):
            problems = _sqlite_problems(run, full)
        else:
            found = db.table_exists("schema_info")
            problems = [] if found else ["找不到数据表 schema_info，这不是影楼客怨处理台的数据库。"]
    except Exception as exc:  # noqa: BLE001 — sqlite3 and psycopg2 report damage with different classes
        known = explain(exc, getattr(db, "database", None)) if isinstance(db, SqliteDatabase) else None
        if known is not None and not isinstance(known, DatabaseDamaged):
            raise known from exc  # locked, read-only, full, failing disk: not damage
        problems = [f"无法读取数据库：{exc}"]
    missing = tuple(_missing_attachments()) if full and not problems else ()
    return IntegrityReport(not problems, full, tuple(problems), missing)


def _sqlite_problems(run, full: bool) -> list[str]:
    rows = [str(r[0]) for r in run("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()]
    problems = [r for r in rows if r != "ok"]
    if full:
        problems += [f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在"
                     for table, rowid, parent, _ in run("PRAGMA foreign_key_check").fetchall()]
    return problems[:_MAX_PROBLEMS]


def _missing_attachments() -> list[str]:
    from studio_desk.attachments import is_missing
    from studio_desk.models import Attachment, Complaint

    missing = []
    for att in Attachment.select(Attachment, Complaint.case_no).join(Complaint):
        if is_missing(att):
            missing.append(f"案件 {att.case.case_no} 的附件“{att.filename}”")
    return missing


def guard(report: IntegrityReport) -> IntegrityReport:
    """After a failed check, refuse every write from now on (until restore lifts it)."""
    if not report.ok:
        refuse_writes(report.message)
    return report
