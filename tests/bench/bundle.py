"""``python -m tests.bench.bundle [dist/StudioDesk]``: start-up of the packaged program beside the
same start from the sources (``python main.py``), run in turns, medians.

Two figures, each a whole process, the same command on both sides:
- ``--version``: the interpreter and the command line's imports. The bundle also pays for
  PyInstaller's PySide6 run-time hook, which imports QtCore at every start to tell Qt where its
  files are (its documented way), and for its other run-time hooks; the sources' command line
  never loads Qt for ``--version``;
- ``screenshot --view board`` on the benchmark's demo database: the desk imported, the database
  opened, the manager signed in, the board built, painted and saved as PNG — the nearest thing to
  the start-up figure (tests/bench/startup_probe.py) that a built program can be asked to do. It
  includes the screenshot's fixed 300 ms settling wait on both sides.

Build the bundle first: ``python resources/packaging/build.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.dbs import ROOT, demo_db  # noqa: E402
from tests.bench.timing import fmt_seconds, interleaved_medians  # noqa: E402

# The desk's start may be at most a quarter slower packaged; a bare command's start carries QtCore.
TARGETS = {"--version": 2.0, "screenshot": 1.25}


def _runner(command: list[str], env: dict[str, str]):
    return lambda: subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bundle", description=__doc__)
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "StudioDesk"))
    parser.add_argument("--size", type=int, default=100_000, help="demo database for the board (cases)")
    parser.add_argument("--runs", type=int, default=15, help="starts of each side, in turns (median)")
    args = parser.parse_args(argv)
    program = Path(args.bundle) / ("studiodesk-cli.exe" if os.name == "nt" else "studiodesk-cli")
    if not program.is_file():
        print(f"no bundle at {args.bundle}: build it with python resources/packaging/build.py", file=sys.stderr)
        return 2
    # The sources start from compiled bytecode, as an installed copy would (pip compiles it).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "studio_desk", "ui"], cwd=ROOT, check=True)
    db = demo_db(args.size)
    rows = [
        "| packaged program, process start to exit | packaged | sources | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    passed = True
    with tempfile.TemporaryDirectory(prefix="studiodesk-bench-") as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp}
        shot = ["screenshot", "--db", str(db), "--view", "board", "-o", str(Path(tmp) / "board.png")]
        for title, tail in (("--version", ["--version"]), (f"board to PNG ({args.size:,} cases)", shot)):
            bundled = _runner([str(program), *tail], env)
            source = _runner([sys.executable, "main.py", *tail], env)
            ours, floor = interleaved_medians(bundled, source, args.runs)
            target = TARGETS[tail[0]]
            ok = ours / floor <= target
            passed = passed and ok
            rows.append(
                f"| {title} | {fmt_seconds(ours)} | {fmt_seconds(floor)} | {ours / floor:.2f}× | "
                f"≤ {target:g}× | {'pass' if ok else 'FAIL'} |"
            )
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{args.runs} starts of each in turns"
    )
    print("\n".join(rows))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
