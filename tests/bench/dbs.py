"""Demo databases of 1,000, 10,000 and 100,000 cases, built once and cached in tests/bench/.cache
(or in the folder named by STUDIODESK_BENCH_CACHE)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("STUDIODESK_BENCH_CACHE") or Path(__file__).resolve().parent / ".cache")
TODAY = date(2026, 11, 20)  # fixed, so cached databases and figures stay comparable between runs
SEED = 2026


def demo_db(cases: int) -> Path:
    """The cached demo database of ``cases`` cases (built with main.py demo on first use)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"demo-{cases}.sqlite3"
    if path.exists() and _complete(path, cases):
        return path
    for stale in CACHE.glob(f"demo-{cases}.sqlite3*"):
        stale.unlink()
    print(f"building the {cases:,}-case demo database (cached for later runs)…", flush=True)
    subprocess.run([sys.executable, "main.py", "demo", "--db", str(path), "--cases", str(cases), "--seed", str(SEED),
                    "--today", TODAY.isoformat()], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


def _complete(path: Path, cases: int) -> bool:
    try:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0] == cases
    except sqlite3.Error:
        return False


def scratch_copy(source: Path, folder: Path) -> Path:
    """A copy to write into, so the cached database stays as built."""
    target = folder / source.name
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
