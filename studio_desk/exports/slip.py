"""回执 — the acknowledgement slip handed to the customer at once: one small page (A6) with
the case number, what was recorded, when the studio will reply, who received it and the
studio's phone. The customer's phone is shown masked (the last four digits let them check it)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from studio_desk.exports.access import case_for_export, record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import PLAIN, RULE, Studio, StudioDoc, build, fmt_dt, make_styles, para, short
from studio_desk.models import User
from studio_desk.validation import mask_phone
from studio_desk.vocab import label

TITLE = "投诉受理回执"
SUMMARY_LIMIT = 60


def write_slip(user: User, case_ref: int | str, path: str | Path) -> Path:
    """Write the customer's acknowledgement slip for ``case_ref`` (PDF, A6, one page)."""
    case = case_for_export(user, case_ref)
    path = Path(path)
    studio = Studio.from_settings()
    s = make_styles(base=7.5)
    rows = [
        ("顾客", f"{short(case.customer.name, 20)}　{mask_phone(case.customer.phone)}".strip()),
        ("受理时间", fmt_dt(case.received_at)),
        ("投诉类别", case.category.name),
        ("问题环节", label("chain_step", case.chain_step)),
        ("登记内容", short(case.description, SUMMARY_LIMIT)),
        ("您的诉求", short(case.customer_wish, 40) or "—"),
        ("承诺答复", fmt_dt(case.promised_reply_at) or "—"),
        ("受理人", case.receiver.display_name),
    ]
    table = Table([[para(k, s.label), para(v, s.body)] for k, v in rows], colWidths=[16 * mm, None],
                  hAlign="LEFT")
    table.setStyle(PLAIN)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    story: list[Flowable] = [
        para(TITLE, s.title),
        para(f"案件编号：{case.case_no}", s.centre),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 2 * mm),
        para(f"我们将在承诺时间内答复您。如有疑问，请致电 {studio.phone or studio.name}，并告知案件编号。", s.small),
    ]
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title="回执", studio=studio, pagesize=A6, margin=7 * mm, header_height=12 * mm,
                        compact=True)
        build(doc, story)
        record_export(user, "slip", path, case)
    return path
