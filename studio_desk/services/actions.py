"""The named actions of the case view and the board, each one user action.

Stage moves delegate to :func:`studio_desk.services.cases.move_case` so that every move,
whatever button or drag started it, passes the same guards and audit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from studio_desk import audit, clock, deadlines, settings
from studio_desk.callcache import cached_per_call
from studio_desk.db import write_transaction
from studio_desk.errors import DomainError, TransitionRefused, ValidationError
from studio_desk.models import Complaint, FollowUp, Note, Staff, StaffPenalty, User
from studio_desk.permissions import require
from studio_desk.services.cases import move_case
from studio_desk.services.common import load_case, save_case, snapshot
from studio_desk.validation import LONG_TEXT, Checker, parse_id
from studio_desk.vocab import SEVERITY_RANK, codes


def start_investigation(user: User, case_ref, version: int) -> Complaint:
    return move_case(user, case_ref, "investigating", version)


def assess(user: User, case_ref, version: int, *, validity: str, cause: str = "", solvability: str = "",
           department: int | None = None, responsible_staff: int | None = None,
           invalid_explanation: str = "") -> Complaint:
    """调查结论: valid/assist → 方案 (needs cause and department); invalid → 结案 with the explanation."""
    info: dict[str, Any] = {"validity": validity, "cause": cause, "solvability": solvability}
    if validity == "invalid":
        info["invalid_explanation"] = invalid_explanation
        return move_case(user, case_ref, "closed", version, info)
    info.update(department=department, responsible_staff=responsible_staff)
    return move_case(user, case_ref, "remedy", version, info)


def propose_remedy(user: User, case_ref, version: int, *, remedy_type: str, remedy_plan: str,
                   compensation_lines: list[dict[str, Any]] | None = None) -> Complaint:
    """方案 → 审批 when approval is required, otherwise straight to 实施."""
    from studio_desk.workflow import approval_required

    info = {"remedy_type": remedy_type, "remedy_plan": remedy_plan, "compensation_lines": compensation_lines or []}
    case = load_case(case_ref, version)
    total = sum((Decimal(str(line.get("amount") or 0)) for line in info["compensation_lines"]), Decimal("0"))
    state = {**case.values(), "compensation_total": total}
    target = "approval" if approval_required(state, settings.approval_limit()) else "implementing"
    try:
        return move_case(user, case.id, target, version, info)
    except TransitionRefused as refusal:
        # Raised severity (e.g. the amount made it 重大) can make approval necessary after all.
        if "approval" in refusal.missing:
            return move_case(user, case.id, "approval", version, info)
        raise


def approve(user: User, case_ref, version: int, note: str = "") -> Complaint:
    return move_case(user, case_ref, "implementing", version, {"approval_note": note})


def send_back(user: User, case_ref, version: int, reason: str) -> Complaint:
    return move_case(user, case_ref, "remedy", version, {"reason": reason, "approval_note": reason})


def record_implementation(user: User, case_ref, version: int, *, customer_accepted: bool, note: str = "") -> Complaint:
    """实施完成: the customer signed acceptance → 回访."""
    return move_case(user, case_ref, "follow_up", version,
                     {"customer_accepted": customer_accepted, "acceptance_note": note})


@cached_per_call
def record_follow_up(user: User, case_ref, version: int, *, reached: bool, satisfied: bool | None = None,
                     satisfaction: int | None = None, comments: str = "", then: str = "") -> Complaint:
    """回访: one call attempt. ``then`` after an unsatisfied call: "remedy" (back to 方案) or
    "repeat" (open a linked 二次投诉 and close this case); after a satisfied one: "close"."""
    require(user, "follow_up")
    case = load_case(case_ref, version)
    if case.stage != "follow_up":
        raise DomainError(f"案件 {case.case_no} 目前不在回访阶段。")
    _refuse_before_the_window(case)
    check = Checker()
    comments = check.text("comments", "回访意见", comments, max_len=LONG_TEXT, multiline=True)
    if reached and satisfied is None:
        check.fail("satisfied", "请选择顾客是否满意。")
    if satisfaction is not None and not (isinstance(satisfaction, int) and 1 <= satisfaction <= 5):
        check.fail("satisfaction", "满意度评分必须是 1 到 5 分。")
    if then not in ("", "close", "remedy", "repeat"):
        check.fail("then", "回访后的处理方式无效。")
    if then in ("remedy", "repeat") and (not reached or satisfied):
        check.fail("then", "只有顾客不满意时才能退回方案或转二次投诉。")
    check.raise_if_any()
    now = clock.now()
    attempts = FollowUp.select().where((FollowUp.case == case.id) & (FollowUp.reached == False)).count()  # noqa: E712
    if not reached:
        result = "unreachable" if attempts + 1 >= int(settings.get("follow_up_max_attempts")) else ""
    else:
        result = "satisfied" if satisfied else "unsatisfied"
    with write_transaction():
        # The latest call is the case's follow-up result, score included: an unreachable call has none,
        # and never shows the score of an earlier call (the calls themselves stay in FollowUp).
        score = satisfaction if reached else None
        FollowUp.create(case=case.id, at=now, by=user, reached=reached, satisfied=satisfied if reached else None,
                        satisfaction=score, comments=comments)
        before = snapshot(case, ("follow_up_result", "satisfaction"))
        changes = {"follow_up_result": result, "satisfaction": score}
        case = save_case(case, changes, version, now)
        audit.record("follow_up", user, case, reached=reached, satisfied=satisfied, comments=comments,
                     changes=audit.diff(before, snapshot(case, ("follow_up_result", "satisfaction"))))
        if then == "remedy":
            case = move_case(user, case.id, "remedy", case.version, {"reason": comments or "回访不满意"})
        elif then == "repeat":
            case = _open_repeat(user, case, comments)
        elif then == "close":
            case = move_case(user, case.id, "closed", case.version)
    return case


def _refuse_before_the_window(case: Complaint) -> None:
    """A call before day 5 is not the follow-up the studio's rule asks for; an attempt that did not
    reach the customer is premature too (it would count towards 无法联系). Shown above the dialog's
    fields: no answer can fix it, only the day. A case never carried out here (reopened from an
    imported register) has no window."""
    if case.implemented_at is None:
        return
    cfg = settings.get_all()
    opens = deadlines.follow_up_opens(case.implemented_at, cfg)
    if clock.now() < opens:
        raise ValidationError({"": deadlines.follow_up_too_early(opens, cfg)})


def linked_repeat(case_id: int) -> Complaint | None:
    """The 二次投诉 opened from this case's follow-up, if any (the newest)."""
    return (Complaint.select().where((Complaint.previous_case == case_id) & (Complaint.deleted == False))  # noqa: E712
            .order_by(Complaint.id.desc()).first())


