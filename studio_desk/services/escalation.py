"""Rules that fire with the passing of time rather than a user's action (时限升级).

- A complaint not assessed within the first-assessment limit (24 h) is escalated to the
  manager: :func:`awaiting_assessment` lists them for the manager's attention.
- A valid complaint — the studio's fault — still open after ``stale_case_days`` (30) becomes
  重大 unless the manager overrode the severity: :func:`apply_time_rules` raises it, once, with
  an audit event by the system (no user), so the change is explained in the case's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studio_desk import audit, clock, settings
from studio_desk.db import write_transaction, writes_refused
from studio_desk.models import Complaint
from studio_desk.services.common import save_case
from studio_desk.vocab import OPEN_STAGES

STALE_REASON = "因本店原因 {days} 天仍未解决"


@dataclass
class TimeRulesResult:
    raised: list[str] = field(default_factory=list)  # case numbers made 重大


def _awaiting(now: datetime):
    return Complaint.select().where(
        (Complaint.deleted == False)  # noqa: E712
        & Complaint.stage.in_(("registered", "investigating"))
        & Complaint.assessed_at.is_null()
        & (Complaint.first_assessment_due < now)
    )


def awaiting_assessment(now: datetime | None = None) -> list[Complaint]:
    """Open cases past their first-assessment deadline and still not assessed, oldest first."""
    return list(_awaiting(now or clock.now()).order_by(Complaint.first_assessment_due))


def count_awaiting_assessment(now: datetime | None = None) -> int:
    """How many cases :func:`awaiting_assessment` lists (the status bar's escalation count)."""
    return _awaiting(now or clock.now()).count()


def apply_time_rules(now: datetime | None = None) -> TimeRulesResult:
    """Raise long-unresolved valid complaints to 重大; safe to call often (each case changes once)."""
    now = now or clock.now()
    days = int(settings.get("stale_case_days"))
    result = TimeRulesResult()
    if writes_refused():  # a damaged file: the user was told; the rule runs again once a backup is restored
        return result
    stale = (
        Complaint.select()
        .where(
            (Complaint.deleted == False)  # noqa: E712
            & Complaint.stage.in_(OPEN_STAGES)  # indexed: the closed majority is never read
            & (Complaint.validity == "valid")
            & (Complaint.received_at <= now - timedelta(days=days))
            & (Complaint.severity != "major")
            & (Complaint.severity_overridden == False)  # noqa: E712
        )
        .order_by(Complaint.id)
    )
    for case in stale:
        open_days = (now - case.received_at).days
        reason = STALE_REASON.format(days=open_days)
        with write_transaction():
            updated = save_case(case, {
                "severity": "major", "suggested_severity": "major",
                "severity_reasons": [reason, *case.severity_reasons],
            }, case.version, now)
            audit.record("severity", None, updated, changes={"severity": [case.severity, "major"]}, reason=reason,
                         automatic=True)
        result.raised.append(case.case_no)
    return result
