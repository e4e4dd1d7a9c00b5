"""The words studios write in their registers, and the value each stands for (值对应).

For every choice column a distinct word gets a proposal: what the studio chose last time
(remembered per studio), our own label, a word of the built-in lists below, then the closest
label or synonym (one contains the other, or difflib finds them alike). The user sees every
distinct word with its count and may change it; nothing is mapped silently to a wrong value.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from studio_desk.vocab import BY_CODE

# field key → vocab list (category and department are the studio's own editable lists)
VOCAB_FIELDS = {
    "channel": "channel",
    "order_stage": "order_stage",
    "chain_step": "chain_step",
    "mood": "mood",
    "severity": "severity",
    "stage": "stage",
    "validity": "validity",
    "solvability": "solvability",
    "remedy_type": "remedy_type",
    "approval_state": "approval",
    "follow_up_result": "follow_up_result",
}
NAME_FIELDS = ("category", "department")
VALUE_FIELDS = (*VOCAB_FIELDS, *NAME_FIELDS)

# 处理中: the open stage the row's own facts support (see importing.history).
OPEN_STAGE = "open"
NEW_PREFIX = "new:"  # a category or department created by the import

SYNONYMS: dict[str, dict[str, str]] = {
    "channel": {
        "到店": "walk_in",
        "门店": "walk_in",
        "当面": "walk_in",
        "现场": "walk_in",
        "门市": "walk_in",
        "来店": "walk_in",
        "前台": "walk_in",
        "电话": "phone",
        "来电": "phone",
        "电话回访": "phone",
        "热线": "phone",
        "400": "phone",
        "网络": "online",
        "在线": "online",
        "网上": "online",
        "微信": "online",
        "公众号": "online",
        "朋友圈": "online",
        "大众点评": "online",
        "点评": "online",
        "美团": "online",
        "抖音": "online",
        "小红书": "online",
        "微博": "online",
        "淘宝": "online",
        "天猫": "online",
        "京东": "online",
        "快手": "online",
        "QQ": "online",
        "短信": "online",
        "信函": "letter",
        "来信": "letter",
        "意见簿": "letter",
        "意见箱": "letter",
        "留言簿": "letter",
        "上门": "visit",
        "家访": "visit",
    },
    "chain_step": {
        "门市": "reception",
        "接待": "reception",
        "接单": "reception",
        "销售": "reception",
        "签单": "reception",
        "礼服": "gown",
        "服装": "gown",
        "婚纱": "gown",
        "选衣": "gown",
        "化妆": "makeup",
        "造型": "makeup",
        "妆面": "makeup",
        "发型": "makeup",
        "内景": "shoot_indoor",
        "棚拍": "shoot_indoor",
        "外景": "shoot_outdoor",
        "外拍": "shoot_outdoor",
        "选片": "selection",
        "看样": "selection",
        "看片": "selection",
        "后期": "retouch",
        "修片": "retouch",
        "修图": "retouch",
        "精修": "retouch",
        "调色": "retouch",
        "相册": "album",
        "相框": "album",
        "制作": "album",
        "放大": "album",
        "取件": "pickup",
        "取片": "pickup",
        "交件": "pickup",
        "快递": "pickup",
        "售后": "after_sales",
    },
    "stage": {
        "已结案": "closed",
        "结案": "closed",
        "已处理": "closed",
        "处理完毕": "closed",
        "已解决": "closed",
        "已完成": "closed",
        "完成": "closed",
        "已办结": "closed",
        "关闭": "closed",
        "已关闭": "closed",
        "处理中": OPEN_STAGE,
        "跟进中": OPEN_STAGE,
        "进行中": OPEN_STAGE,
        "待跟进": OPEN_STAGE,
        "未结案": OPEN_STAGE,
        "处理": OPEN_STAGE,
        "未处理": "registered",
        "待处理": "registered",
        "新登记": "registered",
        "未解决": OPEN_STAGE,
        "待回访": "follow_up",
        "已回访": "closed",
    },
    "severity": {
        "普通": "ordinary",
        "轻微": "ordinary",
        "一般投诉": "ordinary",
        "重要投诉": "important",
        "较重": "important",
        "严重": "major",
        "重大投诉": "major",
        "紧急": "major",
    },
    "mood": {
        "正常": "calm",
        "平和": "calm",
        "生气": "unhappy",
        "不满意": "unhappy",
        "很生气": "agitated",
        "愤怒": "agitated",
        "激烈": "agitated",
    },
    "remedy_type": {
        "赔礼道歉": "apology",
        "补拍": "reshoot",
        "重修": "reretouch",
        "重新修片": "reretouch",
        "返修": "reretouch",
        "重做": "remake_album",
        "加片": "add_prints",
        "送照片": "add_prints",
        "打折": "discount",
        "优惠": "discount",
        "退钱": "refund",
        "退费": "refund",
        "赔偿": "refund",
        "送礼品": "gift",
        "礼品": "gift",
    },
    "validity": {"是": "valid", "否": "invalid", "属实": "valid", "不属实": "invalid"},
    "follow_up_result": {"满意": "satisfied", "一般": "satisfied", "不满": "unsatisfied", "联系不上": "unreachable"},
    "category": {
        "态度": "服务态度",
        "服务": "服务态度",
        "拍摄": "拍摄质量",
        "摄影": "拍摄质量",
        "外景": "拍摄质量",
        "化妆": "化妆造型",
        "妆": "化妆造型",
        "修片": "修图质量",
        "后期": "修图质量",
        "修图": "修图质量",
        "相册": "相册/产品质量",
        "产品": "相册/产品质量",
        "质量": "相册/产品质量",
        "延误": "交付延误",
        "延期": "交付延误",
        "超时": "交付延误",
        "拖延": "交付延误",
        "价格": "价格/收费",
        "收费": "价格/收费",
        "加价": "价格/收费",
        "退款": "价格/收费",
        "承诺": "承诺未兑现",
        "审美": "审美差异/专业认识差异",
        "风格": "审美差异/专业认识差异",
        "环境": "环境设施",
        "设施": "环境设施",
        "卫生": "环境设施",
    },
    "department": {
        "前台": "门市",
        "接待": "门市",
        "销售": "门市",
        "服装": "礼服",
        "化妆": "化妆造型",
        "化妆部": "化妆造型",
        "摄影部": "摄影",
        "拍摄": "摄影",
        "后期": "数码后期",
        "修片": "数码后期",
        "相册": "相册制作",
        "制作部": "相册制作",
        "取件": "取件/售后",
        "售后": "取件/售后",
        "客服": "取件/售后",
    },
}
# Channel words that name a platform or a way of reaching the studio beyond the channel
# itself are kept as 渠道说明 (大众点评 → 网络/在线 + 大众点评); these say no more than the channel.
PLAIN_CHANNEL_WORDS = {
    "到店",
    "门店",
    "当面",
    "现场",
    "门市",
    "来店",
    "前台",
    "电话",
    "来电",
    "网络",
    "在线",
    "网上",
    "信函",
    "来信",
    "上门",
}


@dataclass
class Proposal:
    """What a distinct word of one column becomes: ``value`` is a code, a category/department
    name, ``new:NAME`` or '' (left empty); ``how`` says where the proposal came from."""

    field: str
    word: str
    count: int
    value: str
    how: str  # remembered | label | synonym | close | none | chosen


def options(field: str, names: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(value, label) the user may choose for ``field``."""
    if field in VOCAB_FIELDS:
        choices = [(code, c.zh) for code, c in BY_CODE[VOCAB_FIELDS[field]].items()]
        return choices + ([(OPEN_STAGE, "处理中（按已有信息定阶段）")] if field == "stage" else [])
    return [(name, name) for name in names.get(field, [])]


