"""What the daily meeting (每日工作小结) goes through for one day, gathered from the register
and the audit trail: new complaints, what moved, what is overdue, causes and decisions, and
the staff at fault (penalties only for 店长+)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import JOIN

from studio_desk import deadlines
from studio_desk.audit import ACTION_LABELS
from studio_desk.exports.timeline import describe
from studio_desk.models import AuditEvent, Category, Complaint, Customer, Department, Staff, StaffPenalty, User
from studio_desk.vocab import label

# Audit actions that are "what moved" at the meeting; registrations are listed as new cases.
MOVES = ("move", "approve", "send_back", "reopen", "follow_up", "severity", "linked_repeat", "delete")


@dataclass
class DailySummary:
    day: date
    moment: datetime  # end of the day, or now for today: "overdue" is judged at this moment
    new: list[dict[str, Any]] = field(default_factory=list)
    moved: list[dict[str, Any]] = field(default_factory=list)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    at_fault: list[dict[str, Any]] = field(default_factory=list)
    penalties: list[dict[str, Any]] | None = None  # None: the reader may not see them


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, time.min), datetime.combine(day + timedelta(days=1), time.min)


def _new_cases(start: datetime, end: datetime) -> list[dict[str, Any]]:
    query = (Complaint.select(Complaint, Customer.name, Category.name)
             .join(Customer, on=Complaint.customer == Customer.id)
             .switch(Complaint).join(Category, on=Complaint.category == Category.id)
             .where((Complaint.deleted == False) & (Complaint.received_at >= start)  # noqa: E712
                    & (Complaint.received_at < end))
             .order_by(Complaint.received_at, Complaint.id))
    return [{"case_no": c.case_no, "at": c.received_at, "customer": c.customer.name, "category": c.category.name,
             "chain_step": label("chain_step", c.chain_step), "channel": label("channel", c.channel),
             "severity": label("severity", c.severity), "stage": label("stage", c.stage),
             "repeat": c.is_repeat, "description": c.description} for c in query]


def _events(start: datetime, end: datetime, actions: tuple[str, ...]) -> list[AuditEvent]:
    return list(AuditEvent.select(AuditEvent, User, Complaint)
                .join(User, JOIN.LEFT_OUTER, on=AuditEvent.user == User.id)
                .switch(AuditEvent).join(Complaint, on=AuditEvent.case == Complaint.id)
                .where((AuditEvent.at >= start) & (AuditEvent.at < end) & AuditEvent.action.in_(actions))
                .order_by(AuditEvent.at, AuditEvent.id))


def _who(event: AuditEvent) -> str:
    return event.user.display_name if event.user_id else "系统"


def _step(event: AuditEvent) -> str:
    """One event in a few words: the stage move (and its reason), or what was done."""
    d = event.details or {}
    if d.get("source") and d.get("target"):
        move = f"{label('stage', d['source'])} → {label('stage', d['target'])}"
        return f"{move}（{d['reason']}）" if d.get("reason") else move
    detail = describe(event.action, d)
    what = ACTION_LABELS.get(event.action, event.action)
    return f"{what}：{detail}" if detail else what


def _moved(events: list[AuditEvent]) -> list[dict[str, Any]]:
    """What happened to each case today, one line per case in the order they first moved."""
    by_case: dict[str, dict[str, Any]] = {}
    for e in events:
        row = by_case.setdefault(e.case.case_no, {"at": e.at, "case_no": e.case.case_no, "steps": [], "who": []})
        row["steps"].append(_step(e))
        if _who(e) not in row["who"]:
            row["who"].append(_who(e))
    return [{"at": r["at"], "case_no": r["case_no"], "events": len(r["steps"]), "detail": "；".join(r["steps"]),
             "who": "、".join(r["who"])} for r in by_case.values()]


def _new_value(event: AuditEvent, name: str, current: Any) -> Any:
    """The value a move set (from the audit diff), else the case's current one."""
    change = ((event.details or {}).get("changes") or {}).get(name)
    return change[1] if isinstance(change, list) and len(change) == 2 else current


