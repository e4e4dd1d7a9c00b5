"""Figures of the documents: the Excel register, a PDF case sheet, a meeting pack; and start-up."""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate

from studio_desk import clock
from studio_desk.db import close_database, open_database
from studio_desk.exports.case_sheet import case_flowables, write_case_sheet
from studio_desk.exports.fonts import register_pdf_font
from studio_desk.exports.meeting import _cover, meeting_cases, write_meeting_pack
from studio_desk.exports.pdf_layout import make_styles
from studio_desk.exports.register_values import Lookups
from studio_desk.models import User
from tests.bench.dbs import ROOT, scratch_copy
from tests.bench.fig_core import NOW
from tests.bench.timing import Figure, interleaved_medians, median_seconds


def excel(fig: Figure, size: int, db: Path, tmp: Path, runs: int) -> float:
    """export_register of every case vs openpyxl write-only writing the same values; returns peak MB."""
    out = tmp / "register.xlsx"
    samples, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "tests.bench.excel_probe", str(db), str(out)], cwd=ROOT,
                                check=True, capture_output=True, text=True)
        samples.append(time.perf_counter() - started)
        peaks.append(float(result.stdout.strip().splitlines()[-1]))
    startup = median_seconds(lambda: subprocess.run([sys.executable, "-c", "import studio_desk.exports.register_xlsx"],
                                                    cwd=ROOT, check=True), 3)
    fig.ours[size] = statistics.median(samples) - startup  # the export itself, not the interpreter starting
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
              for ws in load_workbook(out, read_only=True).worksheets}

    def floor() -> None:
        wb = Workbook(write_only=True)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(tmp / "floor.xlsx")

    fig.floor[size] = median_seconds(floor, runs, warmup=0)
    return max(peaks)


def _sheet_case(db: Path) -> int:
    """A closed case with a full history (approval and follow-up) for the case-sheet figure."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT c.id FROM complaint c WHERE c.stage = 'closed' AND c.approval_state = 'approved' "
                            "AND EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id) ORDER BY c.id LIMIT 1"
                            ).fetchone()[0]


def case_sheet(fig: Figure, size: int, db: Path, tmp: Path, runs: int) -> None:
    """On a copy: each sheet written adds an export event to the case's timeline, which would
    make the cached database's sheet longer with every run."""
    db = scratch_copy(db, tmp)
    open_database(db)
    try:
        register_pdf_font()
        manager = User.get(User.username == "manager")
        case_id = _sheet_case(db)
        with clock.frozen(NOW):
            fig.ours[size] = median_seconds(lambda: write_case_sheet(manager, case_id, tmp / "sheet.pdf"), runs)
            from studio_desk.services.common import load_case

            case = load_case(case_id)
            s = make_styles()
            stories: list = []
            template = SimpleDocTemplate(str(tmp / "floor.pdf"), pagesize=A4)
            fig.floor[size] = median_seconds(
                lambda: template.build(stories.pop()), runs,
                setup=lambda: stories.append(case_flowables(case, manager, s, template.width)))
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
            fig.ours[size] = median_seconds(lambda: write_meeting_pack(manager, tmp / "pack.pdf", day=day), runs)
            cases = meeting_cases(day=day)
            look, s = Lookups.load(), make_styles()
            template = SimpleDocTemplate(str(tmp / "floor.pdf"), pagesize=A4)
            stories: list = []

            def story() -> None:
                flowables = _cover("每日工作小结", cases, look, s, template.width, NOW)
                for case in cases:
                    flowables += [PageBreak(), *case_flowables(case, manager, s, template.width, look)]
                stories.append(flowables)

            fig.floor[size] = median_seconds(lambda: template.build(stories.pop()), runs, setup=story)
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
