"""Peewee models: the studio's complaint register and everything around it.

Times are naive local datetimes of the studio. Money is stored as integer fen (分) and
handled as ``Decimal`` 元 in Python, so sums are exact on SQLite and PostgreSQL alike.
Codes for fixed choices are documented in :mod:`studio_desk.vocab`.
"""

from __future__ import annotations

import json
from decimal import Decimal

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.shortcuts import model_to_dict

database_proxy = DatabaseProxy()


class MoneyField(IntegerField):
    """元 as Decimal in Python, fen as an integer in the database."""

    def db_value(self, value):  # type: ignore[override]
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def python_value(self, value):  # type: ignore[override]
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


class JSONField(TextField):
    def db_value(self, value):  # type: ignore[override]
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)

    def python_value(self, value):  # type: ignore[override]
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False

    def values(self) -> dict:
        """Every field's value by field name, a foreign key as its id (nothing more is read)."""
        return model_to_dict(self, recurse=False)


class SchemaInfo(BaseModel):
    """One row: the schema version this database is at."""

    version = IntegerField()


class Setting(BaseModel):
    """Studio settings as key → JSON value; defaults live in :mod:`studio_desk.settings`."""

    key = CharField(primary_key=True, max_length=64)
    value = JSONField()


class User(BaseModel):
    username = CharField(unique=True, max_length=40)
    display_name = CharField(max_length=40)
    role = CharField(max_length=20)
    active = BooleanField(default=True)
    password_hash = CharField(max_length=255)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()


class Department(BaseModel):
    name = CharField(unique=True, max_length=40)
    active = BooleanField(default=True)
    sort_order = IntegerField(default=0)


class Staff(BaseModel):
    """An employee who can be responsible for a complaint (责任人); not necessarily a user."""

    name = CharField(max_length=40)
    department = ForeignKeyField(Department, backref="staff", null=True)
    user = ForeignKeyField(User, null=True, backref="staff_records")
    active = BooleanField(default=True)


class Category(BaseModel):
    name = CharField(unique=True, max_length=40)
    active = BooleanField(default=True)
    sort_order = IntegerField(default=0)


class Customer(BaseModel):
    name = CharField(max_length=100, index=True)
    phone = CharField(max_length=20, index=True)
    wechat = CharField(max_length=100, default="")
    vip = BooleanField(default=False)
    notes = TextField(default="")
    created_at = DateTimeField()
    erased_at = DateTimeField(null=True)  # personal data erased (PIPL); the row stays for the statistics


class DailyCounter(BaseModel):
    """Last case number issued per day; bumped atomically so two desks never collide."""

    day = CharField(primary_key=True, max_length=8)
    last = IntegerField()


