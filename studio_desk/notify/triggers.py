"""Messages that changes call for: a 重大 complaint, an approval above the manager's limit, an
unsatisfied follow-up.

:func:`after_audit` is called by :func:`studio_desk.audit.record` inside every service's
transaction: every change passes that one door, so no service can forget to notify, and the
message commits or rolls back with the change. What time alone brings (overdue cases, the day's
summary) is queued by :mod:`.schedule`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from studio_desk import settings
from studio_desk.models import Complaint
from studio_desk.notify.events import case_message
from studio_desk.notify.outbox import enqueue


def after_audit(action: str, case: Complaint | None, details: dict[str, Any]) -> None:
    """Queue the messages an audited change calls for (inside its transaction)."""
    if case is None:
        return
    severity_change = (details.get("changes") or {}).get("severity")
    if action == "register" and case.severity == "major":
        enqueue(case_message("major", case, "新的重大投诉"))
    elif severity_change and severity_change[1] == "major" and severity_change[0] != "major":
        reason = details.get("reason") or "、".join(case.severity_reasons or [])
        enqueue(case_message("major", case, "投诉升级为重大", f"原因：{reason}" if reason else ""))
    if details.get("target") == "approval" and Decimal(case.compensation_total or 0) > settings.approval_limit():
        enqueue(
            case_message(
                "approval",
                case,
                "待执行经理审批",
                f"补偿金额 {case.compensation_total:,.2f} 元，超出店长审批权限（{settings.approval_limit():,.2f} 元）",
            )
        )
    if action == "follow_up" and details.get("reached") and details.get("satisfied") is False:
        enqueue(case_message("unsatisfied", case, "回访不满意", "请安排重新处理或转二次投诉"))
