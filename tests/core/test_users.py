"""Accounts (用户管理): first-run setup, sign-in with lockout after 5 wrong passwords, and who may
create, change and reset accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from studio_desk import clock, settings
from studio_desk.errors import AuthError, DomainError, PermissionDenied, ValidationError
from studio_desk.models import AuditEvent, Category, Department, User
from studio_desk.services import users
from studio_desk.vocab import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS

STUDIO = {"studio_name": "花嫁摄影 🌸", "studio_address": "静安区", "studio_phone": "021-62345678"}
MANAGER = {"username": "wang", "display_name": "王店长", "password": "secret-pw"}


# --- first run ---------------------------------------------------------------------------------------


def test_first_run_creates_the_studio_and_its_manager(db):
    assert users.needs_setup()
    with clock.frozen(datetime(2026, 11, 23, 9, 0)):
        manager = users.first_run_setup(STUDIO, MANAGER)
    assert (manager.username, manager.role, manager.active) == ("wang", "manager", True)
    assert not users.needs_setup()
    assert settings.get("studio_name") == "花嫁摄影 🌸"
    assert [d.name for d in Department.select().order_by(Department.sort_order)] == list(DEFAULT_DEPARTMENTS)
    assert [c.name for c in Category.select().order_by(Category.sort_order)] == list(DEFAULT_CATEGORIES)
    (event,) = AuditEvent.select()
    assert (event.action, event.user_id, event.details) == ("setup", manager.id,
                                                            {"studio_name": "花嫁摄影 🌸", "manager": "wang"})
    with pytest.raises(DomainError, match="已经完成初始设置"):
        users.first_run_setup(STUDIO, {**MANAGER, "username": "other"})


def test_first_run_checks_every_field(db):
    with pytest.raises(ValidationError) as info:
        users.first_run_setup({"studio_name": " "}, {"username": "", "display_name": "", "password": "12345"})
    assert info.value.problems == {
        "studio_name": "请填写影楼名称。",
        "username": "请填写登录名。",
        "display_name": "请填写姓名。",
        "password": "密码至少 6 位。",
    }
    assert users.needs_setup()


# --- sign-in and lockout ------------------------------------------------------------------------------


@pytest.fixture
def people(studio, frozen_now):
    return studio


def test_sign_in_with_the_right_password(people, frozen_now):
    user = users.authenticate(" front ", "front123")
    assert user.id == people["front"].id
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert (event.action, event.user_id, event.at) == ("sign_in", user.id, frozen_now)


@pytest.mark.parametrize(("username", "password"), [("nobody", "x"), ("", ""), ("front", ""), (None, None)])
def test_wrong_credentials_say_the_same_thing(people, username, password):
    with pytest.raises(AuthError, match="用户名或密码不正确") as info:
        users.authenticate(username, password)
    assert info.value.field == "password"


def test_a_deactivated_account_cannot_sign_in(people):
    users.update_user(people["manager"], people["front"].id, {"active": False})
    with pytest.raises(AuthError, match="^用户名或密码不正确。$"):
        users.authenticate("front", "front123")


def test_five_wrong_passwords_lock_the_account_until_the_lockout_ends(people, frozen_now):
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthError, match=f"还可尝试 {left} 次"):
            users.authenticate("front", "wrong-password")
    with pytest.raises(AuthError, match="密码连续错误 5 次，账号已锁定 15 分钟。"):
        users.authenticate("front", "wrong-password")
    with pytest.raises(AuthError, match="账号已锁定，请 15 分钟后再试"):
        users.authenticate("front", "front123")  # even the right password
    with clock.frozen(frozen_now + timedelta(minutes=14, seconds=30)):
        with pytest.raises(AuthError, match="请 1 分钟后再试"):
            users.authenticate("front", "front123")
    with clock.frozen(frozen_now + timedelta(minutes=15)):
        assert users.authenticate("front", "front123").id == people["front"].id
    user = User.get_by_id(people["front"].id)
    assert (user.failed_logins, user.locked_until) == (0, None)
    failed = AuditEvent.select().where(AuditEvent.action == "sign_in_failed").order_by(AuditEvent.id)
    assert [e.details for e in failed][-1] == {"attempts": 5, "locked": True}


def test_a_right_password_resets_the_count(people):
    for _ in range(4):
        with pytest.raises(AuthError):
            users.authenticate("service", "nope-nope")
    users.authenticate("service", "service123")
    with pytest.raises(AuthError, match="还可尝试 4 次"):
        users.authenticate("service", "nope-nope")


def test_lockout_follows_the_settings(people, frozen_now):
    settings.store("lockout_attempts", 3)
    settings.store("lockout_minutes", 60)
    for _ in range(2):
        with pytest.raises(AuthError):
            users.authenticate("front", "x")
    with pytest.raises(AuthError, match="密码连续错误 3 次，账号已锁定 60 分钟"):
        users.authenticate("front", "x")
    with clock.frozen(frozen_now + timedelta(minutes=59)), pytest.raises(AuthError, match="已锁定"):
        users.authenticate("front", "front123")


def test_the_manager_unlocks_by_resetting_the_password(people):
    for _ in range(5):
        with pytest.raises(AuthError):
            users.authenticate("front", "x")
    users.reset_password(people["manager"], people["front"].id, "new-front-pw")
    assert users.authenticate("front", "new-front-pw").id == people["front"].id
    with pytest.raises(AuthError):
        users.authenticate("front", "front123")


def test_sign_in_choices_are_the_active_accounts(people):
    users.update_user(people["manager"], people["service"].id, {"active": False})
    assert {u.username for u in users.sign_in_choices()} == {"manager", "front", "exec", "admin"}


# --- managing accounts ---------------------------------------------------------------------------------


def test_manager_creates_an_account(people, frozen_now):
    user = users.create_user(people["manager"], {"username": "li", "display_name": "李摄影", "role": "service",
                                                 "password": "li-secret"})
    assert (user.role, user.created_at) == ("service", frozen_now)
    assert users.authenticate("li", "li-secret").id == user.id
    event = AuditEvent.select().where(AuditEvent.action == "user").order_by(AuditEvent.id.desc()).first()
    assert event.details == {"op": "create", "username": "li", "role": "service"}


@pytest.mark.parametrize("role", ["front", "service"])
def test_staff_cannot_manage_accounts(people, role):
    with pytest.raises(PermissionDenied, match="无权管理用户"):
        users.create_user(people[role], {"username": "x", "display_name": "X", "role": "manager", "password": "123456"})
    with pytest.raises(PermissionDenied):
        users.update_user(people[role], people[role].id, {"role": "manager"})
    with pytest.raises(PermissionDenied):
        users.reset_password(people[role], people["manager"].id, "hijacked")


def test_account_input_is_checked(people):
    with pytest.raises(ValidationError) as info:
        users.create_user(people["manager"], {"username": "front", "display_name": "X" * 41, "role": "boss",
                                              "password": "x" * 129})
    assert info.value.problems == {
        "username": "登录名“front”已被使用。",
        "display_name": "姓名太长了：最多 40 个字，现在有 41 个字。",
        "role": "角色“boss”不在可选范围内。",
        "password": "密码太长了（最多 128 位）。",
    }


def test_only_the_executive_or_admin_hands_out_the_admin_role(people):
    data = {"username": "it", "display_name": "网管", "role": "admin", "password": "it-secret"}
    with pytest.raises(ValidationError, match="只有执行经理或管理员"):
        users.create_user(people["manager"], data)
    with pytest.raises(ValidationError, match="只有执行经理或管理员"):
        users.update_user(people["manager"], people["front"].id, {"role": "admin"})
    assert users.create_user(people["exec"], data).role == "admin"


def test_nobody_deactivates_or_demotes_themself(people):
    with pytest.raises(ValidationError, match="不能停用自己的账号"):
        users.update_user(people["manager"], people["manager"].id, {"active": False})
    with pytest.raises(ValidationError, match="修改自己的角色"):
        users.update_user(people["manager"], people["manager"].id, {"role": "service"})


def test_a_change_is_audited_with_old_and_new_values(people):
    user = users.update_user(people["manager"], people["front"].id, {"display_name": "李小前", "role": "service"})
    assert (user.display_name, user.role) == ("李小前", "service")
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
    assert event.details["changes"] == {"display_name": ["李前台", "李小前"], "role": ["receptionist", "service"]}


def test_unknown_account(people):
    from studio_desk.errors import NotFound

    with pytest.raises(NotFound):
        users.update_user(people["manager"], 9999, {"display_name": "X"})
    with pytest.raises(NotFound):
        users.reset_password(people["manager"], 9999, "123456789")


def test_change_own_password(people):
    with pytest.raises(AuthError, match="原密码不正确"):
        users.change_own_password(people["front"], "guess", "new-password")
    with pytest.raises(ValidationError, match="密码至少 6 位"):
        users.change_own_password(people["front"], "front123", "short")
    users.change_own_password(people["front"], "front123", "前台新密码🔑")
    assert users.authenticate("front", "前台新密码🔑").id == people["front"].id
