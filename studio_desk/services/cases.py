"""Changing a case: editing its fields and moving it between stages (案件处理).

Both go through :func:`_apply`: check rights per field group, validate, then in one
transaction a version-checked write and an audit event. The named actions the UI offers
(提交审批, 批准, 退回, …) in :mod:`studio_desk.services.actions` are thin calls of these.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from peewee import fn

from studio_desk import audit, clock, deadlines, settings, workflow
from studio_desk.callcache import cached_per_call
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError, PermissionDenied, TransitionRefused
from studio_desk.models import (
    ApprovalDecision,
    Category,
    CompensationLine,
    Complaint,
    Department,
    FollowUp,
    Staff,
    User,
)
from studio_desk.permissions import allowed, require
from studio_desk.services.common import load_case, save_case, snapshot
from studio_desk.services.intake import INTAKE_FLAGS, suggest_severity
from studio_desk.validation import LONG_TEXT, Checker, parse_id
from studio_desk.vocab import codes

FIELD_RIGHTS: dict[str, str] = {
    **{name: "edit_intake" for name in (
        "channel", "channel_detail", "order_no", "order_stage", "chain_step", "category", "description",
        "customer_wish", "mood", "evidence_note", "group_size", "promised_reply_at", *INTAKE_FLAGS)},
    **{name: "assess" for name in ("validity", "solvability", "cause", "invalid_explanation")},
    **{name: "assign" for name in ("department", "responsible_staff")},
    **{name: "propose_remedy" for name in ("remedy_type", "remedy_plan", "compensation_lines")},
    **{name: "implement" for name in ("customer_accepted", "acceptance_note")},
}
# Information a move may carry that is not a case field of its own.
MOVE_INFO = ("reason", "approval_note", "close_reason")
# The case shows the decision on its current proposal only: a new proposal or a reworked remedy
# starts without one (earlier decisions stay in ApprovalDecision and the audit trail).
NO_DECISION = {"approval_state": "not_needed", "approved_by": None, "approved_at": None, "approval_note": ""}
AUDITED = tuple(n for n in FIELD_RIGHTS if n != "compensation_lines") + (
    "stage", "severity", "approval_state", "compensation_total", "follow_up_result", "satisfaction", "close_reason",
    "approval_note")


def _validate(changes: dict[str, Any], now: datetime) -> dict[str, Any]:
    check = Checker()
    out: dict[str, Any] = {}
    text_fields = {
        "channel_detail": ("渠道说明", 100, False), "order_no": ("订单号", 40, False),
        "description": ("投诉内容", LONG_TEXT, True), "customer_wish": ("顾客诉求", LONG_TEXT, True),
        "evidence_note": ("证据说明", LONG_TEXT, True), "cause": ("原因分析", LONG_TEXT, True),
        "invalid_explanation": ("向顾客的解释", LONG_TEXT, True), "remedy_plan": ("处理方案", LONG_TEXT, True),
        "acceptance_note": ("顾客确认说明", LONG_TEXT, True), "reason": ("原因", LONG_TEXT, True),
        "approval_note": ("审批意见", LONG_TEXT, True), "close_reason": ("结案说明", LONG_TEXT, True),
    }
    choice_fields = {
        "channel": ("投诉渠道", "channel", True), "order_stage": ("订单阶段", "order_stage", False),
        "chain_step": ("问题环节", "chain_step", True), "mood": ("顾客情绪", "mood", True),
        "validity": ("有效性", "validity", False), "solvability": ("可解决程度", "solvability", False),
        "remedy_type": ("处理方式", "remedy_type", False),
    }
    for name, value in changes.items():
        if name in text_fields:
            label, max_len, multiline = text_fields[name]
            required = name == "description"
            out[name] = check.text(name, label, value, max_len=max_len, multiline=multiline, required=required)
        elif name in choice_fields:
            label, kind, required = choice_fields[name]
            out[name] = check.choice(name, label, value, codes(kind), required=required)
        elif name in INTAKE_FLAGS or name == "customer_accepted":
            out[name] = bool(value)
        elif name == "group_size":
            try:
                out[name] = int(value)
                if not 1 <= out[name] <= 1000:
                    raise ValueError
            except (TypeError, ValueError):
                check.fail(name, "投诉人数必须是 1 到 1000 之间的整数。")
        elif name == "promised_reply_at":
            if value is not None and not isinstance(value, datetime):
                check.fail(name, "承诺答复时间无效。")
            out[name] = value
        elif name == "category":
            if not (value := parse_id(value)) or not Category.select().where(Category.id == value).exists():
                check.fail(name, "所选投诉类别不存在。")
            out[name] = value
        elif name == "department":
            picked = parse_id(value)
            if value and (picked is None or not Department.select().where(
                    (Department.id == picked) & (Department.active == True)).exists()):  # noqa: E712
                check.fail(name, "所选责任部门不存在或已停用。")
            out[name] = picked
        elif name == "responsible_staff":
            picked = parse_id(value)
            if value and (picked is None or not Staff.select().where(
                    (Staff.id == picked) & (Staff.active == True)).exists()):  # noqa: E712
                check.fail(name, "所选责任人不存在或已停用。")
            out[name] = picked
        elif name == "compensation_lines":
            out[name] = _validate_lines(check, value or [])
        else:
            raise KeyError(f"unknown case field {name!r}")
    check.raise_if_any()
    return out


def _validate_lines(check: Checker, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for i, line in enumerate(lines, start=1):
        kind = check.choice("compensation_lines", f"第 {i} 项补偿的方式", line.get("kind"), codes("remedy_type"))
        description = check.text("compensation_lines", f"第 {i} 项补偿的说明", line.get("description"), max_len=200)
        amount = check.money("compensation_lines", f"第 {i} 项补偿金额", line.get("amount"))
        cleaned.append({"kind": kind, "description": description, "amount": amount})
    if len(cleaned) > 50:
        check.fail("compensation_lines", "补偿项目太多（最多 50 项）。")
    return cleaned


def paid_lines(case_id: int) -> list[CompensationLine]:
    """The lines of the remedy rounds already carried out: paid, never replaced."""
    return list(CompensationLine.select().where((CompensationLine.case == case_id)
                                                & CompensationLine.carried_out_at.is_null(False))
                .order_by(CompensationLine.id))


def _compensation_changes(case: Complaint, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The new total: what was paid in earlier rounds plus this round's lines. An approval covers
    the amount approved, so a different amount drops it."""
    paid = sum((line.amount for line in paid_lines(case.id)), Decimal("0.00"))
    total = sum((line["amount"] for line in lines), paid)
    out: dict[str, Any] = {"compensation_total": total}
    if case.approval_state == "approved" and total != case.compensation_total:
        out.update(NO_DECISION)
    return out


