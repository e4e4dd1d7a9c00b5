"""The studio's stages and the guards on moving a case between them (pure functions).

A guard looks at the case *as it would be* after the move's extra information is applied
and returns what is still missing, as (field, Chinese message) pairs. The services turn a
non-empty answer into :class:`~studio_desk.errors.TransitionRefused`, whose ``missing``
fields tell the board which dialog to open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from studio_desk.vocab import STAGE_CODES, label


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    right: str
    kind: str  # forward | back | close_invalid | send_back | approve | reopen | retry


_T = Transition
TRANSITIONS: dict[tuple[str, str], Transition] = {
    t[:2]: _T(*t)
    for t in (
        ("registered", "investigating", "start_investigation", "forward"),
        ("investigating", "remedy", "assess", "forward"),
        ("investigating", "closed", "close", "close_invalid"),
        ("remedy", "approval", "propose_remedy", "forward"),
        ("remedy", "implementing", "propose_remedy", "forward"),
        ("approval", "implementing", "approve", "approve"),
        ("approval", "remedy", "approve", "send_back"),
        ("implementing", "follow_up", "implement", "forward"),
        ("follow_up", "closed", "close", "forward"),
        ("follow_up", "remedy", "follow_up", "retry"),
        ("investigating", "registered", "move_back", "back"),
        ("remedy", "investigating", "move_back", "back"),
        ("implementing", "remedy", "move_back", "back"),
        ("follow_up", "implementing", "move_back", "back"),
        ("closed", "follow_up", "reopen", "reopen"),
        ("closed", "investigating", "reopen", "reopen"),
    )
}


def find_transition(source: str, target: str) -> Transition | None:
    return TRANSITIONS.get((source, target))


def neighbours(stage: str) -> tuple[str | None, str | None]:
    """(previous, next) stage on the board, for the 后移/前移 keyboard actions."""
    i = STAGE_CODES.index(stage)
    return (STAGE_CODES[i - 1] if i > 0 else None, STAGE_CODES[i + 1] if i + 1 < len(STAGE_CODES) else None)


def approval_required(state: Mapping[str, Any], limit: Decimal) -> bool:
    """审批 is needed for compensation above the manager's limit or beyond the order's terms, or a 重大 case."""
    return (
        Decimal(state.get("compensation_total") or 0) > limit
        or bool(state.get("beyond_terms"))
        or state.get("severity") == "major"
    )


def missing_for(
    transition: Transition, state: Mapping[str, Any], *, limit: Decimal, max_attempts: int
) -> list[tuple[str, str]]:
    """What ``state`` still lacks for ``transition``; empty means the move may happen."""
    missing: list[tuple[str, str]] = []
    t, target = transition, transition.target

    def need(field: str, message: str) -> None:
        if not state.get(field):
            missing.append((field, message))

    if t.kind in ("back", "reopen", "send_back"):
        need("reason", "请填写原因。")
    elif t.kind == "close_invalid":
        if state.get("validity") != "invalid":
            missing.append(("validity", "只有评估为“无效”的投诉可以在调查阶段直接结案。"))
        need("invalid_explanation", "请填写向顾客所作的解释。")
    elif target == "remedy":  # from 调查, or a retry from 回访 (which also needs a reason unless unsatisfied)
        if t.kind == "retry" and state.get("follow_up_result") != "unsatisfied":
            need("reason", "请填写退回方案的原因。")
        if state.get("validity") == "invalid":
            missing.append(("validity", "无效投诉不能进入方案：请向顾客解释后结案。"))
        else:
            need("validity", "请先评估投诉是否有效。")
        need("cause", "请填写原因分析。")
        need("department", "请指定责任部门。")
    elif target in ("approval", "implementing") and t.source == "remedy":
        need("remedy_type", "请选择处理方式。")
        need("remedy_plan", "请填写处理方案。")
        # A proposal made in 方案 is a new one: no earlier round's approval covers it.
        if target == "implementing" and approval_required(state, limit):
            missing.append(("approval", "此方案需要审批（补偿超出权限或重大投诉），请先提交审批。"))
    elif target == "follow_up":
        if not state.get("customer_accepted"):
            missing.append(("customer_accepted", "请先记录顾客已确认接受处理结果（签字）。"))
    elif target == "closed":
        result = state.get("follow_up_result")
        if result == "unreachable" or int(state.get("unreachable_attempts") or 0) >= max_attempts:
            need("close_reason", "客户无法联系，请填写结案说明。")
        elif result not in ("satisfied", "repeat_opened"):
            early = state.get("follow_up_too_early")  # before day 5 the call cannot be recorded yet: say when
            message = "请先记录回访结果：顾客满意后才能结案；不满意请退回方案或转二次投诉。"
            missing.append(("follow_up_result", f"{early}记录回访结果（顾客满意）后才能结案。" if early else message))
    return missing


def refusal_message(source: str, target: str, missing: list[tuple[str, str]]) -> str:
    head = f"不能从“{label('stage', source)}”移到“{label('stage', target)}”："
    return head + "".join(message for _, message in missing)


def not_allowed_message(source: str, target: str) -> str:
    return f"不能从“{label('stage', source)}”直接移到“{label('stage', target)}”。"
