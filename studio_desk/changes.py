"""A cheap marker of "something changed in the database", for screens that refresh themselves
(the board polls it every few seconds).

Every change of the studio's data goes through a service that appends an audit event in the
same transaction, so the newest audit event moves whenever data changes — on this desk or on
another one sharing the database. Reading it is one primary-key lookup. Its time is part of
the marker so that a restore (which rewinds the ids and then appends its own event) is seen
too.
"""

from __future__ import annotations

from studio_desk.models import AuditEvent


def data_version() -> tuple:
    """Compare with an earlier value: different means reload."""
    newest = AuditEvent.select(AuditEvent.id, AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1).tuples().first()
    return tuple(newest) if newest else (0, None)
