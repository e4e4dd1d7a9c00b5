"""Checking the rows of a register being imported, with a Chinese problem per row.

Each cell is turned into what the core stores (codes for labels, ids for names, real
datetimes and amounts) through the core's own validation (:class:`~studio_desk.validation.Checker`,
:mod:`studio_desk.vocab`); the stage a case claims must be consistent with the workflow's
guards (:func:`studio_desk.workflow.missing_for`), as if it had been moved there step by step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from openpyxl.utils.datetime import from_excel

from studio_desk import clock, settings, workflow
from studio_desk.exports.register_columns import BY_KEY, Column
from studio_desk.models import Category, Complaint, Department, Staff, User
from studio_desk.validation import LONG_TEXT, SHORT_TEXT, Checker
from studio_desk.vocab import BY_CODE, label

MAX_LEN = {"case_no": 20, "order_no": 40}
CASE_NO = re.compile(r"^KS-(\d{8})-(\d{3,})$")
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有", "vip"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "", "无", "×"}
INT_RANGE = {"group_size": (1, 1000), "satisfaction": (1, 5), "points": (0, 100)}
REQUIRED = ("received_at", "customer_name", "category", "description", "chain_step")


@dataclass
class ImportRow:
    """One spreadsheet row: its cleaned values and what is wrong with it."""

    sheet: str
    row_no: int
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        return f"{self.sheet} 第 {self.row_no} 行：" + "；".join(self.problems + self.warnings)


class Context:
    """What rows are checked against, loaded once per file."""

    def __init__(self) -> None:
        self.now = clock.now()
        self.users: dict[str, int] = {}
        for user in User.select():
            self.users.setdefault(user.username, user.id)
            self.users[user.display_name] = user.id
        self.categories = {c.name: c.id for c in Category.select()}
        self.departments = {d.name: d.id for d in Department.select()}
        self.staff = {(s.name, s.department_id): s.id for s in Staff.select()}
        self.existing = {no for (no,) in Complaint.select(Complaint.case_no).tuples()}
        self.limit = settings.approval_limit()
        self.max_attempts = int(settings.get("follow_up_max_attempts"))


def _text(value: Any) -> Any:
    """Numbers typed into text columns (order 12345, phone 13812345678) as the text they show."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def _choice(check: Checker, column: Column, value: Any) -> str:
    text = str(_text(value) or "").strip()
    if not text:
        return ""
    for choice in BY_CODE[column.vocab].values():
        if text in (choice.zh, choice.code, choice.en) or text.lower() in (choice.code, choice.en.lower()):
            return choice.code
    options = "、".join(c.zh for c in BY_CODE[column.vocab].values())
    check.fail(column.key, f"{column.header}“{text[:20]}”不在可选范围内（可选：{options}）。")
    return ""


