"""Customers' personal data under PIPL (个人信息保护法).

- 删除顾客个人信息 (art. 47, the right to deletion): :func:`erase_customer` blanks one customer's name,
  phone and WeChat everywhere they are kept, and optionally removes the customer's attachments.
- Retention (art. 19): :func:`retention_due` lists customers whose last case closed more than the
  setting ``retention_years`` ago; the manager confirms and :func:`anonymise_due` erases them.

What stays: the customer row (its id links the cases, so repeat complaints and every count stay the
same), each case's facts (category, stage, dates, severity, money) and its words, with the erased
values blanked wherever they were typed into a text (description, notes, follow-up comments …).

Where the values are found and blanked: the customer row; the text columns of the customer's cases and of
their notes, follow-ups, approvals, compensation lines and penalties; attachment file names; notifications
queued or sent about her cases (also her masked name and number there); the details of earlier audit events
of her cases, and of events of no case that quote her phone or WeChat (the one UPDATE the append-only trail
allows, see :func:`studio_desk.migrations.lift_audit_update_guard`); autosaved intake drafts and remembered
board filters with her phone or WeChat. Outside her own cases only those identify her: a namesake keeps the
name. The new audit event names who, when and which case numbers, never the values. Backups made earlier
still hold the data until they rotate out; the desk says so before the manager confirms.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from peewee import fn

from studio_desk import audit, clock, settings
from studio_desk.attachments import files_root, remove_stored
from studio_desk.board_prefs import KEY_PREFIX
from studio_desk.db import current_database, write_transaction
from studio_desk.errors import NotFound, ValidationError
from studio_desk.migrations import install_audit_guards, lift_audit_update_guard
from studio_desk.models import (
    ApprovalDecision,
    Attachment,
    AuditEvent,
    CompensationLine,
    Complaint,
    Customer,
    FollowUp,
    Note,
    NotifyOutbox,
    Setting,
    StaffPenalty,
    User,
)
from studio_desk.notify.events import mask_name
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.validation import clean_text, mask_phone, normalise_phone

ERASED_NAME = "（已删除）"
BLANK = "［已删除］"
# Texts on the case and around it where a customer's name or number may have been typed.
CASE_TEXTS = (
    "channel_detail",
    "description",
    "customer_wish",
    "evidence_note",
    "cause",
    "invalid_explanation",
    "remedy_plan",
    "approval_note",
    "acceptance_note",
    "close_reason",
)
RELATED_TEXTS = (
    (Note, "text"),
    (FollowUp, "comments"),
    (ApprovalDecision, "reason"),
    (CompensationLine, "description"),
    (StaffPenalty, "reason"),
    (Attachment, "filename"),
)


@dataclass(frozen=True)
class CustomerCases:
    """One customer as the erase and retention screens list them."""

    customer_id: int
    name: str
    phone: str
    wechat: str
    case_nos: tuple[str, ...]
    last_closed_at: datetime | None
    open_cases: int


@dataclass(frozen=True)
class Erasure:
    case_nos: tuple[str, ...]
    attachments_removed: int
    audit_events_blanked: int


def _cases_of(customer_ids: Iterable[int]) -> dict[int, list[Complaint]]:
    ids = list(customer_ids)
    by_customer: dict[int, list[Complaint]] = {i: [] for i in ids}
    for case in Complaint.select().where(Complaint.customer.in_(ids)).order_by(Complaint.received_at):
        by_customer[case.customer_id].append(case)  # deleted cases too: they hold the same data
    return by_customer


def _summaries(customers: list[Customer]) -> list[CustomerCases]:
    cases = _cases_of(c.id for c in customers)
    out = []
    for customer in customers:
        live = [c for c in cases[customer.id] if not c.deleted]
        closed = [c.closed_at for c in live if c.closed_at is not None and c.stage == "closed"]
        out.append(
            CustomerCases(
                customer.id,
                customer.name,
                customer.phone,
                customer.wechat,
                tuple(c.case_no for c in cases[customer.id]),
                max(closed, default=None),
                sum(1 for c in live if c.stage != "closed"),
            )
        )
    return out


def find_customers(user: User, text: str) -> list[CustomerCases]:
    """Customers (not yet erased) whose phone, WeChat or name is exactly ``text``."""
    require(user, "erase_personal_data")
    text = clean_text(text or "").strip()[:100]
    if not text:
        return []
    phone = normalise_phone(text)
    condition = (Customer.name == text) | (Customer.wechat == text)
    if phone:
        condition |= Customer.phone == phone
    query = Customer.select().where(condition & Customer.erased_at.is_null()).order_by(Customer.id).limit(50)
    return _summaries(list(query))


def customer_cases(user: User, customer_id: int) -> CustomerCases:
    require(user, "erase_personal_data")
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None or customer.erased_at is not None:
        raise NotFound("找不到这位顾客（或其个人信息已删除）。")
    return _summaries([customer])[0]


def _blank(text: str, values: tuple[str, ...]) -> str:
    for value in values:
        text = text.replace(value, BLANK)
    return text


def _blank_json(value: Any, values: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return _blank(value, values)
    if isinstance(value, list):
        return [_blank_json(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _blank_json(v, values) for k, v in value.items()}
    return value


def _values(customer: Customer) -> tuple[str, ...]:
    """The customer's own words to blank; a one-character name would blank every such character."""
    found = {v for v in (customer.name, customer.phone, customer.wechat) if len(v.strip()) >= 2}
    return tuple(sorted(found, key=len, reverse=True))  # longest first: a phone inside a WeChat id