def _open_repeat(user: User, case: Complaint, comments: str) -> Complaint:
    from studio_desk.services.intake import register_complaint

    repeat = register_complaint(user, {
        "channel": "phone", "phone": case.customer.phone, "wechat": case.customer.wechat,
        "customer_name": case.customer.name, "order_no": case.order_no, "order_stage": case.order_stage,
        "chain_step": case.chain_step, "category_id": case.category_id,
        "description": (f"回访不满意（原案件 {case.case_no}）：{comments}" if comments
                        else f"回访不满意（原案件 {case.case_no}）"),
        "customer_wish": case.customer_wish, "mood": "unhappy", "previous_case_id": case.id,
    })
    case = save_case(case, {"follow_up_result": "repeat_opened"}, case.version, clock.now())
    audit.record("linked_repeat", user, case, repeat=repeat.case_no)
    return move_case(user, case.id, "closed", case.version, {"close_reason": f"已转二次投诉 {repeat.case_no}"})


def close_case(user: User, case_ref, version: int, close_reason: str = "") -> Complaint:
    return move_case(user, case_ref, "closed", version, {"close_reason": close_reason} if close_reason else {})


def reopen_case(user: User, case_ref, version: int, reason: str) -> Complaint:
    """重新打开: a complaint closed as 无效 is investigated again; any other goes back to 回访."""
    target = "investigating" if load_case(case_ref).validity == "invalid" else "follow_up"
    return move_case(user, case_ref, target, version, {"reason": reason})


