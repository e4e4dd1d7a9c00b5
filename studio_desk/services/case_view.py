"""One read of everything a form over a case shows (the case view, a move's dialog): the case
with its customer, receiver, category and earlier case, this round's compensation lines and the
rounds already paid, who may approve, and the studio lists its inputs offer (and, for the case
view, its timeline).

Why one call: the desk reads it off the GUI thread in one go and then shows it without touching
the database again (a lazy foreign key read on the GUI thread would wait on the other desk's lock).
Each row's related rows are fetched here, so reading ``form.case.customer.name`` later is free.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio_desk.callcache import cached_per_call
from studio_desk.models import AuditEvent, Category, CompensationLine, Complaint, Department, Staff, User
from studio_desk.services.cases import approval_summary
from studio_desk.services.catalog import list_entries, list_staff
from studio_desk.services.common import load_case
from studio_desk.services.lookup import visible_events


@dataclass(frozen=True)
class CaseForm:
    """A case as one form shows it, read at one moment."""

    case: Complaint  # customer, receiver, category and previous case already read
    open_lines: list[CompensationLine]  # this round's, not paid yet
    paid_lines: list[CompensationLine]  # the rounds carried out: paid, never replaced
    approval_summary: str  # the amount and who may approve it
    categories: list[Category]  # every entry, inactive ones too (a case may use one)
    departments: list[Department]
    staff: list[Staff]  # with their department


@dataclass(frozen=True)
class CaseView(CaseForm):
    """The case view's snapshot: the form plus the timeline (the attachments panel reads its files
    and thumbnails itself)."""

    events: list[AuditEvent]  # newest first, as ``user`` may see them, with their user


@cached_per_call
def case_form(case_id: int) -> CaseForm:
    """What a form over the case ``case_id`` shows (NotFound when it is gone)."""
    return CaseForm(**_form_parts(case_id))


@cached_per_call
def case_view(user: User, case_id: int) -> CaseView:
    """Everything the case view of ``case_id`` shows to ``user`` (NotFound when it is gone)."""
    parts = _form_parts(case_id)
    return CaseView(**parts, events=list(visible_events(user, [case_id])))


def _form_parts(case_id: int) -> dict:
    case = load_case(case_id)
    for related in ("customer", "receiver", "category", "previous_case"):
        getattr(case, related)  # read now, kept on the row for the GUI thread
    lines = list(CompensationLine.select().where(CompensationLine.case == case_id).order_by(CompensationLine.id))
    staff = list_staff()
    departments = list_entries("department")
    by_id = {d.id: d for d in departments}
    for person in staff:  # each one's department from the list just read, not a query each
        if person.department_id in by_id:
            person.department = by_id[person.department_id]
    return {
        "case": case,
        "open_lines": [line for line in lines if line.carried_out_at is None],
        "paid_lines": [line for line in lines if line.carried_out_at is not None],
        "approval_summary": approval_summary(case),
        "categories": list_entries("category"),
        "departments": departments,
        "staff": staff,
    }
