"""Read-only lists the desk's forms offer as choices, and a case's history for its timeline.

No writes here; the editable lists themselves are changed in the settings page.
"""

from __future__ import annotations

from peewee import JOIN

from studio_desk.models import AuditEvent, Category, Department, Staff, User
from studio_desk.permissions import allowed
from studio_desk.services.common import load_case

# Events only 店长+ may see (PROCESS.md: only the manager records and sees penalties).
MANAGER_ONLY_EVENTS = ("penalty",)


def categories(include_id: int | None = None) -> list[Category]:
    """Active categories in the studio's order; ``include_id`` keeps a deactivated one a case still uses."""
    condition = Category.active == True  # noqa: E712
    if include_id:
        condition |= Category.id == include_id
    return list(Category.select().where(condition).order_by(Category.sort_order, Category.id))


def departments(include_id: int | None = None) -> list[Department]:
    condition = Department.active == True  # noqa: E712
    if include_id:
        condition |= Department.id == include_id
    return list(Department.select().where(condition).order_by(Department.sort_order, Department.id))


def staff(department_id: int | None = None, include_id: int | None = None) -> list[Staff]:
    """Active employees (of one department if given), for 责任人 and penalties."""
    condition = Staff.active == True  # noqa: E712
    if department_id:
        condition &= Staff.department == department_id
    if include_id:
        condition |= Staff.id == include_id
    return list(Staff.select().where(condition).order_by(Staff.name, Staff.id))


def case_events(user: User, case_ref: int | str) -> list[AuditEvent]:
    """The case's audit trail, newest first, as ``user`` may see it."""
    case = load_case(case_ref)
    query = (
        AuditEvent.select(AuditEvent, User)
        .join(User, JOIN.LEFT_OUTER, on=AuditEvent.user == User.id)
        .where(AuditEvent.case == case.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if not allowed(user.role, "penalties"):
        query = query.where(AuditEvent.action.not_in(MANAGER_ONLY_EVENTS))
    return list(query)
