"""Checks across a register of our own export (its rows were checked one by one in
:mod:`studio_desk.exports.register_check`): the 回访记录表 / 补偿明细 / 员工处罚 sheets' rows, each
belonging to a case of the register sheet, and whether each case could have reached its stage
under the studio's rules (if not, it is imported as history)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from studio_desk import workflow
from studio_desk.exports.register_check import Context, ImportRow, clean_cell
from studio_desk.exports.register_columns import Column
from studio_desk.services.escalation import STALE_REASON
from studio_desk.validation import Checker
from studio_desk.vocab import label

STALE_MARK = STALE_REASON.split("{days}")[-1].strip()  # "天仍未解决", the escalation of a case left open


def stage_problems(values: dict[str, Any], ctx: Context, unreachable: int = 0) -> list[str]:
    """Whether the case could have reached its stage under the studio's rules."""
    state = {**values, "department": values.get("department_id"), "unreachable_attempts": unreachable}
    stale = any(STALE_MARK in reason for reason in values.get("severity_reasons", []))
    if values.get("approval_state") == "not_needed" and stale:
        # 重大 because it stayed open too long: that came after its remedy, which then needed no approval
        state["severity"] = "important"
    stage = values["stage"]
    problems = []
    for source, target in _path_to(stage, values):
        transition = workflow.find_transition(source, target)
        for _field, message in workflow.missing_for(transition, state, limit=ctx.limit, max_attempts=ctx.max_attempts):
            problems.append(f"处理阶段为“{label('stage', stage)}”，但{message}")
    return problems


def _path_to(stage: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    if stage == "closed" and values.get("validity") == "invalid":
        return [("registered", "investigating"), ("investigating", "closed")]
    approval = values.get("approval_state") in ("approved", "pending") or stage == "approval"
    chain = [
        "registered",
        "investigating",
        "remedy",
        *(["approval"] if approval else []),
        "implementing",
        "follow_up",
        "closed",
    ]
    end = chain.index(stage) if stage in chain else 0
    return list(zip(chain[:end], chain[1 : end + 1], strict=True))


def money_total(lines: list[dict[str, Any]]) -> Decimal:
    return sum((Decimal(line["amount"]) for line in lines), Decimal("0.00"))


CHILD_COLUMNS_REQUIRED = {
    "follow_ups": ("at",),
    "compensation": ("kind",),
    "penalties": ("staff", "reason"),
}


def check_child_rows(
    kind: str,
    sheet: str,
    columns: tuple[Column, ...],
    rows: list[tuple[int, dict[str, Any]]],
    ctx: Context,
    case_nos: set[str],
) -> list[ImportRow]:
    """Rows of the 回访记录表 / 补偿明细 / 员工处罚 sheets; each must belong to a case in the register sheet."""
    by_key = {c.key: c for c in columns}
    out = []
    for row_no, raw in rows:
        check = Checker()
        raw.pop("_extra", None)
        values = {key: clean_cell(check, by_key[key], value, ctx) for key, value in raw.items()}
        row = ImportRow(sheet, row_no, values)
        values["case_no"] = (values.get("case_no") or "").upper()
        if values["case_no"] not in case_nos:
            check.fail("case_no", f"案件编号“{values['case_no'][:20]}”不在本文件的登记表中。")
        for key in CHILD_COLUMNS_REQUIRED[kind]:
            if not values.get(key) and key not in check.problems:
                check.fail(key, f"请填写{by_key[key].header}。")
        for key in ("by", "recorded_by"):
            if key in values:
                name = values.pop(key) or ""
                values[f"{key}_id"] = ctx.users.get(name)
                if name and values[f"{key}_id"] is None:
                    row.warnings.append(f"{by_key[key].header}“{name}”不是本系统用户，记为导入人。")
        if kind == "follow_ups":
            if raw.get("satisfied") in (None, ""):
                values["satisfied"] = None
            if values.get("reached") is None and "reached" not in check.problems:
                values["reached"] = True
        if kind == "penalties":
            department = values.pop("department", "") or ""
            values["department_id"] = ctx.departments.get(department)
            if department and values["department_id"] is None:
                check.fail("department", f"部门“{department[:20]}”不存在。")
        row.problems = list(check.problems.values())
        out.append(row)
    return out
