"""A case as one row of the register: the values of :data:`REGISTER_COLUMNS`, in the form
staff read them (Chinese labels, names instead of ids, real dates and amounts).

Names of users, departments, staff and categories are looked up once per export
(:class:`Lookups`), so a register of 100,000 cases needs no query per row. The Excel export
reads its rows with :func:`register_rows` — the same values, straight from one joined
SELECT's cursor, without building a model instance per case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from peewee import JOIN, ModelSelect

from studio_desk.db import current_database
from studio_desk.exports.register_columns import REGISTER_COLUMNS, Column
from studio_desk.models import Category, Complaint, Customer, Department, Staff, User
from studio_desk.validation import mask_phone
from studio_desk.vocab import BY_CODE, label

CENT = Decimal("0.01")


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


def register_rows(look: Lookups, date_from: date | None = None, date_to: date | None = None,
                  case_ids: list[int] | None = None, *, full_phone: bool = False) -> Iterator[tuple[int, list[Any]]]:
    """(case id, values in :data:`REGISTER_COLUMNS` order) for each case of :func:`register_query`:
    what :func:`register_values` gives, read straight from the cursor of one joined SELECT
    (the customer and the previous case's number joined, names from ``look``)."""
    previous = Complaint.alias("previous")
    fields: list[Any] = [Complaint.id]
    converters: list[Callable[[Any], Any] | None] = []
    for column in REGISTER_COLUMNS:
        key = column.key
        if key == "customer_name":
            fields.append(Customer.name)
        elif key in ("wechat", "vip", "phone"):
            fields.append(getattr(Customer, key))
        elif key == "previous_case":
            fields.append(previous.case_no)
        else:
            fields.append(getattr(Complaint, key))
        converters.append(_converter(column, look, full_phone))
    query = (register_query(date_from, date_to, case_ids).select(*fields)
             .join(previous, JOIN.LEFT_OUTER, on=Complaint.previous_case == previous.id))
    plan = list(enumerate(converters))
    for row in current_database().execute(query):
        values = list(row[1:])
        for i, convert in plan:
            value = values[i]
            if convert is None:  # text, a number: as stored, '' as nothing
                if value == "":
                    values[i] = None
            else:
                values[i] = convert(value)
        yield row[0], values


def stored_time(value: Any) -> datetime | None:
    """A time read from a cursor: SQLite gives ISO text, PostgreSQL a datetime already."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def yuan(fen: int | None) -> Decimal:
    """An amount read from a cursor (integer fen) as :class:`~studio_desk.models.MoneyField` gives it."""
    return (Decimal(int(fen or 0)) / 100).quantize(CENT)


def _converter(column: Column, look: Lookups, full_phone: bool) -> Callable[[Any], Any] | None:
    """Stored value → register value for one column of :func:`register_rows` (None: as stored)."""
    key, kind = column.key, column.kind
    names = {"receiver": look.users, "assessed_by": look.users, "approved_by": look.users,
             "category": look.categories, "department": look.departments, "responsible_staff": look.staff}.get(key)
    if names is not None:
        return lambda value: names.get(value) or None
    if kind == "phone":
        return (lambda value: value or None) if full_phone else (lambda value: mask_phone(value) or None)
    if kind == "datetime":
        return stored_time
    if kind == "bool":
        return bool
    if kind == "money":
        return yuan
    if kind == "choice":
        choices = {code: choice.zh for code, choice in BY_CODE[column.vocab].items()}
        return lambda code: (choices.get(code, code) or None) if code else None
    if kind == "list":
        column_typed = column  # the stored JSON list, then as typed() joins it
        return lambda text: None if text is None or text == "[]" else typed(column_typed, json.loads(text))
    return None


def register_values(case: Complaint, look: Lookups, *, full_phone: bool = False) -> dict[str, Any]:
    """key → value for every register column (None where the case has nothing)."""
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
            value = look.users.get(getattr(case, f"{key}_id"))
        elif key == "category":
            value = look.categories.get(case.category_id)
        elif key == "department":
            value = look.departments.get(case.department_id)
        elif key == "responsible_staff":
            value = look.staff.get(case.responsible_staff_id)
        elif key == "previous_case":
            value = look.previous_case_no(case.previous_case_id)
        else:
            value = getattr(case, key, None)  # a column of the case itself
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
