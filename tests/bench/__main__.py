"""``python -m tests.bench``: StudioDesk at 1,000, 10,000 and 100,000 complaints, each figure
measured (median of several runs) beside its floor — the same work done by the bare library
in the same run. Prints one table with the ratio, pass/fail and how each figure grows."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench import fig_core, fig_docs  # noqa: E402
from tests.bench.dbs import CACHE, demo_db  # noqa: E402
from tests.bench.timing import Figure, render  # noqa: E402

FIGURES = {
    "startup": ("start-up to the board painted", "bare QMainWindow shown", 3, None),
    "register": ("register a complaint", "raw sqlite3 INSERT transaction", 10, 0.030),
    "search": ("search by phone + case no. + text", "equivalent raw SQL", 2, None),
    "stats": ("statistics for one year", "raw sqlite3, same aggregates", 1.5, None),
    "excel": ("Excel register, all cases", "XlsxWriter constant_memory, same cells", 1.2, None),
    # the choice of the register's library: its floor against the other's, the same cells
    "excel_library": ("Excel library: XlsxWriter constant_memory", "openpyxl write-only, same cells", 1.0, None),
    "case_sheet": ("PDF case sheet", "reportlab building the same flowables", 1.3, None),
    "meeting": ("PDF meeting pack", "reportlab building the same flowables", 1.3, None),
    "board": ("board model load", "raw SQL, the same queries", 3, None),
    "stall": ("longest GUI-thread stall, scripted session, write lock held 5 s at random", "", None, 0.100),
}
# Figures whose work does not depend on the database size are measured on the largest one only.
LARGEST_ONLY = {"startup", "meeting", "case_sheet", "stall"}
MAX_PEAK_MB = 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="database sizes (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median); Excel uses 3 at most")
    parser.add_argument("--only", default=",".join(FIGURES), help="figures to run (comma-separated)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    wanted = [name for name in args.only.split(",") if name]
    figures: dict[str, Figure] = {}
    peak_mb = 0.0
    if "excel" in wanted and "excel_library" not in wanted:
        wanted.append("excel_library")  # measured with the Excel figure
    for name in wanted:
        title, floor_name, target, limit = FIGURES[name]
        figures[name] = Figure(title, floor_name, target, absolute_limit=limit)
    for size in sizes:
        db = demo_db(size)
        for name, fig in figures.items():
            if name in LARGEST_ONLY and size != sizes[-1]:
                continue
            print(f"  {name} @ {size:,}…", file=sys.stderr, flush=True)
            with tempfile.TemporaryDirectory() as tmp:
                tmp_path = Path(tmp)
                if name == "register":
                    fig_core.register(fig, size, db, tmp_path, args.runs * 3)
                elif name == "search":
                    fig_core.search(fig, size, db, args.runs)
                elif name == "stats":
                    fig_core.year_stats(fig, size, db, args.runs)
                elif name == "board":
                    fig_core.board_load(fig, size, db, args.runs)
                elif name == "excel":
                    peak_mb = max(peak_mb, fig_docs.excel(fig, figures["excel_library"], size, db, tmp_path,
                                                          min(args.runs, 3)))
                    fig.note = f"peak {peak_mb:.0f} MB"
                elif name == "excel_library":
                    continue  # measured with the Excel figure
                elif name == "case_sheet":
                    fig_docs.case_sheet(fig, size, db, tmp_path, args.runs)
                elif name == "meeting":
                    fig_docs.meeting(fig, size, db, tmp_path, args.runs)
                elif name == "startup":
                    fig_docs.startup(fig, size, db, args.runs)
                elif name == "stall":
                    fig_docs.stall(fig, size, db, tmp_path, args.runs)
    table = render(list(figures.values()), sizes)
    header = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(header)
    print(table)
    CACHE.mkdir(exist_ok=True)
    (CACHE / "last-run.md").write_text(header + "\n\n" + table + "\n", encoding="utf-8")
    failed = [f.name for f in figures.values() if not f.passed(max(f.ours))]
    if "excel" in figures and peak_mb > MAX_PEAK_MB:
        failed.append(f"Excel peak memory {peak_mb:.0f} MB > {MAX_PEAK_MB} MB")
    if failed:
        print("missed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
