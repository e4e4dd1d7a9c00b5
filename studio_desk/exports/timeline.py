"""A case's audit trail as lines a person reads (处理记录): when, who, what, and a short note."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studio_desk.audit import ACTION_LABELS
from studio_desk.exports.access import PRINTED
from studio_desk.exports.register_columns import BY_KEY
from studio_desk.models import User
from studio_desk.vocab import label

# Exports recorded before their event named the document (details "document") say only which kind.
EXPORT_KINDS = {"case_sheet": "投诉处理单", "slip": "回执", "meeting": "会议资料", "register": "登记表",
                "daily_summary": "每日工作小结", "monthly_report": "客户投诉统计分析表",
                "monthly_workbook": "客户投诉统计分析表（Excel）"}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    what: str
    note: str


def timeline_entries(events: Iterable[Any], names: dict[int, str]) -> list[TimelineEntry]:
    """Audit events (anything with ``at``, ``user_id``, ``action`` and ``details``) as timeline
    lines, in the order given, users named from ``names``: for the case sheet, the events of
    :func:`studio_desk.services.lookup.visible_events` (no penalties below 店长)."""
    events = list(events)
    missing = {e.user_id for e in events if e.user_id and e.user_id not in names}
    if missing:  # an account made after ``names`` was read
        names = {**names, **{u.id: u.display_name for u in User.select(User.id, User.display_name)
                             .where(User.id.in_(list(missing)))}}
    return [TimelineEntry(e.at, names.get(e.user_id, "") if e.user_id else "系统",
                          event_title(e.action, e.details or {}), describe(e.action, e.details or {}))
            for e in events]


def event_title(action: str, details: dict[str, Any]) -> str:
    """What happened, in a few words: the action, and for an export which document
    ("导出 投诉处理单（PDF）", "打印 顾客回执")."""
    if action == "export" and details.get("document"):
        return f"{'打印' if details.get('kind') in PRINTED else '导出'} {details['document']}"
    return ACTION_LABELS.get(action, action)


def _field_name(key: str) -> str:
    column = BY_KEY.get(key)
    return column.header if column else {"compensation_total": "补偿金额"}.get(key, key)


def describe(action: str, details: dict[str, Any]) -> str:
    """The one-line note of an event: the stage move, the reason, which fields changed."""
    parts: list[str] = []
    if details.get("source") and details.get("target"):
        parts.append(f"{label('stage', details['source'])} → {label('stage', details['target'])}")
    if action == "register" and details.get("severity"):
        parts.append(f"严重程度：{label('severity', details['severity'])}")
    if action == "severity":
        old, new = (details.get("changes") or {}).get("severity", [None, None])
        parts.append(f"{label('severity', old)} → {label('severity', new)}")
    if action == "follow_up":
        if not details.get("reached"):
            parts.append("未联系上")
        else:
            parts.append("满意" if details.get("satisfied") else "不满意")
    if action == "export" and details.get("document"):
        if details.get("description"):  # the range or day; event_title names the document
            parts.append(str(details["description"]))
    elif action == "export":
        parts.append(EXPORT_KINDS.get(details.get("kind", ""), details.get("kind", "")))
    if action == "attach" and details.get("filename"):
        parts.append(str(details["filename"]))
    if action == "linked_repeat" and details.get("repeat"):
        parts.append(f"二次投诉 {details['repeat']}")
    changes = details.get("changes") or {}
    if action in ("edit", "move", "assess", "import") and isinstance(changes, dict):
        names = [_field_name(k) for k in changes if k not in ("stage",)]
        if names:
            parts.append("修改：" + "、".join(names[:8]) + ("等" if len(names) > 8 else ""))
    for key in ("reason", "text", "comments"):
        if details.get(key):
            parts.append(str(details[key]))
    return "；".join(parts)
