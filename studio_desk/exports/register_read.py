"""Reading a register workbook for import (导入登记表): find the sheet and its header row,
suggest which column is which field (also under an older spreadsheet's header names), and
read every row as raw cell values. Checking the rows is :mod:`register_check`'s job.

Tolerant by design: formulas give their last computed value, columns may come in any order,
unknown columns are ignored, and the file is read in streaming mode so 100,000 rows fit.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

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

HEADER_SCAN_ROWS = 10
MIN_HEADER_MATCHES = 3


def normalise_header(text: object) -> str:
    """Header text compared loosely: no spaces, ASCII brackets, lower case."""
    value = str(text or "").strip().lower()
    value = value.replace("（", "(").replace("）", ")").replace("：", "").replace(":", "")
    return re.sub(r"\s+", "", value)


def _names(column: Column) -> list[str]:
    return [normalise_header(n) for n in (column.header, *column.aliases)]


def suggest_mapping(headers: list[str], columns: tuple[Column, ...] = REGISTER_COLUMNS) -> dict[int, str]:
    """column index → field key for the headers a field is known by; each field once, the
    exact names first, then a header that starts with a known name (e.g. "顾客姓名（必填）")."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    normalised = [normalise_header(h) for h in headers]
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
    return mapping


@dataclass
class SheetData:
    """One sheet as read: where its header is, the headers, the mapping and the raw rows."""

    name: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    mapping: dict[int, str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, key → value)


def _open(path: Path):
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DomainError(f"找不到文件“{path}”。", "path") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DomainError(f"“{path.name}”不是可读取的 Excel 文件（.xlsx）：{exc}", "path") from None


def _scan_header(rows: list[tuple], columns: tuple[Column, ...]) -> tuple[int, list[str]] | None:
    best: tuple[int, int, list[str]] | None = None
    for number, row in enumerate(rows, start=1):
        headers = ["" if v is None else str(v).strip() for v in row]
        score = len(suggest_mapping(headers, columns))
        if score >= MIN_HEADER_MATCHES and (best is None or score > best[0]):
            best = (score, number, headers)
    return (best[1], best[2]) if best else None


def _read_sheet(ws, columns: tuple[Column, ...], mapping: dict[int, str] | None) -> SheetData | None:
    rows: Iterator[tuple] = ws.iter_rows(values_only=True)
    top = [row for _, row in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
    found = _scan_header(top, columns)
    if found is None:
        return None
    header_row, headers = found
    chosen = suggest_mapping(headers, columns) if mapping is None else {i: k for i, k in mapping.items() if k}
    data = SheetData(ws.title, header_row, headers, chosen)

    def take(number: int, row: tuple) -> None:
        values = {key: row[i] for i, key in chosen.items() if i < len(row)}
        if any(v is not None and str(v).strip() != "" for v in values.values()):
            data.rows.append((number, values))

    for number, row in enumerate(top[header_row:], start=header_row + 1):
        take(number, row)
    for number, row in enumerate(rows, start=len(top) + 1):
        take(number, row)
    return data


def read_sheets(path: str | Path, mapping: dict[int, str] | None = None) -> dict[str, SheetData]:
    """The register sheet (named 投诉登记表, else the first sheet with a recognisable header) and,
    if present, the 回访记录表, 补偿明细 and 员工处罚 sheets of an exported workbook."""
    path = Path(path)
    wb = _open(path)
    try:
        names = wb.sheetnames
        order = [REGISTER_SHEET] + [n for n in names if n != REGISTER_SHEET] if REGISTER_SHEET in names else names
        register = None
        for name in order:
            register = _read_sheet(wb[name], REGISTER_COLUMNS, mapping)
            if register is not None:
                break
        if register is None:
            raise DomainError(f"在“{path.name}”中找不到登记表的表头"
                              "（如 案件编号、受理时间、顾客姓名、投诉内容）。", "path")
        sheets = {"register": register}
        for key, sheet, columns in (("follow_ups", FOLLOW_UP_SHEET, FOLLOW_UP_COLUMNS),
                                    ("compensation", COMPENSATION_SHEET, COMPENSATION_COLUMNS),
                                    ("penalties", PENALTY_SHEET, PENALTY_COLUMNS)):
            if sheet in names and sheet != register.name:
                data = _read_sheet(wb[sheet], columns, None)
                if data is not None:
                    sheets[key] = data
        return sheets
    finally:
        wb.close()
