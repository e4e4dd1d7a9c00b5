"""The benchmark (``python -m tests.bench``) still runs end to end: every figure on a small demo
database, so a change to the code it measures cannot silently break it. Its ratios at this size
mean nothing and are not checked; the real run is on 100,000 cases (README, Performance)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_figure_runs_on_a_small_database(tmp_path):
    env = {**os.environ, "STUDIODESK_BENCH_CACHE": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "tests.bench", "--sizes", "200", "--runs", "1"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr[-3000:]  # 1: a target missed, which is no error here
    table = (tmp_path / "last-run.md").read_text(encoding="utf-8")
    for title in ("start-up", "register a complaint", "search", "statistics", "Excel register", "PDF case sheet",
                  "PDF meeting pack", "board model load", "longest GUI-thread stall"):
        assert title in table
    assert "nan" not in table.lower()


def test_the_import_figure_runs_on_a_small_register():
    result = subprocess.run([sys.executable, "-m", "tests.bench.fig_import", "--rows", "300"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "old register of 300 rows: read and preview (s)" in result.stdout
