"""Intake drafts: per user, atomic, readable after a crash, gone after discard."""

from __future__ import annotations

import json

from studio_desk import drafts


def test_save_load_discard_round_trip(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    data = {"description": "相册的照片发黄 😡 𠀀\n第二行", "group_size": 2, "safety_issue": True, "phone": None}
    path = drafts.save(front, data)
    assert path.parent == tmp_path / "studio_files" / "drafts"
    draft = drafts.load(front)
    assert draft.data == data and draft.saved_at == frozen_now
    drafts.discard(front)
    assert drafts.load(front) is None
    drafts.discard(front)  # discarding twice is harmless


def test_drafts_are_per_user(sqlite_studio, frozen_now):
    drafts.save(sqlite_studio["front"], {"customer_name": "前台的"})
    drafts.save(sqlite_studio["service"], {"customer_name": "客服的"})
    assert drafts.load(sqlite_studio["front"]).data == {"customer_name": "前台的"}
    assert drafts.load(sqlite_studio["service"]).data == {"customer_name": "客服的"}
    assert drafts.load(sqlite_studio["manager"]) is None


def test_replace_leaves_no_temporary_files(sqlite_studio, frozen_now):
    front = sqlite_studio["front"]
    for i in range(5):
        path = drafts.save(front, {"n": i})
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert json.loads(path.read_text(encoding="utf-8"))["data"] == {"n": 4}


def test_damaged_or_foreign_files_are_ignored(sqlite_studio, frozen_now):
    front = sqlite_studio["front"]
    path = drafts.save(front, {"n": 1})
    for content in ("", "{not json", "[]", json.dumps({"format": 99, "data": {}}),
                    json.dumps({"format": 1, "data": "x", "saved_at": "2026-11-23T10:00:00"}),
                    json.dumps({"format": 1, "data": {}, "saved_at": "yesterday"})):
        path.write_text(content, encoding="utf-8")
        assert drafts.load(front) is None
