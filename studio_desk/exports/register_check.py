"""Checking the rows of a register being imported, with a Chinese note per row.

Each cell is turned into what the core stores (codes for words, ids for names, real datetimes
and amounts) through the core's own validation (:class:`~studio_desk.validation.Checker`) and
the import's value mapping (:mod:`studio_desk.importing.values`). A register row is refused
only when it holds no complaint (the reader skips those); anything else wrong is a warning on
its row, the doubtful value is left empty, and the case is imported as history (历史导入): an
old register's rows always, a row of our own export when it could not have reached its stage
under the studio's rules (:mod:`studio_desk.exports.register_own`). Nothing is invented: a
missing fact stays empty and is asked for at the case's next move, as for any case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from studio_desk import clock, settings
from studio_desk.exports.register_columns import BY_KEY, Column
from studio_desk.importing.dates import parse_when
from studio_desk.importing.values import word_of
from studio_desk.importing.words import NEW_PREFIX, OPEN_STAGE
from studio_desk.models import Category, Complaint, Department, Staff, User
from studio_desk.validation import LONG_TEXT, SHORT_TEXT, Checker
from studio_desk.vocab import BY_CODE

MAX_LEN = {"case_no": 20, "order_no": 40, "channel_detail": 100, "customer_name": 100, "wechat": 100}
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "有", "vip"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "", "无", "×"}
INT_RANGE = {"group_size": (1, 1000), "satisfaction": (1, 5), "points": (0, 100)}
# Facts that show how far an open case (处理中) got: the stage they support, furthest first.
OPEN_FACTS = (("remedy", ("remedy_plan", "remedy_type", "compensation_total")),
              ("investigating", ("cause", "validity", "department_id", "responsible_staff")))


@dataclass
class ImportRow:
    """One spreadsheet row: its cleaned values, what was doubtful in it, and whether it is
    imported as history or is already in the database."""

    sheet: str
    row_no: int
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)  # the row is not imported
    warnings: list[str] = field(default_factory=list)
    history: bool = False
    already: bool = False  # the same case is in the database (an earlier import of this file)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        notes = "；".join(note.rstrip("。") for note in self.problems + self.warnings)
        return f"{self.sheet} 第 {self.row_no} 行：{notes}。"


class Context:
    """What rows are checked against, loaded once per file; ``values`` is the value mapping
    (field → word → value) and ``history`` says the file is a studio's old register."""

    def __init__(self, values: dict[str, dict[str, str]] | None = None, history: bool = False) -> None:
        self.now = clock.now()
        self.values = values or {}
        self.history = history
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


def _choice(check: Checker, column: Column, value: Any, ctx: Context) -> str:
    word = word_of(value)
    if not word:
        return ""
    mapped = ctx.values.get(column.key, {}).get(word)
    if mapped is not None:
        if not mapped:
            check.fail(column.key, f"{column.header}“{word[:20]}”没有对应的值，留空。")
        return mapped
    for choice in BY_CODE[column.vocab].values():
        if word in (choice.zh, choice.code, choice.en) or word.lower() in (choice.code, choice.en.lower()):
            return choice.code
    options = "、".join(c.zh for c in BY_CODE[column.vocab].values())
    check.fail(column.key, f"{column.header}“{word[:20]}”不在可选范围内（可选：{options}）。")
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


def _datetime(check: Checker, column: Column, value: Any, now: datetime, year: int | None) -> datetime | None:
    try:
        when = parse_when(value, year)
    except (ValueError, OverflowError):
        check.fail(column.key, f"{column.header}“{str(value)[:20]}”不是日期，请按 2026-11-23 10:00 的格式填写。")
        return None
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


def clean_cell(check: Checker, column: Column, value: Any, ctx: Context, year: int | None = None) -> Any:
    """One cell as the core stores it; problems go into ``check`` under the column's key, and
    the value returned is then the part that can be kept (text cut to its length, else empty)."""
    kind = column.kind
    if kind in ("text", "long", "list"):
        max_len = MAX_LEN.get(column.key, LONG_TEXT if kind != "text" else SHORT_TEXT)
        return check.text(column.key, column.header, _text(value), max_len=max_len, multiline=kind != "text")[:max_len]
    if kind == "phone":
        text = str(_text(value) or "").strip()
        if "*" in text:
            check.fail(column.key, "联系电话已打码（含 *），电话留空；要带上电话，请勾选“包含完整电话号码”再导出。")
            return ""
        phone = check.phone(column.key, text)
        return "" if column.key in check.problems else phone
    if kind == "choice":
        return _choice(check, column, value, ctx)
    if kind == "bool":
        return _bool(check, column, value)
    if kind == "datetime":
        return _datetime(check, column, value, ctx.now, year)
    if kind == "money":
        return check.money(column.key, column.header, _text(value))
    if kind == "int":
        return _int(check, column, value, *INT_RANGE.get(column.key, (0, 1000)))
    raise ValueError(f"unknown column kind {kind!r}")


