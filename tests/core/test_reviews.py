"""The month's corrective actions (整改措施): who may write them, what is stored, the audit, two desks."""

from __future__ import annotations

import pytest

from studio_desk.errors import DomainError, PermissionDenied, ValidationError
from studio_desk.models import AuditEvent
from studio_desk.services.reviews import corrective_actions, get_review, save_review


def test_manager_saves_and_changes_the_months_actions(studio, frozen_now):
    assert get_review("2026-10") is None and corrective_actions("2026-10") == ""
    first = save_review(studio["manager"], "2026-10", "修图师培训\n每周抽查", expected_updated_at=None)
    assert (first.month, first.corrective_actions, first.updated_by_id) == ("2026-10", "修图师培训\n每周抽查",
                                                                             studio["manager"].id)
    second = save_review(studio["exec"], " 2026-10 ", "改为每日抽查", expected_updated_at=first.updated_at)
    assert corrective_actions("2026-10") == "改为每日抽查" and second.updated_by_id == studio["exec"].id
    events = list(AuditEvent.select().where(AuditEvent.action == "monthly_review").order_by(AuditEvent.id))
    assert [e.details for e in events] == [
        {"month": "2026-10", "changes": {"corrective_actions": ["", "修图师培训\n每周抽查"]}},
        {"month": "2026-10", "changes": {"corrective_actions": ["修图师培训\n每周抽查", "改为每日抽查"]}},
    ]


@pytest.mark.parametrize("who", ["front", "service"])
def test_only_managers_write_them(studio, frozen_now, who):
    with pytest.raises(PermissionDenied, match="整改措施"):
        save_review(studio[who], "2026-10", "x", expected_updated_at=None)
    assert get_review("2026-10") is None


def test_a_stale_editor_overwrites_nothing(studio, frozen_now):
    save_review(studio["manager"], "2026-10", "甲", expected_updated_at=None)
    with pytest.raises(DomainError, match="已被其他人修改"):
        save_review(studio["exec"], "2026-10", "乙", expected_updated_at=None)
    assert corrective_actions("2026-10") == "甲"


@pytest.mark.parametrize(("month", "field"), [("2026-12", "month"), ("2026-13", "month"), ("", "month"),
                                              ("十月", "month")])
def test_bad_or_future_months_are_refused(studio, frozen_now, month, field):
    with pytest.raises(ValidationError) as caught:
        save_review(studio["manager"], month, "x", expected_updated_at=None)
    assert field in caught.value.problems


def test_text_is_cleaned_kept_intact_and_limited(studio, frozen_now):
    text = "整改😀𠀀\x00\x07措施\r\n第二行"
    saved = save_review(studio["manager"], "2026-11", text, expected_updated_at=None)
    assert saved.corrective_actions == "整改😀𠀀措施\n第二行"
    with pytest.raises(ValidationError, match="整改措施太长"):
        save_review(studio["manager"], "2026-11", "长" * 5001, expected_updated_at=saved.updated_at)
    cleared = save_review(studio["manager"], "2026-11", "", expected_updated_at=saved.updated_at)
    assert cleared.corrective_actions == ""


def test_saving_the_same_text_again_writes_nothing(studio, frozen_now):
    first = save_review(studio["manager"], "2026-10", "甲", expected_updated_at=None)
    again = save_review(studio["manager"], "2026-10", " 甲 ", expected_updated_at=first.updated_at)
    assert again.updated_at == first.updated_at
    assert AuditEvent.select().where(AuditEvent.action == "monthly_review").count() == 1
