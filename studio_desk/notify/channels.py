"""Setting up the channels (设置 → 通知), 店长 and above: add, edit, remove, and what may be shown.

Secrets — a webhook URL (it carries the robot's key), the signing secret, the mailbox's
authorisation code — are written once and never read back out: :class:`ChannelView` shows a
webhook as its host and path with the key cut off, and an edit that leaves a secret empty keeps
the stored one. Audit events name the channel and what changed, never a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from studio_desk import audit, clock
from studio_desk.db import write_transaction
from studio_desk.errors import NotFound
from studio_desk.models import NotifyChannel, NotifyOutbox, User
from studio_desk.notify.events import ALL_EVENTS
from studio_desk.notify.mail import SECURITY, recipients
from studio_desk.permissions import require
from studio_desk.validation import Checker

KINDS = {"wecom": "企业微信群机器人", "dingtalk": "钉钉自定义机器人", "feishu": "飞书自定义机器人", "email": "电子邮件"}
ROBOTS = ("wecom", "dingtalk", "feishu")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")  # plain http only to this computer (a test stand-in)


@dataclass(frozen=True)
class ChannelView:
    """A channel as the settings page and ``notify list`` may show it: no secret in it."""

    id: int
    kind: str
    name: str
    target: str
    events: tuple[str, ...]
    active: bool
    config: dict  # what the edit form fills in (never a secret)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def title(self) -> str:
        """企业微信群机器人“店长群”, or the kind alone for a channel left with its kind as name."""
        return self.name if self.name == self.kind_label else f"{self.kind_label}“{self.name}”"


def masked_url(url: str) -> str:
    """https://qyapi.weixin.qq.com/cgi-bin/webhook/send?… — the key (query or last segment) cut off."""
    parts = urlsplit(url)
    path = parts.path + "?" if parts.query else parts.path.rsplit("/", 1)[0] + "/"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{path}…"


def view(channel: NotifyChannel) -> ChannelView:
    cfg = dict(channel.config or {})
    if channel.kind == "email":
        server = f"{cfg.get('host', '')}:{cfg.get('port', '')} {SECURITY.get(cfg.get('security'), '')}"
        target = f"{cfg.get('to', '')}（{server}）"
    else:
        target = masked_url((channel.secret or {}).get("url", ""))
    return ChannelView(channel.id, channel.kind, channel.name, target, tuple(channel.events or ()), channel.active, cfg)


def list_channels(user: User) -> list[ChannelView]:
    require(user, "settings")
    return [view(c) for c in NotifyChannel.select().order_by(NotifyChannel.id)]


def _get(channel_id: int) -> NotifyChannel:
    channel = NotifyChannel.get_or_none(NotifyChannel.id == channel_id)
    if channel is None:
        raise NotFound(f"找不到通知渠道 {channel_id}。")
    return channel


def _check_url(check: Checker, url: str, required: bool) -> None:
    if not url:
        if required:
            check.fail("url", "请填写 Webhook 地址。")
        return
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0  # a port that is no number raises here
    except ValueError:
        port_ok = False
    if parts.scheme not in ("https", "http") or not parts.hostname or not port_ok or any(c.isspace() for c in url):
        check.fail("url", "Webhook 地址无效：应以 https:// 开头，请从群机器人设置中复制完整地址。")
    elif parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        check.fail("url", "Webhook 地址必须以 https:// 开头（http 会让密钥在网络上明文传输）。")


def _parse_smtp(check: Checker, smtp: str) -> tuple[str, int]:
    host, _, port_text = smtp.rpartition(":")
    try:
        port = int(port_text)
        if not host or not 0 < port < 65536:
            raise ValueError
    except ValueError:
        check.fail("smtp", "邮件服务器格式应为 主机:端口，如 smtp.qq.com:465。")
        return "", 0
    return host.strip("[]"), port


