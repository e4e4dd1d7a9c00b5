"""Departments, categories and staff (services/catalog.py)."""

from __future__ import annotations

import pytest

from studio_desk.errors import DomainError, NotFound, PermissionDenied, ValidationError
from studio_desk.models import AuditEvent, Category
from studio_desk.services import catalog


def _names(kind: str, **kw) -> list[str]:
    return [e.name for e in catalog.list_entries(kind, **kw)]


@pytest.mark.parametrize("kind", ["department", "category"])
def test_add_rename_deactivate_and_reorder(studio, kind):
    manager = studio["manager"]
    entry = catalog.add_entry(manager, kind, "  外景基地 ")
    assert _names(kind)[-1] == "外景基地"
    catalog.rename_entry(manager, kind, entry.id, "外景基地𠀀😀")
    catalog.set_entry_active(manager, kind, entry.id, False)
    assert "外景基地𠀀😀" not in _names(kind, include_inactive=False)
    assert "外景基地𠀀😀" in _names(kind)
    ids = [e.id for e in catalog.list_entries(kind)]
    catalog.reorder_entries(manager, kind, list(reversed(ids)))
    assert [e.id for e in catalog.list_entries(kind)] == list(reversed(ids))
    ops = [e.details["op"] for e in AuditEvent.select().where(AuditEvent.action == "catalog").order_by(AuditEvent.id)]
    assert ops[-4:] == ["add", "rename", "deactivate", "reorder"]


@pytest.mark.parametrize(("name", "words"), [("", "请填写"), ("长" * 41, "太长"), ("\x00\x01", "请填写"),
                                             ("修图质量", "已存在")])
def test_bad_category_names(studio, name, words):
    with pytest.raises(ValidationError) as info:
        catalog.add_entry(studio["manager"], "category", name)
    assert words in info.value.problems["name"]


def test_duplicate_of_an_inactive_entry_says_it_can_be_reactivated(studio, category):
    catalog.set_entry_active(studio["manager"], "category", category("其他"), False)
    with pytest.raises(ValidationError) as info:
        catalog.add_entry(studio["manager"], "category", "其他")
    assert "重新启用" in info.value.problems["name"]


def test_renaming_to_its_own_name_is_fine_and_to_another_is_refused(studio, category):
    catalog.rename_entry(studio["manager"], "category", category("其他"), "其他")
    with pytest.raises(ValidationError):
        catalog.rename_entry(studio["manager"], "category", category("其他"), "服务态度")


def test_the_last_active_category_cannot_be_deactivated(studio):
    manager = studio["manager"]
    entries = catalog.list_entries("category")
    for entry in entries[1:]:
        catalog.set_entry_active(manager, "category", entry.id, False)
    with pytest.raises(DomainError, match="至少要保留"):
        catalog.set_entry_active(manager, "category", entries[0].id, False)
    assert Category.get_by_id(entries[0].id).active


def test_reorder_with_a_stale_list_is_refused(studio):
    ids = [e.id for e in catalog.list_entries("department")]
    with pytest.raises(DomainError, match="刷新"):
        catalog.reorder_entries(studio["manager"], "department", ids[:-1])
    with pytest.raises(DomainError):
        catalog.reorder_entries(studio["manager"], "department", ids + ids[:1])


def test_receptionist_cannot_edit_lists(studio, category):
    with pytest.raises(PermissionDenied):
        catalog.add_entry(studio["front"], "category", "新类别")
    with pytest.raises(PermissionDenied):
        catalog.add_staff(studio["front"], {"name": "小王"})


def test_missing_entry(studio):
    with pytest.raises(NotFound):
        catalog.rename_entry(studio["manager"], "department", 99999, "x")


def test_staff_add_update_and_validation(studio, department):
    manager = studio["manager"]
    data = {"name": "刘修图", "department_id": department(), "user_id": studio["service"].id}
    staff = catalog.add_staff(manager, data)
    assert staff.department.name == "数码后期"
    updated = catalog.update_staff(manager, staff.id, {"active": False, "department_id": None})
    assert not updated.active and updated.department is None and updated.name == "刘修图"
    assert staff.id not in [s.id for s in catalog.list_staff(include_inactive=False)]
    with pytest.raises(ValidationError) as info:
        catalog.add_staff(manager, {"name": "", "department_id": 99999, "user_id": 99999})
    assert set(info.value.problems) == {"name", "department_id", "user_id"}
    event = AuditEvent.select().where(AuditEvent.action == "catalog").order_by(AuditEvent.id.desc()).first()
    assert event.details["changes"]["active"] == [True, False]
