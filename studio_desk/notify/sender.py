"""Delivering the outbox: claim → send → mark, one message at a time.

Used by the desk on a worker thread (every minute) and by ``main.py notify send-pending``.
Nothing here runs inside a change's transaction, so a slow or failing channel never delays or
undoes a change; each step commits on its own.

The guarantee, honestly: a message is never sent twice automatically, and never lost silently.
- ``claim`` commits ``sending`` before the request leaves; only one sender can claim a message.
- A delivery that did not arrive (no connection, a rate-limit reply, an HTTP 5xx — taken as the
  robot's refusal; a proxy that fails after the robot posted would make it arrive twice) goes back to
  ``pending`` with exponential back-off (30 s doubling to 30 min) and is retried indefinitely, so
  a studio whose network is down gets its messages when it returns.
- If the sender dies after claiming and before marking, or the request left but no reply came,
  nobody can know whether the group got it (the robots take no message id to de-duplicate on).
  Such a message becomes ``unknown``: never resent by itself, counted as not delivered in the
  status bar, and resent only when the manager asks (通知 → 重发). At most once, then, in that
  window of a few seconds; exactly once everywhere else.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from studio_desk import clock
from studio_desk.db import writes_refused
from studio_desk.errors import DomainError
from studio_desk.models import NotifyChannel, NotifyOutbox, User
from studio_desk.notify import mail, outbox, robots, schedule
from studio_desk.notify.outbox import Outcome
from studio_desk.permissions import require

BATCH = 100  # messages per run; the rest wait for the next run


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    unknown: int = 0
    queued: int = 0  # time events queued by this run
    channels: int = 0  # active channels; with none, the run wrote and sent nothing
    problems: list[str] = field(default_factory=list)  # "渠道名：原因", Chinese, no secrets

    @property
    def ok(self) -> bool:
        return not (self.retrying or self.failed or self.unknown)


def deliver(channel: NotifyChannel, title: str, body: str, attach: dict | None = None) -> Outcome:
    """One attempt on one channel."""
    secret = channel.secret or {}
    if channel.kind in robots.RATE_LIMITED:
        return robots.deliver(channel.kind, secret.get("url", ""), secret.get("secret", ""), body)
    pdf = _daily_pdf(date.fromisoformat(attach["daily_pdf"])) if attach and attach.get("daily_pdf") else None
    return mail.deliver(channel.config, secret.get("password", ""), title, body, pdf)


def _daily_pdf(day: date) -> tuple[str, bytes] | None:
    """The day's summary as PDF (without staff penalties: a mailbox may be shared)."""
    from studio_desk.reports.daily import render_daily_summary  # reportlab: only when a summary is mailed

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"每日工作小结-{day:%Y%m%d}.pdf"
        try:
            render_daily_summary(day, path, with_penalties=False)
        except DomainError:  # e.g. no CJK font on this computer: the text still goes
            return None
        return path.name, path.read_bytes()


def send_pending(now: datetime | None = None, limit: int = BATCH) -> SendReport:
    """Queue what time brought, then deliver every message that is due."""
    now = now or clock.now()
    report = SendReport(channels=NotifyChannel.select().where(NotifyChannel.active == True).count())  # noqa: E712
    if not report.channels or writes_refused():  # nothing to do, or a damaged file: the user was told
        return report
    released = outbox.release_stale(now)
    if released:
        report.unknown += released
        report.problems.append(f"{released} 条通知发送时程序中断，无法确定是否已送达（可在通知设置中重发）")
    report.queued = schedule.scan(now)
    resting: set[int] = set()  # channels that just failed to take a message: not hammered this run
    for message_id in outbox.due_ids(now, limit):
        row = NotifyOutbox.get_or_none(NotifyOutbox.id == message_id)
        if row is None or row.channel_id in resting:
            continue
        token = outbox.claim(message_id, now)
        if token is None:  # another sender (the other desk) has it
            continue
        channel = NotifyChannel.get_by_id(row.channel_id)
        result = deliver(channel, row.title, row.body, row.attach)
        outbox.mark(message_id, token, result, clock.now())
        _count(report, channel, result)
        if result.status != "sent":
            resting.add(channel.id)
    return report


def _count(report: SendReport, channel: NotifyChannel, result: Outcome) -> None:
    name = {"sent": "sent", "retry": "retrying", "failed": "failed", "unknown": "unknown"}[result.status]
    setattr(report, name, getattr(report, name) + 1)
    if result.status != "sent":
        report.problems.append(f"{channel.name}：{result.detail}")


def send_test(user: User, channel_id: int) -> Outcome:
    """发送测试消息: straight to the channel, not through the outbox (店长+)."""
    require(user, "settings")
    channel = NotifyChannel.get_or_none(NotifyChannel.id == channel_id)
    if channel is None:
        raise DomainError(f"找不到通知渠道 {channel_id}。")
    now = clock.now()
    title = "影楼客怨处理台 测试消息"
    body = (
        f"【测试消息】影楼客怨处理台的通知已接通（{channel.name}，{now:%Y-%m-%d %H:%M}）。"
        "重大投诉、超时案件、待审批和回访不满意会发到这里。"
    )
    return deliver(channel, title, body)
