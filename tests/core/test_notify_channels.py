"""Setting up channels: who may, what is checked, and that a secret never comes back out."""

from __future__ import annotations

import json

import pytest

from studio_desk.errors import PermissionDenied, ValidationError
from studio_desk.models import AuditEvent, NotifyChannel
from studio_desk.notify.channels import list_channels, remove_channel, save_channel
from studio_desk.notify.events import ALL_EVENTS, mask_name

KEY = "secret-key-6a1f"
URL = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"


def test_a_new_channel_gets_every_event_and_shows_no_secret(studio, frozen_now):
    channel = save_channel(studio["manager"], None, {"kind": "wecom", "url": URL, "name": "店长群"})
    assert channel.events == ALL_EVENTS and channel.kind_label == "企业微信群机器人"
    assert channel.target == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…"
    feishu = save_channel(
        studio["manager"],
        None,
        {"kind": "feishu", "url": f"https://open.feishu.cn/open-apis/bot/v2/hook/{KEY}", "secret": "fs-" + KEY},
    )
    mail = save_channel(
        studio["exec"],
        None,
        {
            "kind": "email",
            "smtp": "smtp.qq.com:465",
            "user": "studio@qq.com",
            "password": "auth-" + KEY,
            "to": "boss@163.com",
        },
    )
    assert feishu.target == "https://open.feishu.cn/open-apis/bot/v2/hook/…"
    assert mail.target == "boss@163.com（smtp.qq.com:465 SSL）" and mail.config["security"] == "ssl"
    shown = repr(list_channels(studio["manager"]))
    audit = json.dumps(
        [e.details for e in AuditEvent.select().where(AuditEvent.action == "notify")], ensure_ascii=False
    )
    for text in (shown, audit):
        assert KEY not in text


def test_an_edit_that_leaves_a_secret_empty_keeps_it(studio, frozen_now):
    manager = studio["manager"]
    channel = save_channel(manager, None, {"kind": "dingtalk", "url": URL, "secret": "SEC" + KEY})
    save_channel(manager, channel.id, {"url": "", "secret": "", "name": "钉钉群", "events": ["major", "daily"]})
    stored = NotifyChannel.get_by_id(channel.id)
    assert (stored.name, stored.events) == ("钉钉群", ["major", "daily"])
    assert stored.secret == {"url": URL, "secret": "SEC" + KEY}
    event = AuditEvent.select().where(AuditEvent.action == "notify").order_by(AuditEvent.id.desc()).first()
    assert event.details["secret_changed"] is False and event.details["fields"] == ["events", "name"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"kind": "wecom", "url": ""}, "url", "请填写 Webhook 地址"),
        ({"kind": "wecom", "url": "http://qyapi.weixin.qq.com/x?key=1"}, "url", "https://"),
        ({"kind": "wecom", "url": "qyapi.weixin.qq.com"}, "url", "无效"),
        ({"kind": "wecom", "url": "https://qyapi.weixin.qq.com:4x3/send?key=1"}, "url", "无效"),
        ({"kind": "wecom", "url": "https://qyapi.weixin.qq.com/send?key=1 2"}, "url", "无效"),
        ({"kind": "dingtalk", "url": URL, "secret": "abc"}, "secret", "SEC"),
        ({"kind": "feishu", "url": URL}, "secret", "签名校验密钥"),
        (
            {"kind": "email", "smtp": "smtp.qq.com", "user": "a@qq.com", "password": "p", "to": "b@qq.com"},
            "smtp",
            "主机:端口",
        ),
        (
            {"kind": "email", "smtp": "smtp.qq.com:587", "user": "a@qq.com", "password": "p", "to": "店长"},
            "to",
            "邮箱地址",
        ),
        ({"kind": "email", "smtp": "smtp.qq.com:587", "user": "a@qq.com", "to": "b@qq.com"}, "password", "授权码"),
        ({"kind": "sms", "url": URL}, "kind", "渠道类型"),
        ({"kind": "wecom", "url": URL, "events": ["everything"]}, "events", "通知事件"),
    ],
)
def test_problems_are_named_by_field(studio, frozen_now, data, field, words):
    with pytest.raises(ValidationError) as info:
        save_channel(studio["manager"], None, data)
    assert field in info.value.problems and words in info.value.problems[field]


def test_only_managers_set_up_channels(studio, frozen_now):
    channel = save_channel(studio["admin"], None, {"kind": "wecom", "url": URL})
    for who in ("front", "service"):
        with pytest.raises(PermissionDenied):
            save_channel(studio[who], None, {"kind": "wecom", "url": URL})
        with pytest.raises(PermissionDenied):
            list_channels(studio[who])
        with pytest.raises(PermissionDenied):
            remove_channel(studio[who], channel.id)
    remove_channel(studio["manager"], channel.id)
    assert list_channels(studio["manager"]) == []


def test_names_are_masked_to_the_family_name():
    assert [mask_name(n) for n in ("王小明", "李四", "张", "", " 欧阳娜娜 ")] == ["王**", "李*", "张*", "", "欧***"]
