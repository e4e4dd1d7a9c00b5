"""Each export on a case says in its timeline what was printed: 导出 投诉处理单（PDF）, 打印 顾客回执,
the meeting pack and the personal-data copy on every case in them, the register with its range
and file type. Events written before they named the document keep reading 导出."""

from __future__ import annotations

import re
from datetime import date

from studio_desk.exports.case_sheet import write_case_sheet
from studio_desk.exports.customer_copy import write_customer_copy
from studio_desk.exports.register_pdf import export_register_pdf
from studio_desk.exports.timeline import describe, event_title, timeline_entries
from studio_desk.models import AuditEvent
from studio_desk.services.lookup import case_events
from tests.core import exportkit
from tests.core.exportkit import pdf_pages


def exports(case_id: int | None) -> list[tuple[str, str]]:
    case = AuditEvent.case.is_null() if case_id is None else AuditEvent.case == case_id
    events = AuditEvent.select().where((AuditEvent.action == "export") & case).order_by(AuditEvent.id)
    return [(t.what, t.note) for t in timeline_entries(events, {})]


def test_an_old_export_event_keeps_reading_export():
    assert (
        event_title("export", {"kind": "case_sheet", "file": "a.pdf"}),
        describe("export", {"kind": "case_sheet", "file": "a.pdf"}),
    ) == ("导出", "投诉处理单")
    assert event_title("export", {}) == "导出" and event_title("approve", {"document": "x"}) == "批准"


def test_the_personal_data_copy_is_on_each_of_the_customers_cases(studio, category, frozen_now, tmp_path):
    first = exportkit.registered_case(studio, category())
    second = exportkit.registered_case(studio, category(), description="第二次来投诉：相册有划痕")
    write_customer_copy(studio["manager"], first.customer_id, tmp_path / "copy.pdf")
    for case in (first, second):
        assert exports(case.id) == [("导出 个人信息副本（PDF）", "顾客的 2 件投诉")]
    assert exports(None) == [("导出 个人信息副本（PDF）", "顾客的 2 件投诉")]  # the export's own event


def test_the_case_sheet_prints_its_earlier_prints_by_name(sqlite_studio, category, frozen_now, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category())
    write_case_sheet(sqlite_studio["front"], case.id, tmp_path / "first.pdf")
    events = case_events(sqlite_studio["manager"], case.id)
    assert (events[0].action, event_title(events[0].action, events[0].details)) == ("export", "导出 投诉处理单（PDF）")
    text = re.sub(
        r"\s+", "", "".join(pdf_pages(write_case_sheet(sqlite_studio["front"], case.id, tmp_path / "second.pdf")))
    )
    assert "导出投诉处理单（PDF）" in text[text.index("七、处理记录") :]


def test_the_register_says_its_range_and_file_type(sqlite_studio, category, frozen_now, tmp_path):
    exportkit.registered_case(sqlite_studio, category())
    export_register_pdf(
        sqlite_studio["manager"], tmp_path / "r.pdf", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
    )
    assert exports(None) == [("导出 登记表（PDF）", "2026-11-01 至 2026-11-30，共 1 件")]
