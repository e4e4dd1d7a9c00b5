"""The outbox (发件箱): messages are queued in the transaction of the change that caused them,
so a change and its notification land together or not at all, and delivery — slow, and
often failing — happens later, outside any transaction (:mod:`.sender`).

Each row is one message for one channel, so a WeCom group that got it and a mailbox that did
not are retried separately. A row is claimed by one sender at a time (``claim``): two desks and
a scheduled ``notify send-pending`` may all run senders against one database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import fn

from studio_desk import clock
from studio_desk.db import write_transaction
from studio_desk.models import NotifyChannel, NotifyOutbox
from studio_desk.notify.events import Message

UNDELIVERED = ("pending", "sending", "failed", "unknown")
# A claim older than this belongs to a sender that stopped (a request times out in seconds).
STALE_CLAIM = timedelta(minutes=10)
FIRST_RETRY_SECONDS, MAX_RETRY_SECONDS = 30, 1800


@dataclass(frozen=True)
class Outcome:
    """What one delivery attempt came to.

    status: ``sent``; ``retry`` (certainly not delivered: no connection, a rate limit, a server
    error — try again later); ``failed`` (refused for good: wrong key, bad signature, wrong
    password — the manager must fix the channel); ``unknown`` (the request may have arrived but
    no answer came: not retried automatically, so nothing is sent twice).
    ``detail`` is Chinese and never holds a secret; ``wait`` is what the channel asked for (s).
    """

    status: str
    detail: str = ""
    wait: int = 0


def network_reason(reason: object) -> str:
    """A short Chinese reason for a network error, without the URL (it holds the robot's key)."""
    if isinstance(reason, TimeoutError):
        return "连接超时"
    if isinstance(reason, ConnectionRefusedError):
        return "连接被拒绝"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[:100]
    return type(reason).__name__


def subscribed(event: str) -> list[NotifyChannel]:
    """Active channels ticked for ``event``."""
    return [
        c
        for c in NotifyChannel.select().where(NotifyChannel.active == True).order_by(NotifyChannel.id)  # noqa: E712
        if event in (c.events or [])
    ]


def without_message(channels: list[NotifyChannel], dedupe_key: str) -> list[NotifyChannel]:
    """The channels that have not been given the message of ``dedupe_key`` yet."""
    if not channels:
        return []
    have = {
        row[0]
        for row in NotifyOutbox.select(NotifyOutbox.channel).where(NotifyOutbox.dedupe_key == dedupe_key).tuples()
    }
    return [c for c in channels if c.id not in have]


def enqueue(message: Message, channels: list[NotifyChannel] | None = None) -> int:
    """Queue ``message`` for each channel ticked for its event; called inside the caller's transaction.
    A dedupe key already queued for a channel is skipped (the unique index decides, also between desks)."""
    channels = subscribed(message.event) if channels is None else channels
    if not channels:
        return 0
    now = clock.now()
    rows = [
        {
            "channel": c.id,
            "event": message.event,
            "case": message.case_id,
            "dedupe_key": message.dedupe_key,
            "title": message.title[:200],
            "body": message.body,
            "attach": message.attach,
            "created_at": now,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "last_error": "",
        }
        for c in channels
    ]
    NotifyOutbox.insert_many(rows).on_conflict_ignore().execute()
    return len(rows)


def undelivered_count() -> int:
    """Messages not yet delivered (the status bar's figure)."""
    return NotifyOutbox.select(fn.COUNT(NotifyOutbox.id)).where(NotifyOutbox.status.in_(UNDELIVERED)).scalar()


def due_ids(now: datetime, limit: int) -> list[int]:
    """Messages due now, oldest first; a paused channel's wait until it is switched on again."""
    query = (
        NotifyOutbox.select(NotifyOutbox.id)
        .join(NotifyChannel, on=NotifyOutbox.channel == NotifyChannel.id)
        .where(
            (NotifyOutbox.status == "pending") & (NotifyOutbox.next_attempt_at <= now) & (NotifyChannel.active == True)
        )  # noqa: E712
        .order_by(NotifyOutbox.id)
        .limit(limit)
    )
    return [row[0] for row in query.tuples()]


def claim(message_id: int, now: datetime) -> str | None:
    """Take the message for this sender; None if another sender has it or it is no longer due.
    Committed before anything is sent, so a crash afterwards leaves it ``sending``, never ``pending``."""
    token = secrets.token_hex(16)
    with write_transaction():
        taken = (
            NotifyOutbox.update(status="sending", claimed_at=now, claim_token=token, attempts=NotifyOutbox.attempts + 1)
            .where(
                (NotifyOutbox.id == message_id)
                & (NotifyOutbox.status == "pending")
                & (NotifyOutbox.next_attempt_at <= now)
            )
            .execute()
        )
    return token if taken == 1 else None


def backoff(attempts: int) -> int:
    """Seconds before the next attempt: 30 s, 1, 2, 4 … minutes, at most 30 minutes."""
    return min(FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1), MAX_RETRY_SECONDS)


def mark(message_id: int, token: str, outcome: Outcome, now: datetime) -> None:
    """Record the attempt's outcome for the claim ``token``."""
    row = NotifyOutbox.get_by_id(message_id)
    changes: dict = {
        "status": outcome.status if outcome.status != "retry" else "pending",
        "last_error": outcome.detail[:500],
        "claim_token": None,
    }
    if outcome.status == "sent":
        changes["sent_at"] = now
    elif outcome.status == "retry":
        changes["next_attempt_at"] = now + timedelta(seconds=max(backoff(row.attempts), outcome.wait))
    with write_transaction():
        NotifyOutbox.update(**changes).where(
            (NotifyOutbox.id == message_id) & (NotifyOutbox.claim_token == token)
        ).execute()


def release_stale(now: datetime) -> int:
    """Claims of a sender that stopped between claiming and marking become ``unknown``: the
    request may have reached the group, so it is not sent again unless the manager asks. Looked
    for first, so that a run with nothing to release takes no write lock (it runs every minute)."""
    stale = (NotifyOutbox.status == "sending") & (NotifyOutbox.claimed_at < now - STALE_CLAIM)
    if not NotifyOutbox.select().where(stale).exists():
        return 0
    with write_transaction():
        return (
            NotifyOutbox.update(status="unknown", claim_token=None, last_error="发送过程中程序中断，无法确定是否已送达")
            .where(stale)
            .execute()
        )


def recent(limit: int = 50) -> list[NotifyOutbox]:
    """The newest messages, for ``notify list`` and the settings page."""
    return list(NotifyOutbox.select().order_by(NotifyOutbox.id.desc()).limit(limit))
