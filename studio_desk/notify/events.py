"""The events a channel can receive, and what their messages say.

A message carries the case number, category, severity, stage and time, and the customer
masked (王**, 138****5678): a group chat is no place for a customer's full name and number.
The complaint's own words are left out for the same reason (customers dictate phone numbers
and addresses into them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from studio_desk import settings
from studio_desk.models import Category, Complaint, Customer
from studio_desk.validation import mask_phone
from studio_desk.vocab import label

# code → Chinese name, in the order the settings page lists them.
EVENTS: dict[str, str] = {
    "major": "新的重大投诉",
    "overdue": "超过24小时未评估或已超时",
    "approval": "待执行经理审批（超出店长权限）",
    "unsatisfied": "回访不满意",
    "daily": "每日工作小结（下班时）",
}
ALL_EVENTS = tuple(EVENTS)


@dataclass(frozen=True)
class Message:
    event: str
    title: str
    body: str
    case_id: int | None = None
    dedupe_key: str | None = None
    attach: dict | None = None  # {"daily_pdf": "YYYY-MM-DD"}: e-mail channels attach that day's summary


def mask_name(name: str) -> str:
    """王** — the family name and a star for each other character."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def _studio_prefix() -> str:
    studio = (settings.get("studio_name") or "").strip()
    return f"[{studio}] " if studio else ""


def case_message(event: str, case: Complaint, headline: str, extra: str = "", dedupe_key: str | None = None) -> Message:
    """The message for an event about one case."""
    customer = Customer.get_by_id(case.customer_id)
    category = Category.get_by_id(case.category_id)
    who = " ".join(part for part in (mask_name(customer.name), mask_phone(customer.phone)) if part)
    lines = [
        f"{_studio_prefix()}【{headline}】{case.case_no}",
        f"类别：{category.name}",
        f"严重程度：{label('severity', case.severity)}",
        f"阶段：{label('stage', case.stage)}",
        f"受理时间：{case.received_at:%Y-%m-%d %H:%M}",
        f"顾客：{who or '（未留姓名）'}",
    ]
    if extra:
        lines.append(extra)
    return Message(event, f"{_studio_prefix()}{headline} {case.case_no}", "\n".join(lines), case.id, dedupe_key)


def fmt_time(moment: datetime) -> str:
    return f"{moment:%m-%d %H:%M}"
