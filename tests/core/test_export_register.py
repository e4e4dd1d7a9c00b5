"""The Excel register (投诉登记表): layout, real types, masked phones, injection safety,
penalties only for 店长+, and a cancelled export that leaves nothing behind."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from studio_desk import clock
from studio_desk.errors import PermissionDenied
from studio_desk.exports import register_xlsx
from studio_desk.exports.register_columns import BY_KEY, REGISTER_COLUMNS
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import AuditEvent, Staff
from studio_desk.progress import Cancelled
from studio_desk.services import actions
from tests.core import exportkit
from tests.core.exportkit import PHONE, T0, cancelling_progress

NASTY = ["=1+1", "+1+1", "-1+2", "@SUM(1,1)", '=HYPERLINK("http://evil.example","点我")', "=cmd|' /C calc'!A0"]


def _column(name: str) -> int:
    return [c.header for c in REGISTER_COLUMNS].index(name) + 1


def test_register_layout_types_and_sheets(sqlite_studio, category, tmp_path):
    closed = exportkit.closed_case(sqlite_studio, category())
    actions.record_penalty(sqlite_studio["manager"], closed.id, staff_id=Staff.get().id, points=5, reason="修图失误")
    exportkit.registered_case(sqlite_studio, category(), phone="13900000001", description="短")
    with clock.frozen(T0 + timedelta(days=7)):
        out = export_register(sqlite_studio["manager"], tmp_path / "r.xlsx", date_from=date(2026, 11, 1),
                              date_to=date(2026, 11, 30))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["打印版", "投诉登记表", "回访记录表", "补偿明细", "员工处罚"]
    ws = wb["投诉登记表"]
    title = ws["A1"].value
    assert "花嫁摄影工作室" in title and "2026-11-01 至 2026-11-30" in title and "共 2 件" in title
    assert [c.value for c in ws[2]] == [c.header for c in REGISTER_COLUMNS]
    last = get_column_letter(len(REGISTER_COLUMNS))  # AZ: 历史导入 is the last column
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref == f"A2:{last}{2 + 2}" and last == "AZ"
    assert ws.column_dimensions["N"].width == pytest.approx(40.71, abs=0.01)  # Excel's 40 (+ its cell margin)
    row = {c.header: cell for c, cell in zip(REGISTER_COLUMNS, ws[3], strict=True)}
    assert row["案件编号"].value == closed.case_no
    assert row["受理时间"].value == datetime(2026, 11, 23, 8, 0) and row["受理时间"].is_date
    assert row["投诉人数"].value == 1 and row["满意度(1-5)"].value == 5
    assert row["补偿金额(元)"].value == pytest.approx(800.50) and row["补偿金额(元)"].number_format == "#,##0.00"
    assert row["投诉内容"].alignment.wrap_text
    assert row["处理阶段"].value == "结案" and row["审批状态"].value == "已批准" and row["责任人"].value == "周修图"
    assert row["联系电话"].value == "138****5678"
    follow = list(wb["回访记录表"].iter_rows(min_row=3, values_only=True))
    called = datetime(2026, 11, 29, 10, 0)
    assert follow == [(closed.case_no, "张小姐", called, "赵客服", "是", "是", 5, "顾客很满意新的照片。")]
    lines = list(wb["补偿明细"].iter_rows(min_row=3, values_only=True))
    paid = datetime(2026, 11, 23, 15, 0)  # the remedy's round 1, carried out then
    assert lines == [(closed.case_no, "重新修图", "重新修图 30 张", 300, 1, paid),
                     (closed.case_no, "加送照片", "24 寸放大照片两张", 500.5, 1, paid)]
    penalties = list(wb["员工处罚"].iter_rows(min_row=3, values_only=True))
    assert penalties[0][:5] == (closed.case_no, "周修图", "数码后期", 5, 0)


def _heights(ws) -> list[float | None]:
    """The height written for each row from the first data row on (None: the default height)."""
    heights = []
    for row in range(3, ws.max_row + 1):
        dimension = ws.row_dimensions[row]
        assert dimension.customHeight == (dimension.height is not None)
        heights.append(dimension.height)
    return heights


def test_rows_are_as_high_as_their_wrapped_texts(sqlite_studio, category, tmp_path):
    """Each row gets the height of its tallest wrapped text (lines × LINE_HEIGHT, at most Excel's 409 pt):
    a Chinese character counts 2 of the column's width less its margins (usable_width), each line of the text
    (an empty one too) starts a line; rows whose texts all fit one line keep the default."""
    from studio_desk.exports.xlsx_cells import LINE_HEIGHT, MAX_ROW_HEIGHT, usable_width

    per_line = int(usable_width(BY_KEY["description"].width) // 2)  # Chinese characters a line
    assert per_line == 18
    short = {"customer_wish": "重修", "evidence_note": "样片"}
    descriptions = ["短", "修" * per_line, "修" * (per_line + 1), "图" * 100, "图" * 200, "图" * 500,
                    "第一行\n第二行\r\n\n第四行", "x" * 35, "x" * 37]
    for n, description in enumerate(descriptions):
        exportkit.registered_case(sqlite_studio, category(), phone=f"1390000{n:04d}", description=description, **short)
    closed = exportkit.closed_case(sqlite_studio, category(), **short)
    actions.record_penalty(sqlite_studio["manager"], closed.id, staff_id=Staff.get().id, points=5, reason="扣" * 100)
    with clock.frozen(T0 + timedelta(days=7)):
        out = export_register(sqlite_studio["manager"], tmp_path / "h.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["投诉登记表"]
    assert ws.row_dimensions[1].height == 21  # the title: one line of 14 pt
    assert ws.row_dimensions[2].height == 2 * LINE_HEIGHT  # 消协/12315/律师介入 takes two lines
    assert [row[13].value for row in ws.iter_rows(min_row=3)] == [
        d.replace("\r\n", "\n") for d in descriptions] + [closed.description]
    assert _heights(ws) == [
        None, None, 2 * LINE_HEIGHT,  # 18 characters fit a line, 19 do not
        6 * LINE_HEIGHT, 11 * LINE_HEIGHT,  # 100 and 200 characters: 200 and 400 units over 36.7 a line
        MAX_ROW_HEIGHT,  # 500 characters would need 28 lines (462 pt)
        4 * LINE_HEIGHT,  # three lines of text and an empty one
        None, 2 * LINE_HEIGHT,  # Latin letters count 1
        3 * LINE_HEIGHT]  # the closed case: its 处理方案, 64 units in a 30-wide column (27.3)
    # the other sheets too: 100 characters in the 36-wide 处罚原因 (33 units: 16 a line)
    assert _heights(wb["员工处罚"]) == [7 * LINE_HEIGHT]
    assert _heights(wb["回访记录表"]) == [None] and wb["回访记录表"].row_dimensions[2].height == 2 * LINE_HEIGHT
    assert _heights(wb["补偿明细"]) == [None, None] and wb["补偿明细"].row_dimensions[2].height is None
    # cells written without a format of their own are top-aligned too: the default format (cellXfs 0) and the
    # Normal style (cellStyleXfs 0), which LibreOffice shows them in, are top-aligned
    assert ws.cell(3, _column("案件编号")).alignment.vertical == "top"
    with zipfile.ZipFile(out) as archive:
        styles = archive.read("xl/styles.xml").decode()
    for element in ("cellStyleXfs", "cellXfs"):
        first = re.search(rf"<{element}[^>]*>(.*?)</xf>", styles).group(1)
        assert '<alignment vertical="top"/>' in first


def test_display_lines_measures_as_east_asian_width_says():
    """The quick measure (a line of ASCII and common Chinese characters, from its length in UTF-8) gives what
    counting each character's East Asian Width gives; line breaks (LF, CR LF, CR) start lines."""
    import random
    import unicodedata
    from math import ceil

    from studio_desk.exports import xlsx_cells
    from studio_desk.exports.xlsx_cells import display_lines

    for code in range(0x10000):
        char = chr(code)
        if xlsx_cells._COMMON_LINE(char):
            assert len(char.encode()) == (1 if char.isascii() else 3) and char not in "\r\n"
            assert (unicodedata.east_asian_width(char) in "WF") == (not char.isascii()), hex(code)

    def expected(text: str, usable: float) -> int:
        lines = 0
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            lines += max(1, ceil(width / usable))
        return lines

    pool = [*"abc xyz019,.!", *"修图过度，。！？（）「」《》、ａ０", *"“”‘’…—·éß×°😡𠀀①", "\n", "\r\n", "\r"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 120)))
        usable = rng.choice([7.7, 18.0, 36.7, 50.0])
        assert display_lines(text, usable) == expected(text, usable), (text, usable)
    assert display_lines("", 36.7) == 1 and display_lines("\n", 36.7) == 2 and display_lines("修" * 37, 36.7) == 3


