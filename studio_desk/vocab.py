"""The studio's fixed vocabulary: stages, roles, channels, chain steps and other choices.

Codes (English) are stored in the database; the Chinese label is what staff see in the UI,
in Excel and in PDF. Editable lists (departments, categories) live in tables and are only
*seeded* from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str


def _index(choices: tuple[Choice, ...]) -> dict[str, Choice]:
    return {c.code: c for c in choices}


# 处理阶段 — the board's columns, in order.
STAGES = (
    Choice("registered", "受理", "Registered"),
    Choice("investigating", "调查", "Investigating"),
    Choice("remedy", "方案", "Remedy"),
    Choice("approval", "审批", "Approval"),
    Choice("implementing", "实施", "Implementing"),
    Choice("follow_up", "回访", "Follow-up"),
    Choice("closed", "结案", "Closed"),
)
STAGE_CODES = tuple(c.code for c in STAGES)
OPEN_STAGES = STAGE_CODES[:-1]

# 角色 — ordered by what they may do; see permissions.py for the actual rights.
ROLES = (
    Choice("receptionist", "前台", "Receptionist"),
    Choice("service", "客服", "Customer service"),
    Choice("manager", "店长", "Store manager"),
    Choice("executive", "执行经理", "Executive"),
    Choice("admin", "管理员", "Administrator"),
)

# 投诉渠道
CHANNELS = (
    Choice("walk_in", "门店当面", "Walk-in"),
    Choice("phone", "电话", "Phone"),
    Choice("online", "网络/在线", "Online"),
    Choice("letter", "信函/意见簿", "Letter / comment book"),
    Choice("visit", "上门", "Home visit"),
)

# 服务环节 — where in the service chain the complaint arose.
CHAIN_STEPS = (
    Choice("reception", "门市接待/接单", "Reception / order"),
    Choice("gown", "礼服挑选", "Gown selection"),
    Choice("makeup", "化妆造型", "Make-up & styling"),
    Choice("shoot_indoor", "拍摄(内景)", "Shooting (studio)"),
    Choice("shoot_outdoor", "拍摄(外景)", "Shooting (outdoor)"),
    Choice("selection", "看样选片", "Photo selection"),
    Choice("retouch", "数码后期/修图", "Retouching"),
    Choice("album", "相册制作", "Album production"),
    Choice("pickup", "取件", "Pick-up"),
    Choice("after_sales", "售后", "After-sales"),
)

# 订单阶段 — how far the customer's order has got (the order's own stage, not the case's).
ORDER_STAGES = (
    Choice("booked", "已下单", "Booked"),
    Choice("shot", "已拍摄", "Shot"),
    Choice("selected", "已选片", "Selected"),
    Choice("in_production", "制作中", "In production"),
    Choice("delivered", "已取件", "Delivered"),
)

MOODS = (
    Choice("calm", "平静", "Calm"),
    Choice("unhappy", "不满", "Unhappy"),
    Choice("agitated", "激动", "Agitated"),
)

SEVERITIES = (
    Choice("ordinary", "一般", "Ordinary"),
    Choice("important", "重要", "Important"),
    Choice("major", "重大", "Major"),
)
SEVERITY_RANK = {c.code: i for i, c in enumerate(SEVERITIES)}

VALIDITIES = (
    Choice("valid", "有效", "Valid"),
    Choice("invalid", "无效", "Invalid"),
    Choice("assist", "协助处理", "Assist"),
)

SOLVABILITIES = (
    Choice("now", "当即可解决", "Solvable now"),
    Choice("soon", "短期内可解决", "Solvable soon"),
    Choice("not_now", "现阶段无法解决", "Not solvable at present"),
)

REMEDY_TYPES = (
    Choice("apology", "道歉", "Apology"),
    Choice("reshoot", "重拍", "Re-shoot"),
    Choice("reretouch", "重新修图", "Re-retouch"),
    Choice("remake_album", "重做相册", "Re-make album"),
    Choice("add_prints", "加送照片", "Extra prints"),
    Choice("discount", "折扣", "Discount"),
    Choice("refund", "退款", "Refund"),
    Choice("gift", "赠品", "Gift"),
    Choice("other", "其他", "Other"),
)

APPROVAL_STATES = (
    Choice("not_needed", "无需审批", "Not needed"),
    Choice("pending", "待审批", "Pending"),
    Choice("approved", "已批准", "Approved"),
    Choice("sent_back", "已退回", "Sent back"),
)

FOLLOW_UP_RESULTS = (
    Choice("satisfied", "满意", "Satisfied"),
    Choice("unsatisfied", "不满意", "Not satisfied"),
    Choice("unreachable", "无法联系", "Unreachable"),
    Choice("repeat_opened", "已转二次投诉", "Repeat complaint opened"),
)

# Seeds for the editable lists.
DEFAULT_DEPARTMENTS = ("门市", "礼服", "化妆造型", "摄影", "数码后期", "相册制作", "取件/售后")
DEFAULT_CATEGORIES = (
    "服务态度",
    "拍摄质量",
    "化妆造型",
    "修图质量",
    "相册/产品质量",
    "交付延误",
    "价格/收费",
    "承诺未兑现",
    "审美差异/专业认识差异",
    "环境设施",
    "其他",
)

BY_CODE = {
    "stage": _index(STAGES),
    "role": _index(ROLES),
    "channel": _index(CHANNELS),
    "chain_step": _index(CHAIN_STEPS),
    "order_stage": _index(ORDER_STAGES),
    "mood": _index(MOODS),
    "severity": _index(SEVERITIES),
    "validity": _index(VALIDITIES),
    "solvability": _index(SOLVABILITIES),
    "remedy_type": _index(REMEDY_TYPES),
    "approval": _index(APPROVAL_STATES),
    "follow_up_result": _index(FOLLOW_UP_RESULTS),
}


def label(kind: str, code: str | None, lang: str = "zh") -> str:
    """The label staff see for a stored code; an unknown or empty code gives ''."""
    if not code:
        return ""
    choice = BY_CODE[kind].get(code)
    if choice is None:
        return code
    return choice.zh if lang == "zh" else choice.en


def codes(kind: str) -> tuple[str, ...]:
    return tuple(BY_CODE[kind])
