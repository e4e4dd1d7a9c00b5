"""Delivery to the group robots against the local stand-in: signatures, error replies, the
rate limit, a network that is down, and a reply that never comes."""

from __future__ import annotations

from studio_desk.notify import robots as robot_api
from studio_desk.notify.sender import send_pending, send_test
from tests.board_factory import register
from tests.core.notifykit import add_robot, robots_fixture  # noqa: F401 (the robots fixture)
from tests.robot_standin import DINGTALK_SECRET, FEISHU_SECRET, WECOM_KEY


def _major(people, **data):
    return register(people["front"], customer_name="王小明", phone="13812345678", safety_issue=True, **data)


def test_each_robot_receives_a_signed_message_naming_the_case(sqlite_studio, robots, frozen_now):
    for kind in ("wecom", "dingtalk", "feishu"):
        add_robot(sqlite_studio["manager"], robots, kind)
    case = _major(sqlite_studio)
    report = send_pending()
    assert (report.sent, report.ok) == (3, True)
    assert sorted(kind for kind, _ in robots.received) == ["dingtalk", "feishu", "wecom"]
    for text in robots.texts():
        assert case.case_no in text and "新的重大投诉" in text
        assert "王**" in text and "138****5678" in text and "13812345678" not in text and "王小明" not in text
        assert "类别：修图质量" in text and "严重程度：重大" in text and "阶段：受理" in text
    assert send_pending().sent == 0  # delivered once, marked: a second run sends nothing


def test_a_wrong_signing_secret_is_refused_for_good_and_says_why(sqlite_studio, robots, frozen_now):
    add_robot(sqlite_studio["manager"], robots, "dingtalk", secret=DINGTALK_SECRET + "x")
    add_robot(sqlite_studio["manager"], robots, "feishu", secret=FEISHU_SECRET + "x")
    _major(sqlite_studio)
    report = send_pending()
    assert (report.sent, report.failed) == (0, 2)
    assert any("310000" in p for p in report.problems) and any("19021" in p for p in report.problems)
    assert robots.received == []
    assert send_pending().failed == 0  # refused for good: not retried until the manager resends


def test_wecom_rate_limit_pauses_the_channel_and_the_rest_follow_a_minute_later(sqlite_studio, robots, frozen_now):
    from datetime import timedelta

    from studio_desk import clock

    add_robot(sqlite_studio["manager"], robots, "wecom")
    for _ in range(23):
        _major(sqlite_studio)
    report = send_pending()
    assert (report.sent, report.retrying) == (20, 1)
    assert "45009" in report.problems[0]
    assert robots.requests == 21  # after the refusal the channel rests: the other two were not tried
    robots.next_minute()
    with clock.frozen(frozen_now + timedelta(seconds=30)):
        assert send_pending().sent == 2  # the two never tried; the refused one waits its minute
    with clock.frozen(frozen_now + timedelta(seconds=61)):
        assert send_pending().sent == 1
    assert len(robots.received) == 23 and len(set(robots.texts())) == 23


def test_error_replies_are_told_apart(sqlite_studio, robots, frozen_now):
    channel = add_robot(sqlite_studio["manager"], robots, "wecom")
    manager = sqlite_studio["manager"]
    for scripted, status, words in (
        (-1, "retry", "繁忙"),
        (("http", 502), "retry", "HTTP 502"),
        (("http", 404), "failed", "HTTP 404"),
        ("garbage", "retry", "格式"),
        (93000, "failed", "93000"),
        ("hangup", "unknown", "不自动重发"),
    ):
        robots.script.append(scripted)
        outcome = send_test(manager, channel.id)
        assert (outcome.status, words in outcome.detail) == (status, True), (scripted, outcome)
        assert WECOM_KEY not in outcome.detail


def test_a_robot_that_is_down_is_retried_with_back_off_and_receives_it_once(sqlite_studio, robots, frozen_now):
    from datetime import timedelta

    from studio_desk import clock
    from studio_desk.models import NotifyOutbox

    add_robot(sqlite_studio["manager"], robots, "wecom")
    case = _major(sqlite_studio)
    robots.down()
    report = send_pending()
    assert report.retrying == 1 and "连接被拒绝" in report.problems[0]
    row = NotifyOutbox.get()
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1, frozen_now + timedelta(seconds=30))
    with clock.frozen(frozen_now + timedelta(seconds=31)):
        assert send_pending().retrying == 1  # still down: the next wait doubles
    assert NotifyOutbox.get().next_attempt_at == frozen_now + timedelta(seconds=31 + 60)
    robots.up()
    with clock.frozen(frozen_now + timedelta(seconds=60)):
        assert send_pending().sent == 0  # not due yet
    with clock.frozen(frozen_now + timedelta(seconds=92)):
        assert send_pending().sent == 1
        assert send_pending().sent == 0
    assert len(robots.received) == 1 and case.case_no in robots.texts()[0]


def test_the_signatures_follow_the_documented_examples():
    # DingTalk's and Feishu's documents sign "timestamp\nsecret" with HMAC-SHA256 and Base64;
    # DingTalk uses the secret as key and URL-encodes, Feishu uses the string as key over nothing.
    import base64
    import hashlib
    import hmac
    from urllib.parse import unquote_plus

    sign = robot_api.dingtalk_sign("SECabc", 1700000000000)
    raw = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    assert unquote_plus(sign) == base64.b64encode(raw).decode() and "+" not in sign and "/" not in sign
    raw = hmac.new(b"1700000000\nabc", b"", hashlib.sha256).digest()
    assert robot_api.feishu_sign("abc", 1700000000) == base64.b64encode(raw).decode()


def test_a_long_text_is_cut_to_the_robots_limit_in_bytes_never_inside_a_character():
    _url, body = robot_api.request_for("wecom", "https://example.invalid/x?key=k", "", "投诉" * 2000)
    text = body["text"]["content"]
    assert len(text.encode()) <= robot_api.TEXT_LIMIT and set(text) == {"投", "诉"}
