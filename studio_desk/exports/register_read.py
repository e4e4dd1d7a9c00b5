"""Reading a register file for import (导入登记表): every sheet with a recognisable header (a
workbook may keep one sheet per month), which column is which field (also under an older
register's header names), and every row as raw cell values with its sheet and row number.
Checking the rows is :mod:`register_check`'s job.

What is not a complaint is skipped with a note saying why, never counted as a case: the title
and 填表人 lines above the header, blank rows, 合计/小计 rows, a repeated header, and notes
under the table. Text in columns no field takes (备注 …) is kept with its row.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio_desk.errors import DomainError
from studio_desk.exports.register_columns import (
    COMPENSATION_COLUMNS,
    COMPENSATION_SHEET,
    FOLLOW_UP_COLUMNS,
    FOLLOW_UP_SHEET,
    PENALTY_COLUMNS,
    PENALTY_SHEET,
    REGISTER_COLUMNS,
    REGISTER_SHEET,
    Column,
)
from studio_desk.importing.source import Table, read_tables

HEADER_SCAN_ROWS = 20
MIN_HEADER_MATCHES = 3
TOTAL_WORDS = ("合计", "小计", "总计", "共计", "总数")
CHILD_SHEETS = {FOLLOW_UP_SHEET: ("follow_ups", FOLLOW_UP_COLUMNS),
                COMPENSATION_SHEET: ("compensation", COMPENSATION_COLUMNS),
                PENALTY_SHEET: ("penalties", PENALTY_COLUMNS)}
# Our own export is told by its sheet and exact headers; anything else is a studio's old register.
OWN_HEADERS = ("案件编号", "受理时间", "处理阶段", "问题环节")
ROW_NUMBER_HEADERS = {"序号", "行号", "no", "no.", "编号"}  # the sheet's own row count, not kept


def normalise_header(text: object) -> str:
    """Header text compared loosely: no spaces, ASCII brackets, lower case, no 必填 marks."""
    value = str(text or "").strip().lower()
    value = value.replace("（", "(").replace("）", ")").replace("：", "").replace(":", "").replace("*", "")
    return re.sub(r"\s+", "", value)


@functools.cache  # asked for every header of every scanned row
def _names(column: Column) -> list[str]:
    return [normalise_header(n) for n in (column.header, *column.aliases)]


def suggest_mapping(headers: list[str], columns: tuple[Column, ...] = REGISTER_COLUMNS,
                    chosen: dict[str, str] | None = None) -> dict[int, str]:
    """column index → field key: the header's chosen field (normalised header → key, '' for
    "not imported") first, then the names a field is known by, exact before a header that
    starts with one (e.g. "顾客姓名（必填）"); each field from one column only."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    normalised = [normalise_header(h) for h in headers]
    keys = {c.key for c in columns}
    for index, header in enumerate(normalised):
        if chosen and header in chosen:
            key = chosen[header]
            mapping[index] = key if key in keys and key not in taken else ""
            taken.add(key)
    for exact in (True, False):
        for index, header in enumerate(normalised):
            if index in mapping or not header:
                continue
            for column in columns:
                if column.key in taken:
                    continue
                names = _names(column)
                if header in names if exact else any(header.startswith(n) for n in names if len(n) >= 2):
                    mapping[index] = column.key
                    taken.add(column.key)
                    break
    return {i: k for i, k in mapping.items() if k}


@dataclass
class RegisterSheet:
    """One sheet as read: where its header is, the headers and mapping, the raw rows
    ((row number, key → value), with ``_extra`` holding the unmapped columns' text) and
    the rows skipped ((row number, why))."""

    name: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    mapping: dict[int, str]
    title: str  # the text above the header (a year for "3月8日" is looked for there)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class RegisterFile:
    path: Path
    sheets: list[RegisterSheet]  # the register's sheets, in workbook order
    children: dict[str, RegisterSheet]  # follow_ups / compensation / penalties of our own export
    own_export: bool


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _scan_header(rows: list[list[Any]], columns: tuple[Column, ...],
                 chosen: dict[str, str] | None) -> tuple[int, list[str]] | None:
    best: tuple[int, int, list[str]] | None = None
    for number, row in enumerate(rows[:HEADER_SCAN_ROWS], start=1):
        headers = [_text(v) for v in row]
        score = len(suggest_mapping(headers, columns, chosen))
        if score >= MIN_HEADER_MATCHES and (best is None or score > best[0]):
            best = (score, number, headers)
    return (best[1], best[2]) if best else None