def test_receptionist_gets_no_penalty_sheet_and_no_full_phones(sqlite_studio, category, tmp_path):
    exportkit.registered_case(sqlite_studio, category())
    front = sqlite_studio["front"]
    wb = openpyxl.load_workbook(export_register(front, tmp_path / "f.xlsx"))
    assert "员工处罚" not in wb.sheetnames
    assert PHONE not in {c.value for c in wb["投诉登记表"][3]}
    with pytest.raises(PermissionDenied):
        export_register(front, tmp_path / "full.xlsx", include_full_phone=True)
    assert not (tmp_path / "full.xlsx").exists()


def test_full_phone_numbers_are_audited(sqlite_studio, category, tmp_path):
    exportkit.registered_case(sqlite_studio, category())
    out = export_register(sqlite_studio["manager"], tmp_path / "full.xlsx", include_full_phone=True)
    ws = openpyxl.load_workbook(out)["投诉登记表"]
    assert ws.cell(3, _column("联系电话")).value == PHONE
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).get()
    assert event.details["kind"] == "register" and event.details["full_phone"] is True and event.details["rows"] == 1


def test_date_range_case_ids_and_deleted_cases(sqlite_studio, category, tmp_path):
    old = exportkit.registered_case(sqlite_studio, category(), received_at=T0 - timedelta(days=40), phone="13900000001")
    new = exportkit.registered_case(sqlite_studio, category(), phone="13900000002")
    gone = exportkit.registered_case(sqlite_studio, category(), phone="13900000003")
    actions.delete_case(sqlite_studio["manager"], gone.id, gone.version, "登记错了")

    def case_nos(**kw):
        out = export_register(sqlite_studio["manager"], tmp_path / "x.xlsx", **kw)
        return [r[0] for r in openpyxl.load_workbook(out)["投诉登记表"].iter_rows(min_row=3, values_only=True)]

    assert case_nos() == [old.case_no, new.case_no]
    assert case_nos(date_from=date(2026, 11, 23)) == [new.case_no]
    assert case_nos(date_to=date(2026, 10, 14)) == [old.case_no]
    assert case_nos(case_ids=[new.id, gone.id]) == [new.case_no]


