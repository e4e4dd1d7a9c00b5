"""What a case sheet shows besides the case itself — compensation lines, approval decisions,
follow-ups, notes, the audit trail the viewer may see and the attachments — read for many
cases at once: one query per table for up to :data:`CHUNK` cases, not one per case and table
(a meeting pack of 100 cases made some 800 queries).

The rules stay where they are: which events a viewer may see is
:func:`studio_desk.services.lookup.visible_events`, the attachments' order
:func:`studio_desk.attachments.attachments_query`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from peewee import ModelSelect

from studio_desk.attachments import attachments_query
from studio_desk.models import ApprovalDecision, Attachment, AuditEvent, CompensationLine, FollowUp, Note, User
from studio_desk.services.lookup import visible_events

# Case ids per query: well below SQLite's limit on bound parameters (999 before SQLite 3.32).
CHUNK = 500

class Event(NamedTuple):
    """An audit event as the sheet's timeline prints it (who by id: the export's Lookups name them)."""

    id: int
    case_id: int
    at: datetime
    user_id: int | None
    action: str
    details: dict


@dataclass
class SheetData:
    """One case's rows, each list in the order the sheet prints it."""

    compensation: list[CompensationLine] = field(default_factory=list)
    approvals: list[ApprovalDecision] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # oldest first, as the viewer may see them
    attachments: list[Attachment] = field(default_factory=list)


def _builders(viewer: User) -> dict[str, Callable[..., ModelSelect]]:
    return {
        "compensation": lambda *ids: (CompensationLine.select().where(CompensationLine.case.in_(ids))
                                      .order_by(CompensationLine.id)),
        "approvals": lambda *ids: (ApprovalDecision.select(ApprovalDecision, User).join(User)
                                   .where(ApprovalDecision.case.in_(ids))
                                   .order_by(ApprovalDecision.decided_at, ApprovalDecision.id)),
        "follow_ups": lambda *ids: (FollowUp.select(FollowUp, User).join(User).where(FollowUp.case.in_(ids))
                                    .order_by(FollowUp.at, FollowUp.id)),
        "notes": lambda *ids: (Note.select(Note, User).join(User).where(Note.case.in_(ids))
                               .order_by(Note.at, Note.id)),
        # the rule's query, read as plain rows: a model for each event and its user cost three times as much
        "events": lambda *ids: (visible_events(viewer, ids, newest_first=False)
                                .select(AuditEvent.id, AuditEvent.case, AuditEvent.at, AuditEvent.user,
                                        AuditEvent.action, AuditEvent.details).tuples()),
        "attachments": lambda *ids: attachments_query(ids),
    }


def load_sheet_data(case_ids: Iterable[int], viewer: User) -> dict[int, SheetData]:
    """case id → its :class:`SheetData` as ``viewer`` may see it, for every id in ``case_ids``."""
    ids = list(dict.fromkeys(case_ids))
    data = {case_id: SheetData() for case_id in ids}
    builders = _builders(viewer)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for name, build in builders.items():
            rows = list(build(*chunk))
            if name == "events":
                rows = [Event(*row) for row in rows]
            for row in rows:  # in the query's order: each case's rows keep it
                getattr(data[row.case_id], name).append(row)
    return data


def sheet_data(case_id: int, viewer: User) -> SheetData:
    return load_sheet_data([case_id], viewer)[case_id]


def chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    """``items`` in runs of ``size`` (loading a long pack's data a chunk at a time)."""
    return (items[i:i + size] for i in range(0, len(items), size))
