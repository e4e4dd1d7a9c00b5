"""``main.py export …`` and ``main.py import register``: files written, audited, errors in Chinese."""

from __future__ import annotations

import openpyxl

from studio_desk.cli import main
from studio_desk.exports.timeline import timeline_entries
from studio_desk.models import AuditEvent, Complaint
from studio_desk.opening import open_database
from studio_desk.services import users
from tests.core import exportkit
from tests.core.exportkit import pdf_pages


def test_every_export_from_the_command_line(sqlite_studio, category, tmp_path, capsys, frozen_now):
    case = exportkit.registered_case(sqlite_studio, category())
    db = str(tmp_path / "studio.sqlite3")
    out = tmp_path / "out"
    assert main(["export", "register", "--db", db, "--from", "2026-11-01", "--to", "2026-11-30",
                 "-o", str(out / "r.xlsx")]) == 0
    assert main(["export", "case", case.case_no.lower(), "--db", db, "-o", str(out / "c.pdf")]) == 0
    assert main(["export", "slip", case.case_no, "--db", db, "--user", "front", "-o", str(out / "s.pdf")]) == 0
    assert main(["export", "meeting", "--db", db, "--date", "2026-11-23", "-o", str(out / "m.pdf")]) == 0
    assert main(["export", "meeting", "--db", db, "--open", "-o", str(out / "o.pdf")]) == 0
    assert "已导出投诉登记表" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out / "r.xlsx")["投诉登记表"]
    assert ws["A3"].value == case.case_no and ws["G3"].value == "138****5678"
    assert len(pdf_pages(out / "s.pdf")) == 1 and case.case_no in pdf_pages(out / "c.pdf")[0]
    open_database(db)
    exports = list(AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id))
    # Each meeting pack leaves its event and one on each case in it.
    assert [e.details["kind"] for e in exports] == ["register", "case_sheet", "slip", *["meeting"] * 4]
    assert [e.user.username for e in exports] == ["manager", "manager", "front", *["manager"] * 4]
    on_case = [(t.what, t.note) for t in timeline_entries([e for e in exports if e.case_id == case.id], {})]
    assert on_case == [("导出 投诉处理单（PDF）", ""), ("打印 顾客回执", ""),
                       ("导出 会议资料（PDF）", "每日工作小结　2026-11-23，共 1 件"),
                       ("导出 会议资料（PDF）", "未结案件汇总（含超时），共 1 件")]
    register = timeline_entries(exports[:1], {})[0]
    assert (register.what, register.note) == ("导出 登记表（Excel）", "2026-11-01 至 2026-11-30，共 1 件")


def test_full_phone_needs_a_manager_and_errors_are_one_chinese_line(sqlite_studio, category, tmp_path, capsys):
    exportkit.registered_case(sqlite_studio, category())
    db = str(tmp_path / "studio.sqlite3")
    full = ["export", "register", "--db", db, "--full-phone"]
    assert main([*full, "--user", "front", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "无权导出完整电话号码" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
    assert main([*full, "-o", str(tmp_path / "x.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "x.xlsx")["投诉登记表"]["G3"].value == exportkit.PHONE
    assert main(["export", "case", "KS-20990101-001", "--db", db, "-o", str(tmp_path / "n.pdf")]) == 1
    assert capsys.readouterr().err.strip() == "错误：找不到案件 KS-20990101-001。"
    assert main(["export", "register", "--db", db, "--from", "2026-13-01", "-o", str(tmp_path / "d.xlsx")]) == 1
    assert "起始日期" in capsys.readouterr().err
    assert main(["export", "case", "X", "--db", db, "--user", "nobody", "-o", str(tmp_path / "u.pdf")]) == 1
    assert "找不到用户" in capsys.readouterr().err


def test_import_from_the_command_line(sqlite_studio, category, tmp_path, capsys, frozen_now):
    exportkit.registered_case(sqlite_studio, category())
    db = str(tmp_path / "studio.sqlite3")
    assert main(["export", "register", "--db", db, "--full-phone", "-o", str(tmp_path / "r.xlsx")]) == 0
    open_database(db)
    users.needs_setup()  # the database is open again for the checks below
    assert main(["import", "register", str(tmp_path / "r.xlsx"), "--db", db]) == 0  # into the same database
    assert "已导入 0 个案件；1 个已在系统中，未重复导入" in capsys.readouterr().out
    fresh = str(tmp_path / "fresh.sqlite3")
    open_database(fresh)
    from tests.conftest import _setup_studio

    _setup_studio()
    assert main(["import", "register", str(tmp_path / "r.xlsx"), "--db", fresh]) == 0
    assert "已导入 1 个案件" in capsys.readouterr().out
    open_database(fresh)
    assert Complaint.select().count() == 1