def _check_rights(user: User, changes: dict[str, Any]) -> None:
    for right in sorted({FIELD_RIGHTS[name] for name in changes if name in FIELD_RIGHTS}):
        require(user, right)


def _state(case: Complaint, changes: dict[str, Any]) -> dict[str, Any]:
    state = case.values()
    state.update(changes)
    state["unreachable_attempts"] = (
        FollowUp.select().where((FollowUp.case == case.id) & (FollowUp.reached == False)).count()  # noqa: E712
    )
    state["follow_up_too_early"] = ""
    if case.stage == "follow_up" and case.implemented_at:  # the board's 回访 → 结案 says when the call may be made
        cfg = settings.get_all()
        opens = deadlines.follow_up_opens(case.implemented_at, cfg)
        if clock.now() < opens:
            state["follow_up_too_early"] = deadlines.follow_up_too_early(opens, cfg)
    return state


def _severity_changes(case: Complaint, changes: dict[str, Any]) -> dict[str, Any]:
    """Re-suggest severity when its facts change; follow it unless the manager overrode it."""
    state = {**case.values(), **changes}
    at_fault, days = state["validity"] == "valid", open_days(case)
    stale = at_fault and days >= int(settings.get("stale_case_days"))
    facts_changed = any(n in changes for n in (*INTAKE_FLAGS, "group_size", "compensation_total", "category"))
    if not (facts_changed or stale):
        return {}
    from studio_desk.services.intake import CustomerHistory

    history = CustomerHistory(case.customer, recent_case=case.previous_case if case.is_repeat else None)
    data = {**state, "category_id": state["category"], "vip": case.customer.vip}
    level, reasons = suggest_severity(data, history, compensation=Decimal(state["compensation_total"] or 0),
                                      open_days=days, studio_at_fault=at_fault)
    out: dict[str, Any] = {"suggested_severity": level, "severity_reasons": reasons}
    if not case.severity_overridden:
        out["severity"] = level
    return out


