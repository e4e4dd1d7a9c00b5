"""The case sheet (投诉处理单): every field readable in the PDF, Chinese intact, pages not blank,
long text flowing onto further pages with the header and page numbers on each."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from studio_desk.errors import NotFound, PermissionDenied
from studio_desk.exports.case_sheet import SIGNATURES, write_case_sheet
from studio_desk.exports.fonts import fallback_font_for, register_pdf_font
from studio_desk.models import Attachment, AuditEvent
from studio_desk.progress import Cancelled
from studio_desk.services import users
from tests.core import exportkit
from tests.core.exportkit import PHONE, cancelling_progress, ink_variance, pdf_pages, rendered_pages


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "样片.jpg"
    Image.new("RGB", (900, 600), (190, 110, 80)).save(path)
    return path


def _flat(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


def test_case_sheet_has_every_part_of_a_closed_case(sqlite_studio, category, photo, tmp_path):
    case = exportkit.closed_case(sqlite_studio, category(), photo=photo)
    out = write_case_sheet(sqlite_studio["manager"], case.case_no, tmp_path / "sheet.pdf")
    text = _flat(pdf_pages(out))
    expected = [
        "顾客投诉处理单", "花嫁摄影工作室", "上海市静安区南京西路1号", "021-62345678", case.case_no,
        "张小姐", "138****5678", "DD-2026-0815", "已选片", "数码后期/修图", "修图质量", "不满", "门店当面", "李前台",
        "婚纱照修图过度，脸型被修得不像本人", "希望重新修图，并加送两张放大照片。", "顾客带来样片3张",
        "有效", "短期内可解决", "修图师未按顾客选片时的要求处理，液化过度。", "周修图", "重新修图",
        "由资深修图师重新修图", "300.00元", "500.50元", "800.50元", "已批准", "陈经理", "同意，注意交付时间。",
        "顾客已签字确认新修图片。", "顾客很满意新的照片。", "满意", "结案",
        "顾客表示以后还会来拍全家福。", "登记投诉", "阶段变更", "批准", "回访", "样片.jpg",
        *[name + "：" for name in SIGNATURES], "日期：",
    ]
    missing = [item for item in expected if item not in text]
    assert not missing
    assert PHONE not in text  # the case sheet never shows the full number
    pages = rendered_pages(out, tmp_path / "png")
    assert pages and all(ink_variance(p) > 50 for p in pages)


def test_case_sheet_is_audited(sqlite_studio, category, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category())
    write_case_sheet(sqlite_studio["front"], case.id, tmp_path / "a.pdf")
    event = AuditEvent.select().where((AuditEvent.action == "export") & (AuditEvent.case == case.id)).get()
    assert event.user_id == sqlite_studio["front"].id
    assert event.details == {"kind": "case_sheet", "document": "投诉处理单（PDF）", "description": "", "file": "a.pdf"}


def test_long_text_flows_onto_numbered_pages_with_the_header_repeated(sqlite_studio, category, tmp_path):
    long = ("顾客说当天化妆师迟到了一个小时，造型也与样片不一致，" * 200)[:5000]
    case = exportkit.registered_case(sqlite_studio, category(), description=long, customer_wish=long,
                                     evidence_note=long)
    out = write_case_sheet(sqlite_studio["manager"], case.case_no, tmp_path / "long.pdf")
    pages = pdf_pages(out)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert "花嫁摄影工作室" in flat and "顾客投诉处理单" in flat and case.case_no in flat
        assert f"第{number}页/共{len(pages)}页" in flat
    assert _flat(pages).count("化妆师迟到了一个小时") >= 3 * 5000 // 26 - 3  # all of it, none cut off
    assert all(ink_variance(p) > 50 for p in rendered_pages(out, tmp_path / "png"))


def test_emoji_rare_cjk_and_control_characters_are_drawn_not_boxed(sqlite_studio, category, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category(), customer_name="𠀀小姐",
                                     description="气死了😡😡 照片<b>&amp;</b>\n第二行 鑫囍龘")
    out = write_case_sheet(sqlite_studio["manager"], case.id, tmp_path / "x.pdf")
    text = _flat(pdf_pages(out))
    register_pdf_font()
    for ch in "𠀀😡":
        assert (ch in text) if fallback_font_for(ch) else (f"[U+{ord(ch):04X}]" in text)
    assert "照片<b>&amp;</b>" in text and "第二行鑫囍龘" in text


def test_missing_and_damaged_photos_become_notes(sqlite_studio, category, photo, tmp_path):
    from studio_desk.attachments import attach_file, attachment_path

    case = exportkit.registered_case(sqlite_studio, category())
    gone = attach_file(sqlite_studio["front"], case.id, photo)
    attachment_path(gone).unlink()
    broken = tmp_path / "坏图.png"
    broken.write_bytes(b"\x89PNG not really")
    attach_file(sqlite_studio["front"], case.id, broken)
    scan = tmp_path / "订单.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    attach_file(sqlite_studio["front"], case.id, scan)
    assert Attachment.select().count() == 3
    text = _flat(pdf_pages(write_case_sheet(sqlite_studio["manager"], case.id, tmp_path / "p.pdf")))
    assert "附件文件缺失：样片.jpg" in text
    assert "附件图片无法显示（文件可能已损坏）：坏图.png" in text
    assert "附件（非图片）：订单.pdf" in text


def test_refusals_and_cancel_leave_no_file(sqlite_studio, category, tmp_path):
    case = exportkit.registered_case(sqlite_studio, category())
    manager = sqlite_studio["manager"]
    with pytest.raises(NotFound):
        write_case_sheet(manager, "KS-20990101-001", tmp_path / "none.pdf")
    users.update_user(manager, sqlite_studio["front"].id, {"active": False})
    front = users.User.get_by_id(sqlite_studio["front"].id)
    with pytest.raises(PermissionDenied):
        write_case_sheet(front, case.id, tmp_path / "denied.pdf")
    with pytest.raises(Cancelled):
        write_case_sheet(manager, case.id, tmp_path / "cancel.pdf", progress=cancelling_progress(after=1))
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*")) == []


def test_penalties_appear_only_on_a_managers_sheet(sqlite_studio, category, tmp_path):
    """PROCESS.md: only the manager records and sees staff penalties — on paper too."""
    from studio_desk.models import Staff
    from studio_desk.services import actions

    case = exportkit.closed_case(sqlite_studio, category())
    staff = Staff.get(Staff.name == "周修图")
    actions.record_penalty(sqlite_studio["manager"], case.id, staff_id=staff.id, points=5, reason="修图失误扣分")
    write_case_sheet(sqlite_studio["manager"], case.id, tmp_path / "manager.pdf")
    write_case_sheet(sqlite_studio["front"], case.id, tmp_path / "front.pdf")
    assert "修图失误扣分" in _flat(pdf_pages(tmp_path / "manager.pdf"))
    assert "修图失误扣分" not in _flat(pdf_pages(tmp_path / "front.pdf"))
