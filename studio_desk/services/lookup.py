"""Read-only look-ups for the case view: a case's history for its timeline (时间线).

The audit trail already holds every registration, edit, stage change, approval, follow-up,
note and attachment of a case, with who and when; the timeline shows it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import JOIN, ModelSelect

from studio_desk.models import AuditEvent, User
from studio_desk.permissions import allowed
from studio_desk.services.common import load_case

# Events only 店长+ may see (PROCESS.md: only the manager records and sees penalties).
MANAGER_ONLY_EVENTS = ("penalty",)


def visible_events(user: User, case_ids: Iterable[int], *, newest_first: bool = True) -> ModelSelect:
    """The audit events of the cases ``case_ids`` that ``user`` may see (no penalties below 店长),
    with their user; in time order (each case's own events too). The query's shape depends on
    the user's role only (the case sheet compiles it once per role)."""
    order = (AuditEvent.at.desc(), AuditEvent.id.desc()) if newest_first else (AuditEvent.at, AuditEvent.id)
    query = (
        AuditEvent.select(AuditEvent, User)
        .join(User, JOIN.LEFT_OUTER, on=AuditEvent.user == User.id)
        .where(AuditEvent.case.in_(list(case_ids)))
        .order_by(*order)
    )
    if not allowed(user.role, "penalties"):
        query = query.where(AuditEvent.action.not_in(MANAGER_ONLY_EVENTS))
    return query


def case_events(user: User, case_ref: int | str, *, newest_first: bool = True) -> list[AuditEvent]:
    """The case's audit trail as ``user`` may see it (the case view and the printed case sheet)."""
    case = load_case(case_ref)
    return list(visible_events(user, [case.id], newest_first=newest_first))
