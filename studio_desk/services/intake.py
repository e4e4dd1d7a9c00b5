"""Registering a complaint (受理) and what the intake form shows while it is being typed:
the customer's history, the suggested severity and the promised reply time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from peewee import fn

from studio_desk import audit, clock, deadlines, settings, severity
from studio_desk.callcache import cached_per_call
from studio_desk.db import write_transaction
from studio_desk.models import Category, Complaint, Customer, DailyCounter, User
from studio_desk.permissions import require
from studio_desk.services.common import calendar, due_fields
from studio_desk.validation import LONG_TEXT, Checker, normalise_phone, parse_id
from studio_desk.vocab import codes

INTAKE_FLAGS = ("safety_issue", "media_exposure", "authority_involved", "needs_outside_help", "beyond_terms")


@dataclass
class CustomerHistory:
    """What the receptionist sees as soon as the phone number is typed."""

    customer: Customer | None = None
    cases: list[Complaint] = field(default_factory=list)
    order_numbers: list[str] = field(default_factory=list)
    recent_case: Complaint | None = None  # within the repeat window → this will be a 二次投诉

    @property
    def is_repeat(self) -> bool:
        return self.recent_case is not None


def customer_history(phone: str, at: datetime | None = None) -> CustomerHistory:
    normalised = normalise_phone(phone or "")
    if not normalised:
        return CustomerHistory()
    customer = Customer.get_or_none(Customer.phone == normalised)
    if customer is None:
        return CustomerHistory()
    cases = list(
        Complaint.select()
        .where((Complaint.customer == customer) & (Complaint.deleted == False))  # noqa: E712
        .order_by(Complaint.received_at.desc(), Complaint.id.desc())  # the later one of the same second first
    )
    since = (at or clock.now()) - timedelta(days=int(settings.get("repeat_window_days")))
    recent = next((c for c in cases if c.received_at >= since), None)
    orders = sorted({c.order_no for c in cases if c.order_no})
    return CustomerHistory(customer, cases, orders, recent)


def _same_category_recent(category_id: int | None, at: datetime, case_id: int | None = None) -> int:
    """This complaint plus the earlier ones of its category within the hot-spot window."""
    category_id = parse_id(category_id)
    if not category_id:
        return 1
    since = at - timedelta(days=int(settings.get("hotspot_window_days")))
    earlier = Complaint.select().where(
        (Complaint.category == category_id) & Complaint.received_at.between(since, at) & (Complaint.deleted == False)  # noqa: E712
    )
    if case_id is not None:  # re-suggesting for a saved case: it is "this one", not an earlier one
        earlier = earlier.where(Complaint.id != case_id)
    return earlier.count() + 1


def suggest_severity(data: dict[str, Any], history: CustomerHistory | None = None, *,
                     compensation: Decimal = Decimal("0"), open_days: int = 0,
                     studio_at_fault: bool = False) -> tuple[str, list[str]]:
    """The live suggestion for a form's current facts (no write)."""
    at = data.get("received_at") or clock.now()
    history = history if history is not None else customer_history(data.get("phone", ""), at)
    cfg = settings.get_all()
    try:
        group_size = int(data.get("group_size") or 1)
    except (TypeError, ValueError):
        group_size = 1
    facts = severity.Facts(
        is_repeat=history.is_repeat,
        vip=bool(data.get("vip")) or bool(history.customer and history.customer.vip),
        same_category_recent=_same_category_recent(data.get("category_id"), at, data.get("id")),
        compensation=compensation,
        approval_limit=settings.approval_limit(),
        group_size=group_size,
        open_days=open_days,
        studio_at_fault=studio_at_fault,
        hotspot_threshold=int(cfg["hotspot_threshold"]),
        hotspot_window_days=int(cfg["hotspot_window_days"]),
        group_size_major=int(cfg["group_size_major"]),
        stale_case_days=int(cfg["stale_case_days"]),
        **{flag: bool(data.get(flag)) for flag in INTAKE_FLAGS},
    )
    return severity.suggest(facts)


def default_promised_reply(received_at: datetime, severity_code: str) -> datetime:
    """Pre-filled promised reply time: the final-answer deadline for this severity."""
    dues = deadlines.due_times(calendar(), settings.get_all(), received_at=received_at, severity=severity_code)
    return dues["reply_due"]


def next_case_number(day: datetime) -> str:
    """KS-YYYYMMDD-NNN, unique per day; the counter row is bumped atomically inside the caller's transaction."""
    key = day.strftime("%Y%m%d")
    last = (
        DailyCounter.insert(day=key, last=1)
        .on_conflict(conflict_target=[DailyCounter.day], update={DailyCounter.last: DailyCounter.last + 1})
        .returning(DailyCounter.last)
        .tuples()
        .execute()
    )
    number = next(iter(last))[0]
    return f"KS-{key}-{number:03d}"


