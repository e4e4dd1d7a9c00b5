"""导入登记表 — read a register workbook (ours, or a studio's older spreadsheet after a column
mapping step), preview it with a problem list per row, and import it in one transaction.

A file with bad rows imports nothing unless the user chooses to import the valid rows only.
Imported cases keep their case numbers, and the per-day counters are moved past them so
that new case numbers never collide with imported ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio_desk import audit, clock
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError
from studio_desk.exports.register_check import (
    REQUIRED,
    Context,
    ImportRow,
    check_child_rows,
    check_register_rows,
    counter_bumps,
    money_total,
    stage_problems,
)
from studio_desk.exports.register_columns import (
    BY_KEY,
    COMPENSATION_COLUMNS,
    FOLLOW_UP_COLUMNS,
    PENALTY_COLUMNS,
)
from studio_desk.exports.register_read import read_sheets
from studio_desk.models import (
    ApprovalDecision,
    CompensationLine,
    Complaint,
    DailyCounter,
    FollowUp,
    Staff,
    StaffPenalty,
    User,
)
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.services.common import due_fields
from studio_desk.services.intake import INTAKE_FLAGS, find_or_create_customer, next_case_number

CHILD_SHEETS = {"follow_ups": FOLLOW_UP_COLUMNS, "compensation": COMPENSATION_COLUMNS, "penalties": PENALTY_COLUMNS}
CASE_FIELDS = (
    "channel", "channel_detail", "order_no", "order_stage", "chain_step", "description", "customer_wish", "mood",
    "evidence_note", "group_size", "stage", "severity", "validity", "solvability", "cause", "invalid_explanation",
    "assessed_at", "remedy_type", "remedy_plan", "approval_state", "approved_at", "approval_note", "implemented_at",
    "customer_accepted", "acceptance_note", "follow_up_result", "satisfaction", "closed_at", "close_reason",
    "promised_reply_at", "is_repeat", *INTAKE_FLAGS,
)


@dataclass
class ImportPreview:
    """What the wizard shows before anything is written."""

    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str]  # column index → field key
    missing: list[str]  # headers of required fields no column is mapped to
    rows: list[ImportRow]  # the register sheet
    children: dict[str, list[ImportRow]] = field(default_factory=dict)  # follow_ups / compensation / penalties

    @property
    def all_rows(self) -> list[ImportRow]:
        return self.rows + [r for rows in self.children.values() for r in rows]

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [r for r in self.all_rows if not r.ok]

    @property
    def valid_cases(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]


@dataclass
class ImportResult:
    imported: int
    skipped: int
    case_nos: list[str]
    follow_ups: int = 0
    compensation_lines: int = 0
    penalties: int = 0


def read_register(path: str | Path, mapping: dict[int, str] | None = None) -> ImportPreview:
    """Read and check ``path`` without writing anything. ``mapping`` (column index → field
    key, '' to ignore a column) overrides the suggested one for the register sheet."""
    path = Path(path)
    sheets = read_sheets(path, mapping)
    register = sheets["register"]
    ctx = Context()
    rows = check_register_rows(register.name, register.rows, ctx)
    mapped = set(register.mapping.values())
    missing = [BY_KEY[k].header for k in REQUIRED if k not in mapped]
    if "phone" not in mapped and "wechat" not in mapped:
        missing.append(BY_KEY["phone"].header)
    case_nos = {r.values["case_no"] for r in rows if r.values.get("case_no")}
    children = {kind: check_child_rows(kind, sheets[kind].name, CHILD_SHEETS[kind], sheets[kind].rows, ctx, case_nos)
                for kind in CHILD_SHEETS if kind in sheets}
    _check_cases_with_children(rows, children, ctx)
    return ImportPreview(path, register.name, register.header_row, register.headers, register.mapping, missing,
                         rows, children)


def _check_cases_with_children(rows: list[ImportRow], children: dict[str, list[ImportRow]], ctx: Context) -> None:
    """Checks that need a case's follow-ups and compensation lines: the stage's rules and the total."""
    unreachable: dict[str, int] = defaultdict(int)
    for call in children.get("follow_ups", []):
        unreachable[call.values["case_no"]] += call.values.get("reached") is False
    lines_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in children.get("compensation", []):
        lines_of[line.values["case_no"]].append(line.values)
    for row in rows:
        if not row.ok:
            continue
        case_no = row.values["case_no"]
        row.problems += stage_problems(row.values, ctx, unreachable[case_no] if case_no else 0)
        lines = lines_of[case_no] if case_no else []
        total = row.values.get("compensation_total")
        if lines and total is not None and money_total(lines) != total:
            row.problems.append(f"补偿金额 {total:,.2f} 元与补偿明细合计 {money_total(lines):,.2f} 元不一致。")


def import_register(user: User, preview: ImportPreview, *, valid_only: bool = False,
                    progress: Progress = NO_PROGRESS) -> ImportResult:
    """Write the previewed cases in one transaction (all of them, or with ``valid_only`` the good ones)."""
    require(user, "import")
    if preview.children.get("penalties"):
        require(user, "penalties")
    if preview.missing:
        raise DomainError("登记表缺少必需的列：" + "、".join(preview.missing) + "。请在“列对应”一步中指定。")
    bad = preview.bad_rows
    if bad and not valid_only:
        raise DomainError(f"有 {len(bad)} 行有问题，没有导入任何数据。"
                          "请修改文件后重新导入，或选择“只导入没有问题的行”。")
    cases = preview.valid_cases
    if not cases:
        raise DomainError("没有可以导入的行。")
    total = len(cases)
    now = clock.now()
    with write_transaction():
        taken = {no for (no,) in Complaint.select(Complaint.case_no).tuples()}
        clash = [r.values["case_no"] for r in cases if r.values["case_no"] in taken]
        if clash:
            raise DomainError(f"案件编号 {clash[0]} 已在系统中（可能刚被导入），没有导入任何数据。请重新预览。")
        _bump_counters([r.values["case_no"] for r in cases if r.values["case_no"]])
        ids: dict[str, int] = {}
        for n, row in enumerate(cases, start=1):
            case = _create_case(user, row, now)
            ids[case.case_no] = case.id
            row.values["case_no"] = row.values["case_no"] or case.case_no
            audit.record("import", user, case, file=preview.path.name, row=row.row_no)
            if n % 200 == 0:
                progress.update(n, total, f"正在导入（{n}/{total}）…")
        _link_previous(cases, ids)
        counts = {kind: _children(user, kind, rows, ids, now) for kind, rows in preview.children.items()}
        result = ImportResult(len(cases), len(preview.rows) - len(cases), list(ids), counts.get("follow_ups", 0),
                              counts.get("compensation", 0), counts.get("penalties", 0))
        audit.record("import", user, None, file=preview.path.name, imported=result.imported, skipped=result.skipped,
                     follow_ups=result.follow_ups, penalties=result.penalties)
    progress.update(total, total, "")
    return result


def _bump_counters(case_nos: list[str]) -> None:
    for day, last in counter_bumps(case_nos).items():
        row = DailyCounter.get_or_none(DailyCounter.day == day)
        if row is None:
            DailyCounter.create(day=day, last=last)
        elif row.last < last:
            DailyCounter.update(last=last).where(DailyCounter.day == day).execute()


def _staff_id(name: str, department_id: int | None) -> int | None:
    if not name:
        return None
    staff = Staff.get_or_none((Staff.name == name) & (Staff.department == department_id))
    return (staff or Staff.create(name=name, department=department_id)).id


def _create_case(user: User, row: ImportRow, now) -> Complaint:
    v = row.values
    customer, _created = find_or_create_customer({"name": v["customer_name"], "phone": v.get("phone") or "",
                                         "wechat": v.get("wechat") or "", "vip": bool(v.get("vip"))}, now)
    fields: dict[str, Any] = {k: v[k] for k in CASE_FIELDS if v.get(k) is not None}
    fields.update(
        case_no=v["case_no"] or next_case_number(v["received_at"]),
        received_at=v["received_at"], receiver=v.get("receiver_id") or user.id, customer=customer,
        category=v["category_id"], department=v.get("department_id"),
        responsible_staff=_staff_id(v.get("responsible_staff") or "", v.get("department_id")),
        assessed_by=v.get("assessed_by_id"), approved_by=v.get("approved_by_id"),
        suggested_severity=v["severity"], severity_reasons=v.get("severity_reasons") or [],
        compensation_total=v.get("compensation_total") or Decimal("0.00"),
        stage_entered_at=v.get("closed_at") or v.get("implemented_at") or v.get("assessed_at") or v["received_at"],
        created_at=now, updated_at=now,
    )
    case = Complaint(**fields)
    for name, value in due_fields(case, {}).items():
        setattr(case, name, value)
    case.save(force_insert=True)
    if v.get("approval_state") in ("approved", "sent_back") and v.get("approved_by_id") and v.get("approved_at"):
        ApprovalDecision.create(case=case.id, decided_by=v["approved_by_id"], decided_at=v["approved_at"],
                                approved=v["approval_state"] == "approved", reason=v.get("approval_note") or "",
                                amount=case.compensation_total)
    return case


def _link_previous(cases: list[ImportRow], ids: dict[str, int]) -> None:
    """二次投诉 links, to an earlier case in the file or already in the database."""
    for row in cases:
        previous = (row.values.get("previous_case") or "").upper()
        if not previous:
            continue
        target = ids.get(previous) or Complaint.select(Complaint.id).where(Complaint.case_no == previous).scalar()
        if target:
            Complaint.update(previous_case=target).where(Complaint.id == ids[row.values["case_no"]]).execute()


def _children(user: User, kind: str, rows: list[ImportRow], ids: dict[str, int], now) -> int:
    count = 0
    for row in rows:
        v = row.values
        case_id = ids.get(v["case_no"])
        if not row.ok or case_id is None:
            continue
        if kind == "follow_ups":
            FollowUp.create(case=case_id, at=v["at"], by=v.get("by_id") or user.id, reached=v.get("reached", True),
                            satisfied=v.get("satisfied"), satisfaction=v.get("satisfaction"),
                            comments=v.get("comments") or "")
        elif kind == "compensation":
            CompensationLine.create(case=case_id, kind=v["kind"], description=v.get("description") or "",
                                    amount=v.get("amount") or Decimal("0.00"))
        else:
            StaffPenalty.create(case=case_id, staff=_staff_id(v["staff"], v.get("department_id")),
                                points=v.get("points") or 0, fine=v.get("fine") or Decimal("0.00"),
                                reason=v["reason"], recorded_by=v.get("recorded_by_id") or user.id,
                                recorded_at=v.get("recorded_at") or now)
        count += 1
    return count