def _validate(kind: str, data: dict[str, Any], old: NotifyChannel | None) -> tuple[dict, dict, list[str]]:
    """(config, secret, events) — a secret left empty on an edit keeps the stored one."""
    check = Checker()
    stored = dict(old.secret or {}) if old else {}
    config: dict[str, Any] = {}
    secret: dict[str, str] = {}
    if kind in ROBOTS:
        url = check.text("url", "Webhook 地址", data.get("url"), max_len=500)
        _check_url(check, url, required="url" not in stored)
        secret["url"] = url or stored.get("url", "")
        if kind != "wecom":
            sign = check.text("secret", "签名密钥", data.get("secret"), max_len=200)
            if not sign and "secret" not in stored:
                check.fail(
                    "secret",
                    "请填写机器人安全设置里的加签密钥。"
                    if kind == "dingtalk"
                    else "请填写机器人安全设置里的签名校验密钥。",
                )
            elif kind == "dingtalk" and sign and not sign.startswith("SEC"):
                check.fail("secret", "钉钉的加签密钥以 SEC 开头，请从机器人安全设置中复制。")
            secret["secret"] = sign or stored.get("secret", "")
    else:
        host, port = _parse_smtp(check, check.text("smtp", "邮件服务器", data.get("smtp"), required=True, max_len=200))
        security = data.get("security") or ("ssl" if port == 465 else "starttls")
        if security not in SECURITY:
            check.fail("security", "加密方式只能是 SSL 或 STARTTLS。")
        user = check.text("user", "邮箱账号", data.get("user"), required=True, max_len=200)
        to = check.text("to", "收件人", data.get("to"), required=True, max_len=500)
        if to and not all("@" in a for a in recipients(to)):
            check.fail("to", "收件人应是邮箱地址，多个地址用逗号分开。")
        password = check.text("password", "授权码", data.get("password"), max_len=200)
        if not password and "password" not in stored:
            check.fail("password", "请填写邮箱的授权码（在邮箱设置里开启 SMTP 后获得）。")
        config = {"host": host, "port": port, "security": security, "user": user, "to": to}
        secret["password"] = password or stored.get("password", "")
    events = list(data["events"]) if data.get("events") is not None else list(old.events if old else ALL_EVENTS)
    if any(e not in ALL_EVENTS for e in events):
        check.fail("events", "通知事件无效。")
    check.raise_if_any()
    return config, secret, [e for e in ALL_EVENTS if e in events]


def save_channel(user: User, channel_id: int | None, data: dict[str, Any]) -> ChannelView:
    """Add a channel (``channel_id`` None; it gets every event until changed) or change one."""
    require(user, "settings")
    old = _get(channel_id) if channel_id is not None else None
    check = Checker()
    kind = old.kind if old else check.choice("kind", "渠道类型", data.get("kind"), tuple(KINDS))
    name = check.text("name", "名称", data.get("name"), max_len=60) if data.get("name") is not None else ""
    check.raise_if_any()
    config, secret, events = _validate(kind, data, old)
    name = name or (old.name if old else KINDS[kind])
    active = bool(data.get("active", old.active if old else True))
    now = clock.now()
    with write_transaction():
        if old is None:
            channel = NotifyChannel.create(
                kind=kind,
                name=name,
                config=config,
                secret=secret,
                events=events,
                active=active,
                created_at=now,
                updated_at=now,
            )
        else:
            NotifyChannel.update(
                name=name, config=config, secret=secret, events=events, active=active, updated_at=now
            ).where(NotifyChannel.id == old.id).execute()
            channel = _get(old.id)
        changed = sorted(
            k for k in ("name", "config", "events", "active") if old is None or getattr(old, k) != getattr(channel, k)
        )
        audit.record(
            "notify",
            user,
            change="add" if old is None else "edit",
            channel=name,
            kind=kind,
            fields=changed,
            events=events,
            secret_changed=old is None or secret != old.secret,
        )
    return view(channel)


def remove_channel(user: User, channel_id: int) -> None:
    """Remove a channel with its messages (those not yet delivered are counted in the audit event)."""
    require(user, "settings")
    channel = _get(channel_id)
    with write_transaction():
        dropped = (
            NotifyOutbox.select().where((NotifyOutbox.channel == channel.id) & (NotifyOutbox.status != "sent")).count()
        )
        NotifyOutbox.delete().where(NotifyOutbox.channel == channel.id).execute()
        channel.delete_instance()
        audit.record("notify", user, change="remove", channel=channel.name, kind=channel.kind, dropped=dropped)


def resend_undelivered(user: User) -> int:
    """重发: failed and unknown messages are queued again (店长+), after the channel was fixed.
    An unknown one may then arrive twice: the manager chose that."""
    require(user, "settings")
    now = clock.now()
    with write_transaction():
        count = (
            NotifyOutbox.update(status="pending", next_attempt_at=now, last_error="")
            .where(NotifyOutbox.status.in_(("failed", "unknown")))
            .execute()
        )
        if count:
            audit.record("notify", user, change="resend", messages=count)
    return count
