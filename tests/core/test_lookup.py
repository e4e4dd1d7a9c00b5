"""The desk's read-only lists and a case's history for the timeline."""

from __future__ import annotations

from studio_desk.models import Category, Department, Staff
from studio_desk.services import actions, lookup
from tests.board_factory import register


def test_lists_skip_inactive_entries_unless_a_case_uses_them(sqlite_studio):
    names = [c.name for c in lookup.categories()]
    assert names[:2] == ["服务态度", "拍摄质量"] and len(names) == 11
    old = Category.get(Category.name == "环境设施")
    Category.update(active=False).where(Category.id == old.id).execute()
    assert "环境设施" not in [c.name for c in lookup.categories()]
    assert "环境设施" in [c.name for c in lookup.categories(include_id=old.id)]
    assert [d.name for d in lookup.departments()][0] == "门市"


def test_staff_by_department(sqlite_studio):
    post = Department.get(Department.name == "数码后期")
    a = Staff.create(name="小美", department=post)
    Staff.create(name="阿强", department=Department.get(Department.name == "摄影"))
    gone = Staff.create(name="离职的", department=post, active=False)
    assert [s.name for s in lookup.staff(post.id)] == ["小美"]
    assert len(lookup.staff()) == 2
    assert {s.id for s in lookup.staff(post.id, include_id=gone.id)} == {a.id, gone.id}


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
