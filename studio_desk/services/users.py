"""Sign-in, first-run setup and user accounts (用户管理)."""

from __future__ import annotations

import math
from datetime import timedelta

from studio_desk import audit, clock, settings
from studio_desk.db import write_transaction
from studio_desk.errors import AuthError, DomainError, NotFound
from studio_desk.models import Category, Department, User
from studio_desk.permissions import ADMIN, EXECUTIVE, require
from studio_desk.security import hash_password, needs_rehash, verify_password
from studio_desk.validation import Checker, clean_text
from studio_desk.vocab import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS, codes

MIN_PASSWORD = 6


def needs_setup() -> bool:
    """True on a new database: no studio name and no user yet."""
    return not User.select().exists()


def _check_password(check: Checker, field: str, password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        check.fail(field, f"密码至少 {MIN_PASSWORD} 位。")
    elif len(password) > 128:
        check.fail(field, "密码太长了（最多 128 位）。")


def _check_account(check: Checker, data: dict, *, new: bool) -> dict:
    values = {
        "username": check.text("username", "登录名", data.get("username"), required=True, max_len=40),
        "display_name": check.text("display_name", "姓名", data.get("display_name"), required=True, max_len=40),
        "role": check.choice("role", "角色", data.get("role"), codes("role")),
    }
    if new:
        _check_password(check, "password", data.get("password") or "")
        if values["username"] and User.select().where(User.username == values["username"]).exists():
            check.fail("username", f"登录名“{values['username']}”已被使用。")
    return values


def first_run_setup(studio: dict, manager: dict) -> User:
    """Create the studio's details, seed the editable lists and the manager's account."""
    if not needs_setup():
        raise DomainError("本数据库已经完成初始设置。")
    check = Checker()
    name = check.text("studio_name", "影楼名称", studio.get("studio_name"), required=True, max_len=60)
    address = check.text("studio_address", "地址", studio.get("studio_address"), max_len=120)
    phone = check.text("studio_phone", "电话", studio.get("studio_phone"), max_len=40)
    account = _check_account(check, {**manager, "role": manager.get("role") or "manager"}, new=True)
    check.raise_if_any()
    now = clock.now()
    with write_transaction():
        for key, value in (("studio_name", name), ("studio_address", address), ("studio_phone", phone)):
            settings.store(key, value)
        seed_lists()
        user = User.create(**account, password_hash=hash_password(manager["password"]), created_at=now)
        audit.record("setup", user, studio_name=name, manager=user.username)
    return user


def seed_lists() -> None:
    """Departments and categories from PROCESS.md, if the lists are still empty."""
    if not Department.select().exists():
        Department.insert_many([{"name": n, "sort_order": i} for i, n in enumerate(DEFAULT_DEPARTMENTS)]).execute()
    if not Category.select().exists():
        Category.insert_many([{"name": n, "sort_order": i} for i, n in enumerate(DEFAULT_CATEGORIES)]).execute()


def sign_in_choices() -> list[User]:
    return list(User.select().where(User.active == True).order_by(User.role, User.display_name))  # noqa: E712


def authenticate(username: str, password: str) -> User:
    """The active user for these credentials; five failures lock the account for a while."""
    now = clock.now()
    user = User.get_or_none(User.username == clean_text(username))  # as stored: no NUL or lone surrogate
    if user is None or not user.active:
        raise AuthError("用户名或密码不正确。", "password")
    if user.locked_until and user.locked_until > now:
        minutes = max(1, math.ceil((user.locked_until - now).total_seconds() / 60))
        raise AuthError(f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或请店长重置密码。", "password")
    if not verify_password(password or "", user.password_hash):
        attempts = user.failed_logins + 1
        limit = int(settings.get("lockout_attempts"))
        with write_transaction():
            locked_until = now + timedelta(minutes=int(settings.get("lockout_minutes"))) if attempts >= limit else None
            User.update(failed_logins=0 if locked_until else attempts, locked_until=locked_until).where(
                User.id == user.id
            ).execute()
            audit.record("sign_in_failed", user, attempts=attempts, locked=bool(locked_until))
        if locked_until:
            raise AuthError(f"密码连续错误 {limit} 次，账号已锁定 {settings.get('lockout_minutes')} 分钟。", "password")
        raise AuthError(f"用户名或密码不正确（还可尝试 {limit - attempts} 次）。", "password")
    # Only here is the password known: a hash of an older, cheaper cost is made again at today's.
    rehash = {"password_hash": hash_password(password)} if needs_rehash(user.password_hash) else {}
    with write_transaction():
        User.update(failed_logins=0, locked_until=None, **rehash).where(User.id == user.id).execute()
        audit.record("sign_in", user, **({"rehashed": True} if rehash else {}))
    return User.get_by_id(user.id)


def create_user(actor: User, data: dict) -> User:
    require(actor, "manage_users")
    check = Checker()
    values = _check_account(check, data, new=True)
    if values["role"] == ADMIN and actor.role not in (EXECUTIVE, ADMIN):
        check.fail("role", "只有执行经理或管理员可以创建管理员账号。")
    check.raise_if_any()
    with write_transaction():
        user = User.create(**values, password_hash=hash_password(data["password"]), created_at=clock.now())
        audit.record("user", actor, op="create", username=user.username, role=user.role)
    return user


def update_user(actor: User, user_id: int, data: dict) -> User:
    """Change name, role or active flag; a user cannot deactivate or demote themself."""
    require(actor, "manage_users")
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound("找不到该用户。")
    check = Checker()
    display_name = check.text("display_name", "姓名", data.get("display_name", user.display_name),
                              required=True, max_len=40)
    role = check.choice("role", "角色", data.get("role", user.role), codes("role"))
    active = bool(data.get("active", user.active))
    if user.id == actor.id and (not active or role != user.role):
        check.fail("role", "不能停用自己的账号或修改自己的角色。")
    if ADMIN in (role, user.role) and role != user.role and actor.role not in (EXECUTIVE, ADMIN):
        check.fail("role", "只有执行经理或管理员可以设置或取消管理员角色。")
    check.raise_if_any()
    before = {"display_name": user.display_name, "role": user.role, "active": user.active}
    after = {"display_name": display_name, "role": role, "active": active}
    with write_transaction():
        User.update(**after).where(User.id == user.id).execute()
        audit.record("user", actor, op="update", username=user.username, changes=audit.diff(before, after))
    return User.get_by_id(user.id)


def reset_password(actor: User, user_id: int, new_password: str) -> None:
    require(actor, "manage_users")
    _set_password(actor, user_id, new_password, op="reset_password")


def change_own_password(user: User, old_password: str, new_password: str) -> None:
    require(user, "own_password")  # a deactivated account cannot set itself a new password
    if not verify_password(old_password or "", User.get_by_id(user.id).password_hash):
        raise AuthError("原密码不正确。", "old_password")
    _set_password(user, user.id, new_password, op="change_password")


def _set_password(actor: User, user_id: int, new_password: str, *, op: str) -> None:
    check = Checker()
    _check_password(check, "password", new_password)
    check.raise_if_any()
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound("找不到该用户。")
    with write_transaction():
        User.update(password_hash=hash_password(new_password), failed_logins=0, locked_until=None).where(
            User.id == user_id
        ).execute()
        audit.record("user", actor, op=op, username=user.username)
