"""Small helpers the core tests share: reading a case's audit trail and reloading a case.

Cases themselves are made through the real services with :mod:`tests.board_factory`.
"""

from __future__ import annotations

from studio_desk.models import AuditEvent, Complaint

# Audit actions that do not write the case row itself (so they do not bump its version).
SIDE_ACTIONS = ("note", "penalty", "attach", "export")


def events(case_id: int, action: str | None = None) -> list[AuditEvent]:
    """The case's audit events in the order they were written, optionally of one action."""
    query = AuditEvent.select().where(AuditEvent.case == case_id).order_by(AuditEvent.id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(query)


def version_writes(case_id: int) -> int:
    """Audit events that stand for a write of the case row; equals the case's version."""
    return AuditEvent.select().where((AuditEvent.case == case_id) & AuditEvent.action.not_in(SIDE_ACTIONS)).count()


def reload(case: Complaint) -> Complaint:
    return Complaint.get_by_id(case.id)
