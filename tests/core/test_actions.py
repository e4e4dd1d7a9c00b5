"""The named actions beside the stage moves: notes, follow-up calls, staff penalties (店长+ only,
seen by 店长+ only) and deleting a case registered by mistake (hidden, never erased)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio_desk.errors import DomainError, PermissionDenied, ValidationError
from studio_desk.models import AuditEvent, Complaint, FollowUp, Note, StaffPenalty
from studio_desk.services import actions, catalog
from tests.board_factory import advance, carried_out_days_ago, register
from tests.core.casekit import events, reload


@pytest.fixture
def people(studio, frozen_now):
    return studio


@pytest.fixture
def staff(people, department):
    return catalog.add_staff(people["manager"], {"name": "周修图", "department_id": department()})


# --- notes ------------------------------------------------------------------------------------------


def test_anyone_adds_a_note_without_touching_the_case_version(people, frozen_now):
    case = register(people["front"])
    text = "顾客下午 3 点再来电 📞\n请店长回电"
    note = actions.add_note(people["front"], case.case_no, text)
    assert (note.text, note.author_id, note.at) == (text, people["front"].id, frozen_now)
    assert reload(case).version == 1
    event = events(case.id)[-1]
    assert (event.action, event.details["text"]) == ("note", note.text)


def test_empty_or_huge_notes_are_refused(people):
    case = register(people["front"])
    for text in ("", " \x00\x07 ", "字" * 5001):
        with pytest.raises(ValidationError) as info:
            actions.add_note(people["service"], case.id, text)
        assert list(info.value.problems) == ["text"]
    assert Note.select().count() == 0


# --- follow-up calls ---------------------------------------------------------------------------------


def test_follow_up_only_in_the_follow_up_stage(people):
    case = advance(register(people["front"]), "implementing", people)
    with pytest.raises(DomainError, match="目前不在回访阶段"):
        actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True)


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"reached": True}, ["satisfied"]),
        ({"reached": True, "satisfied": True, "satisfaction": 6}, ["satisfaction"]),
        ({"reached": True, "satisfied": True, "satisfaction": 0}, ["satisfaction"]),
        ({"reached": True, "satisfied": False, "then": "archive"}, ["then"]),
        ({"reached": False, "then": "repeat"}, ["then"]),
        ({"reached": True, "satisfied": True, "comments": "好" * 5001}, ["comments"]),
    ],
)
def test_follow_up_input_is_checked(people, kwargs, fields):
    case = carried_out_days_ago(people)
    with pytest.raises(ValidationError) as info:
        actions.record_follow_up(people["service"], case.id, case.version, **kwargs)
    assert list(info.value.problems) == fields
    assert FollowUp.select().count() == 0


def test_each_call_is_kept_and_audited(people, frozen_now):
    case = carried_out_days_ago(people)
    case = actions.record_follow_up(people["front"], case.id, case.version, reached=False, comments="无人接听")
    case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True,
                                    satisfaction=4, comments="基本满意 🙂")
    calls = list(FollowUp.select().where(FollowUp.case == case.id).order_by(FollowUp.id))
    assert [(c.reached, c.satisfied, c.satisfaction, c.by_id) for c in calls] == [
        (False, None, None, people["front"].id), (True, True, 4, people["service"].id)]
    event = events(case.id)[-1]
    assert (event.action, event.at, event.details["comments"]) == ("follow_up", frozen_now, "基本满意 🙂")
    assert event.details["changes"] == {"follow_up_result": ["", "satisfied"], "satisfaction": [None, 4]}


def test_a_refused_close_after_the_call_keeps_nothing(people):
    case = carried_out_days_ago(people)
    with pytest.raises(PermissionDenied):  # 前台 may call but not close
        actions.record_follow_up(people["front"], case.id, case.version, reached=True, satisfied=True, then="close")
    assert FollowUp.select().count() == 0
    assert reload(case).version == case.version and len(events(case.id)) == case.version


# --- staff penalties ---------------------------------------------------------------------------------


def test_manager_records_a_penalty(people, staff, frozen_now):
    case = advance(register(people["front"]), "remedy", people)
    penalty = actions.record_penalty(people["manager"], case.id, staff_id=staff.id, points=5, fine="300",
                                     reason="服务态度差引起投诉")
    assert (penalty.points, penalty.fine, penalty.recorded_at) == (5, Decimal("300.00"), frozen_now)
    event = events(case.id)[-1]
    assert event.action == "penalty"
    assert event.details == {"staff": staff.id, "points": 5, "fine": "300.00", "reason": "服务态度差引起投诉"}
    assert reload(case).version == case.version
    assert [p.id for p in actions.list_penalties(people["exec"], case.case_no)] == [penalty.id]
    assert [p.id for p in actions.list_penalties(people["manager"])] == [penalty.id]


@pytest.mark.parametrize("role", ["front", "service"])
def test_staff_cannot_record_or_see_penalties(people, staff, role):
    case = register(people["front"])
    actions.record_penalty(people["manager"], case.id, staff_id=staff.id, points=10, reason="修图失误")
    with pytest.raises(PermissionDenied, match="无权记录或查看员工处罚"):
        actions.record_penalty(people[role], case.id, staff_id=staff.id, points=5, reason="x")
    with pytest.raises(PermissionDenied):
        actions.list_penalties(people[role])
    with pytest.raises(PermissionDenied):
        actions.list_penalties(people[role], case.id)
    assert StaffPenalty.select().count() == 1


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"staff_id": 9999, "points": 5, "reason": "x"}, ["staff"]),
        ({"points": -1, "reason": "x"}, ["points"]),
        ({"points": 101, "reason": "x"}, ["points"]),
        ({"points": "5", "reason": "x"}, ["points"]),
        ({"fine": "-300", "reason": "x"}, ["fine", "points"]),
        ({"fine": "300.001", "reason": "x"}, ["fine", "points"]),
        ({"points": 5, "reason": ""}, ["reason"]),
        ({"reason": "只警告"}, ["points"]),
    ],
)
def test_penalty_input_is_checked(people, staff, kwargs, fields):
    case = register(people["front"])
    kwargs = {"staff_id": staff.id, **kwargs}
    with pytest.raises(ValidationError) as info:
        actions.record_penalty(people["manager"], case.id, **kwargs)
    assert list(info.value.problems) == fields
    assert StaffPenalty.select().count() == 0


# --- deleting ----------------------------------------------------------------------------------------------


def test_deleting_hides_the_case_but_keeps_it_and_its_trail(people, frozen_now):
    case = register(people["front"])
    with pytest.raises(ValidationError):
        actions.delete_case(people["manager"], case.id, case.version, "")
    for role in ("front", "service"):
        with pytest.raises(PermissionDenied, match="无权删除案件"):
            actions.delete_case(people[role], case.id, case.version, "误登记")
    actions.delete_case(people["manager"], case.id, case.version, "同一投诉登记了两次")
    row = Complaint.get_by_id(case.id)
    assert row.deleted and row.version == 2
    event = events(case.id)[-1]
    assert (event.action, event.user_id, event.at, event.details["reason"]) == (
        "delete", people["manager"].id, frozen_now, "同一投诉登记了两次")
    assert AuditEvent.select().where(AuditEvent.case == case.id).count() == 2