class Complaint(BaseModel):
    """One complaint case (投诉案件) with every field of the studio's register."""

    case_no = CharField(unique=True, max_length=20)
    received_at = DateTimeField(index=True)
    channel = CharField(max_length=20)
    channel_detail = CharField(max_length=100, default="")
    receiver = ForeignKeyField(User, backref="received_cases")
    customer = ForeignKeyField(Customer, backref="complaints")
    order_no = CharField(max_length=40, default="", index=True)
    order_stage = CharField(max_length=20, default="")
    chain_step = CharField(max_length=20)
    category = ForeignKeyField(Category, backref="complaints")
    description = TextField()
    customer_wish = TextField(default="")
    mood = CharField(max_length=20, default="calm")
    evidence_note = TextField(default="")
    group_size = IntegerField(default=1)
    safety_issue = BooleanField(default=False)
    media_exposure = BooleanField(default=False)
    authority_involved = BooleanField(default=False)
    needs_outside_help = BooleanField(default=False)
    beyond_terms = BooleanField(default=False)

    stage = CharField(max_length=20, default="registered", index=True)
    stage_entered_at = DateTimeField()
    severity = CharField(max_length=20, default="ordinary")
    suggested_severity = CharField(max_length=20, default="ordinary")
    severity_reasons = JSONField(default=list)
    severity_overridden = BooleanField(default=False)
    is_repeat = BooleanField(default=False)
    previous_case = ForeignKeyField("self", null=True, backref="repeats")

    validity = CharField(max_length=20, default="")
    solvability = CharField(max_length=20, default="")
    cause = TextField(default="")
    invalid_explanation = TextField(default="")
    assessed_at = DateTimeField(null=True)
    assessed_by = ForeignKeyField(User, null=True, backref="+")
    department = ForeignKeyField(Department, null=True, backref="complaints")
    responsible_staff = ForeignKeyField(Staff, null=True, backref="complaints")

    remedy_type = CharField(max_length=20, default="")
    remedy_plan = TextField(default="")
    compensation_total = MoneyField(default=0)
    approval_state = CharField(max_length=20, default="not_needed")
    approved_by = ForeignKeyField(User, null=True, backref="+")
    approved_at = DateTimeField(null=True)
    approval_note = TextField(default="")

    implemented_at = DateTimeField(null=True)
    customer_accepted = BooleanField(default=False)
    acceptance_note = TextField(default="")
    follow_up_result = CharField(max_length=20, default="")
    satisfaction = IntegerField(null=True)
    closed_at = DateTimeField(null=True)  # indexed with deleted and stage (Meta)
    close_reason = TextField(default="")

    promised_reply_at = DateTimeField(null=True)
    first_assessment_due = DateTimeField(null=True)
    temp_measure_due = DateTimeField(null=True)
    reply_due = DateTimeField(null=True)
    result_due = DateTimeField(null=True)
    follow_up_from = DateTimeField(null=True)
    follow_up_until = DateTimeField(null=True)
    next_due = DateTimeField(null=True, index=True)

    deleted = BooleanField(default=False)
    # 历史导入: brought in from an old register. The SQL default keeps raw INSERTs that predate it valid.
    history_import = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1)

    class Meta:
        indexes = (
            (("category", "received_at"), False),
            (("department", "received_at"), False),
            # The board: a column's count, overdue count and order without reading the cases.
            (("stage", "deleted", "next_due", "received_at", "id"), False),
            # Close times (the 结案 column, reports); its count needs no case read either.
            (("closed_at", "deleted", "stage"), False),
        )


class CompensationLine(BaseModel):
    """One item of a remedy's compensation. A line carried out (实施) is paid: it stays, with its
    round, when the case goes back to 方案, and counts in the case's compensation_total for good."""

    case = ForeignKeyField(Complaint, backref="compensation_lines", on_delete="CASCADE")
    kind = CharField(max_length=20)
    description = CharField(max_length=200, default="")
    amount = MoneyField(default=0)
    round = IntegerField(default=1)  # the remedy round (第几轮方案) it belongs to
    carried_out_at = DateTimeField(null=True)


class ApprovalDecision(BaseModel):
    case = ForeignKeyField(Complaint, backref="approval_decisions")
    decided_by = ForeignKeyField(User, backref="+")
    decided_at = DateTimeField()
    approved = BooleanField()
    reason = TextField(default="")
    amount = MoneyField(default=0)


class FollowUp(BaseModel):
    """A follow-up call attempt (回访); ``reached`` False counts towards 客户无法联系."""

    case = ForeignKeyField(Complaint, backref="follow_ups")
    at = DateTimeField()
    by = ForeignKeyField(User, backref="+")
    reached = BooleanField(default=True)
    satisfied = BooleanField(null=True)
    satisfaction = IntegerField(null=True)
    comments = TextField(default="")


class StaffPenalty(BaseModel):
    """扣分/罚款 for the employee at fault; recorded and seen by 店长+ only."""

    case = ForeignKeyField(Complaint, backref="penalties")
    staff = ForeignKeyField(Staff, backref="penalties")
    points = IntegerField(default=0)
    fine = MoneyField(default=0)
    reason = TextField(default="")
    recorded_by = ForeignKeyField(User, backref="+")
    recorded_at = DateTimeField()


