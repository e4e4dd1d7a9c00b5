"""Severity (一般 / 重要 / 重大): each reason PROCESS.md names, as a pure rule and as the services
apply it at intake and on later changes; the manager's override is audited and sticks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from studio_desk import clock
from studio_desk.errors import PermissionDenied, ValidationError
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from studio_desk.services.intake import suggest_severity
from studio_desk.severity import Facts, suggest
from tests.board_factory import advance, register
from tests.core.casekit import events

# --- the pure rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "level", "reason"),
    [
        (Facts(is_repeat=True), "important", "同一顾客再次投诉（二次投诉）"),
        (Facts(vip=True), "important", "VIP/重要顾客"),
        (Facts(same_category_recent=3), "important", "同类问题 30 天内第 3 次（热点）"),
        (Facts(needs_outside_help=True), "important", "需要外部协助处理"),
        (Facts(compensation=Decimal("500.01")), "major", "补偿金额 500.01 元超过店长权限 500.00 元"),
        (Facts(beyond_terms=True), "major", "要求超出订单约定的补偿或退款"),
        (Facts(safety_issue=True), "major", "涉及人身安全或受伤"),
        (Facts(media_exposure=True), "major", "扬言曝光或已在网上发布"),
        (Facts(authority_involved=True), "major", "涉及消协/12315/工商/律师/法院"),
        (Facts(group_size=5), "major", "5 人集体投诉"),
        (Facts(open_days=30, studio_at_fault=True), "major", "因本店原因 30 天仍未解决"),
    ],
)
def test_each_reason_alone(facts, level, reason):
    assert suggest(facts) == (level, [reason])


@pytest.mark.parametrize(
    "facts",
    [
        Facts(),
        Facts(same_category_recent=2),
        Facts(compensation=Decimal("500.00")),
        Facts(group_size=4),
        Facts(open_days=29, studio_at_fault=True),
        Facts(open_days=90, studio_at_fault=False),
    ],
)
def test_just_below_every_threshold_is_ordinary(facts):
    assert suggest(facts) == ("ordinary", [])


def test_major_reasons_come_first_then_the_important_ones():
    level, reasons = suggest(Facts(vip=True, safety_issue=True, is_repeat=True))
    assert level == "major"
    assert reasons == ["涉及人身安全或受伤", "同一顾客再次投诉（二次投诉）", "VIP/重要顾客"]


def test_thresholds_follow_the_settings():
    assert suggest(Facts(group_size=3, group_size_major=3))[0] == "major"
    assert suggest(Facts(same_category_recent=2, hotspot_threshold=2, hotspot_window_days=7)) == (
        "important", ["同类问题 7 天内第 2 次（热点）"])


# --- at intake ----------------------------------------------------------------------------------------


@pytest.fixture
def people(studio, frozen_now):
    return studio


@pytest.mark.parametrize(
    ("flags", "reason"),
    [
        ({"beyond_terms": True}, "要求超出订单约定的补偿或退款"),
        ({"safety_issue": True}, "涉及人身安全或受伤"),
        ({"media_exposure": True}, "扬言曝光或已在网上发布"),
        ({"authority_involved": True}, "涉及消协/12315/工商/律师/法院"),
        ({"group_size": 6}, "6 人集体投诉"),
    ],
)
def test_major_facts_at_intake(people, flags, reason):
    case = register(people["front"], **flags)
    assert (case.severity, case.suggested_severity, case.severity_reasons) == ("major", "major", [reason])
    assert events(case.id, "register")[0].details["reasons"] == [reason]


def test_vip_and_outside_help_at_intake(people):
    assert register(people["front"], vip=True).severity_reasons == ["VIP/重要顾客"]
    case = register(people["front"], needs_outside_help=True)
    assert (case.severity, case.severity_reasons) == ("important", ["需要外部协助处理"])


def test_a_known_vip_stays_vip_without_ticking_the_box(people):
    first = register(people["front"], phone="13911112222", vip=True)
    with clock.frozen(first.received_at + timedelta(days=120)):
        later = register(people["front"], phone="13911112222")
    assert later.severity_reasons == ["VIP/重要顾客"]


def test_repeat_complaint_is_important(people, category):
    register(people["front"], phone="13700001111")
    again = register(people["front"], phone="137-0000-1111", category_id=category("交付延误"))
    assert (again.severity, again.severity_reasons) == ("important", ["同一顾客再次投诉（二次投诉）"])


def test_third_complaint_of_a_kind_within_30_days_is_a_hot_spot(people):
    start = clock.now() - timedelta(days=29)
    with clock.frozen(start):
        first = register(people["front"])
    second = register(people["front"])
    third = register(people["front"])
    assert first.severity == second.severity == "ordinary"
    assert (third.severity, third.severity_reasons) == ("important", ["同类问题 30 天内第 3 次（热点）"])


def test_complaints_older_than_the_window_do_not_make_a_hot_spot(people):
    with clock.frozen(clock.now() - timedelta(days=31)):
        register(people["front"])
    register(people["front"])
    assert register(people["front"]).severity == "ordinary"


def test_live_suggestion_for_the_form_writes_nothing(people, category):
    from studio_desk.models import AuditEvent

    before = AuditEvent.select().count()
    level, reasons = suggest_severity({"phone": "13812345678", "category_id": category(), "media_exposure": True,
                                       "group_size": "not a number"})
    assert (level, reasons) == ("major", ["扬言曝光或已在网上发布"])
    assert AuditEvent.select().count() == before


# --- on later changes ----------------------------------------------------------------------------


def test_compensation_above_the_limit_makes_it_major(people):
    case = advance(register(people["front"]), "approval", people, compensation="1200")
    assert case.severity == "major"
    assert case.severity_reasons == ["补偿金额 1,200.00 元超过店长权限 500.00 元"]


def test_editing_a_fact_re_suggests_the_severity(people):
    case = register(people["front"])
    case = update_case(people["front"], case.id, case.version, {"authority_involved": True})
    assert (case.severity, case.severity_reasons) == ("major", ["涉及消协/12315/工商/律师/法院"])
    case = update_case(people["front"], case.id, case.version, {"authority_involved": False})
    assert (case.severity, case.severity_reasons) == ("ordinary", [])


def test_re_suggesting_does_not_count_the_case_itself_as_a_hot_spot(people):
    register(people["front"])
    second = register(people["front"])
    assert second.severity == "ordinary"
    second = update_case(people["front"], second.id, second.version, {"needs_outside_help": False})
    assert (second.severity, second.severity_reasons) == ("ordinary", [])


def test_a_case_open_30_days_through_the_studios_fault_becomes_major(people):
    with clock.frozen(clock.now() - timedelta(days=31)):
        case = advance(register(people["front"]), "remedy", people)
    assert case.severity == "ordinary"
    case = update_case(people["manager"], case.id, case.version, {"remedy_plan": "重新约拍"})
    assert case.severity == "major"
    assert case.severity_reasons == ["因本店原因 31 天仍未解决"]


def test_a_case_open_30_days_not_at_fault_stays_ordinary(people):
    with clock.frozen(clock.now() - timedelta(days=31)):
        case = advance(register(people["front"]), "investigating", people)
        case = update_case(people["manager"], case.id, case.version, {"validity": "assist"})
    case = update_case(people["manager"], case.id, case.version, {"cause": "天气原因，外景无法拍摄"})
    assert case.severity == "ordinary"


# --- the manager's override ----------------------------------------------------------------------------


def test_manager_override_is_audited_and_sticks(people, frozen_now):
    case = register(people["front"])
    case = actions.set_severity(people["manager"], case.id, case.version, "major", "顾客在小红书发帖")
    assert (case.severity, case.suggested_severity, case.severity_overridden) == ("major", "ordinary", True)
    event = events(case.id)[-1]
    assert (event.action, event.user_id, event.at) == ("severity", people["manager"].id, frozen_now)
    assert event.details["changes"] == {"severity": ["ordinary", "major"]}
    assert event.details["reason"] == "顾客在小红书发帖"
    assert (event.details["suggested"], event.details["direction"]) == ("ordinary", "up")
    # New facts change the suggestion, not the manager's decision.
    case = update_case(people["front"], case.id, case.version, {"needs_outside_help": True})
    assert (case.severity, case.suggested_severity) == ("major", "important")


def test_override_back_to_the_suggestion_follows_the_facts_again(people):
    case = register(people["front"])
    case = actions.set_severity(people["manager"], case.id, case.version, "important", "老顾客")
    case = actions.set_severity(people["manager"], case.id, case.version, "ordinary", "误判")
    assert not case.severity_overridden
    case = update_case(people["front"], case.id, case.version, {"safety_issue": True})
    assert case.severity == "major"


def test_override_needs_a_reason_a_known_level_and_a_manager(people):
    case = register(people["front"])
    with pytest.raises(PermissionDenied, match="调整严重程度"):
        actions.set_severity(people["front"], case.id, case.version, "major", "顾客很生气")
    with pytest.raises(PermissionDenied):
        actions.set_severity(people["service"], case.id, case.version, "major", "顾客很生气")
    with pytest.raises(ValidationError) as info:
        actions.set_severity(people["manager"], case.id, case.version, "urgent", " \x00 ")
    assert set(info.value.problems) == {"severity", "reason"}
    assert info.value.problems["reason"] == "请填写调整原因。"
    assert len(events(case.id)) == 1
