"""Editing a case (update_case) and the plumbing every move shares: rights per field group,
old → new values in the audit event, compensation lines, due times, the version check."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from studio_desk.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from studio_desk.models import AuditEvent, CompensationLine, Department
from studio_desk.services import actions, catalog
from studio_desk.services.cases import move_case, update_case
from studio_desk.services.common import load_case
from tests.board_factory import advance, register
from tests.core.casekit import events, reload


@pytest.fixture
def people(studio, frozen_now):
    return studio


def test_an_edit_is_audited_with_old_and_new_values(people, frozen_now, category):
    case = register(people["front"], customer_wish="重修", group_size=1)
    case = update_case(people["service"], case.case_no, case.version,
                       {"customer_wish": "重修并加送 10 张", "group_size": 1, "category": category("服务态度")})
    assert (case.customer_wish, case.version) == ("重修并加送 10 张", 2)
    event = events(case.id)[-1]
    assert (event.action, event.user_id, event.at) == ("edit", people["service"].id, frozen_now)
    assert event.details["changes"] == {"customer_wish": ["重修", "重修并加送 10 张"],
                                        "category": [category("修图质量"), category("服务态度")]}


@pytest.mark.parametrize(
    ("role", "field", "value"),
    [
        ("front", "validity", "valid"),
        ("front", "cause", "原因"),
        ("service", "invalid_explanation", "说明"),
        ("front", "department", None),
        ("service", "responsible_staff", None),
        ("front", "remedy_plan", "重修"),
        ("front", "compensation_lines", []),
        ("front", "customer_accepted", True),
    ],
)
def test_each_field_group_needs_its_right(people, department, role, field, value):
    case = register(people["front"])
    with pytest.raises(PermissionDenied, match="无权"):
        update_case(people[role], case.id, case.version, {field: value if field != "department" else department()})
    assert reload(case).version == 1


def test_a_field_the_services_own_cannot_be_edited(people):
    case = register(people["front"])
    for field in ("stage", "severity", "approval_state", "version", "deleted", "compensation_total"):
        with pytest.raises(KeyError):
            update_case(people["manager"], case.id, case.version, {field: "x"})
        with pytest.raises(KeyError):
            move_case(people["manager"], case.id, "investigating", case.version, {field: "x"})
    assert reload(case).version == 1
    assert len(events(case.id)) == 1


def test_compensation_lines_replace_the_old_ones(people):
    case = advance(register(people["front"]), "remedy", people)
    lines = [{"kind": "add_prints", "description": "加送 10 张", "amount": "100"},
             {"kind": "gift", "description": "相框 🎁", "amount": "58.50"}]
    case = update_case(people["service"], case.id, case.version, {"compensation_lines": lines})
    assert case.compensation_total == Decimal("158.50")
    assert [(line.kind, line.amount) for line in case.compensation_lines.order_by(CompensationLine.id)] == [
        ("add_prints", Decimal("100.00")), ("gift", Decimal("58.50"))]
    event = events(case.id)[-1]
    assert event.details["changes"]["compensation_total"] == ["0.00", "158.50"]
    assert event.details["compensation_lines"][1] == {"kind": "gift", "description": "相框 🎁", "amount": "58.50"}
    case = update_case(people["service"], case.id, case.version, {"compensation_lines": []})
    assert case.compensation_total == Decimal("0.00")
    assert CompensationLine.select().where(CompensationLine.case == case.id).count() == 0


def test_too_many_compensation_lines(people):
    case = advance(register(people["front"]), "remedy", people)
    with pytest.raises(ValidationError) as info:
        update_case(people["manager"], case.id, case.version,
                    {"compensation_lines": [{"kind": "gift", "amount": 1}] * 51})
    assert info.value.problems == {"compensation_lines": "补偿项目太多（最多 50 项）。"}


def test_assigning_an_inactive_department_or_staff_is_refused(people, department):
    case = advance(register(people["front"]), "investigating", people)
    staff = catalog.add_staff(people["manager"], {"name": "小周", "department_id": department()})
    catalog.update_staff(people["manager"], staff.id, {"active": False})
    Department.update(active=False).where(Department.id == department("礼服")).execute()
    with pytest.raises(ValidationError) as info:
        update_case(people["manager"], case.id, case.version,
                    {"department": department("礼服"), "responsible_staff": staff.id})
    assert info.value.problems == {"department": "所选责任部门不存在或已停用。",
                                   "responsible_staff": "所选责任人不存在或已停用。"}


def test_assigning_department_and_staff(people, department):
    case = advance(register(people["front"]), "investigating", people)
    staff = catalog.add_staff(people["manager"], {"name": "小周", "department_id": department()})
    case = update_case(people["manager"], case.id, case.version,
                       {"department": department(), "responsible_staff": staff.id})
    assert (case.department_id, case.responsible_staff_id) == (department(), staff.id)


def test_editing_the_promised_reply_moves_the_next_due(people, frozen_now):
    case = register(people["front"])
    promised = frozen_now + timedelta(hours=2)
    case = update_case(people["front"], case.id, case.version, {"promised_reply_at": promised})
    assert case.next_due == promised
    with pytest.raises(ValidationError):
        update_case(people["front"], case.id, case.version, {"promised_reply_at": "明天"})


def test_stale_version_is_refused_and_nothing_is_written(people):
    case = register(people["front"], customer_wish="重修")
    first = update_case(people["front"], case.id, case.version, {"customer_wish": "退款"})
    with pytest.raises(StaleEdit) as info:
        update_case(people["service"], case.id, case.version, {"customer_wish": "加送相册", "mood": "agitated"})
    assert info.value.message == f"案件 {case.case_no} 已被其他人修改，请重新打开后再编辑，本次修改未保存。"
    now = reload(case)
    assert (now.customer_wish, now.mood, now.version) == ("退款", first.mood, 2)
    assert len(events(case.id)) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda p, c: actions.start_investigation(p["front"], c.id, c.version - 1),
        lambda p, c: actions.set_severity(p["manager"], c.id, c.version - 1, "major", "媒体"),
        lambda p, c: actions.delete_case(p["manager"], c.id, c.version - 1, "重复"),
        lambda p, c: update_case(p["front"], c.id, c.version + 1, {"mood": "calm"}),
    ],
)
def test_every_write_checks_the_version(people, call):
    case = register(people["front"])
    case = update_case(people["front"], case.id, case.version, {"mood": "unhappy"})
    before = AuditEvent.select().count()
    with pytest.raises(StaleEdit):
        call(people, case)
    assert reload(case).version == case.version
    assert AuditEvent.select().count() == before


def test_load_case_by_id_or_number_and_never_a_deleted_one(people):
    case = register(people["front"])
    assert load_case(case.id).id == case.id
    assert load_case(f" {case.case_no.lower()} ").id == case.id
    with pytest.raises(NotFound, match="找不到案件 KS-20990101-001"):
        load_case("KS-20990101-001")
    actions.delete_case(people["manager"], case.id, case.version, "误登记")
    with pytest.raises(NotFound):
        load_case(case.id)
    with pytest.raises(NotFound):
        update_case(people["manager"], case.case_no, case.version + 1, {"mood": "calm"})
