"""Importing the registers studios really keep (issue 13): the register of the issue in every
format, a sheet per month, re-import, the value mapping and its memory, history cases, and
files that must be refused quickly in one Chinese sentence."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from studio_desk.errors import DomainError
from studio_desk.exports.register_import import import_register, read_register
from studio_desk.models import Category, Complaint, Note
from studio_desk.progress import Cancelled, Progress
from studio_desk.services.lookup import case_events
from tests.core import importkit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registers(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("registers")
    xlsx = importkit.old_register_xlsx(folder / "投诉登记表2026.xlsx")
    return {
        "xlsx": xlsx,
        "xls": importkit.converted(xlsx, "xls"),
        "ods": importkit.converted(xlsx, "ods"),
        "csv": importkit.gbk_csv(folder / "投诉登记表2026.csv"),
        "monthly": importkit.monthly_register_xlsx(folder / "2026年投诉登记.xlsx"),
    }


def _imported() -> list[tuple]:
    cases = Complaint.select().order_by(Complaint.received_at, Complaint.id)
    return [
        (c.channel, c.channel_detail, c.chain_step, c.category.name, c.stage, str(c.compensation_total)) for c in cases
    ]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods", "csv", "monthly"])
def test_the_register_of_the_issue_imports_nine_of_nine(kind, registers, sqlite_studio, frozen_now):
    preview = read_register(registers[kind])
    assert preview.history and len(preview.rows) == 9
    assert all(r.ok for r in preview.rows)
    result = import_register(sqlite_studio["manager"], preview)
    assert (result.imported, result.history, result.already) == (9, 9, 0)
    assert _imported() == [tuple(e) for e in importkit.EXPECTED]
    assert all(c.history_import for c in Complaint.select())
    phones = sorted(c.customer.phone for c in Complaint.select())
    assert phones[0] == "13812340003" and "13912345679" in phones  # "139 1234 5679" and numbers
    if kind != "csv":
        skipped = {(sheet, why.split("（")[0].split("，")[0]) for sheet, _row, why in preview.skipped}
        assert ("3月", "合计/小计行") in skipped and ("3月", "表头上方的标题或说明行") in skipped
    notes = [n.text for n in Note.select()]
    assert any("备注：点评已删差评" in n for n in notes) and any("受理人：小张" in n for n in notes)
    # the case view's timeline (its audit events) shows the kept text, as for a note added at the desk
    noted = Note.select().where(Note.text.contains("备注：点评已删差评")).get()
    timeline = [e.details.get("text", "") for e in case_events(sqlite_studio["manager"], noted.case_id)]
    assert noted.text in timeline


def test_a_sheet_per_month_takes_the_year_from_the_title(registers, sqlite_studio, frozen_now):
    preview = read_register(registers["monthly"])
    assert preview.sheets == ["3月", "4月"]  # 说明 has no header
    by_place = {(r.sheet, r.row_no): r for r in preview.rows}
    assert by_place[("4月", 4)].values["received_at"].isoformat() == "2026-04-02T00:00:00"  # "4月2日"
    assert by_place[("4月", 5)].values["received_at"].isoformat() == "2026-04-09T00:00:00"  # "4.9"
    undated = by_place[("4月", 7)]
    assert undated.values["received_at"] == by_place[("4月", 6)].values["received_at"]
    assert "受理时间未填，按上一行的日期记" in undated.describe() and undated.describe().startswith("4月 第 7 行")
    assert "。；" not in undated.describe() and undated.describe().endswith("。")  # two notes, one sentence


def test_importing_the_same_file_again_creates_nothing_and_says_so(registers, sqlite_studio, frozen_now):
    import_register(sqlite_studio["manager"], read_register(registers["xlsx"]))
    again = read_register(registers["xls"])
    assert again.already == 9 and not again.new_cases
    result = import_register(sqlite_studio["manager"], again)
    assert (result.imported, result.already) == (0, 9)
    assert Complaint.select().count() == 9


def test_the_value_mapping_can_be_changed_creates_a_category_and_is_remembered(registers, sqlite_studio, frozen_now):
    preview = read_register(registers["xlsx"])
    by_word = {(p.field, p.word): p for p in preview.proposals}
    assert by_word[("channel", "大众点评")].value == "online" and by_word[("channel", "大众点评")].count == 1
    assert by_word[("category", "选片")].value == "其他" and by_word[("category", "选片")].how == "none"
    assert by_word[("chain_step", "外景拍摄")].value == "shoot_outdoor"
    preview = read_register(registers["xlsx"], values={"category": {"选片": "new:选片推销"}})
    import_register(sqlite_studio["manager"], preview)
    case = Complaint.get(Complaint.description == "选片时被强行推销加片")
    assert case.category.name == "选片推销" and Category.get(Category.name == "选片推销").active
    again = read_register(registers["csv"])  # the studio's choice is proposed at its next import
    assert {(p.field, p.word): p for p in again.proposals}[("category", "选片")].how == "remembered"


def test_history_cases_invent_nothing(registers, sqlite_studio, frozen_now):
    import_register(sqlite_studio["manager"], read_register(registers["xlsx"]))
    closed = Complaint.get(Complaint.description.startswith("前台接待态度冷淡"))
    assert closed.stage == "closed" and closed.closed_at is None and closed.validity == "" and closed.cause == ""
    assert closed.remedy_plan == "店长当面道歉"  # 处理结果 kept
    open_case = Complaint.get(Complaint.description.startswith("精修照片"))
    assert open_case.stage == "remedy" and open_case.department is None  # 处理中 with a result: 方案


def test_a_cancelled_import_leaves_nothing(registers, sqlite_studio, frozen_now):
    preview = read_register(registers["xlsx"])
    steps = []

    def cancelled() -> bool:
        steps.append(1)
        return len(steps) >= 2  # the first report inside the transaction

    with pytest.raises(Cancelled):
        import_register(sqlite_studio["manager"], preview, progress=Progress(cancelled=cancelled))
    assert Complaint.select().count() == 0 and Note.select().count() == 0


def _bomb(path: Path, rows: int) -> Path:
    """An xlsx whose sheet is ``rows`` empty rows: a few MB that inflate to many more."""
    importkit.old_register_xlsx(path.with_suffix(".base.xlsx"))
    with (
        zipfile.ZipFile(path.with_suffix(".base.xlsx")) as base,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in base.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, base.read(info.filename))
                continue
            with out.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for start in range(1, rows, 100_000):
                    sheet.write("".join(f'<row r="{n}"/>' for n in range(start, start + 100_000)).encode())
                sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_crafted_file_of_millions_of_empty_rows_is_refused_quickly(tmp_path):
    bomb = _bomb(tmp_path / "bomb.xlsx", 2_000_000)
    code = (
        "import re, sys, time\nfrom studio_desk.exports.register_read import read_file\n"
        "from studio_desk.errors import DomainError\nstart = time.perf_counter()\n"
        "try:\n    read_file(sys.argv[1])\nexcept DomainError as exc:\n    print(exc.message)\n"
        # VmHWM, not ru_maxrss: Linux carries the high-water mark of a forked parent (pytest, hundreds
        # of MB late in a run) across exec into ru_maxrss, but VmHWM belongs to this process's own memory.
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]\n"
        "print(time.perf_counter() - start, int(hwm) // 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bomb)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    seconds, megabytes = out[-1].split()
    assert "超过 200,000 行" in out[0] and "没有导入任何数据" in out[0]
    assert float(seconds) < 3 and int(megabytes) < 200


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "是PDF 文件，不是登记表"),
        ("register.xlsx", b"%PDF-1.4\n", "是PDF 文件"),
        ("photo.xls", b"\x89PNG\r\n\x1a\n0000", "是图片"),
        ("broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "无法读取"),
        ("truncated.xlsx", b"PK\x03\x04\x14\x00\x00\x00", "已损坏"),
        ("登记表", "日期,姓名\n".encode("utf-16"), "不是登记表"),
        ("empty.csv", b"", "找不到登记表的表头"),
    ],
)
def test_files_that_are_not_registers_get_one_chinese_line(tmp_path, sqlite_studio, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DomainError) as refusal:
        read_register(path)
    assert expected in refusal.value.message and "\n" not in refusal.value.message


def _cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, check=check)


def test_the_command_line_imports_with_no_option_but_db(registers, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    _cli("demo", "--db", db, "--cases", "0", check=True)
    dry = _cli("import", "register", str(registers["xlsx"]), "--db", db, "--dry-run")
    assert dry.returncode == 0 and "检查完毕（未导入）：9 个可导入，0 个已在系统中。" in dry.stdout
    printed = [line.strip() for line in dry.stdout.splitlines() if "=" in line and "×" in line]
    (tmp_path / "printed.txt").write_text("\n".join(printed), encoding="utf-8")  # what it prints, it takes back
    assert (
        _cli(
            "import",
            "register",
            str(registers["xlsx"]),
            "--db",
            db,
            "--map-file",
            str(tmp_path / "printed.txt"),
            "--dry-run",
        ).returncode
        == 0
    )
    run = _cli("import", "register", str(registers["xls"]), "--db", db)
    assert run.returncode == 0, run.stderr
    assert "已导入 9 个案件（其中 9 个为历史导入）" in run.stdout and "投诉渠道:大众点评=网络/在线" in run.stdout
    assert run.stderr == ""  # a short import prints no progress
    mapping = tmp_path / "对应.txt"
    mapping.write_text("投诉类别:选片=新建\n", encoding="utf-8")
    again = _cli("import", "register", str(registers["csv"]), "--db", db, "--map-file", str(mapping))
    assert again.returncode == 0 and "9 个已在系统中" in again.stdout
    wrong = _cli("import", "register", str(registers["csv"]), "--db", db, "--map", "投诉渠道:到店=火星")
    assert wrong.returncode == 1 and wrong.stderr.startswith("错误") and len(wrong.stderr.splitlines()) == 1
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    refused = _cli("import", "register", str(pdf), "--db", db)
    assert refused.returncode == 1 and refused.stderr.startswith("错误") and len(refused.stderr.splitlines()) == 1


def test_a_long_import_shows_its_progress_on_the_command_line(registers, sqlite_studio, frozen_now, capsys):
    from studio_desk.cli.importer import progress_printer

    progress = progress_printer(quiet_for=0)
    import_register(sqlite_studio["manager"], read_register(registers["xlsx"], progress=progress), progress=progress)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "正在读取文件… 0%" and "正在写入数据库… 100%" in lines


def test_amounts_as_written(registers, sqlite_studio, frozen_now):
    preview = read_register(registers["xlsx"])
    amounts = [r.values.get("compensation_total") for r in preview.rows]
    assert amounts[2] == Decimal("200.00") and amounts[3] == Decimal("300.00")


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every sheet below its title row; times to the second (Excel keeps milliseconds, and the
    two readers round the last one differently)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [
            tuple(v.replace(microsecond=0) if hasattr(v, "microsecond") else v for v in row)
            for row in list(ws.iter_rows(values_only=True))[1:]
        ]
        for ws in wb
    }


def test_the_demo_register_exported_with_full_phones_imports_back_the_same(tmp_path):
    """Issue 20: row 241 of the demo's register was refused (需要审批): a case made 重大 by staying
    open too long after a remedy that needed no approval then."""
    demo, empty = str(tmp_path / "demo.sqlite3"), str(tmp_path / "new.sqlite3")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    _cli("demo", "--db", demo, "--cases", "1000", check=True)  # holds cases made 重大 while 实施 (row 241 of 300)
    _cli("demo", "--db", empty, "--cases", "0", check=True)
    _cli("export", "register", "--db", demo, "--full-phone", "-o", str(first), check=True)
    out = _cli("import", "register", str(first), "--db", empty, check=True).stdout
    assert "已导入 1000 个案件，" in out and "历史导入" not in out
    _cli("export", "register", "--db", empty, "--full-phone", "-o", str(second), check=True)
    assert _rows(first) == _rows(second)


def test_a_history_case_says_so_on_its_case_sheet_and_its_notes_are_printed(
    registers, sqlite_studio, frozen_now, tmp_path
):
    from studio_desk.exports.case_sheet import write_case_sheet
    from tests.core.exportkit import pdf_pages

    import_register(sqlite_studio["manager"], read_register(registers["xlsx"]))
    case = Complaint.get(Complaint.description.startswith("外景拍摄时间太短"))
    text = "".join(pdf_pages(write_case_sheet(sqlite_studio["manager"], case.id, tmp_path / "sheet.pdf")))
    assert "历史导入" in text and "点评已删差评" in text


def test_an_import_waiting_too_long_for_the_other_desk_says_the_database_is_busy(
    registers, sqlite_studio, frozen_now, tmp_path
):
    import sqlite3

    from studio_desk.db import current_database

    preview = read_register(registers["xlsx"])
    current_database().execute_sql("PRAGMA busy_timeout = 300")  # the desk waits 15 s; the test need not
    other = sqlite3.connect(current_database().database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other desk is saving
    try:
        with pytest.raises(DomainError) as refusal:
            import_register(sqlite_studio["manager"], preview)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert refusal.value.message.startswith("数据库正忙") and "没有导入任何数据" in refusal.value.message
    assert Complaint.select().count() == 0
    assert import_register(sqlite_studio["manager"], preview).imported == 9  # once the other desk is done


def test_the_import_on_each_database(registers, studio, frozen_now):
    """The bulk write (one INSERT … RETURNING per chunk) on SQLite and PostgreSQL alike."""
    result = import_register(studio["manager"], read_register(registers["monthly"]))
    assert (result.imported, result.history) == (9, 9)
    assert sorted(_imported()) == sorted(tuple(e) for e in importkit.EXPECTED)
    assert import_register(studio["manager"], read_register(registers["xlsx"])).already == 5  # 3月 is the same


def test_a_formula_cell_is_read_as_shown_stored_as_text_and_never_runs_in_our_export(
    sqlite_studio, frozen_now, tmp_path
):
    import openpyxl

    from studio_desk.exports.register_xlsx import export_register

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(importkit.HEADERS)
    row = [1, *importkit.ROWS[0]]
    ws.append(row)
    ws["I2"] = '="=1+1 "&"照片模糊"'  # 投诉内容 computed by Excel, shown as a formula would be typed
    ws["O2"] = '="=HYPERLINK(""http://x"")"'  # a formula whose shown value is itself a formula
    wb.save(tmp_path / "formulas.xlsx")
    register = importkit.converted(tmp_path / "formulas.xlsx", "xls")  # saved by an office suite: values cached
    import_register(sqlite_studio["manager"], read_register(register))
    case = Complaint.get()
    assert case.description == "=1+1 照片模糊"
    assert '备注：=HYPERLINK("http://x")' in Note.get().text
    out = export_register(sqlite_studio["manager"], tmp_path / "out.xlsx", include_full_phone=True)
    cells = [c for r in openpyxl.load_workbook(out)["投诉登记表"].iter_rows() for c in r]
    assert all(c.data_type != "f" for c in cells) and "=1+1 照片模糊" in [c.value for c in cells]


def test_a_crafted_ods_of_billions_of_cells_is_refused_before_it_is_read(registers, tmp_path):
    """One cell with a value, repeated over 16,384 columns and a million rows (26 KB on disk)."""
    from studio_desk.exports.register_read import read_file

    crafted = tmp_path / "crafted.ods"
    with zipfile.ZipFile(registers["ods"]) as source, zipfile.ZipFile(crafted, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                end = data.index(b"</table:table>")
                row = (
                    b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
                    b'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
                    b"</table:table-cell></table:table-row>"
                )
                data = data[:end] + row + data[end:]
            out.writestr(info, data)
    with pytest.raises(DomainError, match="个单元格，超出导入上限"):
        read_file(crafted)
    assert len(read_file(registers["ods"]).sheets[0].rows) == 9  # LibreOffice's own repeats are no cells


def test_an_open_history_case_asks_for_its_missing_facts_at_its_next_move(registers, sqlite_studio, frozen_now):
    from studio_desk.errors import TransitionRefused
    from studio_desk.services import actions
    from studio_desk.services.cases import move_case

    import_register(sqlite_studio["manager"], read_register(registers["xlsx"]))
    manager = sqlite_studio["manager"]
    registered = Complaint.get(Complaint.description == "选片时被强行推销加片")
    assert actions.start_investigation(manager, registered.id, registered.version).stage == "investigating"
    remedy = Complaint.get(Complaint.description.startswith("精修照片"))  # 处理中 with a result: 方案
    with pytest.raises(TransitionRefused) as refusal:
        move_case(manager, remedy.id, "implementing", remedy.version, {})
    assert "remedy_type" in refusal.value.missing
    done = actions.propose_remedy(manager, remedy.id, remedy.version, remedy_type="reretouch", remedy_plan="已安排重修")
    assert done.stage == "implementing" and done.history_import


def test_history_cases_round_trip_through_our_register(registers, tmp_path):
    """old register → import → export → import into an empty database → export: the same register."""
    first_db, second_db = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    for db in (first_db, second_db):
        _cli("demo", "--db", db, "--cases", "0", check=True)
    _cli("import", "register", str(registers["monthly"]), "--db", first_db, check=True)
    _cli("export", "register", "--db", first_db, "--full-phone", "-o", str(first), check=True)
    out = _cli("import", "register", str(first), "--db", second_db, check=True).stdout
    assert "已导入 9 个案件（其中 9 个为历史导入）" in out  # a closed case without its facts stays history
    _cli("export", "register", "--db", second_db, "--full-phone", "-o", str(second), check=True)
    assert _rows(first)["投诉登记表"][1:] == _rows(second)["投诉登记表"][1:]


def test_an_xlsx_with_one_far_cell_is_refused_before_the_reader_lays_it_out(tmp_path):
    """A1 and IV65536: 6 KB that the reader would lay out as 16.7 million cells (1 GB)."""
    import openpyxl

    from studio_desk.exports.register_read import read_file

    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["IV65536"] = "投诉日期", "x"
    wb.save(tmp_path / "far.xlsx")
    with pytest.raises(DomainError, match="16,777,216 个单元格，超出导入上限"):
        read_file(tmp_path / "far.xlsx")


def test_an_xls_with_one_far_cell_is_refused_before_the_reader_lays_it_out(registers, tmp_path):
    import openpyxl

    from studio_desk.exports.register_read import read_file
    from studio_desk.importing.xls_limits import sheet_areas

    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["IV65536"] = "投诉日期", "x"
    wb.save(tmp_path / "far.xlsx")
    far = importkit.converted(tmp_path / "far.xlsx", "xls")
    assert sheet_areas(far.read_bytes()) == [65536 * 256]
    with pytest.raises(DomainError, match="16,777,216 个单元格，超出导入上限"):
        read_file(far)
    assert sheet_areas(registers["xls"].read_bytes()) == [15 * 15]  # the register: 15 rows, 15 columns
    assert sheet_areas(b"\xd0\xcf\x11\xe0" + b"\x00" * 600) == []  # not followable: the reader decides
