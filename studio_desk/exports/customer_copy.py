"""个人信息副本: every case of one customer in one PDF, for a customer who asks what the studio keeps
about them (PIPL art. 45). A cover page lists the personal data held, then each case follows as its
投诉处理单 (the case-sheet code), without the staff penalties, which are about employees."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from studio_desk import clock
from studio_desk.callcache import cached_per_call
from studio_desk.errors import NotFound
from studio_desk.exports.access import record_export
from studio_desk.exports.case_sheet import case_flowables
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import Studio, StudioDoc, build, fmt_dt, grid_table, make_styles, para
from studio_desk.exports.register_values import Lookups
from studio_desk.exports.sheet_data import load_sheet_data
from studio_desk.models import Complaint, Customer, User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress

TITLE = "个人信息副本"
INTERNAL_EVENTS = ("penalty",)  # about the studio's employees, not the customer


def _cover(customer: Customer, cases: list[Complaint], s, width: float) -> list[Flowable]:
    rows = [
        ["姓名", customer.name],
        ["电话", customer.phone or "—"],
        ["微信", customer.wechat or "—"],
        ["重要客户", "是" if customer.vip else "否"],
        ["首次登记", fmt_dt(customer.created_at)],
        ["投诉案件", "、".join(c.case_no for c in cases) or "无"],
    ]
    table = grid_table([[para(a, s.body), para(b, s.body)] for a, b in rows], [32 * mm, width - 32 * mm], labels=(0,))
    return [
        para(TITLE, s.title),
        para(f"本店保存的您的个人信息及投诉处理记录　　制作时间：{fmt_dt(clock.now())}", s.centre),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        para("以下为每件投诉的处理单。如需更正或删除个人信息，请联系店长。", s.body),
    ]


@cached_per_call  # settings (font, studio) read once
def write_customer_copy(user: User, customer_id: int, path: str | Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the copy of ``customer_id``'s data to ``path`` (店长+) and audit it, without its values."""
    require(user, "personal_data_copy")
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None or customer.erased_at is not None:
        raise NotFound("找不到这位顾客（或其个人信息已删除）。")
    cases = list(
        Complaint.select()
        .where((Complaint.customer == customer.id) & (Complaint.deleted == False))  # noqa: E712
        .order_by(Complaint.received_at, Complaint.id)
    )
    path = Path(path)
    s, look = make_styles(), Lookups.load()
    data = load_sheet_data([c.id for c in cases], user)
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title=TITLE, studio=Studio.from_settings())
        story = _cover(customer, cases, s, doc.width)
        for number, case in enumerate(cases):
            progress.update(number, len(cases), "正在生成个人信息副本…")
            sheet = data[case.id]
            sheet.events = [e for e in sheet.events if e.action not in INTERNAL_EVENTS]
            story += [PageBreak(), *case_flowables(case, user, s, doc.width, look, sheet)]
        build(doc, story)
        record_export(
            user,
            "personal_data_copy",
            path,
            None,
            description=f"顾客的 {len(cases)} 件投诉",
            case_ids=[c.id for c in cases],
            case_nos=[c.case_no for c in cases],
        )
    return path
