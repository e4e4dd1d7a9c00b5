"""``python -m tests.bench.fig_import [--rows N]``: reading, previewing and importing an old
register of N rows (the register of issue 13 repeated, a sheet per month) into a new studio.
Prints the seconds of each step, how long the write lock is held (what the other desk waits) and
the peak memory; no service call is made per row."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from studio_desk import clock
from studio_desk.db import close_database
from studio_desk.exports.register_import import import_register, read_register
from studio_desk.opening import open_database
from studio_desk.progress import Progress
from tests.bench.excel_probe import peak_mb
from tests.conftest import _setup_studio
from tests.core.importkit import HEADERS, ROWS

NOW = datetime(2026, 11, 23, 10, 0)


def old_register(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    start = datetime(2025, 1, 1, 9, 0)
    per_month = max(1, rows // 12)
    for month in range(12):
        ws = wb.create_sheet(f"{month + 1}月")
        ws.append([f"花嫁摄影 2025年{month + 1}月 顾客投诉登记表"])
        ws.append(HEADERS)
        for n in range(per_month if month < 11 else rows - per_month * 11):
            row = list(ROWS[n % len(ROWS)])
            row[0] = start + timedelta(days=30 * month, minutes=n)
            row[1] = f"{row[1]}{n}"
            row[2] = f"13{month:02d}{n:07d}"
            ws.append([n + 1, *row])
        ws.append(["合计"])
    wb.save(path)
    return path


def measure(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = old_register(Path(tmp) / "old.xlsx", rows)
        open_database(Path(tmp) / "studio.sqlite3")
        people = _setup_studio()
        with clock.frozen(NOW):
            start = time.perf_counter()
            preview = read_register(path)
            read = time.perf_counter() - start
            locked: list[float] = []

            def report(_done: int, _total: int, message: str) -> None:
                if message.startswith("正在写入") and not locked:
                    locked.append(time.perf_counter())  # reported just before the write transaction begins

            start = time.perf_counter()
            result = import_register(people["manager"], preview, progress=Progress(report=report))
            write = time.perf_counter() - start
            lock = time.perf_counter() - locked[0]
        close_database()
    assert result.imported == rows, result
    peak = peak_mb()
    return {
        "read and preview (s)": read,
        "import (s)": write,
        "of which the write lock (s)": lock,
        "total (s)": read + write,
        "peak (MB)": peak,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.fig_import", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    figures = measure(args.rows)
    print(f"old register of {args.rows:,} rows: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