@pytest.fixture
def nasty_case(sqlite_studio, category):
    return exportkit.registered_case(sqlite_studio, category(), customer_name=NASTY[3], order_no=NASTY[2],
                                     description=NASTY[0], customer_wish=NASTY[4], evidence_note=NASTY[5],
                                     channel_detail=NASTY[1])


def test_formula_like_text_is_written_as_text(sqlite_studio, nasty_case, tmp_path):
    out = export_register(sqlite_studio["manager"], tmp_path / "n.xlsx")
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    ws = openpyxl.load_workbook(out)["投诉登记表"]
    for header, value in (("顾客姓名", NASTY[3]), ("订单号", NASTY[2]), ("投诉内容", NASTY[0]),
                          ("顾客诉求", NASTY[4]), ("证据说明", NASTY[5]), ("渠道说明", NASTY[1])):
        cell = ws.cell(3, _column(header))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    assert ws.cell(3, _column("投诉类别")).quotePrefix is False


def test_tabs_control_characters_and_leading_cr_are_safe(sqlite_db, tmp_path):
    from studio_desk.exports.xlsx_cells import WorkbookFile, new_workbook, save, start_sheet
    from studio_desk.exports.xlsx_print import PrintSetup

    with WorkbookFile(tmp_path / "t.xlsx", "w") as file:
        wb = new_workbook(file)
        cells = start_sheet(wb, "t", REGISTER_COLUMNS[13:14], "t", PrintSetup("影楼", "全部"))
        for text in ("\t=1+1", "\r=1+1", "a\x00b\x07c", "𠀀😡"):
            cells.row({"description": text})
        save(wb, file)
    rows = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(min_row=3))
    # (XML turns a stored CR into a newline on reading; what matters is that it stays text)
    assert [(r[0].value.strip(), r[0].data_type, r[0].quotePrefix) for r in rows] == [
        ("=1+1", "s", True), ("=1+1", "s", True), ("abc", "s", False), ("𠀀😡", "s", False)]


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_libreoffice_shows_formula_like_text_as_text(sqlite_studio, nasty_case, tmp_path):
    out = export_register(sqlite_studio["manager"], tmp_path / "lo.xlsx")
    converted = tmp_path / "csv"
    filter_options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"  # sheet 2
    subprocess.run([LIBREOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", filter_options, "--outdir", str(converted), str(out)],
                   check=True, capture_output=True, timeout=180)
    with open(converted / "lo-投诉登记表.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    row = dict(zip(rows[1], rows[2], strict=True))
    assert row["投诉内容"] == "=1+1"  # evaluated it would read 2
    assert row["渠道说明"] == "+1+1" and row["订单号"] == "-1+2" and row["顾客姓名"] == "@SUM(1,1)"
    assert row["顾客诉求"] == NASTY[4] and row["证据说明"] == NASTY[5]
    assert row["受理时间"].startswith("2026-11-23")


def test_cancelled_export_leaves_the_old_file_and_no_temporary_file(sqlite_studio, category, tmp_path, monkeypatch):
    for n in range(5):
        exportkit.registered_case(sqlite_studio, category(), phone=f"1390000000{n}")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "register.xlsx"
    target.write_bytes(b"last week's export")
    monkeypatch.setattr(register_xlsx, "STEP", 1)
    with pytest.raises(Cancelled):
        export_register(sqlite_studio["manager"], target, progress=cancelling_progress(after=3))
    assert target.read_bytes() == b"last week's export"
    assert sorted(p.name for p in folder.iterdir()) == ["register.xlsx"]
    assert not AuditEvent.select().where(AuditEvent.action == "export").exists()


def test_rows_read_from_the_cursor_equal_the_case_sheets_values(tmp_path):
    """register_rows (the export's fast reader) gives exactly register_values (the case sheet's), types included."""
    from studio_desk.db import close_database
    from studio_desk.demo import build_demo
    from studio_desk.exports.register_values import Lookups, register_query, register_rows, register_values
    from studio_desk.opening import open_database

    build_demo(tmp_path / "demo.sqlite3", cases=300, seed=11, today=date(2026, 11, 20))
    close_database()
    open_database(tmp_path / "demo.sqlite3")
    try:
        look = Lookups.load()
        for full_phone in (False, True):
            fast = [(case_id, [(type(v), v) for v in values])
                    for case_id, values in register_rows(look, full_phone=full_phone)]
            slow = [(case.id, [(type(v), v) for v in register_values(case, look, full_phone=full_phone).values()])
                    for case in register_query()]
            assert fast == slow and len(fast) == 300
        assert any(values[REGISTER_COLUMNS.index(BY_KEY["previous_case"])] for _, values in register_rows(look))
    finally:
        close_database()


ODD_VALUES = ["=1+1", "+x", "-1", "@a", "\tx", "\r=1", " lead", "trail ", "  ", "a & b < c > d ]]>", "#N/A", "#REF!",
              "a\x00b\x07", "\x0b", "", "𠀀😡", "中文\n第二行", "x" * 40000, True, False, 0, -5, 2**60, 1.5,
              float("nan"), Decimal("800.50"), Decimal("0.00"), datetime(2026, 11, 23, 8, 0, 30),
              datetime(1900, 1, 15), date(2026, 1, 2), None,
              # wrapped texts of several lines (heights), through the quick and the character-by-character measure
              "修图过度" * 10, "中" * 600, "=修图" * 30, "“引号”…—é😡" * 12, "a\r\nb\rc\n\nd", "short words " * 20]


def test_odd_values_are_written_as_what_they_are(sqlite_db, tmp_path):
    """Each kind of value in each kind of column: texts as text (quoted where a spreadsheet would take them for a
    formula or an error), too long ones cut at Excel's limit, control characters dropped, booleans as 是/否, amounts
    and counts as numbers, times and dates as dates; NaN and empty values leave the cell empty."""
    from studio_desk.exports.xlsx_cells import (
        LINE_HEIGHT,
        MAX_ROW_HEIGHT,
        WorkbookFile,
        new_workbook,
        save,
        start_sheet,
    )
    from studio_desk.exports.xlsx_print import PrintSetup

    keys = ("case_no", "received_at", "description", "group_size", "compensation_total", "vip")
    with WorkbookFile(tmp_path / "odd.xlsx", "w") as file:
        wb = new_workbook(file)
        cells = start_sheet(wb, "t", REGISTER_COLUMNS, "标题 & <范围>", PrintSetup("影楼", "全部"))
        for key in keys:
            for value in ODD_VALUES:
                cells.row({key: value})
        save(wb, file)
    ws = openpyxl.load_workbook(tmp_path / "odd.xlsx")["t"]
    assert ws["A1"].value == "标题 & <范围>"
    n = len(ODD_VALUES)
    for k, key in enumerate(keys):
        column = _column(BY_KEY[key].header)
        for i, value in enumerate(ODD_VALUES):
            cell = ws.cell(3 + k * n + i, column)
            if value is None or value == "" or (isinstance(value, float) and value != value):
                expected, kind = None, None
            elif isinstance(value, bool):
                expected, kind = "是" if value else "否", "s"
            elif isinstance(value, str):
                expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)[:32767].replace("\r\n", "\n")
                expected, kind = (expected.replace("\r", "\n") or None), "s"
            elif isinstance(value, datetime | date):
                expected, kind = datetime.combine(value, datetime.min.time()) if type(value) is date else value, "d"
            else:
                expected, kind = float(value), "n"
            if expected is None:
                assert cell.value is None, (key, value)
                continue
            assert (cell.value, cell.data_type) == (expected, kind), (key, value)
            quoted = isinstance(value, str) and value[:1] in "=+-@\t\r#" and value.lstrip("\x00") in {
                *NASTY, "=1+1", "+x", "-1", "@a", "\tx", "\r=1", "#N/A", "#REF!", "=修图" * 30}
            assert cell.quotePrefix == quoted, (key, value)
            if kind == "d":
                assert cell.number_format == "yyyy-mm-dd hh:mm"
            if key == "compensation_total" and kind == "n":
                assert cell.number_format == "#,##0.00"
            assert bool(cell.alignment.wrap_text) == (key == "description" and kind == "s"), (key, value)
    heights = [ws.row_dimensions[3 + 2 * n + i].height for i in range(n)]  # the wrapped 投诉内容 column
    assert heights[ODD_VALUES.index("x" * 40000)] == MAX_ROW_HEIGHT
    assert heights[ODD_VALUES.index("中" * 600)] == MAX_ROW_HEIGHT
    assert heights[ODD_VALUES.index("中文\n第二行")] == 2 * LINE_HEIGHT
    assert heights[ODD_VALUES.index("修图过度" * 10)] == 3 * LINE_HEIGHT
    assert heights[ODD_VALUES.index("=1+1")] is None


def test_register_read_from_the_cursor_on_each_database(studio, category, tmp_path):
    """SQLite hands the export text times and 0/1, PostgreSQL datetimes and booleans: same register."""
    from studio_desk.exports.register_values import Lookups, register_query, register_rows, register_values

    closed = exportkit.closed_case(studio, category())
    actions.record_penalty(studio["manager"], closed.id, staff_id=Staff.get().id, points=5, fine="300",
                           reason="=修图失误")
    repeat = exportkit.registered_case(studio, category(), description=NASTY[0], customer_wish="-退款")
    assert repeat.previous_case_id == closed.id
    look = Lookups.load()
    fast = [(case_id, [(type(v), v) for v in values]) for case_id, values in register_rows(look)]
    slow = [(case.id, [(type(v), v) for v in register_values(case, look).values()]) for case in register_query()]
    assert fast == slow and len(fast) == 2
    with clock.frozen(T0 + timedelta(days=7)):
        wb = openpyxl.load_workbook(export_register(studio["manager"], tmp_path / "r.xlsx"))
    row = {c.header: cell for c, cell in zip(REGISTER_COLUMNS, wb["投诉登记表"][4], strict=True)}
    assert row["原案件编号"].value == closed.case_no and row["投诉内容"].quotePrefix
    assert row["受理时间"].value == datetime(2026, 11, 23, 8, 0) and row["VIP 顾客"].value == "否"
    follow = list(wb["回访记录表"].iter_rows(min_row=3, values_only=True))
    assert follow == [(closed.case_no, "张小姐", datetime(2026, 11, 29, 10, 0), "赵客服", "是", "是", 5,
                       "顾客很满意新的照片。")]
    assert [r[3] for r in wb["补偿明细"].iter_rows(min_row=3, values_only=True)] == [300, 500.5]
    penalty = next(wb["员工处罚"].iter_rows(min_row=3, values_only=True))
    assert penalty[:6] == (closed.case_no, "周修图", "数码后期", 5, 300, "=修图失误")
    assert wb["员工处罚"].cell(3, 6).quotePrefix and isinstance(penalty[7], datetime)
