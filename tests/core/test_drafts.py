"""Intake drafts: per user, atomic, readable after a crash, gone after discard."""

from __future__ import annotations

import json
from datetime import timedelta

from studio_desk import clock, drafts
from tests.conftest import T0


def test_save_load_discard_round_trip(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    data = {"description": "相册的照片发黄 😡 𠀀\n第二行", "group_size": 2, "safety_issue": True, "phone": None}
    path = drafts.save(front, data, drafts.new_intake_path(front))
    assert path.parent == tmp_path / "studio_files" / "drafts"
    draft = drafts.load(front)
    assert draft.data == data and draft.saved_at == frozen_now and draft.path == path
    drafts.discard(path)
    assert drafts.load(front) is None
    drafts.discard(path)  # discarding twice is harmless


def test_drafts_are_per_user(sqlite_studio, frozen_now):
    for who in ("front", "service"):
        user = sqlite_studio[who]
        drafts.save(user, {"customer_name": "前台的" if who == "front" else "客服的"}, drafts.new_intake_path(user))
    assert drafts.load(sqlite_studio["front"]).data == {"customer_name": "前台的"}
    assert drafts.load(sqlite_studio["service"]).data == {"customer_name": "客服的"}
    assert drafts.load(sqlite_studio["manager"]) is None


def test_replace_leaves_no_temporary_files(sqlite_studio, frozen_now):
    front = sqlite_studio["front"]
    path = drafts.new_intake_path(front)
    for i in range(5):
        drafts.save(front, {"n": i}, path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert json.loads(path.read_text(encoding="utf-8"))["data"] == {"n": 4}


def test_damaged_or_foreign_files_are_ignored(sqlite_studio, frozen_now):
    front = sqlite_studio["front"]
    path = drafts.save(front, {"n": 1}, drafts.new_intake_path(front))
    for content in ("", "{not json", "[]", json.dumps({"format": 99, "data": {}}),
                    json.dumps({"format": 1, "data": "x", "saved_at": "2026-11-23T10:00:00"}),
                    json.dumps({"format": 1, "data": {}, "saved_at": "yesterday"})):
        path.write_text(content, encoding="utf-8")
        assert drafts.load(front) is None


def test_several_unfinished_complaints_are_kept_newest_first(sqlite_studio):
    """A draft recovered after a crash stays while the next customer's complaint is typed."""
    front = sqlite_studio["front"]
    legacy = drafts.new_intake_path(front).with_name(f"intake-{front.id}.json")  # an older desk's one draft
    with clock.frozen(T0):
        drafts.save(front, {"customer_name": "崩溃前的"}, legacy)
    with clock.frozen(T0 + timedelta(minutes=5)):
        second = drafts.save(front, {"customer_name": "下一位"}, drafts.new_intake_path(front))
    assert [d.data["customer_name"] for d in drafts.intake_drafts(front)] == ["下一位", "崩溃前的"]
    drafts.discard(second)
    assert [d.path for d in drafts.intake_drafts(front)] == [legacy]


def test_a_dialog_draft_is_one_file_per_user_case_and_action(sqlite_studio, frozen_now):
    manager = sqlite_studio["manager"]
    path = drafts.dialog_path(manager, 7, "assess")
    assert path != drafts.dialog_path(manager, 8, "assess") != drafts.dialog_path(sqlite_studio["exec"], 7, "assess")
    drafts.save(manager, {"cause": "修图过度"}, path)
    assert drafts.read(path).data == {"cause": "修图过度"}
    assert drafts.load(manager) is None, "not an unfinished complaint"
