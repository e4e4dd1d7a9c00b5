"""Board filters are remembered per user, cleaned on the way in and out."""

from __future__ import annotations

from datetime import date

import pytest

from studio_desk import board_prefs
from studio_desk.errors import PermissionDenied
from studio_desk.models import Setting
from studio_desk.search import BoardFilters


def test_round_trip_per_user(studio):
    manager, front = studio["manager"], studio["front"]
    assert board_prefs.load_filters(manager) == BoardFilters()
    wanted = BoardFilters(text="林 修图", mine=True, overdue_only=True, severity="major", category_id=3,
                          department_id=2, channel="online", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert board_prefs.save_filters(manager, wanted) == wanted
    assert board_prefs.load_filters(manager) == wanted
    assert board_prefs.load_filters(front) == BoardFilters()  # another user's filters are their own
    board_prefs.save_filters(manager, BoardFilters(severity="ordinary"))
    assert board_prefs.load_filters(manager) == BoardFilters(severity="ordinary")


def test_nasty_values_are_cleaned(studio):
    manager = studio["manager"]
    stored = board_prefs.save_filters(manager, BoardFilters(text="\x00林😀𠀀" + "长" * 500, severity="huge",
                                                            channel="fax", category_id=-4))
    assert stored.text.startswith("林😀𠀀") and len(stored.text) == 100
    assert stored.severity == "" and stored.channel == "" and stored.category_id is None
    assert board_prefs.load_filters(manager) == stored


def test_corrupt_stored_value_falls_back(studio):
    manager = studio["manager"]
    Setting.create(key=board_prefs._key(manager), value=["not", "a", "dict"])
    assert board_prefs.load_filters(manager) == BoardFilters()
    Setting.update(value={"date_from": "2026-02-30", "department_id": "x", "mine": 1}).where(
        Setting.key == board_prefs._key(manager)).execute()
    assert board_prefs.load_filters(manager) == BoardFilters(mine=True)


def test_signed_out_or_inactive_users_cannot(studio):
    with pytest.raises(PermissionDenied):
        board_prefs.load_filters(None)
    front = studio["front"]
    front.active = False
    with pytest.raises(PermissionDenied):
        board_prefs.save_filters(front, BoardFilters())
