"""Importing a register (导入登记表): round trip, an older spreadsheet's headers, a warning per
doubtful row (never a refusal of the file), the mapping step, and large files."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from studio_desk import clock
from studio_desk.db import close_database
from studio_desk.errors import DomainError, PermissionDenied
from studio_desk.exports.register_import import import_register, read_register
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import AuditEvent, Category, CompensationLine, Complaint, DailyCounter, FollowUp, Note, Staff
from studio_desk.opening import open_database
from studio_desk.services import actions
from studio_desk.services.intake import register_complaint
from tests.conftest import _setup_studio
from tests.core import exportkit
from tests.core.exportkit import T0

LATER = T0 + timedelta(days=10)


def _sheets(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {name: list(wb[name].iter_rows(values_only=True)) for name in wb.sheetnames}


def _row_heights(path: Path) -> dict[str, list[float | None]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [ws.row_dimensions[row].height for row in range(1, ws.max_row + 1)] for ws in wb}


def test_export_import_export_gives_the_same_register(tmp_path, category):
    open_database(tmp_path / "first.sqlite3")
    people = _setup_studio()
    closed = exportkit.closed_case(people, category())
    with clock.frozen(T0 + timedelta(hours=2)):  # a time before LATER, on any day the test runs
        actions.record_penalty(people["manager"], closed.id, staff_id=Staff.get().id, points=5, fine="300",
                               reason="=修图失误")
    repeat = exportkit.registered_case(people, category(), description="@又是修图问题😡𠀀", customer_wish="-退款",
                                       channel="online", channel_detail="+小红书")
    assert repeat.is_repeat and repeat.previous_case_id == closed.id
    invalid = exportkit.registered_case(people, category(), phone="+85291234567", customer_name="Ms Chan")
    with clock.frozen(T0 + timedelta(hours=1)):
        invalid = actions.start_investigation(people["manager"], invalid.id, invalid.version)
        actions.assess(people["manager"], invalid.id, invalid.version, validity="invalid",
                       invalid_explanation="照片风格为顾客选片时确认。")
    with clock.frozen(LATER):
        first = export_register(people["manager"], tmp_path / "first.xlsx", include_full_phone=True)
    close_database()

    open_database(tmp_path / "second.sqlite3")
    people = _setup_studio()
    with clock.frozen(LATER):
        preview = read_register(first)
        assert [r.warnings for r in preview.warned_rows] == [["责任人“周修图”不在员工名单中，导入时将新建。"]]
        assert not preview.missing and not preview.history
        result = import_register(people["manager"], preview)
        second = export_register(people["manager"], tmp_path / "second.xlsx", include_full_phone=True)
    assert (result.imported, result.history, result.follow_ups) == (3, 0, 1)
    assert (result.compensation_lines, result.penalties) == (2, 1)
    assert _sheets(first) == _sheets(second)
    heights = _row_heights(first)
    assert heights == _row_heights(second) and any(heights["投诉登记表"][2:])  # long texts: taller rows
    imported_repeat = Complaint.get(Complaint.case_no == repeat.case_no)
    assert imported_repeat.previous_case.case_no == closed.case_no
    paid = CompensationLine.select().join(Complaint).where(Complaint.case_no == closed.case_no)
    assert paid.count() and all(line.carried_out_at is not None for line in paid), "a closed case's money was paid"
    # the day's counter moved past the imported numbers: the next case gets a new one
    assert DailyCounter.get_by_id("20261123").last == 3
    with clock.frozen(T0 + timedelta(hours=3)):
        new = register_complaint(people["front"], exportkit.intake(people["front"], category(), phone="13700000000",
                                                                   received_at=None))
    assert new.case_no == "KS-20261123-004"
    events = AuditEvent.select().where(AuditEvent.action == "import")
    assert events.count() == 4  # one per case and one for the file


def _old_spreadsheet(path: Path, rows: list[list], headers: list[str] | None = None) -> Path:
    """A studio's own spreadsheet: a title, a blank row, other header names in another order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["花嫁摄影 投诉记录 2026 年 11 月"])
    ws.append([])
    ws.append(headers or ["日期", "姓名", "电话", "类型", "投诉原因", "环节", "处理状态", "人数", "备注"])
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("=") and cell.value != "=1+1":
                continue  # a real formula (saved without a computed value, as openpyxl does)
            if cell.value == "=1+1":
                cell.data_type = "s"  # text that merely looks like a formula
    wb.save(path)
    return path


GOOD = [datetime(2026, 11, 20, 15, 30), "赵女士", 13812340000, "服务态度", "前台接待不耐烦", "门市接待/接单", "受理", 2,
        "x"]


