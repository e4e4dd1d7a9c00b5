"""The core never imports Qt or the desk, not even inside a function (the customer's first rule):
the command line, the scheduled ``notify send-pending`` and the tests run it without a display."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "studio_desk"
DESK_PACKAGES = ("PySide6", "shiboken6", "ui")


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_module_of_the_core_imports_qt_or_the_desk():
    offending = [
        f"{path.relative_to(CORE.parent)}:{line} imports {name}"
        for path in sorted(CORE.rglob("*.py"))
        for line, name in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if name.split(".")[0] in DESK_PACKAGES
    ]
    assert offending == []