def check_register_rows(sheet: str, rows: list[tuple[int, dict[str, Any]]], ctx: Context,
                        year: int | None = None, seen: dict[str, str] | None = None) -> list[ImportRow]:
    """Clean and check every register row of one sheet. ``seen`` (case number → where) is
    shared by the sheets of a file, so a number given twice is noticed across sheets."""
    seen = {} if seen is None else seen
    out = []
    previous: datetime | None = None
    for row_no, raw in rows:
        row = _register_row(sheet, row_no, raw, ctx, year, previous)
        previous = row.values["received_at"]
        case_no = row.values.get("case_no")
        if case_no and not row.already:
            if case_no in seen:
                row.warnings.append(f"案件编号 {case_no} 与{seen[case_no]}重复，本行给新编号。")
                row.values["case_no"] = ""
            seen.setdefault(case_no, f"{sheet} 第 {row_no} 行")
        out.append(row)
    return out


def _register_row(sheet: str, row_no: int, raw: dict[str, Any], ctx: Context, year: int | None,
                  previous: datetime | None) -> ImportRow:
    check = Checker()
    extra = list(raw.pop("_extra", []))
    values = {key: clean_cell(check, BY_KEY[key], value, ctx, year) for key, value in raw.items()}
    row = ImportRow(sheet, row_no, values, history=ctx.history or bool(values.pop("history_import", False)))
    for key in check.problems:
        if raw.get(key) not in (None, ""):  # the text as written stays with the case
            extra.append((BY_KEY[key].header, raw[key]))
    case_no = (values.get("case_no") or "").upper()
    values["case_no"] = "" if case_no.isdigit() else case_no  # a 序号 is not a case number
    row.already = values["case_no"] in ctx.existing
    extra += _resolve_names(check, row, ctx)
    _fill_missing(check, row, ctx, previous)
    values["channel"] = values.get("channel") or ("walk_in" if not ctx.history else "")
    values["mood"] = values.get("mood") or "calm"
    values["severity"] = values.get("severity") or "ordinary"
    values["group_size"] = values.get("group_size") or 1
    values["approval_state"] = values.get("approval_state") or "not_needed"
    values["stage"] = _stage(values)
    values["import_notes"] = "\n".join(f"{header}：{_text(value)}" for header, value in extra)
    row.warnings += list(check.problems.values())
    return row


def _fill_missing(check: Checker, row: ImportRow, ctx: Context, previous: datetime | None) -> None:
    """What the schema needs, said as a warning: the date of the row above, 其他 as category."""
    values = row.values
    if values.get("received_at") is None:
        values["received_at"] = previous or ctx.now.replace(second=0, microsecond=0)
        where = "上一行的日期" if previous else "导入时间"
        check.problems.setdefault("received_at", f"受理时间未填，按{where}记。")
    if not values.get("category_id") and not values.get("new_category"):
        values["category_id"] = ctx.categories.get("其他") or next(iter(ctx.categories.values()), None)
        check.problems.setdefault("category", "投诉类别未填，记为“其他”。")
    for key in ("customer_name", "description", "chain_step"):
        if not values.get(key):
            values[key] = ""
            check.problems.setdefault(key, f"{BY_KEY[key].header}未填，留空。")
    if not values.get("phone") and not values.get("wechat"):
        values["phone"] = ""
        check.problems.setdefault("phone", "没有联系电话，也没有微信号。")


def _stage(values: dict[str, Any]) -> str:
    stage = values.get("stage")
    if stage == OPEN_STAGE:  # 处理中: the furthest open stage the row's facts support, at least 受理
        for target, facts in OPEN_FACTS:
            if any(values.get(f) for f in facts):
                return target
        return "registered"
    return stage or ("closed" if values.get("closed_at") else "registered")


def _resolve_names(check: Checker, row: ImportRow, ctx: Context) -> list[tuple[str, str]]:
    """Names in the sheet → ids; unknown users and names become warnings (a person who is not a
    user is kept in the case's import note); a category or department the mapping says to
    create is noted, and made by the import."""
    values = row.values
    kept = []
    for key in ("receiver", "assessed_by", "approved_by"):
        name = values.pop(key, "") or ""
        values[f"{key}_id"] = ctx.users.get(name)
        if name and values[f"{key}_id"] is None:
            who = "导入人" if key == "receiver" else "空"
            row.warnings.append(f"{BY_KEY[key].header}“{name}”不是本系统用户，记为{who}。")
            kept.append((BY_KEY[key].header, name))
    for key, names in (("category", ctx.categories), ("department", ctx.departments)):
        name = values.pop(key, "") or ""
        name = ctx.values.get(key, {}).get(name, name)
        values[f"{key}_id"] = names.get(name)
        if name.startswith(NEW_PREFIX):
            values[f"new_{key}"] = name[len(NEW_PREFIX):]
        elif name and values[f"{key}_id"] is None:
            check.fail(key, f"{BY_KEY[key].header}“{name[:20]}”不在设置的列表中，留空。")
    staff = values.get("responsible_staff") or ""
    if staff and (staff, values["department_id"]) not in ctx.staff:
        row.warnings.append(f"责任人“{staff}”不在员工名单中，导入时将新建。")
    reasons = values.get("severity_reasons") or ""
    values["severity_reasons"] = [r for r in reasons.split("；") if r] if reasons else []
    return kept
