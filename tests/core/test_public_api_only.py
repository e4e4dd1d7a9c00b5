"""Libraries through their public API only (issue 15): no private names of openpyxl, reportlab
or peewee, no interpreter tricks (ctypes, switching the garbage collector, a
hand-kept import order), no Qt style slipped in on the command line. Read as text, so a
trick cannot hide in a branch that the tests do not run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(
    r"_get_cursor_wrapper|_cell_styles|_named_styles|_get_writer|(?<!self)\._dirty\b|_cellStyles|ParaFrag"
    r"|gc\.disable|gc\.freeze|\bctypes\b|__data__|CORE_FIRST|[\"']-style[\"']|\bpeewee\.\w+\s*=[^=]"
)


def sources() -> list[Path]:
    return [ROOT / "main.py", *sorted((ROOT / "studio_desk").rglob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]


def findings_in(path: Path) -> list[str]:
    """``line: what`` for each forbidden name or trick in ``path``."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found += [f"{number}: {m.group()}" for m in FORBIDDEN.finditer(line)]
    return found


def test_the_check_sees_each_trick(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import ctypes\nrows = q._get_cursor_wrapper(c)\ncase._dirty.clear()\nself._dirty = 1\n"
        "x = m.__data__\ngc.freeze()\npeewee.psycopg2 = p\nQApplication([a, '-style', 'Fusion'])\n"
    )
    names = [f.split(": ")[1] for f in findings_in(sample)]
    assert names == [
        "ctypes",
        "_get_cursor_wrapper",
        "._dirty",
        "__data__",
        "gc.freeze",
        "peewee.psycopg2 = ",
        "'-style'",
    ]


def test_no_private_names_or_tricks_in_the_program():
    found = []
    for path in sources():
        name = path.relative_to(ROOT).as_posix()
        found += [f"{name}:{hit}" for hit in findings_in(path)]
    assert found == []
