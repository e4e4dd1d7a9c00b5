"""The printed register (打印版): the dozen columns a monthly meeting reads, made from a row of the
full register (:data:`REGISTER_COLUMNS`). The Excel register's 打印版 sheet and the PDF register
print the same columns from the same values.

The long texts are shortened to a few lines (内容摘要 is a summary): a meeting reads the register
on paper, the full texts stay in the 投诉登记表 sheet and on each case's sheet (投诉处理单).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from studio_desk.exports.register_columns import REGISTER_COLUMNS, Column

PRINT_SHEET = "打印版"
SUMMARY_CHARS = 60  # about three lines of the 内容摘要 column
REMEDY_CHARS = 40

PRINT_COLUMNS: tuple[Column, ...] = (
    Column("case_no", "编号", "text", 15.5),
    Column("received", "受理日期", "date", 11.5),
    Column("customer", "顾客", "text", 10),
    Column("where", "环节/类别", "long", 13),
    Column("severity", "严重程度", "text", 8),
    Column("summary", "内容摘要", "long", 36),
    Column("responsible", "责任部门/人", "long", 11),
    Column("remedy", "处理方案", "long", 26),
    Column("amount", "金额(元)", "money", 9.5),
    Column("stage", "阶段", "text", 6),
    Column("result", "结果", "long", 11),
)
_INDEX = {column.key: i for i, column in enumerate(REGISTER_COLUMNS)}


def shortened(text: str | None, limit: int) -> str | None:
    """At most ``limit`` characters of ``text`` on one line, an ellipsis marking a cut."""
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def joined(*parts: Any) -> str | None:
    """The parts that are there, one a line (环节/类别, 部门/责任人: names may hold a slash)."""
    return "\n".join(str(p) for p in parts if p) or None


def print_values(values: Sequence[Any]) -> list[Any]:
    """The :data:`PRINT_COLUMNS` values of a register row (values in :data:`REGISTER_COLUMNS` order)."""
    v = {key: values[i] for key, i in _INDEX.items()}
    received = v["received_at"]
    customer = v["customer_name"]
    if customer and v["vip"]:
        customer += "（VIP）"
    remedy = v["remedy_plan"]
    if v["remedy_type"]:
        remedy = f"{v['remedy_type']}：{remedy}" if remedy else v["remedy_type"]
    result = v["follow_up_result"]
    if result and v["satisfaction"]:
        result += f"（满意度 {v['satisfaction']}）"
    return [
        v["case_no"],
        received.date() if isinstance(received, datetime) else received,
        customer,
        joined(v["chain_step"], v["category"]),
        v["severity"],
        shortened(v["description"], SUMMARY_CHARS),
        joined(v["department"], v["responsible_staff"]),
        shortened(remedy, REMEDY_CHARS),
        v["compensation_total"] or None,
        v["stage"],
        result,
    ]
