"""Who may do what. Services call :func:`require`; hiding a button is never the check."""

from __future__ import annotations

from studio_desk.errors import PermissionDenied
from studio_desk.vocab import BY_CODE

RECEPTIONIST, SERVICE, MANAGER, EXECUTIVE, ADMIN = "receptionist", "service", "manager", "executive", "admin"
STAFF_ROLES = (RECEPTIONIST, SERVICE, MANAGER, EXECUTIVE, ADMIN)
MANAGERS = (MANAGER, EXECUTIVE, ADMIN)

# action → roles allowed, with the Chinese name of the action for the refusal message.
RIGHTS: dict[str, tuple[tuple[str, ...], str]] = {
    "register": (STAFF_ROLES, "登记投诉"),
    "edit_intake": (STAFF_ROLES, "修改登记信息"),
    "add_note": (STAFF_ROLES, "添加备注"),
    "attach": (STAFF_ROLES, "添加附件"),
    "start_investigation": (STAFF_ROLES, "转入调查"),
    "assess": (MANAGERS, "评估投诉（有效性、原因、责任部门）"),
    "assign": (MANAGERS, "指派责任部门和责任人"),
    "propose_remedy": (MANAGERS + (SERVICE,), "制定处理方案"),
    "approve": ((MANAGER, EXECUTIVE), "审批"),
    "approve_above_limit": ((EXECUTIVE,), "审批超出店长权限的补偿"),
    "implement": (MANAGERS + (SERVICE,), "记录方案实施"),
    "follow_up": (STAFF_ROLES, "记录回访"),
    "close": (MANAGERS + (SERVICE,), "结案"),
    "move_back": (MANAGERS, "退回上一阶段"),
    "reopen": (MANAGERS, "重新打开已结案件"),
    "set_severity": (MANAGERS, "调整严重程度"),
    "delete": (MANAGERS, "删除案件"),
    "penalties": (MANAGERS, "记录或查看员工处罚"),
    "settings": (MANAGERS, "修改设置"),
    "manage_users": ((MANAGER, EXECUTIVE, ADMIN), "管理用户"),
    "export": (STAFF_ROLES, "导出"),
    "export_full_phone": (MANAGERS, "导出完整电话号码"),
    "import": (MANAGERS, "导入登记表"),
    "backup": (MANAGERS, "备份与恢复"),
    "move_studio": (MANAGERS, "迁移数据"),
    "statistics": (STAFF_ROLES, "查看统计"),
    "monthly_review": (MANAGERS, "填写月度整改措施"),
    "erase_personal_data": (MANAGERS, "删除或匿名化顾客个人信息"),
    "personal_data_copy": (MANAGERS, "导出顾客个人信息副本"),
    "own_password": (STAFF_ROLES, "修改自己的密码"),
}


def allowed(role: str, action: str) -> bool:
    return role in RIGHTS[action][0]


def require(user, action: str) -> None:
    """Raise PermissionDenied (in Chinese) unless ``user`` is active and its role may do ``action``.

    Role and active flag are read from the database, not from the object the desk holds since
    sign-in: an account deactivated or demoted at the other desk loses its rights at once.
    """
    if user is None or getattr(user, "id", None) is None:
        raise PermissionDenied("请先登录。")
    from studio_desk.db import current_database
    from studio_desk.models import User
    from studio_desk.sqlcache import compiled

    # Every service call starts here: the SQL is compiled once (studio_desk.sqlcache).
    sql, params = compiled(("require",), lambda uid: User.select(User.active, User.role).where(User.id == uid),
                           (user.id,))
    current = current_database().execute_sql(sql, params).fetchone()
    if current is None or not current[0]:
        raise PermissionDenied("您的账号已被停用，请联系店长。")
    role = current[1]
    roles, name = RIGHTS[action]
    if role not in roles:
        role_zh = BY_CODE["role"].get(role)
        raise PermissionDenied(f"您的角色（{role_zh.zh if role_zh else role}）无权{name}。")