def label_of(field: str, value: str) -> str:
    if not value:
        return "（留空）"
    if value.startswith(NEW_PREFIX):
        return f"新建“{value[len(NEW_PREFIX) :]}”"
    if field == "stage" and value == OPEN_STAGE:
        return "处理中（按已有信息定阶段）"
    if field in VOCAB_FIELDS:
        choice = BY_CODE[VOCAB_FIELDS[field]].get(value)
        return choice.zh if choice else value
    return value


def propose(field: str, word: str, names: dict[str, list[str]], remembered: dict[str, str]) -> tuple[str, str]:
    """(value, how) for one word of ``field``."""
    if word in remembered:
        return remembered[word], "remembered"
    choices = options(field, names)
    for value, text in choices:
        if word in (text, value) or word.lower() == value:
            return value, "label"
    known = {v for v, _ in choices}
    synonyms = {w: v for w, v in SYNONYMS.get(field, {}).items() if v in known}
    if word in synonyms:
        return synonyms[word], "synonym"
    # 后期修片 holds 修片, 外景拍摄 holds 外景: the longest known word inside the word, or the word inside a label
    candidates = {**{text: value for value, text in choices}, **synonyms}
    inside = sorted((w for w in candidates if len(w) >= 1 and w in word), key=len, reverse=True)
    if inside:
        return candidates[inside[0]], "close"
    around = [text for value, text in choices if len(word) >= 2 and word in text]
    if around:
        return candidates[around[0]], "close"
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if close:
        return candidates[close[0]], "close"
    return "", "none"
