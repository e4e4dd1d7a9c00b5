"""Figures of the documents: the Excel register, a PDF case sheet, a meeting pack; and start-up."""

from __future__ import annotations

import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook, load_workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate

from studio_desk import clock
from studio_desk.db import close_database
from studio_desk.exports import pdf_layout
from studio_desk.exports.case_sheet import case_flowables, write_case_sheet
from studio_desk.exports.fonts import register_pdf_font
from studio_desk.exports.meeting import _cover, meeting_cases, write_meeting_pack
from studio_desk.exports.pdf_layout import make_styles
from studio_desk.exports.register_values import Lookups
from studio_desk.models import User
from studio_desk.opening import open_database
from tests.bench.dbs import ROOT, scratch_copy
from tests.bench.fig_core import NOW
from tests.bench.timing import Figure, interleaved_medians


def _cpu(fn: Callable[[], object]) -> float:
    """CPU seconds ``fn`` spends, its child processes' included: on a shared machine, unlike wall
    time, they do not grow with what the other processes do."""
    before, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() - before + after.ru_utime - children.ru_utime + after.ru_stime - children.ru_stime


def excel(fig: Figure, library: Figure, size: int, db: Path, tmp: Path, runs: int) -> float:
    """export_register of every case (in a child process) vs XlsxWriter (constant_memory) writing
    the same cells; and, in ``library``, that floor vs openpyxl's write-only mode writing them (the
    choice of library). In CPU seconds, the three in turns. Returns the export's peak memory in MB."""
    out = tmp / "register.xlsx"
    peaks: list[float] = []

    def export() -> None:
        result = subprocess.run([sys.executable, "-m", "tests.bench.excel_probe", str(db), str(out)], cwd=ROOT,
                                check=True, capture_output=True, text=True)
        peaks.append(float(result.stdout.strip().splitlines()[-1]))

    export()
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
              for ws in load_workbook(out, read_only=True).worksheets}

    def xlsxwriter_floor() -> None:
        wb = xlsxwriter.Workbook(str(tmp / "floor.xlsx"), {"constant_memory": True, "strings_to_formulas": False})
        for title, rows in sheets.items():
            write = wb.add_worksheet(title).write
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None:
                        write(r, c, value)
        wb.close()

    def openpyxl_floor() -> None:
        wb = Workbook(write_only=True)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(tmp / "floor.xlsx")

    def interpreter() -> None:  # the child's start, which is not the export's
        subprocess.run([sys.executable, "-c", "import studio_desk.exports.register_xlsx"], cwd=ROOT, check=True)

    samples: tuple[list[float], ...] = ([], [], [], [])
    for _ in range(runs):
        for fn, kept in zip((export, xlsxwriter_floor, openpyxl_floor, interpreter), samples, strict=True):
            kept.append(_cpu(fn))
    ours, xlsxwriter_cpu, openpyxl_cpu, start = map(statistics.median, samples)
    fig.ours[size] = ours - start
    fig.floor[size] = library.ours[size] = xlsxwriter_cpu
    library.floor[size] = openpyxl_cpu
    return max(peaks)


def _sheet_cases(db: Path, count: int) -> list[int]:
    """Closed cases with a full history (approval and follow-up) for the case-sheet figure."""
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(
            "SELECT c.id FROM complaint c WHERE c.stage = 'closed' AND c.approval_state = 'approved' "
            "AND EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id) ORDER BY c.id LIMIT ?", (count,))]


