"""Registers and reports that print: the page setup of every sheet we write, the 打印版 sheet, the
PDF register; and the demo's November register printed through LibreOffice, page by page."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from studio_desk import clock
from studio_desk.cli import main
from studio_desk.db import close_database
from studio_desk.exports.register_columns import REGISTER_COLUMNS
from studio_desk.exports.register_print import PRINT_COLUMNS, PRINT_SHEET, print_values
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import AuditEvent, Staff, User
from studio_desk.opening import open_database
from studio_desk.reports.monthly import write_monthly_workbook
from studio_desk.services import actions
from tests.core import exportkit
from tests.core.exportkit import T0, pdf_pages
from tests.core.importkit import converted

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)"
)
PRINT_HEADERS = [column.header for column in PRINT_COLUMNS]


def _flat(text: str) -> str:
    return "".join(text.split())


def test_every_sheet_of_the_register_is_set_up_to_print(sqlite_studio, category, tmp_path):
    closed = exportkit.closed_case(sqlite_studio, category())
    actions.record_penalty(sqlite_studio["manager"], closed.id, staff_id=Staff.get().id, points=5, reason="修图失误")
    with clock.frozen(T0 + timedelta(days=7)):
        out = export_register(
            sqlite_studio["manager"], tmp_path / "r & d.xlsx", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
        )
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == PRINT_SHEET and wb.active.title == PRINT_SHEET  # printed first
    portrait = {"补偿明细"}  # six narrow columns fit a portrait page
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title  # A4
        assert setup.orientation == ("portrait" if ws.title in portrait else "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0 and setup.fitToWidth in (1, None)
        assert ws.print_title_rows == "$1:$2", ws.title  # the title and the header row on every page
        assert ws.print_options.gridLines, ws.title
        footer = ws.oddFooter
        assert footer.left.text == "花嫁摄影工作室" and footer.right.text == "2026-11-01 至 2026-11-30"
        assert footer.center.text == "第 &P 页 / 共 &N 页"
        assert ws.page_margins.left == 0.4 and ws.page_margins.bottom == 0.6
        assert [str(r)[:3] for r in ws.merged_cells.ranges] == ["A1:"]  # the title spans the table
    printed = wb[PRINT_SHEET]
    assert [c.value for c in printed[2]] == PRINT_HEADERS
    row = [c.value for c in printed[3]]
    assert row[0] == closed.case_no and row[1] == datetime(2026, 11, 23) and printed["B3"].number_format == "yyyy-mm-dd"
    assert row[3] == "数码后期/修图\n修图质量" and row[6] == "数码后期\n周修图" and row[8] == 800.5
    assert row[9] == "结案" and row[10] == "满意（满意度 5）"
    assert printed["F3"].alignment.wrap_text and printed.freeze_panes == "B3"


def test_print_values_shorten_and_join(sqlite_db):
    values = [None] * len(REGISTER_COLUMNS)
    by_key = {column.key: i for i, column in enumerate(REGISTER_COLUMNS)}
    for key, value in (
        ("case_no", "KS-20261123-001"),
        ("received_at", datetime(2026, 11, 23, 9, 30)),
        ("customer_name", "=张小姐"),
        ("vip", True),
        ("category", "修图质量"),
        ("description", "修图  过度\n" * 20),
        ("remedy_type", "重新修图"),
        ("compensation_total", Decimal("0.00")),
        ("stage", "受理"),
    ):
        values[by_key[key]] = value
    row = print_values(values)
    assert row[:4] == ["KS-20261123-001", date(2026, 11, 23), "=张小姐（VIP）", "修图质量"]
    assert len(row[5]) == 60 and row[5].endswith("…") and "\n" not in row[5] and "  " not in row[5]
    assert row[6] is None and row[7] == "重新修图" and row[8] is None and row[10] is None


def test_pdf_register_from_the_command_line(sqlite_studio, category, tmp_path, capsys):
    cases = [
        exportkit.registered_case(
            sqlite_studio,
            category(),
            phone=f"1390000{n:04d}",
            description="修图过度，脸型被修得不像本人。" * (n % 4 + 1),
        )
        for n in range(40)
    ]
    exportkit.closed_case(sqlite_studio, category())
    db = str(tmp_path / "studio.sqlite3")
    out = tmp_path / "登记表.pdf"
    assert (
        main(
            [
                "export",
                "register",
                "--db",
                db,
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--user",
                "front",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "已导出投诉登记表（PDF）" in capsys.readouterr().out
    assert main(["export", "register", "--db", db, "--full-phone", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err.startswith("错误") and not (tmp_path / "x.pdf").exists()
    reader = PdfReader(out)
    pages = pdf_pages(out)
    assert len(pages) >= 2
    for number, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        assert page.mediabox.width > page.mediabox.height  # landscape
        flat = _flat(text)
        assert "花嫁摄影工作室" in flat and "顾客投诉登记表" in flat and "编号受理日期顾客环节/类别" in flat
        assert f"第{number}页/共{len(pages)}页" in flat
        assert "13900000" not in flat  # no phone numbers, not even masked ones
    everything = _flat("".join(pages))
    assert all(case.case_no in everything for case in cases) and "共41件" in everything
    open_database(db)
    event = AuditEvent.select().where(AuditEvent.action == "export").get()
    assert event.details["kind"] == "register_pdf" and event.details["rows"] == 41 and event.user.username == "front"


@pytest.fixture
def demo_november(tmp_path) -> Path:
    """The demo studio (300 cases up to 2026-12-05) and its November register (33 cases)."""
    from studio_desk.demo import build_demo

    close_database()
    build_demo(tmp_path / "demo.sqlite3", cases=300, today=date(2026, 12, 5))
    manager = User.get(User.username == "manager")
    with clock.frozen(datetime(2026, 12, 5, 18, 0)):
        yield export_register(
            manager, tmp_path / "十一月.xlsx", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
        )
    close_database()


@needs_libreoffice
def test_the_demo_november_register_prints_on_few_landscape_pages(demo_november, tmp_path):
    rows = openpyxl.load_workbook(demo_november)[PRINT_SHEET].max_row - 2
    assert rows == 33
    pdf = converted(demo_november, "pdf")  # printed by LibreOffice, as a studio would
    reader = PdfReader(pdf)
    pages = pdf_pages(pdf)
    assert len(pages) <= 12  # the whole workbook
    printed = [i for i, text in enumerate(pages) if "".join(PRINT_HEADERS[:6]) in _flat(text)]
    assert printed == list(range(len(printed))) and 1 < len(printed) <= 4  # 打印版 first, at most 4 pages
    numbers = []
    for i in printed:
        box = reader.pages[i].mediabox
        assert box.width > box.height  # landscape
        flat = _flat(pages[i])
        assert "顾客投诉登记表" in flat and "共33件" in flat  # the title row repeated…
        assert "".join(PRINT_HEADERS) in flat  # …and the header row
        assert "花嫁婚纱摄影（演示）" in flat and "2026-11-01至2026-11-30" in flat and f"第{i + 1}页" in flat
        numbers += [n for n in flat.split("KS-")[1:]]
    assert len(numbers) == 33  # every case printed once


@needs_libreoffice
def test_the_monthly_analysis_prints_every_sheet_fitted_to_the_page_width(sqlite_studio, category, tmp_path):
    for n in range(12):
        exportkit.registered_case(sqlite_studio, category(), phone=f"1390000{n:04d}", description="修图过度" * 10)
    with clock.frozen(T0 + timedelta(days=10)):
        out = write_monthly_workbook(sqlite_studio["manager"], "2026-11", tmp_path / "分析表.xlsx")
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.page_setup.paperSize == 9 and ws.print_title_rows, ws.title
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert wb["重大投诉"].page_setup.orientation == "landscape" and wb["主要指标"].page_setup.orientation == "portrait"
    pages = pdf_pages(converted(out, "pdf"))
    assert len(pages) == len(wb.sheetnames)  # each short sheet on one page: nothing spills onto a second one
    for ws, text in zip(wb.worksheets, pages, strict=True):
        assert _flat(ws["A1"].value)[:8] in _flat(text), ws.title
        assert "花嫁摄影工作室" in _flat(text) and "2026-11-01至2026-11-30" in _flat(text)
