"""The outbox: which changes queue which messages, in the change's own transaction; what time
brings (overdue, the day's summary) is queued once; claims, the crash window and resending."""

from __future__ import annotations

from datetime import timedelta

import pytest

from studio_desk import clock
from studio_desk.db import write_transaction
from studio_desk.errors import StaleEdit
from studio_desk.models import Complaint, NotifyOutbox
from studio_desk.notify import outbox, schedule
from studio_desk.notify.channels import resend_undelivered, save_channel
from studio_desk.notify.sender import send_pending
from studio_desk.services import actions
from tests.board_factory import advance, carried_out_days_ago, register
from tests.core.notifykit import add_robot, robots_fixture  # noqa: F401 (the robots fixture)


def _wecom(people, url="http://127.0.0.1:9/cgi-bin/webhook/send?key=k", **data):
    return save_channel(people["manager"], None, {"kind": "wecom", "url": url, **data})


def _messages(event=None):
    query = NotifyOutbox.select().order_by(NotifyOutbox.id)
    return list(query.where(NotifyOutbox.event == event) if event else query)


def test_a_major_complaint_queues_a_message_for_each_ticked_channel(studio, frozen_now):
    everything = _wecom(studio)
    _wecom(studio, name="只收小结", events=["daily"])
    register(studio["front"], description="普通投诉")
    assert _messages() == []
    case = register(studio["front"], customer_name="王小明", phone="13812345678", media_exposure=True)
    [row] = _messages()
    assert (row.channel_id, row.event, row.case_id, row.status) == (everything.id, "major", case.id, "pending")
    assert case.case_no in row.body and "王**" in row.body and "138****5678" in row.body
    assert "13812345678" not in row.body + row.title and "王小明" not in row.body
    assert "花嫁摄影工作室" in row.title  # the studio's name: a manager may be in several groups
    assert outbox.undelivered_count() == 1


def test_a_change_that_is_refused_or_rolled_back_leaves_no_message(studio, frozen_now):
    _wecom(studio)
    case = register(studio["front"])
    with pytest.raises(StaleEdit):
        actions.set_severity(studio["manager"], case.id, case.version + 5, "major", "顾客已发微博")
    with pytest.raises(RuntimeError), write_transaction():
        actions.set_severity(studio["manager"], case.id, case.version, "major", "顾客已发微博")
        raise RuntimeError("the power went off before the commit")
    assert _messages() == [] and Complaint.get_by_id(case.id).severity == "ordinary"


def test_a_case_raised_to_major_is_told_once_with_the_reason(studio, frozen_now):
    _wecom(studio)
    case = register(studio["front"])
    case = actions.set_severity(studio["manager"], case.id, case.version, "major", "顾客已联系媒体")
    actions.add_note(studio["manager"], case.id, "已致电顾客")
    [row] = _messages("major")
    assert "投诉升级为重大" in row.body and "顾客已联系媒体" in row.body


def test_a_proposal_above_the_managers_limit_is_told_for_the_executive(studio, frozen_now):
    _wecom(studio)
    advance(register(studio["front"]), "approval", studio, compensation="800")
    [row] = _messages("approval")
    assert "待执行经理审批" in row.body and "800.00 元" in row.body and "500.00 元" in row.body


def test_an_approval_within_the_limit_is_not_told(studio, frozen_now):
    _wecom(studio, events=["approval"])
    advance(register(studio["front"], beyond_terms=True), "approval", studio, compensation="100")
    assert _messages() == []


def test_an_unsatisfied_follow_up_is_told(studio, frozen_now):
    _wecom(studio, events=["unsatisfied"])
    case = carried_out_days_ago(studio)
    actions.record_follow_up(
        studio["service"],
        case.id,
        case.version,
        reached=True,
        satisfied=False,
        comments="顾客说还是不满意，电话 13812345678",
        then="remedy",
    )
    [row] = _messages()
    assert "回访不满意" in row.body and "13812345678" not in row.body


def test_a_case_not_assessed_within_24_hours_is_told_once(studio, frozen_now):
    _wecom(studio, events=["overdue"])
    case = register(studio["front"])
    assert schedule.scan(frozen_now + timedelta(hours=23)) == 0
    later = case.first_assessment_due + timedelta(hours=1)
    assert schedule.scan(later) == 1
    assert schedule.scan(later + timedelta(hours=2)) == 0  # the same deadline is told once
    [row] = _messages()
    assert "超过24小时未评估" in row.body and case.case_no in row.body


def test_old_overdue_cases_do_not_flood_a_new_channel(studio, frozen_now):
    case = register(studio["front"])
    _wecom(studio, events=["overdue"])
    assert schedule.scan(case.first_assessment_due + schedule.LOOKBACK + timedelta(minutes=1)) == 0


def test_the_daily_summary_is_queued_once_at_closing_time(studio, frozen_now):
    _wecom(studio, events=["daily"])
    register(studio["front"], customer_name="李四")
    closing = frozen_now.replace(hour=18, minute=0)
    assert schedule.scan(closing - timedelta(minutes=1)) == 0
    with clock.frozen(closing):
        assert schedule.scan(closing) == 1
    assert schedule.scan(closing + timedelta(hours=3)) == 0
    [row] = _messages()
    assert row.title.endswith("每日工作小结 2026-11-23") and "今日新增 1 件" in row.body and "李四" not in row.body
    assert row.attach == {"daily_pdf": "2026-11-23"}


def test_only_one_sender_claims_a_message(studio, frozen_now):
    _wecom(studio)
    register(studio["front"], safety_issue=True)
    [row] = _messages()
    assert outbox.claim(row.id, frozen_now) is not None
    assert outbox.claim(row.id, frozen_now) is None


def test_a_sender_that_stopped_mid_send_never_sends_twice_but_the_manager_can_resend(studio, robots, frozen_now):
    add_robot(studio["manager"], robots, "wecom")
    register(studio["front"], safety_issue=True)
    [row] = _messages()
    outbox.claim(row.id, frozen_now)  # … and the program was killed before it could mark the message
    assert send_pending(frozen_now + timedelta(minutes=5)).sent == 0  # still "sending": left alone
    report = send_pending(frozen_now + timedelta(minutes=11))
    assert report.sent == 0 and robots.requests == 0
    assert NotifyOutbox.get_by_id(row.id).status == "unknown" and outbox.undelivered_count() == 1
    assert resend_undelivered(studio["manager"]) == 1
    with clock.frozen(frozen_now + timedelta(minutes=12)):
        assert send_pending().sent == 1
    assert outbox.undelivered_count() == 0 and len(robots.received) == 1


def test_a_paused_channel_keeps_its_messages_until_it_is_switched_on(studio, robots, frozen_now):
    channel = add_robot(studio["manager"], robots, "wecom")
    register(studio["front"], safety_issue=True)
    save_channel(studio["manager"], channel.id, {"active": False})
    register(studio["front"], safety_issue=True)  # a paused channel is not given new messages
    assert send_pending().sent == 0 and robots.requests == 0 and outbox.undelivered_count() == 1
    save_channel(studio["manager"], channel.id, {"active": True})
    assert send_pending().sent == 1 and len(robots.received) == 1