def case_sheet(fig: Figure, size: int, db: Path, tmp: Path, runs: int) -> None:
    """On a copy: each sheet written adds an export event to the case's timeline, which would
    make the cached database's sheet longer with every run."""
    db = scratch_copy(db, tmp)
    open_database(db)
    try:
        register_pdf_font()
        manager = User.get(User.username == "manager")
        # Each run prints another case, as a desk does (printing one case again would find all its
        # paragraphs parsed); the floor builds the case ours has just printed. A sheet takes some
        # 30 ms: three times the runs, in turns.
        case_ids = _sheet_cases(db, 3 * runs + 1)
        printed: list[int] = []
        with clock.frozen(NOW):
            from studio_desk.services.common import load_case

            s = make_styles()
            stories: list = []
            template = SimpleDocTemplate(str(tmp / "floor.pdf"), pagesize=A4)

            def ours() -> None:
                printed.append(case_ids[len(printed) % len(case_ids)])
                write_case_sheet(manager, printed[-1], tmp / "sheet.pdf")

            def story() -> None:
                stories.append(case_flowables(load_case(printed[-1]), manager, s, template.width))

            fig.ours[size], fig.floor[size] = interleaved_medians(
                ours, lambda: template.build(stories.pop()), 3 * runs, setups=(None, story))
    finally:
        close_database()


def meeting_day(db: Path, wanted: int = 100) -> tuple[date, int]:
    """The day whose number of complaints is closest to ``wanted``."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT substr(received_at, 1, 10), COUNT(*) FROM complaint GROUP BY 1").fetchall()
    day, n = min(rows, key=lambda r: (abs(r[1] - wanted), r[0]))
    return date.fromisoformat(day), n


def meeting(fig: Figure, size: int, db: Path, tmp: Path, runs: int) -> None:
    day, n = meeting_day(db)
    fig.note = f"{n} cases of {day}"
    open_database(db)
    try:
        register_pdf_font()
        manager = User.get(User.username == "manager")
        with clock.frozen(NOW):
            cases = meeting_cases(day=day)
            look, s = Lookups.load(), make_styles()
            template = SimpleDocTemplate(str(tmp / "floor.pdf"), pagesize=A4)
            stories: list = []

            def story() -> None:
                flowables = _cover("每日工作小结", cases, look, s, template.width, NOW)
                for case in cases:
                    flowables += [PageBreak(), *case_flowables(case, manager, s, template.width, look)]
                stories.append(flowables)

            fig.ours[size], fig.floor[size] = interleaved_medians(
                lambda: write_meeting_pack(manager, tmp / "pack.pdf", day=day), lambda: template.build(stories.pop()),
                runs, setups=(pdf_layout.forget_parsed, story))
    finally:
        close_database()


def startup(fig: Figure, size: int, db: Path, runs: int) -> None:
    """Process start to the board painted vs process start to a bare QMainWindow painted."""
    # An installed program starts from compiled bytecode (pip compiles it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "studio_desk", "ui", "tests/bench"],
                   cwd=ROOT, check=True, capture_output=True)

    def child(*args: str):
        return lambda: subprocess.run([sys.executable, "-m", "tests.bench.startup_probe", *args], cwd=ROOT,
                                      check=True, capture_output=True, timeout=120)

    # A start takes a fraction of a second: three times the runs, in turns with the floor's.
    fig.ours[size], fig.floor[size] = interleaved_medians(child("ours", str(db)), child("floor"), 3 * runs)


def stall(fig: Figure, size: int, db: Path, tmp_path: Path, runs: int) -> None:
    """The longest gap between 10 ms ticks of the GUI thread during a scripted session (see
    stall_probe) on a fresh copy of the database, another process holding the write lock at times;
    the median of ``runs`` sessions, each with its own order of moves and edits and lock times."""
    worst: list[float] = []
    for seed in range(1, runs + 1):
        folder = tmp_path / f"stall-{seed}"
        folder.mkdir()
        copy = scratch_copy(db, folder)
        done = subprocess.run([sys.executable, "-m", "tests.bench.stall_probe", str(copy), str(seed)], cwd=ROOT,
                              check=True, capture_output=True, text=True, timeout=600)
        shutil.rmtree(folder)
        worst.append(int(done.stdout.split()[-1]) / 1000)
        gaps = [line for line in done.stderr.splitlines() if line.startswith(("gap ", "worst "))]
        print(f"stall session {seed}: " + "; ".join(gaps), file=sys.stderr)
    fig.ours[size] = statistics.median(worst)