def _identifiers(customer: Customer) -> tuple[str, ...]:
    """What names her alone, outside her own cases: phone and WeChat (another 张三 keeps her name);
    the name only when she left neither."""
    unique = tuple(v for v in (customer.phone, customer.wechat) if len(v.strip()) >= 2)
    return unique or _values(customer)


def _blank_rows(model: Any, column: str, case_ids: list[int], values: tuple[str, ...]) -> None:
    field = getattr(model, column)
    for row_id, text in model.select(model.id, field).where(model.case.in_(case_ids)).tuples():
        if text and _blank(text, values) != text:
            model.update({field: _blank(text, values)}).where(model.id == row_id).execute()


def _blank_audit(case_ids: list[int], values: tuple[str, ...], identifiers: tuple[str, ...]) -> int:
    """Blank the values in earlier audit events of her cases, and her identifiers in events of no case
    that quote them (an export's file name, say); other customers' cases are never touched."""
    quoted = AuditEvent.case.is_null()
    mentions = None
    for value in identifiers:
        clause = AuditEvent.details.contains(json.dumps(value, ensure_ascii=False)[1:-1])
        mentions = clause if mentions is None else mentions | clause
    loose = (quoted & mentions) if mentions is not None else None
    where = AuditEvent.case.in_(case_ids) if loose is None else AuditEvent.case.in_(case_ids) | loose
    changed = []
    for event in AuditEvent.select().where(where):
        details = _blank_json(event.details, values if event.case_id else identifiers)
        if details != event.details:
            changed.append((event.id, details))
    if not changed:
        return 0
    db = current_database()
    lift_audit_update_guard(db)
    for event_id, details in changed:
        AuditEvent.update(details=details).where(AuditEvent.id == event_id).execute()
    install_audit_guards(db)
    return len(changed)


def _forget_board_filters(identifiers: tuple[str, ...]) -> None:
    """A board filter a user left on her phone or WeChat (remembered per user) is cleared."""
    for row in Setting.select().where(Setting.key.startswith(KEY_PREFIX)):
        text = row.value.get("text", "") if isinstance(row.value, dict) else ""
        if text and any(v in text for v in identifiers):
            Setting.update(value={**row.value, "text": ""}).where(Setting.key == row.key).execute()


def _erase(user: User, customer: Customer, *, attachments: bool, action: str) -> tuple[Erasure, list[str]]:
    """Inside the caller's transaction; returns the erasure and the attachment files to remove."""
    now = clock.now()
    values = _values(customer)
    cases = _cases_of([customer.id])[customer.id]
    case_ids = [c.id for c in cases]
    for case in cases:
        changes = {name: _blank(getattr(case, name), values) for name in CASE_TEXTS}
        changes = {k: v for k, v in changes.items() if v != getattr(case, k)}
        # The version moves on so that a window open on the case refuses its stale edit.
        Complaint.update(**changes, version=Complaint.version + 1).where(Complaint.id == case.id).execute()
    removed: list[Attachment] = []
    if attachments and case_ids:
        removed = list(Attachment.select().where(Attachment.case.in_(case_ids)))
        Attachment.delete().where(Attachment.case.in_(case_ids)).execute()
    for model, column in RELATED_TEXTS:
        _blank_rows(model, column, case_ids, values)
    # Notifications about her cases name her masked (王**, 138****5678): those forms go too.
    masked = tuple(v for v in (mask_name(customer.name), mask_phone(customer.phone)) if v)
    for column in ("title", "body"):
        _blank_rows(NotifyOutbox, column, case_ids, values + masked)
    blanked = _blank_audit(case_ids, values, _identifiers(customer))
    _forget_board_filters(_identifiers(customer))
    Customer.update(name=ERASED_NAME, phone="", wechat="", notes="", erased_at=now).where(
        Customer.id == customer.id
    ).execute()
    case_nos = tuple(c.case_no for c in cases)
    audit.record(
        action, user, None, case_nos=list(case_nos), attachments_removed=len(removed), audit_events_blanked=blanked
    )
    still_used = {
        a.sha256 for a in Attachment.select(Attachment.sha256).where(Attachment.sha256.in_([a.sha256 for a in removed]))
    }
    files = sorted({a.sha256 for a in removed} - still_used)
    return Erasure(case_nos, len(removed), blanked), files


