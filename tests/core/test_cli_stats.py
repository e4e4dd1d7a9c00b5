"""``main.py stats``: its JSON is exactly :func:`studio_desk.stats.compute`'s, and bad input is one
Chinese line with exit code 1."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from studio_desk.db import sqlite_path
from studio_desk.models import Category
from studio_desk.search import BoardFilters
from studio_desk.stats import compute
from tests.core import statskit
from tests.core.statskit import NOW, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_db(sqlite_studio):
    statskit.build(sqlite_studio)
    return str(sqlite_path())


def run(capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "stats", *args)


def test_json_equals_the_core_figures(capsys, small_db, sqlite_studio):
    code, out, _ = run(capsys, "--db", small_db, "--json")
    assert code == 0
    assert json.loads(out) == compute(now=NOW)


def test_range_filters_and_manager_penalties(capsys, small_db, sqlite_studio):
    code, out, _ = run(capsys, "--db", small_db, "--from", "2026-11-01", "--to", "2026/11/30", "--json",
                       "--user", "manager", "--category", "修图质量", "--severity", "重要")
    assert code == 0
    flt = BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30), severity="important",
                       category_id=Category.get(Category.name == "修图质量").id)
    expected = compute(flt, now=NOW, viewer=sqlite_studio["manager"])
    assert json.loads(out) == expected
    assert expected["totals"]["complaints"] == 2 and expected["penalties_included"] is True  # D, G


def test_a_receptionist_gets_no_penalties(capsys, small_db):
    code, out, _ = run(capsys, "--db", small_db, "--json", "--user", "front")
    assert code == 0
    figures = json.loads(out)
    assert figures["penalties_included"] is False and "points" not in figures["staff_ranking"][0]


def test_without_json_a_short_chinese_summary(capsys, small_db):
    code, out, _ = run(capsys, "--db", small_db)
    assert code == 0
    assert "投诉总数 8，处理中 4，已结案 4，当前超时 2" in out
    assert "首次评估及时率 57.1%，按时解决率 80.0%，结案用时中位数 8.0 天" in out
    assert "按类别：修图质量 4，服务态度 2，拍摄质量 1，环境设施 1" in out


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-02-30"), "起始日期：日期“2026-02-30”无效"),
    (("--to", "明天"), "截止日期"),
    (("--from", "2026-11-02", "--to", "2026-11-01"), "起始日期 2026-11-02 晚于截止日期 2026-11-01"),
    (("--category", "不存在的类别"), "没有名为“不存在的类别”的投诉类别"),
    (("--department", "😀" * 30), "的责任部门"),
    (("--severity", "huge"), "严重程度“huge”无效"),
    (("--channel", "\x07"), "渠道"),
    (("--user", "nobody"), "找不到用户“nobody”"),
])
def test_bad_input_is_one_chinese_line(capsys, small_db, args, message):
    code, out, err = run(capsys, "--db", small_db, *args)
    assert code == 1 and out == ""
    assert err.startswith("错误：") and message in err and err.count("\n") == 1


def test_main_py_runs_it(small_db, tmp_path):
    """The real entry point in a fresh process (today's clock: compare what does not depend on it)."""
    result = subprocess.run([sys.executable, "main.py", "stats", "--db", small_db, "--json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["totals"]["complaints"] == 8
    assert [(r["label"], r["count"]) for r in figures["by_category"]] == [
        ("修图质量", 4), ("服务态度", 2), ("拍摄质量", 1), ("环境设施", 1)]
