"""``main.py report daily|monthly``: files written, acting user, one-line Chinese errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from studio_desk.db import sqlite_path
from studio_desk.models import AuditEvent
from tests.core import statskit
from tests.core.exportkit import pdf_pages
from tests.core.statskit import run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_db(sqlite_studio):
    statskit.build(sqlite_studio)
    return str(sqlite_path())


def run(capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "report", *args)


def test_daily_pdf_as_the_first_manager(capsys, small_db, tmp_path):
    path = tmp_path / "out" / "小结.pdf"
    code, out, _ = run(capsys, "daily", "--date", "2026-11-03", "--db", small_db, "-o", str(path))
    assert code == 0 and out.strip() == f"已生成每日工作小结 2026-11-03：{path}"
    text = "".join(pdf_pages(path)[0].split())
    assert "每日工作小结2026-11-03" in text and "员工处罚" in text
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).first()
    assert event.user.username == "manager" and event.details["kind"] == "daily_summary"


def test_monthly_pdf_and_xlsx_as_a_chosen_user(capsys, small_db, tmp_path):
    code, out, _ = run(capsys, "monthly", "--month", "2026-11", "--db", small_db, "-o", str(tmp_path / "m.PDF"),
                       "--user", "front")
    assert code == 0 and "客户投诉统计分析表 2026-11" in out
    assert "扣分" not in "".join(pdf_pages(tmp_path / "m.PDF"))
    code, _, _ = run(capsys, "monthly", "--month", "2026-11", "--db", small_db, "-o", str(tmp_path / "m.xlsx"))
    assert code == 0 and load_workbook(tmp_path / "m.xlsx")["主要指标"]["B5"].value == 5


@pytest.mark.parametrize(("args", "message"), [
    (("daily", "--date", "2026-02-30", "-o", "x.pdf"), "日期“2026-02-30”无效"),
    (("daily", "-o", "x.xlsx"), "输出文件必须是 .pdf 文件"),
    (("monthly", "--month", "2026-13", "-o", "x.pdf"), "月份“2026-13”无效"),
    (("monthly", "--month", "2026-10", "-o", "x.docx"), "输出文件必须是 .pdf 或 .xlsx 文件"),
    (("monthly", "--month", "2026-10", "-o", "x.pdf", "--user", "nobody"), "找不到用户“nobody”"),
])
def test_bad_input_is_one_chinese_line(capsys, small_db, tmp_path, args, message):
    kind, *rest = args
    rest = [str(tmp_path / a) if a.startswith("x.") else a for a in rest]
    code, out, err = run(capsys, kind, "--db", small_db, *rest)
    assert code == 1 and out == "" and err.startswith("错误：") and message in err and err.count("\n") == 1
    assert not any(tmp_path.glob("x.*"))


def test_main_py_runs_it(small_db, tmp_path):
    path = tmp_path / "oct.pdf"
    result = subprocess.run([sys.executable, "main.py", "report", "monthly", "--month", "2026-10", "--db", small_db,
                             "-o", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "客户投诉统计分析表2026年10月" in "".join("".join(pdf_pages(path)).split())
