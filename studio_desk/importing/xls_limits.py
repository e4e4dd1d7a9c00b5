"""The cells an Excel 97–2003 (.xls) file names, counted before the reader lays them out.

An .xls is a compound file (a small FAT file system) whose "Workbook" stream holds BIFF
records; one cell record at row 65,536 and column 256 makes the reader lay out 16.7 million
cells (1 GB) for a 6 KB file. So the stream is followed through the file's sector table and
the row and column of every cell record are read — a few milliseconds for a register. A file
that cannot be followed is left to the reader, which says it is damaged.
"""

from __future__ import annotations

import struct

ENDOFCHAIN = 0xFFFFFFFE
# BIFF cell records: row and column are the first two 16-bit fields of each.
CELLS = {0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6}
MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
BOF, EOF = 0x0809, 0x000A


def sheet_areas(data: bytes) -> list[int]:
    """Rows × columns from A1 to the last cell of each sheet, or [] when the file is not one
    this simple reading can follow (the reader then decides)."""
    try:
        return _areas(_workbook_stream(data))
    except (struct.error, IndexError, KeyError, ValueError):
        return []


def _areas(stream: bytes) -> list[int]:
    areas, last_row, last_column, depth, offset = [], 0, 0, 0, 0
    while offset + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, offset)
        body = offset + 4
        if kind == BOF:
            depth += 1
            last_row = last_column = 0
        elif kind == EOF:
            depth -= 1
            if last_row or last_column:
                areas.append(last_row * last_column)
            last_row = last_column = 0
        elif kind in CELLS and size >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        elif kind in MULTI and size >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            column = struct.unpack_from("<H", stream, body + size - 2)[0]
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        offset = body + size
    return areas


def _workbook_stream(data: bytes) -> bytes:
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
    sector, mini_sector = 1 << sector_shift, 1 << mini_shift
    fat_count, directory_start = struct.unpack_from("<II", data, 44)
    mini_cutoff, mini_fat_start = struct.unpack_from("<II", data, 56)
    difat_start, difat_count = struct.unpack_from("<II", data, 68)

    def at(n: int) -> int:
        return (n + 1) * sector

    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    next_difat = difat_start
    for _ in range(min(difat_count, len(data) // sector)):  # a crafted count cannot loop for ever
        entries = struct.unpack_from(f"<{sector // 4}I", data, at(next_difat))
        fat_sectors += entries[:-1]
        next_difat = entries[-1]
    fat: list[int] = []
    for n in fat_sectors[:fat_count]:
        fat += struct.unpack_from(f"<{sector // 4}I", data, at(n))

    def chain(start: int) -> list[int]:
        out, seen = [], set()
        while start != ENDOFCHAIN:
            if start in seen or start >= len(fat):
                raise ValueError("broken chain")
            seen.add(start)
            out.append(start)
            start = fat[start]
        return out

    directory = b"".join(data[at(n) : at(n) + sector] for n in chain(directory_start))
    entries = {}
    for offset in range(0, len(directory) - 127, 128):
        name_size = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset : offset + max(0, name_size - 2)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<IQ", directory, offset + 116)
        entries[name] = (start, size & 0xFFFFFFFF)
    start, size = entries.get("Workbook") or entries["Book"]
    if size > len(data):
        raise ValueError("stream larger than the file")
    if size >= mini_cutoff:
        return b"".join(data[at(n) : at(n) + sector] for n in chain(start))[:size]
    root_start = entries["Root Entry"][0]
    mini_stream = b"".join(data[at(n) : at(n) + sector] for n in chain(root_start))
    mini_fat = b"".join(data[at(n) : at(n) + sector] for n in chain(mini_fat_start))
    mini = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat)
    out, n, seen = [], start, set()
    while n != ENDOFCHAIN and len(out) * mini_sector < size:
        if n in seen:
            raise ValueError("broken chain")
        seen.add(n)
        out.append(mini_stream[n * mini_sector : (n + 1) * mini_sector])
        n = mini[n]
    return b"".join(out)[:size]
