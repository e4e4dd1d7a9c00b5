"""The corrective actions the manager decides for a month (整改措施), stored with the month and
printed in the monthly analysis report (客户投诉统计分析表)."""

from __future__ import annotations

from datetime import datetime

from studio_desk import audit, clock
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError
from studio_desk.models import MonthlyReview, User
from studio_desk.permissions import require
from studio_desk.stats import parse_month
from studio_desk.validation import LONG_TEXT, Checker


def get_review(month: str) -> MonthlyReview | None:
    """The saved review of ``month`` ('YYYY-MM'), or None if nothing was written yet."""
    first, _ = parse_month(month)
    return MonthlyReview.get_or_none(MonthlyReview.month == f"{first:%Y-%m}")


def corrective_actions(month: str) -> str:
    review = get_review(month)
    return review.corrective_actions if review else ""


def save_review(user: User, month: str, text: str, *, expected_updated_at: datetime | None) -> MonthlyReview:
    """Save the month's corrective actions (店长+).

    ``expected_updated_at`` is the ``updated_at`` of the review as the editor loaded it (None
    if there was none): if someone saved in between, nothing is written and the editor is told.
    """
    require(user, "monthly_review")
    check = Checker()
    now = clock.now()
    key = ""
    try:
        first, _ = parse_month(month)
        key = f"{first:%Y-%m}"
        if first > now.date():
            check.fail("month", "不能为将来的月份填写整改措施。")
    except ValueError as exc:
        check.fail("month", str(exc))
    text = check.text("corrective_actions", "整改措施", text, max_len=LONG_TEXT, multiline=True)
    check.raise_if_any()
    with write_transaction():
        current = MonthlyReview.get_or_none(MonthlyReview.month == key)
        if (current.updated_at if current else None) != expected_updated_at:
            raise DomainError(f"{key} 的整改措施已被其他人修改，请重新打开后再编辑，本次修改未保存。",
                              "corrective_actions")
        old = current.corrective_actions if current else ""
        if current is not None and old == text:
            return current  # saved twice (a double click): nothing to write or record
        MonthlyReview.insert(month=key, corrective_actions=text, updated_by=user, updated_at=now).on_conflict(
            conflict_target=[MonthlyReview.month],
            update={MonthlyReview.corrective_actions: text, MonthlyReview.updated_by: user.id,
                    MonthlyReview.updated_at: now},
        ).execute()
        audit.record("monthly_review", user, month=key, changes={"corrective_actions": [old, text]})
    return MonthlyReview.get_by_id(key)
