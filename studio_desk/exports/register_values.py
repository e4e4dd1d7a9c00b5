"""A case as one row of the register: the values of :data:`REGISTER_COLUMNS`, in the form
staff read them (Chinese labels, names instead of ids, real dates and amounts).

Names of users, departments, staff and categories are looked up once per export
(:class:`Lookups`), so a register of 100,000 cases needs no query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from peewee import ModelSelect

from studio_desk.exports.register_columns import REGISTER_COLUMNS, Column
from studio_desk.models import Category, Complaint, Customer, Department, Staff, User
from studio_desk.validation import mask_phone
from studio_desk.vocab import label


@dataclass
class Lookups:
    users: dict[int, str]
    departments: dict[int, str]
    staff: dict[int, str]
    categories: dict[int, str]
    case_nos: dict[int, str]

    @classmethod
    def load(cls) -> Lookups:
        return cls(
            users={u.id: u.display_name for u in User.select(User.id, User.display_name)},
            departments={d.id: d.name for d in Department.select(Department.id, Department.name)},
            staff={s.id: s.name for s in Staff.select(Staff.id, Staff.name)},
            categories={c.id: c.name for c in Category.select(Category.id, Category.name)},
            case_nos={},
        )

    def previous_case_no(self, case_id: int | None) -> str:
        if not case_id:
            return ""
        if case_id not in self.case_nos:
            row = Complaint.select(Complaint.case_no).where(Complaint.id == case_id).first()
            self.case_nos[case_id] = row.case_no if row else ""
        return self.case_nos[case_id]


def register_query(date_from: date | None = None, date_to: date | None = None,
                   case_ids: list[int] | None = None) -> ModelSelect:
    """The cases of the register, oldest first, with their customer (deleted cases left out)."""
    query = (Complaint.select(Complaint, Customer).join(Customer)
             .where(Complaint.deleted == False)  # noqa: E712
             .order_by(Complaint.received_at, Complaint.id))
    if date_from is not None:
        query = query.where(Complaint.received_at >= datetime.combine(date_from, time.min))
    if date_to is not None:
        query = query.where(Complaint.received_at <= datetime.combine(date_to, time.max))
    if case_ids is not None:
        query = query.where(Complaint.id.in_(case_ids))
    return query


def register_values(case: Complaint, look: Lookups, *, full_phone: bool = False) -> dict[str, Any]:
    """key → value for every register column (None where the case has nothing)."""
    data = case.__data__
    customer: Customer = case.customer
    values: dict[str, Any] = {}
    for column in REGISTER_COLUMNS:
        key = column.key
        if key == "customer_name":
            value: Any = customer.name
        elif key in ("wechat", "vip"):
            value = getattr(customer, key)
        elif key == "phone":
            value = customer.phone if full_phone else mask_phone(customer.phone)
        elif key in ("receiver", "assessed_by", "approved_by"):
            value = look.users.get(data.get(key))
        elif key == "category":
            value = look.categories.get(data.get(key))
        elif key == "department":
            value = look.departments.get(data.get(key))
        elif key == "responsible_staff":
            value = look.staff.get(data.get(key))
        elif key == "previous_case":
            value = look.previous_case_no(data.get(key))
        else:
            value = data.get(key)
        values[key] = typed(column, value)
    return values


def typed(column: Column, value: Any) -> Any:
    """A stored value in the register's form: a label for a code, '；'-joined lists, exact amounts."""
    if column.kind == "choice":
        return label(column.vocab, value) or None
    if column.kind == "list":
        return "；".join(str(v) for v in value) if value else None
    if column.kind == "money":
        return Decimal(value or 0).quantize(Decimal("0.01"))
    if column.kind == "bool":
        return bool(value)
    if value == "":
        return None
    return value


def display(column: Column, value: Any) -> str:
    """A register value as printed text (case sheet)."""
    if value is None or value == "":
        return ""
    if column.kind == "bool":
        return "是" if value else "否"
    if column.kind == "money":
        return f"{value:,.2f} 元"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)