def _read_sheet(table: Table, columns: tuple[Column, ...], chosen: dict[str, str] | None) -> RegisterSheet | None:
    found = _scan_header(table.rows, columns, chosen)
    if found is None:
        return None
    header_row, headers = found
    mapping = suggest_mapping(headers, columns, chosen)
    above = [" ".join(_text(v) for v in row if _text(v)) for row in table.rows[:header_row - 1]]
    sheet = RegisterSheet(table.name, header_row, headers, mapping, " ".join(a for a in above if a))
    for number, text in enumerate(above, start=1):
        if text:
            sheet.skipped.append((number, f"表头上方的标题或说明行（“{text[:20]}”），不是投诉"))
    extra_columns = [(i, h) for i, h in enumerate(headers)
                     if h and i not in mapping and normalise_header(h) not in ROW_NUMBER_HEADERS]
    header_set = {h for h in headers if h}  # a header repeated further down is repeated as written
    blanks: list[int] = []
    for number, row in enumerate(table.rows[header_row:], start=header_row + 1):
        texts = [_text(v) for v in row]
        if not any(texts):
            blanks.append(number)
            continue
        reason = _not_a_case(texts, row, mapping, header_set)
        if reason:
            sheet.skipped.append((number, reason))
            continue
        values = {key: row[i] for i, key in mapping.items() if i < len(row)}
        values["_extra"] = [(h, row[i]) for i, h in extra_columns if i < len(row) and _text(row[i])]
        sheet.rows.append((number, values))
    last = sheet.rows[-1][0] if sheet.rows else 0
    sheet.skipped += [(n, "空行") for n in blanks if n < last]
    sheet.skipped.sort()
    return sheet


def _not_a_case(texts: list[str], row: list[Any], mapping: dict[int, str], header_set: set[str]) -> str:
    if any(t.replace(" ", "").startswith(TOTAL_WORDS) for t in texts):
        return "合计/小计行，不是投诉"
    if sum(t in header_set for t in texts) >= MIN_HEADER_MATCHES:
        return "重复的表头行"
    keys = {mapping[i] for i, t in enumerate(texts) if t and i in mapping}
    essential = {"customer_name", "description"} & set(mapping.values()) or set(mapping.values())
    if keys & essential:
        return ""
    shown = next(t for t in texts if t)
    return f"没有顾客也没有投诉内容（“{shown[:20]}”），不是投诉"


def read_file(path: str | Path, chosen: dict[str, str] | None = None) -> RegisterFile:
    """Every register sheet of ``path`` (our export's 投诉登记表, or each sheet of an old register
    with a recognisable header) and our export's 回访记录表, 补偿明细 and 员工处罚 sheets.
    ``chosen`` (normalised header → field key, '' to leave a column out) overrides the
    suggested column mapping."""
    path = Path(path)
    tables = read_tables(path)
    by_name = {t.name: t for t in tables}
    own = REGISTER_SHEET in by_name
    registers = [t for t in tables if t.name == REGISTER_SHEET] if own else \
        [t for t in tables if t.name not in CHILD_SHEETS]
    sheets = [s for s in (_read_sheet(t, REGISTER_COLUMNS, chosen) for t in registers) if s is not None]
    if not sheets:
        raise DomainError(f"在“{path.name}”中找不到登记表的表头"
                          "（如 投诉日期、顾客姓名、联系电话、投诉内容）。", "path")
    children = {}
    for name, (key, columns) in CHILD_SHEETS.items():
        if name in by_name:
            child = _read_sheet(by_name[name], columns, None)
            if child is not None:
                children[key] = child
    own = own and all(h in sheets[0].headers for h in OWN_HEADERS)
    return RegisterFile(path, sheets, children, own)