def _validate(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    check = Checker()
    values: dict[str, Any] = {}
    values["channel"] = check.choice("channel", "投诉渠道", data.get("channel") or "walk_in", codes("channel"))
    values["channel_detail"] = check.text("channel_detail", "渠道说明", data.get("channel_detail"), max_len=100)
    phone = check.phone("phone", data.get("phone"))
    wechat = check.text("wechat", "微信", data.get("wechat"), max_len=100)
    if not phone and not wechat and "phone" not in check.problems:
        check.fail("phone", "请填写联系电话（没有电话时请填写微信号）。")
    name = check.text("customer_name", "顾客姓名", data.get("customer_name"), required=True, max_len=100)
    values["order_no"] = check.text("order_no", "订单号", data.get("order_no"), max_len=40)
    values["order_stage"] = check.choice("order_stage", "订单阶段", data.get("order_stage"), codes("order_stage"),
                                         required=False)
    values["chain_step"] = check.choice("chain_step", "问题环节", data.get("chain_step"), codes("chain_step"))
    category_id = parse_id(data.get("category_id"))
    if not data.get("category_id"):
        check.fail("category_id", "请选择投诉类别。")
    elif category_id is None or not Category.select().where(
        (Category.id == category_id) & (Category.active == True)  # noqa: E712
    ).exists():
        check.fail("category_id", "所选投诉类别不存在或已停用。")
    values["category"] = category_id
    values["description"] = check.text("description", "投诉内容", data.get("description"), required=True,
                                        max_len=LONG_TEXT, multiline=True)
    values["customer_wish"] = check.text("customer_wish", "顾客诉求", data.get("customer_wish"),
                                         max_len=LONG_TEXT, multiline=True)
    values["mood"] = check.choice("mood", "顾客情绪", data.get("mood") or "calm", codes("mood"))
    values["evidence_note"] = check.text("evidence_note", "证据说明", data.get("evidence_note"),
                                         max_len=LONG_TEXT, multiline=True)
    try:
        size = data.get("group_size")
        values["group_size"] = 1 if size is None or size == "" else int(size)
        if not 1 <= values["group_size"] <= 1000:
            raise ValueError
    except (TypeError, ValueError):
        check.fail("group_size", "投诉人数必须是 1 到 1000 之间的整数。")
    for flag in INTAKE_FLAGS:
        values[flag] = bool(data.get(flag))
    received_at = check.when("received_at", "受理时间", data.get("received_at")) or now
    check.past_datetime("received_at", "受理时间", received_at, now)
    if received_at < now - timedelta(days=366):
        check.fail("received_at", "受理时间不能早于一年前，请核对日期。")
    values["received_at"] = received_at
    promised = check.when("promised_reply_at", "承诺答复时间", data.get("promised_reply_at"))
    if promised is not None and promised < received_at:
        check.fail("promised_reply_at", "承诺答复时间不能早于受理时间。")
    values["promised_reply_at"] = promised
    check.raise_if_any()
    values["_customer"] = {"name": name, "phone": phone, "wechat": wechat, "vip": bool(data.get("vip"))}
    # 回访不满意 → a 二次投诉 linked to the case it came from, however long ago that one was received.
    previous_id = data.get("previous_case_id")
    values["_previous"] = Complaint.get_or_none(Complaint.id == previous_id) if previous_id else None
    return values


@cached_per_call
def register_complaint(user: User, data: dict[str, Any]) -> Complaint:
    """受理: record the complaint, link a repeat, suggest severity, set due times, give a case number."""
    require(user, "register")
    now = clock.now()
    values = _validate(data, now)
    cust, previous = values.pop("_customer"), values.pop("_previous")
    with write_transaction():
        customer, created = find_or_create_customer(cust, now)
        if customer.phone and not created:
            history = customer_history(customer.phone, values["received_at"])
        else:  # a new customer has no earlier complaints to look up
            history = CustomerHistory(customer)
        if previous is not None:
            history.recent_case = previous
        level, reasons = suggest_severity({**data, **values, "vip": customer.vip}, history)
        if values["promised_reply_at"] is None:
            values["promised_reply_at"] = default_promised_reply(values["received_at"], level)
        case = Complaint(
            **values,
            case_no=next_case_number(now),
            receiver=user,
            customer=customer,
            stage="registered",
            stage_entered_at=now,
            severity=level,
            suggested_severity=level,
            severity_reasons=reasons,
            is_repeat=history.is_repeat,
            previous_case=history.recent_case,
            created_at=now,
            updated_at=now,
        )
        for name, value in due_fields(case, {}).items():
            setattr(case, name, value)
        case.save(force_insert=True)
        audit.record("register", user, case, case_no=case.case_no, severity=level, reasons=reasons,
                     repeat_of=history.recent_case.case_no if history.recent_case else None)
    return case


def find_or_create_customer(cust: dict[str, Any], now: datetime) -> tuple[Customer, bool]:
    """The customer with this phone (or WeChat without phone), updated; or a new one (created=True)."""
    customer = None
    if cust["phone"]:
        customer = Customer.get_or_none(Customer.phone == cust["phone"])
    elif cust["wechat"]:
        customer = Customer.select().where((Customer.wechat == cust["wechat"]) & (Customer.phone == "")).first()
    if customer is None:
        created = Customer.create(name=cust["name"], phone=cust["phone"], wechat=cust["wechat"], vip=cust["vip"],
                                  created_at=now)
        return created, True
    changes = {}
    if cust["name"] and cust["name"] != customer.name:
        changes["name"] = cust["name"]
    if cust["wechat"] and not customer.wechat:
        changes["wechat"] = cust["wechat"]
    if cust["vip"] and not customer.vip:
        changes["vip"] = True
    if changes:
        Customer.update(**changes).where(Customer.id == customer.id).execute()
        customer = Customer.get_by_id(customer.id)
    return customer, False


def count_open_for_customer(customer_id: int) -> int:
    return (
        Complaint.select(fn.COUNT(Complaint.id))
        .where((Complaint.customer == customer_id) & (Complaint.stage != "closed") & (Complaint.deleted == False))  # noqa: E712
        .scalar()
    )
