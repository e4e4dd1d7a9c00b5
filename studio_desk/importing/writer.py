"""Writing an import: every case staged in memory first, then all written in one short
transaction with a few statements per table (no service call and no query per row).

The write lock is held only for the inserts (a second or two for 10,000 cases), so the other
desk waits instead of failing; if the other desk holds the lock longer than SQLite's busy
timeout, the import says 数据库正忙 and writes nothing. A cancel before or during the write
leaves nothing behind: the transaction is rolled back whole.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from peewee import ForeignKeyField, OperationalError

from studio_desk import clock, settings
from studio_desk.callcache import cached_per_call
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError
from studio_desk.exports.register_check import ImportRow
from studio_desk.exports.register_read import normalise_header
from studio_desk.exports.sheet_data import chunks
from studio_desk.importing.attached import after_cases, children_rows
from studio_desk.importing.bulk import insert_rows
from studio_desk.importing.references import case_numbers, customers, new_names, staff_of
from studio_desk.models import AuditEvent, Complaint, Customer, User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.services.cases import mark_paid_past_implementation
from studio_desk.services.common import due_fields
from studio_desk.services.intake import INTAKE_FLAGS

CHUNK = 100  # rows per INSERT: a complaint has ~70 columns, SQLite allows 32,766 parameters
CASE_FIELDS = (
    "channel",
    "channel_detail",
    "order_no",
    "order_stage",
    "chain_step",
    "description",
    "customer_wish",
    "mood",
    "evidence_note",
    "group_size",
    "stage",
    "severity",
    "validity",
    "solvability",
    "cause",
    "invalid_explanation",
    "assessed_at",
    "remedy_type",
    "remedy_plan",
    "approval_state",
    "approved_at",
    "approval_note",
    "implemented_at",
    "customer_accepted",
    "acceptance_note",
    "follow_up_result",
    "satisfaction",
    "closed_at",
    "close_reason",
    "promised_reply_at",
    "is_repeat",
    *INTAKE_FLAGS,
)
BUSY = "数据库正忙：另一台电脑正在保存，等了太久。没有导入任何数据，请稍后再导入。"


@dataclass
class ImportResult:
    imported: int
    already: int  # cases of the file that were in the database already
    history: int  # of the imported, how many as 历史导入
    case_nos: list[str]
    follow_ups: int = 0
    compensation_lines: int = 0
    penalties: int = 0


def fingerprint(values: dict[str, Any]) -> tuple:
    """What makes two rows the same complaint when neither has a case number."""
    return (
        values["received_at"],
        values.get("customer_name") or "",
        values.get("phone") or "",
        (values.get("description") or "")[:200],
    )


def existing_fingerprints(first: datetime, last: datetime) -> set[tuple]:
    query = (
        Complaint.select(Complaint.received_at, Customer.name, Customer.phone, Complaint.description)
        .join(Customer)
        .where(Complaint.received_at.between(first, last))
        .tuples()
    )
    return {
        fingerprint({"received_at": at, "customer_name": name, "phone": phone, "description": text})
        for at, name, phone, text in query
    }


@cached_per_call  # the settings and working calendar the due times need are read once, not per case
def write_import(
    user: User,
    file_name: str,
    rows: list[ImportRow],
    children: dict[str, list[ImportRow]],
    *,
    progress: Progress = NO_PROGRESS,
    remember: tuple[dict[str, dict[str, str]], dict[str, str]] | None = None,
) -> ImportResult:
    require(user, "import")
    if children.get("penalties"):
        require(user, "penalties")
    cases = [r for r in rows if r.ok and not r.already]
    already = sum(r.already for r in rows)
    if not cases and not already:
        raise DomainError("没有可以导入的行：文件中没有投诉。")
    now = clock.now()
    staged = []
    for n, row in enumerate(cases, start=1):
        staged.append(_stage(row, user, now))
        if n % 500 == 0:
            progress.update(n, len(cases) * 2, f"正在准备（{n}/{len(cases)}）…")
    progress.update(len(cases), len(cases) * 2, "正在写入数据库…")
    try:
        with write_transaction():
            result = _write(user, file_name, cases, staged, children, now, progress, already)
            if remember is not None:
                _remember(*remember)
    except OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DomainError(BUSY) from exc
        raise
    return result  # no progress.update here: a cancel now would report a committed import as cancelled


def _stage(row: ImportRow, user: User, now: datetime) -> dict[str, Any]:
    """The complaint's columns as the database stores them (each field's db_value), as far as
    they are known before the write lock is taken: the lock is held for the INSERTs alone. The
    customer, case number, staff and new names are filled in under the lock, as stored too."""
    v = row.values
    # Every row has every column: one INSERT of many rows names its columns once.
    fields: dict[str, Any] = {**_defaults(), **{k: v[k] for k in CASE_FIELDS if v.get(k) is not None}}
    fields.update(
        received_at=v["received_at"],
        receiver=v.get("receiver_id") or user.id,
        category=v.get("category_id"),
        department=v.get("department_id"),
        assessed_by=v.get("assessed_by_id"),
        approved_by=v.get("approved_by_id"),
        suggested_severity=v["severity"],
        severity_reasons=v.get("severity_reasons") or [],
        compensation_total=v.get("compensation_total") or Decimal("0.00"),
        history_import=row.history,
        stage_entered_at=v.get("closed_at") or v.get("implemented_at") or v.get("assessed_at") or v["received_at"],
        created_at=now,
        updated_at=now,
    )
    fields.update(due_fields(Complaint(**fields), {}))
    return {name: getattr(Complaint, name).db_value(value) for name, value in fields.items()}


@functools.cache
def _defaults() -> dict[str, Any]:
    """Every column of a new case (but its id) as a new case has it before anything is filled in."""
    blank = Complaint()
    return {
        name: None if isinstance(field, ForeignKeyField) else getattr(blank, name)
        for name, field in Complaint._meta.fields.items()
        if name != "id"
    }


def _write(
    user: User,
    file_name: str,
    cases: list[ImportRow],
    staged: list[dict[str, Any]],
    children: dict[str, list[ImportRow]],
    now: datetime,
    progress: Progress,
    already: int,
) -> ImportResult:
    # Another desk may have imported the same file since the preview: look again under the lock.
    numbers = [r.values["case_no"] for r in cases if r.values["case_no"]]
    taken = set()
    for chunk in chunks(numbers, 500):
        taken |= {no for (no,) in Complaint.select(Complaint.case_no).where(Complaint.case_no.in_(chunk)).tuples()}
    known = (
        existing_fingerprints(min(r.values["received_at"] for r in cases), max(r.values["received_at"] for r in cases))
        if cases
        else set()
    )
    keep = [
        i
        for i, r in enumerate(cases)
        if r.values["case_no"] not in taken and (r.values["case_no"] or fingerprint(r.values) not in known)
    ]
    already += len(cases) - len(keep)
    cases, staged = [cases[i] for i in keep], [staged[i] for i in keep]
    new_names(cases, staged)
    customers(cases, staged, now)
    case_numbers(cases, staged)
    staff = staff_of(cases, staged)
    ids: dict[str, int] = {}
    for n, chunk in enumerate(chunks(list(zip(cases, staged, strict=True)), CHUNK), start=1):
        ids.update(dict(insert_rows(Complaint, [fields for _row, fields in chunk], ("case_no", "id"), stored=True)))
        progress.update(len(cases) + min(n * CHUNK, len(cases)), len(cases) * 2, "正在写入数据库…")
    after_cases(user, file_name, cases, staged, ids, now)
    counts = {kind: children_rows(user, kind, rows, ids, staff, now) for kind, rows in children.items()}
    mark_paid_past_implementation(list(ids.values()))  # what was paid stays paid if a case is reopened
    result = ImportResult(
        len(cases),
        already,
        sum(r.history for r in cases),
        list(ids),
        counts.get("follow_ups", 0),
        counts.get("compensation", 0),
        counts.get("penalties", 0),
    )
    AuditEvent.create(
        at=now,
        user=user,
        action="import",
        details=dict(
            file=file_name,
            imported=result.imported,
            already=result.already,
            history=result.history,
            follow_ups=result.follow_ups,
            penalties=result.penalties,
        ),
    )
    return result


def _remember(values: dict[str, dict[str, str]], columns: dict[str, str]) -> None:
    """The studio's value and column mapping, proposed first at its next import."""
    stored = settings.get("import_values") or {}
    merged = {field: {**stored.get(field, {}), **words} for field, words in values.items()}
    settings.store("import_values", {**stored, **merged})
    settings.store(
        "import_columns",
        {**(settings.get("import_columns") or {}), **{normalise_header(h): k for h, k in columns.items()}},
    )
