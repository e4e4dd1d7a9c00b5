"""Registering a complaint (受理): case numbers, the customer found by phone, repeat complaints
flagged and linked within 90 days, the promised reply time and the audit event."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from studio_desk import clock
from studio_desk.errors import PermissionDenied, ValidationError
from studio_desk.models import Category, Customer, DailyCounter, User
from studio_desk.services import actions
from studio_desk.services.intake import count_open_for_customer, customer_history, default_promised_reply
from tests.board_factory import advance, register
from tests.core.casekit import events


@pytest.fixture
def people(studio, frozen_now):
    return studio


def test_registration_records_the_case(people, frozen_now, category):
    case = register(people["front"], phone="+86 138-1234-5678", customer_name="林小满", order_no="HS-0815",
                    order_stage="selected", channel="online", channel_detail="小红书私信", mood="agitated",
                    customer_wish="重新修图", evidence_note="截图 3 张")
    assert case.case_no == "KS-20261123-001"
    assert (case.stage, case.version, case.severity) == ("registered", 1, "ordinary")
    assert (case.received_at, case.stage_entered_at, case.created_at) == (frozen_now, frozen_now, frozen_now)
    assert case.receiver_id == people["front"].id
    assert (case.customer.name, case.customer.phone) == ("林小满", "13812345678")
    assert (case.channel, case.channel_detail, case.mood, case.order_stage) == ("online", "小红书私信", "agitated",
                                                                                 "selected")
    assert case.category_id == category()
    (event,) = events(case.id)
    assert (event.action, event.user_id, event.at) == ("register", people["front"].id, frozen_now)
    assert event.details == {"case_no": "KS-20261123-001", "severity": "ordinary", "reasons": [], "repeat_of": None}


def test_case_numbers_count_per_day_and_are_never_reused(people):
    numbers = [register(people["front"]).case_no for _ in range(3)]
    assert numbers == ["KS-20261123-001", "KS-20261123-002", "KS-20261123-003"]
    last = register(people["front"])
    actions.delete_case(people["manager"], last.id, last.version, "重复登记")
    assert register(people["front"]).case_no == "KS-20261123-005"
    with clock.frozen(datetime(2026, 11, 24, 8, 0)):
        assert register(people["front"]).case_no == "KS-20261124-001"


def test_a_busy_day_goes_past_999(people):
    DailyCounter.create(day="20261123", last=999)
    assert register(people["front"]).case_no == "KS-20261123-1000"


def test_the_same_customer_is_found_by_any_spelling_of_the_phone(people):
    first = register(people["front"], phone="13812345678", customer_name="林小满", order_no="HS-1")
    second = register(people["front"], phone="+86 138 1234 5678", customer_name="林小满", order_no="HS-2")
    assert first.customer_id == second.customer_id
    assert Customer.select().count() == 1
    history = customer_history("0086-138-1234-5678")
    assert history.customer.id == first.customer_id
    assert [c.id for c in history.cases] == [second.id, first.id]  # newest first
    assert history.order_numbers == ["HS-1", "HS-2"]
    assert history.recent_case.id == second.id and history.is_repeat
    assert count_open_for_customer(first.customer_id) == 2


@pytest.mark.parametrize("phone", ["", "12345", "13900000000"])
def test_no_history_for_an_unknown_or_bad_phone(people, phone):
    register(people["front"], phone="13812345678")
    history = customer_history(phone)
    assert (history.customer, history.cases, history.recent_case, history.is_repeat) == (None, [], None, False)


def test_repeat_within_90_days_is_flagged_and_linked(people, frozen_now):
    with clock.frozen(frozen_now - timedelta(days=89)):
        earlier = register(people["front"], phone="13812345678")
    again = register(people["front"], phone="138 1234 5678")
    assert again.is_repeat
    assert again.previous_case_id == earlier.id
    assert events(again.id)[0].details["repeat_of"] == earlier.case_no


def test_exactly_90_days_still_counts(people, frozen_now):
    with clock.frozen(frozen_now - timedelta(days=90)):
        register(people["front"], phone="13812345678")
    assert register(people["front"], phone="13812345678").is_repeat


def test_after_90_days_it_is_a_new_complaint_of_a_known_customer(people, frozen_now):
    with clock.frozen(frozen_now - timedelta(days=91)):
        earlier = register(people["front"], phone="13812345678")
    again = register(people["front"], phone="13812345678")
    assert not again.is_repeat and again.previous_case_id is None
    assert again.customer_id == earlier.customer_id
    assert again.severity == "ordinary"


def test_the_repeat_window_is_a_setting(people, frozen_now):
    from studio_desk.settings import store

    store("repeat_window_days", 30)
    with clock.frozen(frozen_now - timedelta(days=40)):
        register(people["front"], phone="13812345678")
    assert not register(people["front"], phone="13812345678").is_repeat


def test_a_deleted_case_does_not_make_a_repeat(people):
    first = register(people["front"], phone="13812345678")
    actions.delete_case(people["manager"], first.id, first.version, "登记错了顾客")
    assert not register(people["front"], phone="13812345678").is_repeat


def test_customer_details_are_completed_not_lost(people):
    first = register(people["front"], phone="13812345678", customer_name="林小满", vip=True)
    second = register(people["front"], phone="13812345678", customer_name="林小满（新娘）", wechat="xiaoman")
    customer = Customer.get_by_id(first.customer_id)
    assert (customer.name, customer.wechat, customer.vip) == ("林小满（新娘）", "xiaoman", True)
    assert second.customer_id == customer.id


def test_a_wechat_only_customer_is_found_again_by_wechat(people):
    first = register(people["front"], phone="", wechat="lin_xiaoman")
    second = register(people["front"], phone="", wechat="lin_xiaoman")
    assert first.customer_id == second.customer_id


def test_promised_reply_defaults_to_the_answer_deadline(people, frozen_now):
    assert default_promised_reply(frozen_now, "ordinary") == datetime(2026, 11, 26, 10, 0)
    assert default_promised_reply(frozen_now, "major") == datetime(2026, 11, 25, 10, 0)
    assert register(people["front"], safety_issue=True).promised_reply_at == datetime(2026, 11, 25, 10, 0)


def test_an_inactive_category_is_refused(people, category):
    Category.update(active=False).where(Category.id == category("其他")).execute()
    with pytest.raises(ValidationError) as info:
        register(people["front"], category_id=category("其他"))
    assert info.value.problems == {"category_id": "所选投诉类别不存在或已停用。"}
    with pytest.raises(ValidationError):
        register(people["front"], category_id=99999)


def test_every_role_registers_but_a_deactivated_account_cannot(people):
    for key in ("front", "service", "manager", "exec", "admin"):
        assert register(people[key]).receiver_id == people[key].id
    gone = User.get_by_id(people["front"].id)
    User.update(active=False).where(User.id == gone.id).execute()
    with pytest.raises(PermissionDenied, match="已被停用"):
        register(gone)
    with pytest.raises(PermissionDenied, match="请先登录"):
        register(None)


def test_history_lists_closed_cases_too(people):
    case = advance(register(people["front"], phone="13812345678", order_no="HS-9"), "closed", people)
    history = customer_history("13812345678")
    assert [c.case_no for c in history.cases] == [case.case_no]
    assert count_open_for_customer(case.customer_id) == 0
