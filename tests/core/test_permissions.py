"""Who may do what: the rights table against PROCESS.md, and every case service refusing the roles
it must refuse (前台 cannot assess, approve, set severity, delete or see penalties) without writing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio_desk import clock
from studio_desk.errors import PermissionDenied
from studio_desk.models import AuditEvent, Department, Staff, User
from studio_desk.permissions import RIGHTS, STAFF_ROLES, allowed, require
from studio_desk.services import actions, catalog
from studio_desk.services.cases import update_case
from tests.board_factory import advance, register
from tests.core.casekit import reload

MANAGERS = {"manager", "executive", "admin"}
EXPECTED = {
    "register": set(STAFF_ROLES),
    "add_note": set(STAFF_ROLES),
    "start_investigation": set(STAFF_ROLES),
    "follow_up": set(STAFF_ROLES),
    "assess": MANAGERS,
    "assign": MANAGERS,
    "propose_remedy": MANAGERS | {"service"},
    "implement": MANAGERS | {"service"},
    "close": MANAGERS | {"service"},
    "approve": {"manager", "executive"},
    "approve_above_limit": {"executive"},
    "move_back": MANAGERS,
    "reopen": MANAGERS,
    "set_severity": MANAGERS,
    "delete": MANAGERS,
    "penalties": MANAGERS,
    "settings": MANAGERS,
    "manage_users": {"manager", "executive", "admin"},
    "export_full_phone": MANAGERS,
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_rights_table_matches_the_studios_rules(action):
    assert {role for role in STAFF_ROLES if allowed(role, action)} == EXPECTED[action]


def test_every_right_has_a_chinese_name():
    for roles, name in RIGHTS.values():
        assert roles and name and not name.isascii()


def test_require_needs_a_signed_in_user_and_says_why_in_chinese(studio):
    with pytest.raises(PermissionDenied, match="^请先登录。$"):
        require(None, "register")
    with pytest.raises(PermissionDenied, match="^请先登录。$"):
        require(User(role="manager", active=True), "register")  # never saved: not a real account
    with pytest.raises(PermissionDenied, match="^您的角色（前台）无权审批。$"):
        require(studio["front"], "approve")
    require(studio["exec"], "approve_above_limit")


def test_rights_follow_the_account_as_stored_not_as_signed_in(studio):
    """A change made at the other desk applies at once to a user already signed in here."""
    front = studio["front"]  # the object this desk got at sign-in
    User.update(role="manager").where(User.id == front.id).execute()
    require(front, "approve")
    User.update(active=False).where(User.id == front.id).execute()
    with pytest.raises(PermissionDenied, match="已被停用"):
        require(front, "register")


# --- every case service checks the role ---------------------------------------------------------------


@pytest.fixture
def people(studio, frozen_now):
    return studio


def _department() -> int:
    return Department.get(Department.name == "数码后期").id


def _penalty(user, case):
    return actions.record_penalty(user, case.id, staff_id=Staff.get().id, points=5, reason="态度差")


# name → (stage to start from, the call, roles that may do it); "satisfied" is 回访 with a satisfied call.
CALLS = {
    "start_investigation": ("registered", lambda u, c: actions.start_investigation(u, c.id, c.version), STAFF_ROLES),
    "assess": ("investigating", lambda u, c: actions.assess(u, c.id, c.version, validity="valid", cause="修图失误",
                                                            department=_department()), MANAGERS),
    "assign": ("investigating", lambda u, c: update_case(u, c.id, c.version, {"department": _department()}), MANAGERS),
    "propose_remedy": ("remedy", lambda u, c: actions.propose_remedy(u, c.id, c.version, remedy_type="apology",
                                                                      remedy_plan="当面道歉"), MANAGERS | {"service"}),
    "approve": ("approval", lambda u, c: actions.approve(u, c.id, c.version, "同意"), {"manager", "executive"}),
    "send_back": ("approval", lambda u, c: actions.send_back(u, c.id, c.version, "再议"), {"manager", "executive"}),
    "implement": ("implementing", lambda u, c: actions.record_implementation(u, c.id, c.version,
                                                                             customer_accepted=True),
                  MANAGERS | {"service"}),
    "follow_up": ("follow_up", lambda u, c: actions.record_follow_up(u, c.id, c.version, reached=False), STAFF_ROLES),
    "close": ("satisfied", lambda u, c: actions.close_case(u, c.id, c.version), MANAGERS | {"service"}),
    "move_back": ("remedy", lambda u, c: actions.move_back(u, c.id, c.version, "investigating", "重新调查"), MANAGERS),
    "reopen": ("closed", lambda u, c: actions.reopen_case(u, c.id, c.version, "顾客再次来电"), MANAGERS),
    "set_severity": ("registered", lambda u, c: actions.set_severity(u, c.id, c.version, "major", "已曝光"), MANAGERS),
    "delete": ("registered", lambda u, c: actions.delete_case(u, c.id, c.version, "重复登记"), MANAGERS),
    "penalty": ("registered", _penalty, MANAGERS),
    "list_penalties": ("registered", lambda u, c: actions.list_penalties(u, c.id), MANAGERS),
    "note": ("registered", lambda u, c: actions.add_note(u, c.id, "备注"), STAFF_ROLES),
}
USERNAME = {"receptionist": "front", "service": "service", "manager": "manager", "executive": "exec", "admin": "admin"}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_service_refuses_the_wrong_roles_and_allows_the_right_ones(people, department, name):
    stage, call, roles = CALLS[name]
    catalog.add_staff(people["manager"], {"name": "小周", "department_id": department()})
    carried_out = stage in ("follow_up", "satisfied")
    with clock.frozen(clock.now() - timedelta(days=5 if carried_out else 0)):  # so that the call is due now
        case = register(people["front"], safety_issue=True)  # 重大: 审批 is needed, within the manager's limit
        case = advance(case, "follow_up" if carried_out else stage, people, compensation="100")
    if stage == "satisfied":
        case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True)
    events_before = AuditEvent.select().count()
    for role in STAFF_ROLES:
        if role in roles:
            continue
        with pytest.raises(PermissionDenied, match="无权"):
            call(people[USERNAME[role]], case)
        assert reload(case).version == case.version
        assert AuditEvent.select().count() == events_before
    weakest = next(role for role in STAFF_ROLES if role in roles)
    call(people[USERNAME[weakest]], case)
