"""The columns of the studio's register (顾客投诉登记表), defined once.

The Excel export writes them, the import reads them back (also under the header names an
older spreadsheet may use), and the case sheet prints the same fields — so the three can
never drift apart. ``kind`` says how a value is written and parsed; ``vocab`` names the
:mod:`studio_desk.vocab` list of a choice column.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # text | long | datetime | int | money | bool | choice | phone | list
    width: float = 12
    vocab: str = ""
    aliases: tuple[str, ...] = ()
    section: str = "intake"  # intake | assessment | remedy | approval | result | status


def _c(key: str, header: str, kind: str = "text", width: float = 12, vocab: str = "",
       aliases: tuple[str, ...] = (), section: str = "intake") -> Column:
    return Column(key, header, kind, width, vocab, aliases, section)


REGISTER_COLUMNS: tuple[Column, ...] = (
    _c("case_no", "案件编号", width=17, aliases=("编号", "投诉编号", "登记编号")),
    _c("received_at", "受理时间", "datetime", 16,
       aliases=("投诉时间", "日期", "投诉日期", "登记日期", "受理日期", "时间")),
    _c("channel", "投诉渠道", "choice", 11, "channel", ("渠道", "投诉方式", "来源")),
    _c("channel_detail", "渠道说明", width=14, aliases=("渠道备注", "平台")),
    _c("receiver", "受理人", width=9, aliases=("接待人", "登记人", "首问责任人", "接待")),
    _c("customer_name", "顾客姓名", width=10, aliases=("姓名", "客户姓名", "顾客", "客户", "投诉人")),
    _c("phone", "联系电话", "phone", 14, aliases=("电话", "手机", "手机号", "联系方式", "客户电话")),
    _c("wechat", "微信", width=12, aliases=("微信号",)),
    _c("vip", "VIP 顾客", "bool", 8, aliases=("VIP", "重要客户", "贵宾")),
    _c("order_no", "订单号", width=14, aliases=("订单编号", "合同号", "单据号")),
    _c("order_stage", "订单阶段", "choice", 9, "order_stage", ("订单状态",)),
    _c("chain_step", "问题环节", "choice", 13, "chain_step", ("环节", "服务环节", "发生环节")),
    _c("category", "投诉类别", width=12, aliases=("类别", "投诉类型", "类型", "问题类型")),
    _c("description", "投诉内容", "long", 40, aliases=("申诉原因", "投诉原因", "投诉事由", "内容", "问题描述", "事由")),
    _c("customer_wish", "顾客诉求", "long", 24, aliases=("希望如何处理", "顾客要求", "客户诉求", "诉求")),
    _c("mood", "顾客情绪", "choice", 9, "mood", ("情绪",)),
    _c("evidence_note", "证据说明", "long", 20, aliases=("证据", "凭证")),
    _c("group_size", "投诉人数", "int", 8, aliases=("人数",)),
    _c("safety_issue", "涉及安全/受伤", "bool", 9),
    _c("media_exposure", "媒体曝光/网上发帖", "bool", 10),
    _c("authority_involved", "消协/12315/律师介入", "bool", 11),
    _c("needs_outside_help", "需外部协助", "bool", 9),
    _c("beyond_terms", "超出合同约定", "bool", 9),
    _c("promised_reply_at", "承诺答复时间", "datetime", 16, aliases=("答复时间", "承诺时间")),
    _c("severity", "严重程度", "choice", 9, "severity", ("级别", "投诉级别", "等级"), "status"),
    _c("severity_reasons", "严重程度依据", "list", 24, section="status"),
    _c("is_repeat", "二次投诉", "bool", 8, section="status"),
    _c("previous_case", "原案件编号", width=17, section="status"),
    _c("stage", "处理阶段", "choice", 9, "stage", ("状态", "处理状态", "阶段"), "status"),
    _c("validity", "有效性", "choice", 9, "validity", ("是否有效",), "assessment"),
    _c("solvability", "可解决程度", "choice", 13, "solvability", section="assessment"),
    _c("cause", "原因分析", "long", 30, aliases=("原因", "调查结果"), section="assessment"),
    _c("invalid_explanation", "向顾客的解释", "long", 24, section="assessment"),
    _c("assessed_at", "评估时间", "datetime", 16, section="assessment"),
    _c("assessed_by", "评估人", width=9, section="assessment"),
    _c("department", "责任部门", width=10, aliases=("部门",), section="assessment"),
    _c("responsible_staff", "责任人", width=9, aliases=("责任员工",), section="assessment"),
    _c("remedy_type", "处理方式", "choice", 10, "remedy_type", ("处理办法",), "remedy"),
    _c("remedy_plan", "处理方案", "long", 30, aliases=("处理意见", "处理结果", "处理措施"), section="remedy"),
    _c("compensation_total", "补偿金额(元)", "money", 11, aliases=("补偿金额", "赔偿金额", "金额"), section="remedy"),
    _c("approval_state", "审批状态", "choice", 9, "approval", section="approval"),
    _c("approved_by", "审批人", width=9, section="approval"),
    _c("approved_at", "审批时间", "datetime", 16, section="approval"),
    _c("approval_note", "审批意见", "long", 20, section="approval"),
    _c("implemented_at", "实施时间", "datetime", 16, section="result"),
    _c("customer_accepted", "顾客已确认", "bool", 9, section="result"),
    _c("acceptance_note", "顾客确认说明", "long", 20, section="result"),
    _c("follow_up_result", "回访结果", "choice", 10, "follow_up_result", section="result"),
    _c("satisfaction", "满意度(1-5)", "int", 9, aliases=("满意度",), section="result"),
    _c("closed_at", "结案时间", "datetime", 16, aliases=("结案日期",), section="result"),
    _c("close_reason", "结案说明", "long", 20, section="result"),
    # Not on the case sheet (its header says so instead): kept so that a history case stays one
    # through export → import.
    _c("history_import", "历史导入", "bool", 8, section="import"),
)
BY_KEY = {c.key: c for c in REGISTER_COLUMNS}

# The other sheets of the workbook: (key, header, kind, width).
FOLLOW_UP_COLUMNS: tuple[Column, ...] = (
    _c("case_no", "案件编号", width=17),
    _c("customer_name", "顾客姓名", width=10),
    _c("at", "回访时间", "datetime", 16),
    _c("by", "回访人", width=9),
    _c("reached", "联系上", "bool", 8),
    _c("satisfied", "满意", "bool", 8),
    _c("satisfaction", "满意度(1-5)", "int", 9),
    _c("comments", "回访意见", "long", 40),
)
COMPENSATION_COLUMNS: tuple[Column, ...] = (
    _c("case_no", "案件编号", width=17),
    _c("kind", "补偿方式", "choice", 10, "remedy_type"),
    _c("description", "说明", "long", 34),  # the sheet still fits a portrait page
    _c("amount", "金额(元)", "money", 11),
    # Which remedy round, and when it was carried out (paid): the lines with a time are the money the
    # statistics count whatever the case's stage now; the others are a proposal not yet carried out.
    _c("round", "方案轮次", "int", 11),
    _c("carried_out_at", "实施时间", "datetime", 16),
)
PENALTY_COLUMNS: tuple[Column, ...] = (
    _c("case_no", "案件编号", width=17),
    _c("staff", "员工", width=10),
    _c("department", "部门", width=10),
    _c("points", "扣分", "int", 7),
    _c("fine", "罚款(元)", "money", 10),
    _c("reason", "处罚原因", "long", 36),
    _c("recorded_by", "记录人", width=9),
    _c("recorded_at", "记录时间", "datetime", 16),
)

REGISTER_SHEET = "投诉登记表"
FOLLOW_UP_SHEET = "回访记录表"
COMPENSATION_SHEET = "补偿明细"
PENALTY_SHEET = "员工处罚"