@cached_per_call
def update_case(user: User, case_ref: int | str, expected_version: int, changes: dict[str, Any]) -> Complaint:
    """Edit fields of a case without moving it; each field group needs its own right."""
    case = load_case(case_ref, expected_version)
    _check_rights(user, changes)
    if case.stage == "closed":
        raise DomainError(f"案件 {case.case_no} 已结案，不能修改；如需处理请店长重新打开。")
    now = clock.now()
    clean = _validate(changes, now)
    if "compensation_lines" in clean and case.stage in ("implementing", "follow_up"):
        state = {**case.values(), **_compensation_changes(case, clean["compensation_lines"])}
        if workflow.approval_required(state, settings.approval_limit()) and state["approval_state"] != "approved":
            raise DomainError("补偿金额改变后需要重新审批：请先把案件退回“方案”阶段再修改补偿。", "compensation_lines")
    return _apply(user, case, expected_version, clean, now, action="edit")


@cached_per_call
def move_case(
    user: User, case_ref: int | str, target: str, expected_version: int, info: dict[str, Any] | None = None
) -> Complaint:
    """Move a case to ``target``; ``info`` carries what that move needs (cause, remedy, reason…).

    Refusals: PermissionDenied (role), TransitionRefused with ``missing`` fields (information
    lacking — the caller may ask for it and call again), StaleEdit (someone else saved first).
    """
    case = load_case(case_ref, expected_version)
    info = dict(info or {})
    transition = workflow.find_transition(case.stage, target)
    if transition is None:
        raise TransitionRefused(workflow.not_allowed_message(case.stage, target))
    require(user, transition.right)
    field_changes = {k: v for k, v in info.items() if k not in MOVE_INFO}
    _check_rights(user, field_changes)
    now = clock.now()
    clean = _validate(info, now)
    if "compensation_lines" in clean:
        clean.update(_compensation_changes(case, clean["compensation_lines"]))
    clean.update(_severity_changes(case, clean))
    state = _state(case, clean)
    limit = settings.approval_limit()
    missing = workflow.missing_for(transition, state, limit=limit,
                                   max_attempts=int(settings.get("follow_up_max_attempts")))
    if missing:
        raise TransitionRefused(workflow.refusal_message(case.stage, target, missing), [f for f, _ in missing],
                                dict(missing))
    if transition.kind == "approve":
        check_approval_right(user, Decimal(state["compensation_total"] or 0))
    clean.update(_stage_effects(transition, case, state, user, now))
    clean["stage"] = target
    clean["stage_entered_at"] = now
    return _apply(user, case, expected_version, clean, now, action="move", transition=transition)