def _remove_files(shas: list[str], values_in_drafts: list[tuple[str, ...]]) -> None:
    """After the commit: the attachment files nobody else uses, and drafts with her phone or WeChat."""
    for sha in shas:
        remove_stored(sha)
    drafts = files_root() / "drafts"
    for path in drafts.glob("*.json") if drafts.is_dir() else ():  # intake drafts and dialog drafts
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if any(v in text or json.dumps(v)[1:-1] in text for values in values_in_drafts for v in values):
            path.unlink(missing_ok=True)


def erase_customer(user: User, customer_id: int, *, attachments: bool, progress: Progress = NO_PROGRESS) -> Erasure:
    """删除顾客个人信息: blank one customer's name, phone and WeChat across all their cases (店长+)."""
    require(user, "erase_personal_data")
    progress.update(0, 1, "正在删除顾客个人信息…")
    with write_transaction():
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None or customer.erased_at is not None:
            raise NotFound("找不到这位顾客（或其个人信息已删除）。")
        values = _identifiers(customer)
        erasure, files = _erase(user, customer, attachments=attachments, action="erase_customer")
    _remove_files(files, [values])
    return erasure


def retention_cutoff(now: datetime | None = None) -> datetime:
    years = int(settings.get("retention_years"))
    now = now or clock.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28) + timedelta(days=1)


def retention_due(user: User, now: datetime | None = None) -> list[CustomerCases]:
    """Customers whose every case is closed, the last more than ``retention_years`` ago (店长+)."""
    require(user, "erase_personal_data")
    cutoff = retention_cutoff(now)
    live = Complaint.deleted == False  # noqa: E712
    last_closed = (
        Complaint.select(Complaint.customer, fn.MAX(Complaint.closed_at).alias("last"))
        .where(live & (Complaint.stage == "closed"))
        .group_by(Complaint.customer)
    )
    still_open = Complaint.select(Complaint.customer).where(live & (Complaint.stage != "closed"))
    due_ids = [row[0] for row in last_closed.tuples() if row[1] is not None and row[1] <= cutoff]
    query = (
        Customer.select()
        .where(Customer.id.in_(due_ids) & Customer.erased_at.is_null() & Customer.id.not_in(still_open))
        .order_by(Customer.id)
    )
    return _summaries(list(query)) if due_ids else []


def anonymise_due(user: User, customer_ids: list[int], *, progress: Progress = NO_PROGRESS) -> list[Erasure]:
    """Erase the customers the manager confirmed from :func:`retention_due`, attachments included;
    one still due is erased, one that is no longer due (a new complaint meanwhile) is refused."""
    require(user, "erase_personal_data")
    due = {c.customer_id for c in retention_due(user)}
    late = [i for i in customer_ids if i not in due]
    if late:
        raise ValidationError({"customers": "有顾客已不再到期（可能刚有新投诉），请刷新列表后再确认。"})
    done: list[Erasure] = []
    files: list[str] = []
    drafts: list[tuple[str, ...]] = []
    with write_transaction():
        for number, customer in enumerate(Customer.select().where(Customer.id.in_(customer_ids))):
            progress.update(number, len(customer_ids), "正在匿名化到期的个人信息…")
            drafts.append(_identifiers(customer))
            erasure, removed = _erase(user, customer, attachments=True, action="retention_anonymise")
            done.append(erasure)
            files += removed
    _remove_files(files, drafts)
    return done
