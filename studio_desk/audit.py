"""Append an audit event for every create, change, transition, approval and export.

Called inside the service's transaction, so the event and the change land together; the
notifications a change calls for are queued here too (:mod:`studio_desk.notify.triggers`), in
the same transaction, because every change passes this one door.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from studio_desk import clock
from studio_desk.models import AuditEvent, Complaint, User
from studio_desk.notify.triggers import after_audit


def record(action: str, user: User | None, case: Complaint | None = None, **details: Any) -> AuditEvent:
    event = AuditEvent.create(at=clock.now(), user=user, case=case, action=action, details=details)
    after_audit(action, case, details)
    return event


def record_on_cases(action: str, user: User | None, case_ids: Iterable[int], **details: Any) -> None:
    """The same event on many cases at once (an export of many cases): written in bulk, so only
    for events that call for no message."""
    rows = [
        {"at": clock.now(), "user": user, "case": case_id, "action": action, "details": details} for case_id in case_ids
    ]
    for start in range(0, len(rows), 500):
        AuditEvent.insert_many(rows[start : start + 500]).execute()


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


ACTION_LABELS = {
    "register": "登记投诉",
    "edit": "修改信息",
    "move": "阶段变更",
    "assess": "评估",
    "assign": "指派",
    "remedy": "制定方案",
    "submit_approval": "提交审批",
    "approve": "批准",
    "send_back": "退回",
    "implement": "方案实施",
    "follow_up": "回访",
    "close": "结案",
    "reopen": "重新打开",
    "severity": "调整严重程度",
    "note": "备注",
    "attach": "添加附件",
    "penalty": "员工处罚",
    "delete": "删除",
    "export": "导出",
    "settings": "修改设置",
    "monthly_review": "月度整改措施",
    "user": "用户管理",
    "catalog": "基础资料",
    "sign_in": "登录",
    "sign_in_failed": "登录失败",
    "setup": "初始设置",
    "import": "导入",
    "backup": "备份",
    "restore": "恢复",
    "migrate": "迁移数据",
    "linked_repeat": "关联二次投诉",
    "notify": "通知设置",
    "erase_customer": "删除顾客个人信息",
    "retention_anonymise": "到期匿名化个人信息",
}