def _decisions(events: list[AuditEvent], names: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    """Assessments (cause, validity, who is responsible), remedies, approvals and closures of the day."""
    out = []
    for e in events:
        d, case = e.details or {}, e.case
        source, target = d.get("source"), d.get("target")
        if source == "investigating" and target in ("remedy", "closed"):
            validity = label("validity", _new_value(e, "validity", case.validity))
            dep = names["department"].get(_new_value(e, "department", case.department_id), "")
            staff = names["staff"].get(_new_value(e, "responsible_staff", case.responsible_staff_id), "")
            text = f"{validity}；原因：{_new_value(e, 'cause', case.cause) or '—'}"
            text += f"；责任：{dep}{' ' + staff if staff else ''}" if dep else ""
            if target == "closed":
                text += f"；向顾客解释：{case.invalid_explanation}"
            kind = "评估"
        elif source == "remedy" and target in ("approval", "implementing"):
            plan = _new_value(e, "remedy_plan", case.remedy_plan)
            amount = _new_value(e, "compensation_total", str(case.compensation_total))
            text = f"{label('remedy_type', _new_value(e, 'remedy_type', case.remedy_type))}：{plan}；补偿 {amount} 元"
            kind = "提交审批" if target == "approval" else "确定方案"
        elif e.action in ("approve", "send_back"):
            kind = "批准" if e.action == "approve" else "退回"
            # Not the case's note: that is the current proposal's, perhaps decided on a later day.
            text = d.get("reason") or _new_value(e, "approval_note", "") or ""
        elif target == "closed":
            kind, text = "结案", _new_value(e, "close_reason", case.close_reason) or label(
                "follow_up_result", case.follow_up_result)
        else:
            continue
        out.append({"at": e.at, "case_no": case.case_no, "kind": kind, "text": text, "who": _who(e)})
    return out


def _overdue(moment: datetime) -> list[dict[str, Any]]:
    # The names are selected under their own aliases: two joined columns both called "name" were
    # read back as nothing, and every row said 未指定.
    query = (Complaint.select(Complaint.case_no, Complaint.stage, Complaint.severity, Complaint.next_due,
                              Department.name.alias("department_name"), Staff.name.alias("staff_name"))
             .join(Department, JOIN.LEFT_OUTER, on=Complaint.department == Department.id)
             .switch(Complaint).join(Staff, JOIN.LEFT_OUTER, on=Complaint.responsible_staff == Staff.id)
             .where((Complaint.deleted == False) & (Complaint.stage != "closed")  # noqa: E712
                    & (Complaint.received_at <= moment) & (Complaint.next_due < moment))
             .order_by(Complaint.next_due, Complaint.id).dicts())
    return [{"case_no": c["case_no"], "stage": label("stage", c["stage"]), "severity": label("severity", c["severity"]),
             "department": c["department_name"] or "", "staff": c["staff_name"] or "", "due": c["next_due"],
             "late": deadlines.describe_time_left(c["next_due"], moment)[0]} for c in query]


def _penalties(start: datetime, end: datetime) -> list[dict[str, Any]]:
    query = (StaffPenalty.select(StaffPenalty, Staff, Complaint)
             .join(Staff, on=StaffPenalty.staff == Staff.id)
             .switch(StaffPenalty).join(Complaint, on=StaffPenalty.case == Complaint.id)
             .where((StaffPenalty.recorded_at >= start) & (StaffPenalty.recorded_at < end))
             .order_by(StaffPenalty.recorded_at, StaffPenalty.id))
    return [{"staff": p.staff.name, "case_no": p.case.case_no, "points": p.points, "fine": p.fine,
             "reason": p.reason} for p in query]


def _names() -> dict[str, dict[int, str]]:
    return {"department": {d.id: d.name for d in Department.select(Department.id, Department.name)},
            "staff": {s.id: s.name for s in Staff.select(Staff.id, Staff.name)}}


def daily_summary(day: date, now: datetime, *, with_penalties: bool) -> DailySummary:
    """The day's summary as of ``now`` (a past day is judged at its end)."""
    start, end = _day_bounds(day)
    moment = min(now, end - timedelta(seconds=1))
    names = _names()
    events = _events(start, end, MOVES)
    decisions = _decisions([e for e in events if e.action in ("move", "approve", "send_back")], names)
    return DailySummary(day, moment, _new_cases(start, end), _moved(events), _overdue(moment), decisions,
                        _at_fault(events, names), _penalties(start, end) if with_penalties else None)


def _at_fault(events: list[AuditEvent], names: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    """The responsible person of each case assessed today, with the cause found."""
    out = []
    for e in events:
        d = e.details or {}
        staff = names["staff"].get(_new_value(e, "responsible_staff", e.case.responsible_staff_id))
        if d.get("source") == "investigating" and d.get("target") == "remedy" and staff:
            out.append({"case_no": e.case.case_no, "staff": staff, "cause": _new_value(e, "cause", e.case.cause),
                        "department": names["department"].get(_new_value(e, "department", e.case.department_id), "")})
    return out
