"""Writing an import: every case staged in memory first, then all written in one short
transaction with a few statements per table (no service call and no query per row).

The write lock is held only for the inserts (a second or two for 10,000 cases), so the other
desk waits instead of failing; if the other desk holds the lock longer than SQLite's busy
timeout, the import says 数据库正忙 and writes nothing. A cancel before or during the write
leaves nothing behind: the transaction is rolled back whole.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from peewee import ForeignKeyField, Model, OperationalError

from studio_desk import clock, settings
from studio_desk.callcache import cached_per_call
from studio_desk.db import current_database, write_transaction
from studio_desk.errors import DomainError
from studio_desk.exports.register_check import ImportRow, counter_bumps
from studio_desk.exports.register_read import normalise_header
from studio_desk.models import (
    ApprovalDecision,
    AuditEvent,
    Category,
    CompensationLine,
    Complaint,
    Customer,
    DailyCounter,
    Department,
    FollowUp,
    Note,
    Staff,
    StaffPenalty,
    User,
)
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
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


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def _insert(
    model: type[Model], rows: list[dict[str, Any]], returning: tuple[str, ...], *, stored: bool = False
) -> list[tuple]:
    """One INSERT of many rows (all with the same keys), the values through each field's own
    db_value unless they are ``stored`` values already; returns the ``returning`` columns of the
    rows written. Peewee's insert_many does the same but builds its SQL value by value (it took
    a third of the import)."""
    db = current_database()
    fields = [getattr(model, name) for name in rows[0]]
    convert = [(lambda value: value) if stored else field.db_value for field in fields]
    one = "(" + ", ".join([db.param] * len(fields)) + ")"
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    back = ", ".join(f'"{name}"' for name in returning)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES {", ".join([one] * len(rows))} RETURNING {back}'
    params = [c(row[field.name]) for row in rows for c, field in zip(convert, fields, strict=True)]
    return [tuple(r) for r in db.execute_sql(sql, params).fetchall()]


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
    for chunk in _chunks(numbers, 500):
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
    _new_names(cases, staged)
    _customers(cases, staged, now)
    _case_numbers(cases, staged)
    staff = _staff(cases, staged)
    ids: dict[str, int] = {}
    for n, chunk in enumerate(_chunks(list(zip(cases, staged, strict=True))), start=1):
        ids.update(dict(_insert(Complaint, [fields for _row, fields in chunk], ("case_no", "id"), stored=True)))
        progress.update(len(cases) + min(n * CHUNK, len(cases)), len(cases) * 2, "正在写入数据库…")
    _after_cases(user, file_name, cases, staged, ids, now)
    counts = {kind: _children(user, kind, rows, ids, staff, now) for kind, rows in children.items()}
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


def _new_names(cases: list[ImportRow], staged: list[dict[str, Any]]) -> None:
    """Categories and departments the value mapping said to create (新建)."""
    for key, model in (("category", Category), ("department", Department)):
        wanted = {r.values[f"new_{key}"] for r in cases if r.values.get(f"new_{key}")}
        if not wanted:
            continue
        existing = {m.name: m.id for m in model.select().where(model.name.in_(list(wanted)))}
        for name in sorted(wanted - set(existing)):
            existing[name] = model.create(name=name[:40]).id
        for row, fields in zip(cases, staged, strict=True):
            if row.values.get(f"new_{key}"):
                fields[key] = existing[row.values[f"new_{key}"]]


def _customers(cases: list[ImportRow], staged: list[dict[str, Any]], now: datetime) -> None:
    """One customer per phone (or WeChat without phone), the one in the database if there is one;
    a row with neither is a customer of its own. Existing customers are left as they are."""
    found: dict[tuple[str, str], int] = {}
    phones = sorted({r.values["phone"] for r in cases if r.values.get("phone")})
    for chunk in _chunks(phones, 500):
        for cid, phone in Customer.select(Customer.id, Customer.phone).where(Customer.phone.in_(chunk)).tuples():
            found.setdefault(("phone", phone), cid)
    wechats = sorted({r.values["wechat"] for r in cases if r.values.get("wechat") and not r.values.get("phone")})
    for chunk in _chunks(wechats, 500):
        query = Customer.select(Customer.id, Customer.wechat).where(Customer.wechat.in_(chunk) & (Customer.phone == ""))
        for cid, wechat in query.tuples():
            found.setdefault(("wechat", wechat), cid)
    new: list[dict[str, Any]] = []
    slot: dict[tuple[str, str], int] = {}
    plan: list[tuple[bool, int]] = []  # (is new, customer id or index into new)
    for n, row in enumerate(cases):
        v = row.values
        ident = (
            ("phone", v["phone"]) if v.get("phone") else ("wechat", v["wechat"]) if v.get("wechat") else ("row", str(n))
        )
        if ident in found:
            plan.append((False, found[ident]))
            continue
        if ident not in slot:
            slot[ident] = len(new)
            new.append(
                dict(
                    name=v.get("customer_name") or "",
                    phone=v.get("phone") or "",
                    wechat=v.get("wechat") or "",
                    vip=bool(v.get("vip")),
                    notes="",
                    created_at=now,
                )
            )
        plan.append((True, slot[ident]))
    ids: list[int] = []
    for chunk in _chunks(new, 500):
        ids += [cid for (cid,) in _insert(Customer, chunk, ("id",))]
    for fields, (is_new, number) in zip(staged, plan, strict=True):
        fields["customer"] = ids[number] if is_new else number


def _case_numbers(cases: list[ImportRow], staged: list[dict[str, Any]]) -> None:
    """Kept numbers move the day's counter past them; the others get the day's next numbers."""
    kept = [r.values["case_no"] for r in cases if r.values["case_no"]]
    days = {f["received_at"].strftime("%Y%m%d") for r, f in zip(cases, staged, strict=True) if not r.values["case_no"]}
    last = {day: 0 for day in days} | counter_bumps(kept)
    stored = {}
    for chunk in _chunks(sorted(last), 500):
        stored |= dict(
            DailyCounter.select(DailyCounter.day, DailyCounter.last).where(DailyCounter.day.in_(chunk)).tuples()
        )
    for day in last:
        last[day] = max(last[day], stored.get(day, 0))
    for row, fields in zip(cases, staged, strict=True):
        if row.values["case_no"]:
            fields["case_no"] = row.values["case_no"]
            continue
        day = fields["received_at"].strftime("%Y%m%d")
        last[day] += 1
        fields["case_no"] = f"KS-{day}-{last[day]:03d}"
    for day, number in last.items():
        if number and number != stored.get(day):
            DailyCounter.insert(day=day, last=number).on_conflict(
                conflict_target=[DailyCounter.day], update={DailyCounter.last: number}
            ).execute()


class StaffBook:
    """Staff by (name, department); a name not on the list is added (责任人 of an old case)."""

    def __init__(self) -> None:
        self.known = {(s.name, s.department_id): s.id for s in Staff.select()}

    def id_of(self, name: str, department: int | None) -> int:
        if (name, department) not in self.known:
            self.known[(name, department)] = Staff.create(name=name[:40], department=department).id
        return self.known[(name, department)]


def _staff(cases: list[ImportRow], staged: list[dict[str, Any]]) -> StaffBook:
    book = StaffBook()
    for row, fields in zip(cases, staged, strict=True):
        name = row.values.get("responsible_staff") or ""
        fields["responsible_staff"] = book.id_of(name, fields.get("department")) if name else None
    return book


def _after_cases(
    user: User, file_name: str, cases: list[ImportRow], staged: list[dict[str, Any]], ids: dict[str, int], now: datetime
) -> None:
    """Per case: its audit event, the text no column took as a note, an approval decision, and
    the 二次投诉 link — each table in a few statements."""
    events, notes, approvals = [], [], []
    for row, fields in zip(cases, staged, strict=True):
        v, case_id = row.values, ids[fields["case_no"]]
        events.append(
            dict(
                at=now,
                user=user.id,
                case=case_id,
                action="import",
                details={
                    "file": file_name,
                    "sheet": row.sheet,
                    "row": row.row_no,
                    **({"history": True} if row.history else {}),
                },
            )
        )
        if v.get("import_notes"):
            notes.append(
                dict(
                    case=case_id,
                    author=user.id,
                    at=now,
                    text=f"导入自“{file_name}”{row.sheet} 第 {row.row_no} 行：\n{v['import_notes']}",
                )
            )
        if v.get("approval_state") in ("approved", "sent_back") and v.get("approved_by_id") and v.get("approved_at"):
            approvals.append(
                dict(
                    case=case_id,
                    decided_by=v["approved_by_id"],
                    decided_at=v["approved_at"],
                    approved=v["approval_state"] == "approved",
                    reason=v.get("approval_note") or "",
                    amount=v.get("compensation_total") or Decimal("0.00"),
                )
            )
    for model, items in ((AuditEvent, events), (Note, notes), (ApprovalDecision, approvals)):
        for chunk in _chunks(items, 500):
            _insert(model, chunk, ("id",))
    _link_previous(cases, staged, ids)


def _link_previous(cases: list[ImportRow], staged: list[dict[str, Any]], ids: dict[str, int]) -> None:
    """二次投诉 links, to an earlier case in the file or already in the database."""
    for row, fields in zip(cases, staged, strict=True):
        previous = (row.values.get("previous_case") or "").upper()
        if not previous:
            continue
        target = ids.get(previous) or Complaint.select(Complaint.id).where(Complaint.case_no == previous).scalar()
        if target:
            Complaint.update(previous_case=target).where(Complaint.id == ids[fields["case_no"]]).execute()


def _children(
    user: User, kind: str, rows: list[ImportRow], ids: dict[str, int], staff: StaffBook, now: datetime
) -> int:
    """The 回访记录表 / 补偿明细 / 员工处罚 rows of our own export, for the cases just written."""
    items = []
    for row in rows:
        v = row.values
        case_id = ids.get(v["case_no"])
        if not row.ok or case_id is None:
            continue
        if kind == "follow_ups":
            items.append(
                dict(
                    case=case_id,
                    at=v["at"],
                    by=v.get("by_id") or user.id,
                    reached=v.get("reached", True),
                    satisfied=v.get("satisfied"),
                    satisfaction=v.get("satisfaction"),
                    comments=v.get("comments") or "",
                )
            )
        elif kind == "compensation":
            items.append(
                dict(
                    case=case_id,
                    kind=v["kind"],
                    description=v.get("description") or "",
                    amount=v.get("amount") or Decimal("0.00"),
                )
            )
        else:
            items.append(
                dict(
                    case=case_id,
                    staff=staff.id_of(v["staff"], v.get("department_id")),
                    points=v.get("points") or 0,
                    fine=v.get("fine") or Decimal("0.00"),
                    reason=v["reason"],
                    recorded_by=v.get("recorded_by_id") or user.id,
                    recorded_at=v.get("recorded_at") or now,
                )
            )
    model = {"follow_ups": FollowUp, "compensation": CompensationLine, "penalties": StaffPenalty}[kind]
    for chunk in _chunks(items, 500):
        _insert(model, chunk, ("id",))
    return len(items)


def _remember(values: dict[str, dict[str, str]], columns: dict[str, str]) -> None:
    """The studio's value and column mapping, proposed first at its next import."""
    stored = settings.get("import_values") or {}
    merged = {field: {**stored.get(field, {}), **words} for field, words in values.items()}
    settings.store("import_values", {**stored, **merged})
    settings.store(
        "import_columns",
        {**(settings.get("import_columns") or {}), **{normalise_header(h): k for h, k in columns.items()}},
    )
