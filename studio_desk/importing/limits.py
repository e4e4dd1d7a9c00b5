"""What an import may read, checked before the reading library is given the file.

A spreadsheet is a zip or a compound file whose few kilobytes can stand for gigabytes (18.5
million empty rows in a 1.2 MB xlsx); the reading library would build all of it in memory.
So the sizes the archive declares, the bytes it really inflates to and the rows and columns a
sheet's XML names are checked first, by streaming, and reading stops at the first cap passed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from studio_desk.errors import DomainError

MAX_FILE_BYTES = 200 * 1024 * 1024  # the file on disk
MAX_INFLATED_BYTES = 1024 * 1024 * 1024  # every member of an xlsx/ods, inflated
MAX_ROWS = 200_000  # rows of one sheet (a register of 100,000 cases and its notes fit)
MAX_COLUMNS = 256
MAX_CELLS = 12_000_000  # rows × columns of the whole file, as the reader lays them out
CHUNK = 1024 * 1024

# A row's r="12" and a cell's r="AB12" (any element prefix, any attribute order): one pattern,
# so that a 100,000-row sheet is checked in a fraction of the time the reader takes.
_REF = re.compile(rb' r="([A-Z]*)([0-9]+)"')


def too_big(path: Path, what: str) -> DomainError:
    return DomainError(
        f"“{path.name}”{what}，超出导入上限（每个工作表最多 {MAX_ROWS:,} 行、{MAX_COLUMNS} 列），"
        "没有导入任何数据。请把登记表拆成几个文件，或删去表格下方的空行后再导入。",
        "path",
    )


def check_file_size(path: Path) -> None:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DomainError(
            f"“{path.name}”有 {path.stat().st_size / 1024 / 1024:,.0f} MB，超出导入上限 "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB。",
            "path",
        )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_zip(path: Path) -> None:
    """Every member inflates to at most what it declares and all together to at most
    MAX_INFLATED_BYTES; the worksheets name no row or column beyond the caps, and the area from
    A1 to their last cell (what the reader lays out) stays within MAX_CELLS for the workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
                raise too_big(path, "解压后超过 1 GB")
            inflated = cells = 0
            for member in members:
                sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
                with archive.open(member) as stream:
                    size, last_row, last_column = _scan_member(path, stream, sheet)
                inflated += size
                cells += last_row * last_column
                if inflated > MAX_INFLATED_BYTES:
                    raise too_big(path, "解压后超过 1 GB")
                if cells > MAX_CELLS:
                    raise too_big(path, f"共有 {cells:,} 个单元格")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise DomainError(f"“{path.name}”已损坏，无法读取：{exc}", "path") from None


def _scan_member(path: Path, stream, sheet: bool) -> tuple[int, int, int]:
    """Bytes of one member, read in chunks, and for a worksheet its last row and column; its
    row and cell references are checked as they stream past (the tail of each chunk is kept so
    a reference cut in two is seen)."""
    total, tail, last_row, last_column = 0, b"", 0, 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > MAX_INFLATED_BYTES:
            raise too_big(path, "解压后超过 1 GB")
        if not sheet:
            continue
        text = tail + chunk
        refs = _REF.findall(text)
        if refs:
            last_row = max(last_row, max(int(row) for _letters, row in refs))
            last_column = max(last_column, *(_column_number(letters) for letters in {c for c, _r in refs}))
        if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
            raise too_big(path, f"的工作表超过 {MAX_ROWS:,} 行或 {MAX_COLUMNS} 列")
        tail = text[-200:]
    return total, last_row, last_column


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods(path: Path) -> None:
    """An .ods sheet repeats a row or a cell by a count in an attribute; one row with a value,
    repeated a million times over 16,384 columns, is billions of cells to the reader. The cells
    that hold a value (as repeated) and the rows they are on are counted first, streaming."""
    cells = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            for _event, element in ElementTree.iterparse(stream):
                if element.tag == f"{_TABLE}table-row":
                    repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                    valued = sum(
                        int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                        for cell in element
                        if cell.get(f"{_OFFICE}value-type")
                    )
                    if valued:
                        cells += valued * repeat
                        if cells > MAX_CELLS or repeat > MAX_ROWS:
                            raise too_big(path, f"共有 {cells:,} 个单元格")
                    element.clear()
    except (KeyError, ElementTree.ParseError, ValueError) as exc:
        raise DomainError(f"“{path.name}”已损坏，无法读取：{exc}", "path") from None


def check_xls(path: Path) -> None:
    """An .xls's cells from A1 to each sheet's last cell, against the cell cap."""
    from studio_desk.importing.xls_limits import sheet_areas

    cells = sum(sheet_areas(path.read_bytes()))
    if cells > MAX_CELLS:
        raise too_big(path, f"共有 {cells:,} 个单元格")


def check_table(path: Path, name: str, height: int, width: int, cells_so_far: int) -> int:
    """A sheet as the reader sized it (an ods or xls sheet is sized here, after loading)."""
    if height > MAX_ROWS or width > MAX_COLUMNS:
        raise too_big(path, f"的工作表“{name}”有 {height:,} 行、{width:,} 列")
    cells = cells_so_far + height * width
    if cells > MAX_CELLS:
        raise too_big(path, f"共有 {cells:,} 个单元格")
    return cells
