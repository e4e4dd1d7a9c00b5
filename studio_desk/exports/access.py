"""Who may export what, and the audit event every export leaves (导出记录)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studio_desk import audit
from studio_desk.db import write_transaction
from studio_desk.models import Complaint, User
from studio_desk.permissions import require
from studio_desk.services.common import load_case

# What each kind of export is called where its event is read (the case's timeline, the sheet's
# 处理记录): the document and its file type. The slip is handed to the customer, so it is 打印.
DOCUMENTS = {
    "case_sheet": "投诉处理单（PDF）",
    "slip": "顾客回执",
    "meeting": "会议资料（PDF）",
    "personal_data_copy": "个人信息副本（PDF）",
    "register": "登记表（Excel）",
    "register_pdf": "登记表（PDF）",
    "daily_summary": "每日工作小结（PDF）",
    "monthly_report": "客户投诉统计分析表（PDF）",
    "monthly_workbook": "客户投诉统计分析表（Excel）",
}
PRINTED = ("slip",)


def case_for_export(user: User, case_ref: int | str) -> Complaint:
    """The case to print, after checking the user may export at all."""
    require(user, "export")
    return load_case(case_ref)


def record_export(
    user: User,
    kind: str,
    path: Path,
    case: Complaint | None = None,
    *,
    description: str = "",
    case_ids: Sequence[int] = (),
    **details: Any,
) -> None:
    """The export's event, saying which document (``DOCUMENTS``) and, in ``description``, what of
    it (a range, a day). A document made of several cases (meeting pack, personal-data copy) also
    leaves the same event on each of ``case_ids``, so each case's timeline says it was printed."""
    said = {"kind": kind, "document": DOCUMENTS[kind], "description": description, "file": Path(path).name}
    with write_transaction():
        audit.record_on_cases("export", user, case_ids, **said)
        audit.record("export", user, case, **said, **details)