def move_back(user: User, case_ref, version: int, target: str, reason: str) -> Complaint:
    return move_case(user, case_ref, target, version, {"reason": reason})


@cached_per_call
def set_severity(user: User, case_ref, version: int, severity: str, reason: str) -> Complaint:
    """The manager overrides the suggested severity; the override and its reason are audited."""
    require(user, "set_severity")
    case = load_case(case_ref, version)
    if case.stage == "closed":
        raise DomainError(f"案件 {case.case_no} 已结案，不能调整严重程度；如需处理请先重新打开。")
    check = Checker()
    severity = check.choice("severity", "严重程度", severity, codes("severity"))
    reason = check.text("reason", "调整原因", reason, required=True, max_len=500, multiline=True)
    check.raise_if_any()
    now = clock.now()
    with write_transaction():
        updated = save_case(case, {"severity": severity, "severity_overridden": severity != case.suggested_severity},
                            version, now)
        audit.record("severity", user, updated, changes={"severity": [case.severity, severity]},
                     suggested=case.suggested_severity, reason=reason,
                     direction="up" if SEVERITY_RANK[severity] > SEVERITY_RANK[case.severity] else "down")
    return updated


def add_note(user: User, case_ref, text: str) -> Note:
    require(user, "add_note")
    case = load_case(case_ref)
    check = Checker()
    text = check.text("text", "备注", text, required=True, max_len=LONG_TEXT, multiline=True)
    check.raise_if_any()
    with write_transaction():
        note = Note.create(case=case.id, author=user, at=clock.now(), text=text)
        audit.record("note", user, case, text=text)
    return note


def record_penalty(
    user: User, case_ref, *, staff_id: int, points: int = 0, fine: Any = 0, reason: str = ""
) -> StaffPenalty:
    """扣分/罚款 for the employee at fault (店长+ only)."""
    require(user, "penalties")
    case = load_case(case_ref)
    check = Checker()
    staff_id = parse_id(staff_id)
    if staff_id is None or not Staff.select().where(Staff.id == staff_id).exists():
        check.fail("staff", "请选择被处罚的员工。")
    if not isinstance(points, int) or not 0 <= points <= 100:
        check.fail("points", "扣分必须是 0 到 100 之间的整数。")
    fine_amount = check.money("fine", "罚款金额", fine)
    reason = check.text("reason", "处罚原因", reason, required=True, max_len=500, multiline=True)
    if points == 0 and fine_amount == 0 and "points" not in check.problems:
        check.fail("points", "请填写扣分或罚款金额。")
    check.raise_if_any()
    with write_transaction():
        penalty = StaffPenalty.create(case=case.id, staff=staff_id, points=points, fine=fine_amount, reason=reason,
                                      recorded_by=user, recorded_at=clock.now())
        audit.record("penalty", user, case, staff=staff_id, points=points, fine=str(fine_amount), reason=reason)
    return penalty


def list_penalties(user: User, case_ref=None) -> list[StaffPenalty]:
    require(user, "penalties")
    query = StaffPenalty.select().order_by(StaffPenalty.recorded_at.desc())
    if case_ref is not None:
        query = query.where(StaffPenalty.case == load_case(case_ref).id)
    return list(query)


def delete_case(user: User, case_ref, version: int, reason: str) -> None:
    """Hide a case registered by mistake (店长+); it stays in the database and the audit trail."""
    require(user, "delete")
    case = load_case(case_ref, version)
    check = Checker()
    reason = check.text("reason", "删除原因", reason, required=True, max_len=500, multiline=True)
    check.raise_if_any()
    with write_transaction():
        save_case(case, {"deleted": True}, version, clock.now())
        audit.record("delete", user, case, reason=reason)