class Attachment(BaseModel):
    """Evidence file, stored once under the data folder by its SHA-256."""

    case = ForeignKeyField(Complaint, backref="attachments")
    sha256 = CharField(max_length=64, index=True)
    filename = CharField(max_length=255)
    mime = CharField(max_length=100, default="")
    size = IntegerField(default=0)
    added_by = ForeignKeyField(User, backref="+")
    added_at = DateTimeField()


class AttachmentChunk(BaseModel):
    """On a shared PostgreSQL database, the content of the attachments, so every desk sees and prints
    them: stored once per SHA-256, in pieces of at most 1 MiB so a large file never sits in memory
    whole. A SQLite studio keeps its files in the folder beside the database instead."""

    sha256 = CharField(max_length=64)
    seq = IntegerField()
    data = BlobField()

    class Meta:
        primary_key = CompositeKey("sha256", "seq")


class Note(BaseModel):
    case = ForeignKeyField(Complaint, backref="notes")
    author = ForeignKeyField(User, backref="+")
    at = DateTimeField()
    text = TextField()


class Holiday(BaseModel):
    """A day the manager marks as off (休息) or as a make-up working day (调休上班)."""

    day = DateField(primary_key=True)
    is_workday = BooleanField()
    note = CharField(max_length=100, default="")


class AuditEvent(BaseModel):
    """Append-only: the database refuses UPDATE and DELETE on this table (see migrations)."""

    at = DateTimeField(index=True)
    user = ForeignKeyField(User, null=True, backref="+")
    case = ForeignKeyField(Complaint, null=True, backref="audit_events")
    action = CharField(max_length=40)
    details = JSONField(default=dict)


class MonthlyReview(BaseModel):
    """The corrective actions the manager decided for a month (整改措施), shown in the monthly report."""

    month = CharField(primary_key=True, max_length=7)
    corrective_actions = TextField(default="")
    updated_by = ForeignKeyField(User, null=True, backref="+")
    updated_at = DateTimeField(null=True)


class NotifyChannel(BaseModel):
    """Where notifications go (通知渠道): a WeCom, DingTalk or Feishu group robot, or an SMTP mailbox.

    ``secret`` holds what must never be shown again after saving (webhook URLs carry their key,
    the signing secret, the mailbox's authorisation code); ``config`` holds what may be shown.
    """

    kind = CharField(max_length=20)
    name = CharField(max_length=60)
    config = JSONField(default=dict)
    secret = JSONField(default=dict)
    events = JSONField(default=list)
    active = BooleanField(default=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()


class NotifyOutbox(BaseModel):
    """One message for one channel (发件箱), written in the transaction of the change that caused it.

    ``status``: pending → sending (claimed by one sender) → sent; or failed (refused for good),
    or unknown (the sender stopped, or the reply never came, after the request may have left).
    """

    channel = ForeignKeyField(NotifyChannel, backref="outbox")
    event = CharField(max_length=20)
    case = ForeignKeyField(Complaint, null=True, backref="+")
    dedupe_key = CharField(max_length=80, null=True)  # a time event or a day's summary is queued once
    title = CharField(max_length=200)
    body = TextField()
    attach = JSONField(null=True)
    created_at = DateTimeField()
    status = CharField(max_length=10, default="pending")
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField()
    claimed_at = DateTimeField(null=True)
    claim_token = CharField(max_length=32, null=True)
    sent_at = DateTimeField(null=True)
    last_error = TextField(default="")

    class Meta:
        indexes = (
            (("channel", "dedupe_key"), True),
            (("status", "next_attempt_at"), False),
        )


ALL_MODELS = [
    SchemaInfo,
    Setting,
    User,
    Department,
    Staff,
    Category,
    Customer,
    DailyCounter,
    Complaint,
    CompensationLine,
    ApprovalDecision,
    FollowUp,
    StaffPenalty,
    Attachment,
    AttachmentChunk,
    Note,
    Holiday,
    AuditEvent,
    MonthlyReview,
    NotifyChannel,
    NotifyOutbox,
]
