"""One version: studio_desk.__version__, repeated in pyproject.toml, printed by ``--version`` of
the command line and of the desk (the packaged program's CI check runs the same option)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from studio_desk import __version__, version_line
from studio_desk.resources import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_has_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


@pytest.mark.parametrize("args", [["--version"], ["--db", "x.sqlite3", "--version"]])
def test_version_option_prints_the_version_and_exits(args, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == version_line() == f"StudioDesk（影楼客怨处理台）{__version__}"
    assert not (tmp_path / "x.sqlite3").exists()  # nothing opened


def test_resources_beside_the_sources_or_in_the_bundle(monkeypatch, tmp_path):
    assert resources_dir() == ROOT / "resources"
    assert (resources_dir() / "i18n" / "desk_zh_CN.qm").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