def test_an_older_spreadsheet_is_mapped_and_each_doubtful_row_warned(sqlite_studio, tmp_path, frozen_now):
    rows = [
        GOOD,
        [datetime(2026, 11, 20), "钱先生", "138-1234-0001", "服务态度", "=1+1", "化妆造型", None, "=1+1+0", None],
        ["2026-02-30", "孙先生", "12345", "不存在的类别", "内容", "拍摄(外景)", "受理", "三个", None],
        [datetime(2027, 1, 1), "", "138****0000", "修图质量", "长" * 40000, "火星", "结案", 0, None],
        [None, None, None, None, None, None, None, None, "只有备注"],
        [46346, "周女士", 13812340002, "修图质量", "Excel 日期序号", "取件", "处理中", 1, None],
    ]
    preview = read_register(_old_spreadsheet(tmp_path / "old.xlsx", rows))
    assert preview.sheets == ["2026年11月"] and preview.history
    assert preview.mapping == {
        "日期": "received_at", "姓名": "customer_name", "电话": "phone", "类型": "category", "投诉原因": "description",
        "环节": "chain_step", "处理状态": "stage", "人数": "group_size"}
    assert preview.missing == []
    by_row = {r.row_no: r for r in preview.rows}
    assert sorted(by_row) == [4, 5, 6, 7, 9]  # the row with only a note is not a case
    assert ("2026年11月", 8, "没有顾客也没有投诉内容（“只有备注”），不是投诉") in preview.skipped
    assert all(r.ok for r in preview.rows) and not by_row[4].warnings
    assert by_row[5].values["description"] == "=1+1" and by_row[5].values["stage"] == "registered"
    assert by_row[5].values["phone"] == "13812340001"
    assert by_row[5].values["group_size"] == 1  # a formula without a computed value counts as empty
    warned6 = by_row[6].describe()
    assert "受理时间“2026-02-30”不是日期" in warned6 and "电话号码格式不对" in warned6
    assert "投诉人数必须是 1 到 1000 之间的整数" in warned6
    assert by_row[6].values["received_at"] == by_row[5].values["received_at"]  # the row above's date
    assert by_row[6].values["category_id"] == Category.get(Category.name == "其他").id  # no close match
    warned7 = by_row[7].describe()
    for expected in ("受理时间不能晚于现在", "联系电话已打码", "投诉内容太长了：最多 5000 个字", "顾客姓名未填"):
        assert expected in warned7
    assert len(by_row[7].values["description"]) == 5000 and by_row[7].values["chain_step"] == ""
    # the row is imported without the masked phone, and its warning says just that
    assert by_row[7].ok and by_row[7].values["phone"] == "" and "无法导入" not in warned7
    assert by_row[9].values["stage"] == "registered"  # 处理中 without any later fact
    assert by_row[9].values["received_at"] == datetime(2026, 11, 20)
    result = import_register(sqlite_studio["manager"], preview)
    assert (result.imported, result.history) == (5, 5)
    note = Note.get(Note.case == Complaint.get(Complaint.description == "内容").id).text
    assert "受理时间：2026-02-30" in note and "联系电话：12345" in note  # what was written stays with the case


def test_mapping_step_and_missing_columns(sqlite_studio, tmp_path, frozen_now):
    headers = ["日期", "姓名", "手机", "类型", "客人原话", "环节"]
    path = _old_spreadsheet(tmp_path / "m.xlsx", [[datetime(2026, 11, 20), "赵", "13800000000", "其他", "很生气",
                                                   "售后"]], headers)
    preview = read_register(path)
    assert "投诉内容" in preview.missing
    assert "投诉内容未填" in preview.rows[0].describe()
    preview = read_register(path, {"客人原话": "description"})
    assert preview.missing == [] and preview.rows[0].values["description"] == "很生气"
    assert import_register(sqlite_studio["manager"], preview).imported == 1
    # the studio's column choice is remembered for its next import
    assert read_register(path).rows[0].values["description"] == "很生气"


def test_refusals(sqlite_studio, tmp_path, frozen_now):
    not_excel = tmp_path / "notes.xlsx"
    not_excel.write_text("hello")
    with pytest.raises(DomainError, match="找不到登记表的表头"):  # read as text: no header in it
        read_register(not_excel)
    with pytest.raises(DomainError, match="找不到文件"):
        read_register(tmp_path / "gone.xlsx")
    blank = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(blank)
    with pytest.raises(DomainError, match="找不到登记表的表头"):
        read_register(blank)
    preview = read_register(_old_spreadsheet(tmp_path / "ok.xlsx", [GOOD]))
    with pytest.raises(PermissionDenied):
        import_register(sqlite_studio["front"], preview)
    import_register(sqlite_studio["manager"], preview)
    assert import_register(sqlite_studio["manager"], preview).already == 1  # the same preview twice
    assert Complaint.select().count() == 1
    preview = read_register(tmp_path / "ok.xlsx")  # re-read: the case is recognised
    assert preview.already == 1 and not preview.new_cases


@pytest.mark.slow
def test_a_register_of_100000_rows_is_read(sqlite_studio, tmp_path, frozen_now):
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("投诉登记表")
    ws.append(["案件编号", "受理时间", "顾客姓名", "联系电话", "投诉类别", "问题环节", "投诉内容"])
    for n in range(100_000):
        ws.append([f"KS-20260101-{n + 1:03d}", datetime(2026, 1, 1, 9, 0), f"顾客{n}", f"138{n:08d}", "修图质量",
                   "修图" if n % 1000 == 0 else "数码后期/修图", "修图不满意"])
    wb.save(path)
    start = time.perf_counter()
    preview = read_register(path)
    elapsed = time.perf_counter() - start
    assert len(preview.rows) == 100_000 and len(preview.warned_rows) == 0
    assert elapsed < 120
    assert not FollowUp.select().exists()
