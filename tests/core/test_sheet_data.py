"""The case sheet's rows read for many cases at once (exports.sheet_data) are the rows each case
has on its own — same order, same penalty rule — and the meeting pack prints each case's own."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PIL import Image

from studio_desk import clock
from studio_desk.attachments import attach_file, list_attachments
from studio_desk.exports import sheet_data
from studio_desk.exports.meeting import write_meeting_pack
from studio_desk.exports.sheet_data import load_sheet_data
from studio_desk.exports.timeline import timeline_entries
from studio_desk.models import ApprovalDecision, CompensationLine, FollowUp, Note, Staff
from studio_desk.services import actions
from studio_desk.services.lookup import case_events
from tests.core import exportkit
from tests.core.exportkit import T0, pdf_pages


@pytest.fixture
def cases(studio, category, tmp_path):
    """A closed case with everything, one with a penalty and two notes, one with nothing."""
    photo = tmp_path / "样片.jpg"
    Image.new("RGB", (90, 60), (190, 110, 80)).save(photo)
    closed = exportkit.closed_case(studio, category(), photo=photo)
    fined = exportkit.registered_case(studio, category(), customer_name="王先生", phone="13900000001")
    bare = exportkit.registered_case(studio, category(), customer_name="刘女士", phone="13900000002")
    with clock.frozen(T0 + timedelta(hours=1)):
        actions.add_note(studio["manager"], fined.id, "王先生的第一条备注")
        actions.add_note(studio["manager"], fined.id, "王先生的第二条备注")
        staff = Staff.get(Staff.name == "周修图")
        actions.record_penalty(studio["manager"], fined.id, staff_id=staff.id, points=2, reason="修图过度扣分")
        attach_file(studio["front"], fined.id, photo)
    return closed, fined, bare


def _one_case(case_id: int, viewer) -> dict[str, list[int]]:
    """Each list as the case sheet read it one case at a time."""
    return {
        "compensation": CompensationLine.select().where(CompensationLine.case == case_id).order_by(CompensationLine.id),
        "approvals": ApprovalDecision.select().where(ApprovalDecision.case == case_id)
        .order_by(ApprovalDecision.decided_at),
        "follow_ups": FollowUp.select().where(FollowUp.case == case_id).order_by(FollowUp.at),
        "notes": Note.select().where(Note.case == case_id).order_by(Note.at),
        "events": case_events(viewer, case_id, newest_first=False),
        "attachments": list_attachments(case_id),
    }


@pytest.mark.parametrize("role", ["manager", "front"])
def test_bulk_rows_are_each_cases_own_rows_in_the_same_order(studio, cases, role, monkeypatch):
    viewer = studio[role]
    ids = [case.id for case in cases]
    one_by_one = {case_id: {name: [row.id for row in rows] for name, rows in _one_case(case_id, viewer).items()}
                  for case_id in ids}
    assert _ids_of(load_sheet_data(ids, viewer)) == one_by_one
    monkeypatch.setattr(sheet_data, "CHUNK", 1)
    assert _ids_of(sheet_data.load_sheet_data(reversed(ids), viewer)) == one_by_one
    closed, fined, _bare = cases
    assert len(one_by_one[closed.id]["compensation"]) == 2 and one_by_one[closed.id]["follow_ups"]
    assert len(one_by_one[fined.id]["notes"]) == 2 and one_by_one[fined.id]["attachments"]


def _ids_of(data: dict) -> dict[int, dict[str, list[int]]]:
    names = ("compensation", "approvals", "follow_ups", "notes", "events", "attachments")
    return {case_id: {name: [row.id for row in getattr(rows, name)] for name in names}
            for case_id, rows in data.items()}


def test_penalties_are_shown_to_the_manager_only(studio, cases):
    _closed, fined, _bare = cases
    for role, shown in (("manager", True), ("front", False), ("service", False)):
        events = load_sheet_data([fined.id], studio[role])[fined.id].events
        assert ("penalty" in [e.action for e in events]) is shown, role
        assert [e.id for e in events] == [e.id for e in case_events(studio[role], fined.id, newest_first=False)]


def test_joined_users_come_with_the_rows_and_events_are_named_by_the_timeline(studio, cases):
    closed, _fined, _bare = cases
    data = load_sheet_data([closed.id], studio["manager"])[closed.id]
    assert [d.decided_by.display_name for d in data.approvals] and data.follow_ups[0].by.display_name
    assert data.notes[0].author.display_name
    events = case_events(studio["manager"], closed.id, newest_first=False)
    assert [(e.at, e.user_id, e.action, e.details) for e in data.events] == [
        (e.at, e.user_id, e.action, e.details) for e in events]
    names = {studio["manager"].id: studio["manager"].display_name}  # the others are looked up
    assert [t.who for t in timeline_entries(data.events, names)] == [
        e.user.display_name if e.user_id else "系统" for e in events]


def test_unknown_and_repeated_ids_give_empty_and_single_entries(studio, cases):
    closed, *_ = cases
    data = load_sheet_data([closed.id, closed.id, 999_999], studio["manager"])
    assert list(data) == [closed.id, 999_999] and not any(vars(data[999_999]).values())


def test_meeting_pack_prints_each_cases_own_notes_follow_ups_and_timeline(studio, cases, tmp_path):
    closed, fined, bare = cases
    for role in ("manager", "front"):
        with clock.frozen(T0 + timedelta(days=7)):
            out = write_meeting_pack(studio[role], tmp_path / f"{role}.pdf", day=date(2026, 11, 23))
        pages = [re.sub(r"\s+", "", page) for page in pdf_pages(out)]
        sheets: dict[str, str] = {}
        for page in pages[1:]:
            number = next(c.case_no for c in cases if c.case_no in page)
            sheets[number] = sheets.get(number, "") + page
        assert set(sheets) == {closed.case_no, fined.case_no, bare.case_no}
        assert "顾客很满意新的照片。" in sheets[closed.case_no] and "回访" in sheets[closed.case_no]
        assert "顾客表示以后还会来拍全家福。" in sheets[closed.case_no] and "样片.jpg" in sheets[closed.case_no]
        assert "王先生的第二条备注" in sheets[fined.case_no] and "样片.jpg" in sheets[fined.case_no]
        assert ("修图过度扣分" in sheets[fined.case_no]) is (role == "manager")
        others = ("王先生的第一条备注", "顾客很满意新的照片。", "样片.jpg")
        assert not any(text in sheets[bare.case_no] for text in others)
        assert "（无附件）" in sheets[bare.case_no] and "登记投诉" in sheets[bare.case_no]
