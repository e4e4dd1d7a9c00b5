"""A case's history for the timeline: newest first, penalties for managers only."""

from __future__ import annotations

from studio_desk.models import Department, Staff
from studio_desk.services import actions, lookup
from tests.board_factory import register


def test_case_events_newest_first_and_penalties_for_managers_only(sqlite_studio, frozen_now):
    people = sqlite_studio
    case = register(people["front"])
    actions.add_note(people["front"], case.id, "顾客下午再来")
    worker = Staff.create(name="小美", department=Department.get(Department.name == "数码后期"))
    actions.record_penalty(people["manager"], case.id, staff_id=worker.id, points=5, reason="修图过度")
    manager_view = [e.action for e in lookup.case_events(people["manager"], case.case_no)]
    assert manager_view == ["penalty", "note", "register"]
    assert [e.action for e in lookup.case_events(people["front"], case.id)] == ["note", "register"]
    assert lookup.case_events(people["front"], case.id)[0].user.display_name == "李前台"
