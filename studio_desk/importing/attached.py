"""What an import writes beside its cases, each table in a few statements: the audit events,
the text no column took (as a note), approval decisions, 二次投诉 links, and the 回访记录表 /
补偿明细 / 员工处罚 rows of our own export."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from studio_desk.exports.register_check import ImportRow
from studio_desk.exports.sheet_data import chunks
from studio_desk.importing.bulk import insert_rows
from studio_desk.importing.references import StaffBook
from studio_desk.models import (
    ApprovalDecision,
    AuditEvent,
    CompensationLine,
    Complaint,
    FollowUp,
    Note,
    StaffPenalty,
    User,
)


def after_cases(
    user: User, file_name: str, cases: list[ImportRow], staged: list[dict[str, Any]], ids: dict[str, int], now: datetime
) -> None:
    """Per case: its audit event, the text no column took as a note (with its event), an approval decision, and
    the 二次投诉 link — each table in a few statements."""
    events, notes, approvals = [], [], []
    for row, fields in zip(cases, staged, strict=True):
        v, case_id = row.values, ids[fields["case_no"]]
        events.append(
            dict(
                at=now,
                user=user.id,
                case=case_id,
                action="import",
                details={
                    "file": file_name,
                    "sheet": row.sheet,
                    "row": row.row_no,
                    **({"history": True} if row.history else {}),
                },
            )
        )
        if v.get("import_notes"):
            text = f"导入自“{file_name}”{row.sheet} 第 {row.row_no} 行：\n{v['import_notes']}"
            notes.append(dict(case=case_id, author=user.id, at=now, text=text))
            # as add_note does: the case view's timeline shows a note through its event
            events.append(dict(at=now, user=user.id, case=case_id, action="note", details={"text": text}))
        if v.get("approval_state") in ("approved", "sent_back") and v.get("approved_by_id") and v.get("approved_at"):
            approvals.append(
                dict(
                    case=case_id,
                    decided_by=v["approved_by_id"],
                    decided_at=v["approved_at"],
                    approved=v["approval_state"] == "approved",
                    reason=v.get("approval_note") or "",
                    amount=v.get("compensation_total") or Decimal("0.00"),
                )
            )
    for model, items in ((AuditEvent, events), (Note, notes), (ApprovalDecision, approvals)):
        for chunk in chunks(items, 500):
            insert_rows(model, chunk, ("id",))
    _link_previous(cases, staged, ids)


def _link_previous(cases: list[ImportRow], staged: list[dict[str, Any]], ids: dict[str, int]) -> None:
    """二次投诉 links, to an earlier case in the file or already in the database."""
    for row, fields in zip(cases, staged, strict=True):
        previous = (row.values.get("previous_case") or "").upper()
        if not previous:
            continue
        target = ids.get(previous) or Complaint.select(Complaint.id).where(Complaint.case_no == previous).scalar()
        if target:
            Complaint.update(previous_case=target).where(Complaint.id == ids[fields["case_no"]]).execute()


def children_rows(
    user: User, kind: str, rows: list[ImportRow], ids: dict[str, int], staff: StaffBook, now: datetime
) -> int:
    """The 回访记录表 / 补偿明细 / 员工处罚 rows of our own export, for the cases just written."""
    items = []
    for row in rows:
        v = row.values
        case_id = ids.get(v["case_no"])
        if not row.ok or case_id is None:
            continue
        if kind == "follow_ups":
            items.append(
                dict(
                    case=case_id,
                    at=v["at"],
                    by=v.get("by_id") or user.id,
                    reached=v.get("reached", True),
                    satisfied=v.get("satisfied"),
                    satisfaction=v.get("satisfaction"),
                    comments=v.get("comments") or "",
                )
            )
        elif kind == "compensation":
            items.append(
                dict(
                    case=case_id,
                    kind=v["kind"],
                    description=v.get("description") or "",
                    amount=v.get("amount") or Decimal("0.00"),
                    round=v.get("round") or 1,
                    carried_out_at=v.get("carried_out_at"),  # paid; a register without the column: see writer
                )
            )
        else:
            items.append(
                dict(
                    case=case_id,
                    staff=staff.id_of(v["staff"], v.get("department_id")),
                    points=v.get("points") or 0,
                    fine=v.get("fine") or Decimal("0.00"),
                    reason=v["reason"],
                    recorded_by=v.get("recorded_by_id") or user.id,
                    recorded_at=v.get("recorded_at") or now,
                )
            )
    model = {"follow_ups": FollowUp, "compensation": CompensationLine, "penalties": StaffPenalty}[kind]
    for chunk in chunks(items, 500):
        insert_rows(model, chunk, ("id",))
    return len(items)
