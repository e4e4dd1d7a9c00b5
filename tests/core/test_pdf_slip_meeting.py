"""The customer's slip (回执) and the meeting pack (会议资料)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from studio_desk import clock
from studio_desk.exports.meeting import write_meeting_pack
from studio_desk.exports.slip import write_slip
from studio_desk.models import AuditEvent
from studio_desk.progress import Cancelled
from tests.core import exportkit
from tests.core.exportkit import PHONE, T0, cancelling_progress, ink_variance, pdf_pages, rendered_pages


def _flat(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


def test_slip_is_one_small_page_with_what_the_customer_needs(sqlite_studio, category, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category())
    out = write_slip(sqlite_studio["front"], case.case_no, tmp_path / "slip.pdf")
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = _flat(pages)
    for item in ("花嫁摄影工作室", "投诉受理回执", case.case_no, "2026-11-2308:00", "修图质量", "婚纱照修图过度",
                 "承诺答复", "2026-11-26", "李前台", "021-62345678", "138****5678"):
        assert item in text
    assert PHONE not in text
    from pypdf import PdfReader

    width, height = PdfReader(str(out)).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (298, 420)  # A6
    assert ink_variance(rendered_pages(out, tmp_path / "png")[0]) > 50
    assert AuditEvent.select().where((AuditEvent.action == "export") & (AuditEvent.case == case.id)).get().details[
        "kind"] == "slip"


def test_slip_stays_one_page_with_the_longest_inputs(sqlite_studio, category, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category(), customer_name="欧阳" * 50, description="长" * 5000,
                                     customer_wish="要😡" * 2500, order_no="X" * 40, channel_detail="Y" * 100)
    assert len(pdf_pages(write_slip(sqlite_studio["front"], case.id, tmp_path / "s.pdf"))) == 1


def _cases_for_meeting(people, category_id):
    closed = exportkit.closed_case(people, category_id)
    with clock.frozen(T0):
        overdue = exportkit.registered_case(people, category_id, customer_name="王先生", phone="13900000001",
                                            received_at=T0 - timedelta(days=3))
    other = exportkit.registered_case(people, category_id, customer_name="刘女士", phone="13900000002")
    return closed, overdue, other


def test_meeting_pack_of_one_day_has_a_cover_then_each_case_sheet(sqlite_studio, category, tmp_path):
    closed, overdue, other = _cases_for_meeting(sqlite_studio, category())
    with clock.frozen(T0 + timedelta(hours=8)):
        out = write_meeting_pack(sqlite_studio["manager"], tmp_path / "day.pdf", day=date(2026, 11, 23))
    pages = pdf_pages(out)
    cover = _flat(pages[:1])
    assert "每日工作小结" in cover and "2026-11-23" in cover and "共2件" in cover
    assert closed.case_no in cover and other.case_no in cover and overdue.case_no not in cover
    sheets = [p for p in pages if "受理登记" in p]
    assert len(sheets) == 2
    starts = [i for i, p in enumerate(pages) if "顾客投诉处理单" in p.splitlines()[-1] or "打印时间" in p]
    assert starts[0] == 1  # the first case sheet starts on page 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页/共{len(pages)}页" in _flat([page])
    assert all(ink_variance(p) > 50 for p in rendered_pages(out, tmp_path / "png"))
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).get()
    assert event.details["kind"] == "meeting" and event.details["cases"] == 2


def test_meeting_pack_of_open_cases_lists_the_overdue_first(sqlite_studio, category, tmp_path):
    closed, overdue, other = _cases_for_meeting(sqlite_studio, category())
    with clock.frozen(T0 + timedelta(days=1)):
        out = write_meeting_pack(sqlite_studio["manager"], tmp_path / "open.pdf", open_only=True)
    cover = _flat(pdf_pages(out)[:1])
    assert "未结案件汇总" in cover and closed.case_no not in cover
    assert cover.index(overdue.case_no) < cover.index(other.case_no)
    assert "已超时" in cover


def test_empty_day_gives_only_a_cover_and_cancel_leaves_nothing(sqlite_studio, category, tmp_path):
    out = write_meeting_pack(sqlite_studio["front"], tmp_path / "empty.pdf", day=date(2026, 1, 1))
    pages = pdf_pages(out)
    assert len(pages) == 1 and "没有符合条件的投诉" in _flat(pages)
    exportkit.registered_case(sqlite_studio, category())
    with clock.frozen(datetime(2026, 11, 23, 18, 0)), pytest.raises(Cancelled):
        write_meeting_pack(sqlite_studio["front"], tmp_path / "c.pdf", progress=cancelling_progress(after=1))
    assert not (tmp_path / "c.pdf").exists() and not list(tmp_path.glob(".*.part"))
