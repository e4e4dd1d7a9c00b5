"""The names an import's cases point to, resolved under the write lock: the categories and
departments the value mapping said to create, customers (one per phone), case numbers and staff."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from studio_desk.exports.register_check import ImportRow
from studio_desk.exports.sheet_data import chunks
from studio_desk.importing.bulk import insert_rows
from studio_desk.models import Category, Customer, DailyCounter, Department, Staff

CASE_NO = re.compile(r"^KS-(\d{8})-(\d{3,})$")


def new_names(cases: list[ImportRow], staged: list[dict[str, Any]]) -> None:
    """Categories and departments the value mapping said to create (新建)."""
    for key, model in (("category", Category), ("department", Department)):
        wanted = {r.values[f"new_{key}"] for r in cases if r.values.get(f"new_{key}")}
        if not wanted:
            continue
        existing = {m.name: m.id for m in model.select().where(model.name.in_(list(wanted)))}
        for name in sorted(wanted - set(existing)):
            existing[name] = model.create(name=name[:40]).id
        for row, fields in zip(cases, staged, strict=True):
            if row.values.get(f"new_{key}"):
                fields[key] = existing[row.values[f"new_{key}"]]


def customers(cases: list[ImportRow], staged: list[dict[str, Any]], now: datetime) -> None:
    """One customer per phone (or WeChat without phone), the one in the database if there is one;
    a row with neither is a customer of its own. Existing customers are left as they are."""
    found: dict[tuple[str, str], int] = {}
    phones = sorted({r.values["phone"] for r in cases if r.values.get("phone")})
    for chunk in chunks(phones, 500):
        for cid, phone in Customer.select(Customer.id, Customer.phone).where(Customer.phone.in_(chunk)).tuples():
            found.setdefault(("phone", phone), cid)
    wechats = sorted({r.values["wechat"] for r in cases if r.values.get("wechat") and not r.values.get("phone")})
    for chunk in chunks(wechats, 500):
        query = Customer.select(Customer.id, Customer.wechat).where(Customer.wechat.in_(chunk) & (Customer.phone == ""))
        for cid, wechat in query.tuples():
            found.setdefault(("wechat", wechat), cid)
    new: list[dict[str, Any]] = []
    slot: dict[tuple[str, str], int] = {}
    plan: list[tuple[bool, int]] = []  # (is new, customer id or index into new)
    for n, row in enumerate(cases):
        v = row.values
        ident = (
            ("phone", v["phone"]) if v.get("phone") else ("wechat", v["wechat"]) if v.get("wechat") else ("row", str(n))
        )
        if ident in found:
            plan.append((False, found[ident]))
            continue
        if ident not in slot:
            slot[ident] = len(new)
            new.append(
                dict(
                    name=v.get("customer_name") or "",
                    phone=v.get("phone") or "",
                    wechat=v.get("wechat") or "",
                    vip=bool(v.get("vip")),
                    notes="",
                    created_at=now,
                )
            )
        plan.append((True, slot[ident]))
    ids: list[int] = []
    for chunk in chunks(new, 500):
        ids += [cid for (cid,) in insert_rows(Customer, chunk, ("id",))]
    for fields, (is_new, number) in zip(staged, plan, strict=True):
        fields["customer"] = ids[number] if is_new else number


def counter_bumps(case_nos: list[str]) -> dict[str, int]:
    """Day → highest number among KS-YYYYMMDD-NNN case numbers, so new numbers never collide."""
    bumps: dict[str, int] = {}
    for case_no in case_nos:
        match = CASE_NO.match(case_no)
        if match:
            bumps[match.group(1)] = max(bumps.get(match.group(1), 0), int(match.group(2)))
    return bumps


def case_numbers(cases: list[ImportRow], staged: list[dict[str, Any]]) -> None:
    """Kept numbers move the day's counter past them; the others get the day's next numbers."""
    kept = [r.values["case_no"] for r in cases if r.values["case_no"]]
    days = {f["received_at"].strftime("%Y%m%d") for r, f in zip(cases, staged, strict=True) if not r.values["case_no"]}
    last = {day: 0 for day in days} | counter_bumps(kept)
    stored = {}
    for chunk in chunks(sorted(last), 500):
        stored |= dict(
            DailyCounter.select(DailyCounter.day, DailyCounter.last).where(DailyCounter.day.in_(chunk)).tuples()
        )
    for day in last:
        last[day] = max(last[day], stored.get(day, 0))
    for row, fields in zip(cases, staged, strict=True):
        if row.values["case_no"]:
            fields["case_no"] = row.values["case_no"]
            continue
        day = fields["received_at"].strftime("%Y%m%d")
        last[day] += 1
        fields["case_no"] = f"KS-{day}-{last[day]:03d}"
    for day, number in last.items():
        if number and number != stored.get(day):
            DailyCounter.insert(day=day, last=number).on_conflict(
                conflict_target=[DailyCounter.day], update={DailyCounter.last: number}
            ).execute()


class StaffBook:
    """Staff by (name, department); a name not on the list is added (责任人 of an old case)."""

    def __init__(self) -> None:
        self.known = {(s.name, s.department_id): s.id for s in Staff.select()}

    def id_of(self, name: str, department: int | None) -> int:
        if (name, department) not in self.known:
            self.known[(name, department)] = Staff.create(name=name[:40], department=department).id
        return self.known[(name, department)]


def staff_of(cases: list[ImportRow], staged: list[dict[str, Any]]) -> StaffBook:
    book = StaffBook()
    for row, fields in zip(cases, staged, strict=True):
        name = row.values.get("responsible_staff") or ""
        fields["responsible_staff"] = book.id_of(name, fields.get("department")) if name else None
    return book
