"""Opening a register file, whatever a studio saved it as: .xlsx/.xlsm, .xls (Excel 97–2003,
also what WPS saves), .ods (python-calamine reads all three) and .csv in UTF-8 or GBK.

The kind is told from the file's first bytes, not only its name, so a register saved without an
extension still opens, and a PDF or a picture named .xlsx is refused in one Chinese sentence.
Every sheet comes back as plain rows; a formula cell gives the value Excel last showed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from studio_desk.errors import DomainError
from studio_desk.importing import limits

SUPPORTED = "Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）或 CSV（UTF-8 或 GBK）"
_OTHER_KINDS = {
    b"%PDF": "PDF 文件",
    b"\x89PNG": "图片",
    b"\xff\xd8\xff": "图片",
    b"GIF8": "图片",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf": "7z 压缩包",
    b"{\\rtf": "RTF 文档",
}
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 reads GBK and GB2312 files too


@dataclass
class Table:
    """One sheet: its name and its rows as read (None for an empty cell); rows are 1-based in
    the sheet as ``rows[n - 1]``."""

    name: str
    rows: list[list[Any]]


def read_tables(path: str | Path) -> list[Table]:
    path = Path(path)
    if not path.exists():
        raise DomainError(f"找不到文件“{path}”。", "path")
    if not path.is_file():
        raise DomainError(f"“{path}”是文件夹，请选择登记表文件。", "path")
    limits.check_file_size(path)
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"PK\x03\x04"):
        limits.check_zip(path)
        if _is_ods(path):
            limits.check_ods(path)
        return _calamine(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # a compound file: Excel 97–2003 (.xls)
        limits.check_xls(path)
        return _calamine(path)
    for magic, kind in _OTHER_KINDS.items():
        if head.startswith(magic):
            raise DomainError(f"“{path.name}”是{kind}，不是登记表。请选择 {SUPPORTED} 文件。", "path")
    return [_csv(path)]


def _is_ods(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return "content.xml" in archive.namelist() and "xl/workbook.xml" not in archive.namelist()


def _calamine(path: Path) -> list[Table]:
    tables, cells = [], 0
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            for name in workbook.sheet_names:
                sheet = workbook.get_sheet_by_name(name)
                cells = limits.check_table(path, name, sheet.height, sheet.width, cells)
                rows = sheet.to_python(skip_empty_area=False)
                tables.append(Table(name, [[None if v == "" else v for v in row] for row in rows]))
        finally:
            workbook.close()
    except CalamineError as exc:
        raise DomainError(f"“{path.name}”无法读取（文件已损坏或有密码）：{str(exc)[:120]}", "path") from None
    return tables


def _csv(path: Path) -> Table:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DomainError(f"“{path.name}”不是登记表（无法识别的文件）。请选择 {SUPPORTED} 文件。", "path")
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DomainError(f"“{path.name}”不是 UTF-8 或 GBK 编码的 CSV 文件，无法读取。", "path")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(rows) >= limits.MAX_ROWS or len(row) > limits.MAX_COLUMNS:
            raise limits.too_big(path, "的行数或列数")
        rows.append([cell.strip() or None for cell in row])
    return Table(path.stem, rows)