def _stage_effects(
    t: workflow.Transition, case: Complaint, state: dict[str, Any], user: User, now: datetime
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.source == "investigating" and t.target in ("remedy", "closed") and not case.assessed_at:
        out.update(assessed_at=now, assessed_by=user.id)
    if t.source == "remedy" and t.kind == "forward":  # a new proposal (→ 审批, or → 实施 needing no approval)
        out.update(NO_DECISION, approval_state="pending" if t.target == "approval" else "not_needed")
    elif t.kind == "approve":
        out.update(approval_state="approved", approved_by=user.id, approved_at=now)
    elif t.kind == "send_back":  # its reason is the approval note; who sent it back and when replace any earlier
        out.update(approval_state="sent_back", approved_by=user.id, approved_at=now)
    elif t.target in ("remedy", "investigating"):  # the remedy is to be reworked: its decision becomes history
        out.update(NO_DECISION)
    if t.target == "follow_up" and t.kind == "forward":
        # Carried out (again): the follow-up is still to be made, whatever an earlier call found.
        out.update(implemented_at=now, follow_up_result="", satisfaction=None)
    if t.target == "closed":
        out["closed_at"] = now
        if t.kind == "close_invalid":
            out["close_reason"] = state.get("close_reason") or state.get("invalid_explanation")
    if t.kind == "reopen":
        out.update(closed_at=None, follow_up_result="", satisfaction=None, close_reason="")
    if t.kind == "retry":
        out.update(follow_up_result="", satisfaction=None, customer_accepted=False)
    if t.kind == "back" and t.target == "implementing":
        out["customer_accepted"] = False  # carried out again, so the customer confirms again
    return out


def _apply(
    user: User, case: Complaint, expected_version: int, clean: dict[str, Any], now: datetime, *,
    action: str, transition: workflow.Transition | None = None,
) -> Complaint:
    lines = clean.pop("compensation_lines", None)
    if lines is not None:
        for name, value in _compensation_changes(case, lines).items():
            clean.setdefault(name, value)  # a move's own approval state (e.g. pending) wins
    if action == "edit":
        clean.update(_severity_changes(case, clean))
    info = {k: clean.pop(k) for k in MOVE_INFO if k in clean and k not in Complaint._meta.fields}
    reason = info.get("reason", "")
    before = snapshot(case, AUDITED)
    with write_transaction():
        updated = save_case(case, clean, expected_version, now)
        if lines is not None:
            _replace_open_lines(case.id, lines)
        if transition and transition.target == "follow_up" and transition.kind == "forward":
            CompensationLine.update(carried_out_at=now).where(
                (CompensationLine.case == case.id) & CompensationLine.carried_out_at.is_null()).execute()
        elif transition and transition.source == "follow_up" and transition.target == "implementing":
            # To be carried out again (the customer had not confirmed): this carrying-out is undone.
            CompensationLine.update(carried_out_at=None).where(
                (CompensationLine.case == case.id) & (CompensationLine.carried_out_at == case.implemented_at)).execute()
        if transition and transition.kind in ("approve", "send_back"):
            ApprovalDecision.create(
                case=case.id, decided_by=user, decided_at=now, approved=transition.kind == "approve",
                reason=reason or updated.approval_note, amount=updated.compensation_total,
            )
        details: dict[str, Any] = {"changes": audit.diff(before, snapshot(updated, AUDITED))}
        if lines is not None:
            details["compensation_lines"] = [{**line, "amount": str(line["amount"])} for line in lines]
        if transition:
            details.update(source=transition.source, target=transition.target, kind=transition.kind)
        if reason:
            details["reason"] = reason
        audit.record(
            transition.kind if transition and transition.kind in ("approve", "send_back", "reopen") else action,
            user, updated, **details,
        )
    return updated


def mark_paid_past_implementation(case_ids: list[int]) -> None:
    """Cases brought in from a register already past 实施: their compensation was paid then."""
    done = (Complaint.select(fn.COALESCE(Complaint.implemented_at, Complaint.closed_at, Complaint.received_at))
            .where((Complaint.id == CompensationLine.case) & Complaint.stage.in_(("follow_up", "closed"))))
    for start in range(0, len(case_ids), 500):
        CompensationLine.update(carried_out_at=done).where(
            CompensationLine.case.in_(case_ids[start:start + 500]) & CompensationLine.carried_out_at.is_null()
        ).execute()


def _replace_open_lines(case_id: int, lines: list[dict[str, Any]]) -> None:
    """This round's lines replace the round's earlier proposal; the paid rounds stay as they are."""
    CompensationLine.delete().where((CompensationLine.case == case_id)
                                    & CompensationLine.carried_out_at.is_null()).execute()
    done = (CompensationLine.select(fn.MAX(CompensationLine.round))
            .where((CompensationLine.case == case_id) & CompensationLine.carried_out_at.is_null(False)).scalar())
    if lines:
        CompensationLine.insert_many([{**line, "case": case_id, "round": (done or 0) + 1} for line in lines]).execute()


def check_approval_right(user: User, amount: Decimal) -> None:
    """Only 执行经理 approve above the manager's limit: raised before the approver types a word."""
    limit = settings.approval_limit()
    if amount > limit and not allowed(user.role, "approve_above_limit"):
        raise PermissionDenied(f"补偿金额 {amount:,.2f} 元超过店长审批权限（{limit:,.2f} 元），需要执行经理批准。")


def approval_summary(case: Complaint) -> str:
    """What an approver decides on: the amount and who may approve it."""
    limit = settings.approval_limit()
    who = "须由执行经理审批" if case.compensation_total > limit else "店长或执行经理可审批"
    return f"补偿合计 {case.compensation_total:,.2f} 元（店长审批权限 {limit:,.2f} 元以内），{who}。"


def open_days(case: Complaint, now: datetime | None = None) -> int:
    end = case.closed_at or now or clock.now()
    return max(0, (end - case.received_at) // timedelta(days=1))