def _bool(check: Checker, column: Column, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value or "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    check.fail(column.key, f"{column.header}应填“是”或“否”，现在是“{text[:20]}”。")
    return None


def _datetime(check: Checker, column: Column, value: Any, now: datetime) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        value = from_excel(value)  # a date typed into a cell formatted as a number
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    when = value.replace(microsecond=0) if isinstance(value, datetime) else check.when(column.key, column.header, value)
    if when is not None and column.key != "promised_reply_at" and when > now + timedelta(minutes=1):
        check.fail(column.key, f"{column.header}不能晚于现在。")
    return when


def _int(check: Checker, column: Column, value: Any, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip()) if not isinstance(value, (int, float)) else value
        if not float(number).is_integer() or not low <= number <= high:
            raise ValueError
        return int(number)
    except (TypeError, ValueError):
        check.fail(column.key, f"{column.header}必须是 {low} 到 {high} 之间的整数。")
        return None


def clean_cell(check: Checker, column: Column, value: Any, now: datetime) -> Any:
    """One cell as the core stores it; problems go into ``check`` under the column's key."""
    kind = column.kind
    if kind in ("text", "long", "list"):
        max_len = MAX_LEN.get(column.key, LONG_TEXT if kind != "text" else SHORT_TEXT)
        return check.text(column.key, column.header, _text(value), max_len=max_len, multiline=kind != "text")
    if kind == "phone":
        text = str(_text(value) or "").strip()
        if "*" in text:
            check.fail(column.key, "联系电话已打码（含 *），无法导入；请使用“包含完整电话号码”导出的登记表。")
            return ""
        return check.phone(column.key, text)
    if kind == "choice":
        return _choice(check, column, value)
    if kind == "bool":
        return _bool(check, column, value)
    if kind == "datetime":
        return _datetime(check, column, value, now)
    if kind == "money":
        return check.money(column.key, column.header, _text(value))
    if kind == "int":
        return _int(check, column, value, *INT_RANGE.get(column.key, (0, 1000)))
    raise ValueError(f"unknown column kind {kind!r}")


def check_register_rows(sheet: str, rows: list[tuple[int, dict[str, Any]]], ctx: Context) -> list[ImportRow]:
    """Clean and check every register row; duplicates within the file count as problems too."""
    seen: dict[str, int] = {}
    out = []
    for row_no, raw in rows:
        row = _register_row(sheet, row_no, raw, ctx)
        case_no = row.values.get("case_no")
        if case_no:
            if case_no in seen:
                row.problems.append(f"案件编号 {case_no} 与第 {seen[case_no]} 行重复。")
            seen.setdefault(case_no, row_no)
        out.append(row)
    return out


def _register_row(sheet: str, row_no: int, raw: dict[str, Any], ctx: Context) -> ImportRow:
    check = Checker()
    values = {key: clean_cell(check, BY_KEY[key], value, ctx.now) for key, value in raw.items()}
    row = ImportRow(sheet, row_no, values)
    for key in REQUIRED:
        if not values.get(key) and key not in check.problems:
            check.fail(key, f"请填写{BY_KEY[key].header}。")
    if not values.get("phone") and not values.get("wechat") and "phone" not in check.problems:
        check.fail("phone", "请填写联系电话（没有电话时请填写微信号）。")
    values["case_no"] = (values.get("case_no") or "").upper()
    if values["case_no"] in ctx.existing:
        check.fail("case_no", f"案件编号 {values['case_no']} 已在系统中，不能重复导入。")
    _resolve_names(check, row, ctx)
    values.setdefault("channel", "")
    values["channel"] = values["channel"] or "walk_in"
    values["mood"] = values.get("mood") or "calm"
    values["stage"] = values.get("stage") or ("closed" if values.get("closed_at") else "registered")
    values["severity"] = values.get("severity") or "ordinary"
    values["group_size"] = values.get("group_size") or 1
    values["approval_state"] = values.get("approval_state") or "not_needed"
    row.problems = list(check.problems.values())
    return row


def _resolve_names(check: Checker, row: ImportRow, ctx: Context) -> None:
    """Names in the sheet → ids; unknown users become warnings, unknown lists entries problems."""
    values = row.values
    for key in ("receiver", "assessed_by", "approved_by"):
        name = values.pop(key, "") or ""
        values[f"{key}_id"] = ctx.users.get(name)
        if name and values[f"{key}_id"] is None:
            who = "导入人" if key == "receiver" else "空"
            row.warnings.append(f"{BY_KEY[key].header}“{name}”不是本系统用户，记为{who}。")
    category = values.pop("category", "") or ""
    values["category_id"] = ctx.categories.get(category)
    if category and values["category_id"] is None:
        check.fail("category", f"投诉类别“{category[:20]}”不存在，请先在设置中添加，或改为现有类别。")
    department = values.pop("department", "") or ""
    values["department_id"] = ctx.departments.get(department)
    if department and values["department_id"] is None:
        check.fail("department", f"责任部门“{department[:20]}”不存在，请先在设置中添加，或改为现有部门。")
    staff = values.get("responsible_staff") or ""
    if staff and (staff, values["department_id"]) not in ctx.staff:
        row.warnings.append(f"责任人“{staff}”不在员工名单中，导入时将新建。")
    reasons = values.get("severity_reasons") or ""
    values["severity_reasons"] = [r for r in reasons.split("；") if r] if reasons else []


def stage_problems(values: dict[str, Any], ctx: Context, unreachable: int = 0) -> list[str]:
    """Whether the case could have reached its stage under the studio's rules."""
    state = {**values, "department": values.get("department_id"), "unreachable_attempts": unreachable}
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
    chain = ["registered", "investigating", "remedy", *(["approval"] if approval else []),
             "implementing", "follow_up", "closed"]
    end = chain.index(stage) if stage in chain else 0
    return list(zip(chain[:end], chain[1:end + 1], strict=True))


def counter_bumps(case_nos: list[str]) -> dict[str, int]:
    """Day → highest number among KS-YYYYMMDD-NNN case numbers, so new numbers never collide."""
    bumps: dict[str, int] = {}
    for case_no in case_nos:
        match = CASE_NO.match(case_no)
        if match:
            bumps[match.group(1)] = max(bumps.get(match.group(1), 0), int(match.group(2)))
    return bumps


def money_total(lines: list[dict[str, Any]]) -> Decimal:
    return sum((Decimal(line["amount"]) for line in lines), Decimal("0.00"))


CHILD_COLUMNS_REQUIRED = {
    "follow_ups": ("at",),
    "compensation": ("kind",),
    "penalties": ("staff", "reason"),
}


def check_child_rows(kind: str, sheet: str, columns: tuple[Column, ...], rows: list[tuple[int, dict[str, Any]]],
                     ctx: Context, case_nos: set[str]) -> list[ImportRow]:
    """Rows of the 回访记录表 / 补偿明细 / 员工处罚 sheets; each must belong to a case in the register sheet."""
    by_key = {c.key: c for c in columns}
    out = []
    for row_no, raw in rows:
        check = Checker()
        values = {key: clean_cell(check, by_key[key], value, ctx.now) for key, value in raw.items()}
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
