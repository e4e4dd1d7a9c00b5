"""The studio's editable lists (基础资料): departments, complaint categories and staff.

Departments and categories share one shape (name, active, sort order), so one set of
functions serves both, chosen by ``kind``. Entries are deactivated, never deleted: old
cases keep pointing at them. Every change needs the 'settings' right and is audited.
"""

from __future__ import annotations

from typing import Any

from peewee import JOIN, Model

from studio_desk import audit
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError, NotFound
from studio_desk.models import Category, Department, Staff, User
from studio_desk.permissions import require
from studio_desk.validation import Checker

# kind → (model, Chinese name of the list)
KINDS: dict[str, tuple[type[Model], str]] = {
    "department": (Department, "部门"),
    "category": (Category, "投诉类别"),
}
NAME_MAX = 40


def _model(kind: str) -> tuple[type[Model], str]:
    if kind not in KINDS:
        raise KeyError(kind)
    return KINDS[kind]


def list_entries(kind: str, *, include_inactive: bool = True) -> list[Any]:
    """Entries in the manager's order; inactive ones only when asked (settings shows them)."""
    model, _ = _model(kind)
    query = model.select().order_by(model.sort_order, model.id)
    if not include_inactive:
        query = query.where(model.active == True)  # noqa: E712
    return list(query)


def _get(kind: str, entry_id: int) -> Any:
    model, label = _model(kind)
    entry = model.get_or_none(model.id == entry_id)
    if entry is None:
        raise NotFound(f"找不到该{label}。")
    return entry


def _check_name(kind: str, name: Any, *, exclude_id: int | None = None) -> str:
    model, label = _model(kind)
    check = Checker()
    text = check.text("name", f"{label}名称", name, required=True, max_len=NAME_MAX)
    if text and "name" not in check.problems:
        clash = model.get_or_none(model.name == text)
        if clash is not None and clash.id != exclude_id:
            hint = "" if clash.active else "（已停用，可重新启用）"
            check.fail("name", f"{label}“{text}”已存在{hint}。")
    check.raise_if_any()
    return text


def add_entry(actor: User, kind: str, name: Any) -> Any:
    """A new department or category, placed at the end of the list."""
    require(actor, "settings")
    model, _ = _model(kind)
    text = _check_name(kind, name)
    with write_transaction():
        last = model.select().order_by(model.sort_order.desc()).first()
        entry = model.create(name=text, sort_order=(last.sort_order + 1) if last else 0)
        audit.record("catalog", actor, op="add", kind=kind, name=text)
    return entry


def rename_entry(actor: User, kind: str, entry_id: int, name: Any) -> Any:
    require(actor, "settings")
    model, _ = _model(kind)
    entry = _get(kind, entry_id)
    text = _check_name(kind, name, exclude_id=entry.id)
    if text != entry.name:
        with write_transaction():
            model.update(name=text).where(model.id == entry.id).execute()
            audit.record("catalog", actor, op="rename", kind=kind, old=entry.name, new=text)
    return _get(kind, entry_id)


def set_entry_active(actor: User, kind: str, entry_id: int, active: bool) -> Any:
    """Deactivate (hidden from new cases, kept on old ones) or re-activate an entry."""
    require(actor, "settings")
    model, label = _model(kind)
    entry = _get(kind, entry_id)
    if not active and entry.active:
        others = model.select().where((model.active == True) & (model.id != entry.id)).count()  # noqa: E712
        if others == 0:
            raise DomainError(f"至少要保留一个启用的{label}。", "active")
    if bool(active) != entry.active:
        with write_transaction():
            model.update(active=bool(active)).where(model.id == entry.id).execute()
            audit.record("catalog", actor, op="activate" if active else "deactivate", kind=kind, name=entry.name)
    return _get(kind, entry_id)


def reorder_entries(actor: User, kind: str, ordered_ids: list[int]) -> None:
    """Store the manager's order; ``ordered_ids`` must list every entry exactly once."""
    require(actor, "settings")
    model, label = _model(kind)
    existing = {row.id for row in model.select(model.id)}
    if sorted(ordered_ids) != sorted(existing):
        raise DomainError(f"{label}列表已被其他人修改，请刷新后再排序。")
    with write_transaction():
        for position, entry_id in enumerate(ordered_ids):
            model.update(sort_order=position).where(model.id == entry_id).execute()
        audit.record("catalog", actor, op="reorder", kind=kind, order=list(ordered_ids))


# --- Staff (员工 / 责任人) ------------------------------------------------------------------


def list_staff(*, include_inactive: bool = True) -> list[Staff]:
    """With each one's department and account read in the same query: a list shows them, and a
    lazy read per row would happen wherever the list is shown (the GUI thread)."""
    query = (
        Staff.select(Staff, Department, User)
        .join(Department, JOIN.LEFT_OUTER)
        .switch(Staff)
        .join(User, JOIN.LEFT_OUTER)
        .order_by(Staff.active.desc(), Staff.department, Staff.name)
    )
    if not include_inactive:
        query = query.where(Staff.active == True)  # noqa: E712
    return list(query)


def _check_staff(data: dict[str, Any], current: Staff | None) -> dict[str, Any]:
    check = Checker()
    values: dict[str, Any] = {
        "name": check.text("name", "员工姓名", data.get("name", current.name if current else ""), required=True,
                           max_len=NAME_MAX),
        "active": bool(data.get("active", current.active if current else True)),
    }
    department_id = data.get("department_id", current.department_id if current else None) or None
    if department_id is not None and not Department.select().where(Department.id == department_id).exists():
        check.fail("department_id", "所选部门不存在。")
    values["department"] = department_id
    user_id = data.get("user_id", current.user_id if current else None) or None
    if user_id is not None and not User.select().where(User.id == user_id).exists():
        check.fail("user_id", "所选用户不存在。")
    values["user"] = user_id
    check.raise_if_any()
    return values


def add_staff(actor: User, data: dict[str, Any]) -> Staff:
    """An employee who can be named responsible for a complaint (data: name, department_id, user_id)."""
    require(actor, "settings")
    values = _check_staff(data, None)
    with write_transaction():
        staff = Staff.create(**values)
        audit.record("catalog", actor, op="add", kind="staff", name=staff.name, department=values["department"])
    return staff


def update_staff(actor: User, staff_id: int, data: dict[str, Any]) -> Staff:
    require(actor, "settings")
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None:
        raise NotFound("找不到该员工。")
    values = _check_staff(data, staff)
    before = {"name": staff.name, "active": staff.active, "department": staff.department_id, "user": staff.user_id}
    with write_transaction():
        Staff.update(**values).where(Staff.id == staff.id).execute()
        audit.record("catalog", actor, op="update", kind="staff", name=staff.name, changes=audit.diff(before, values))
    return Staff.get_by_id(staff.id)
