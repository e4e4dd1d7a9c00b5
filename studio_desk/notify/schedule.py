"""Messages that time alone brings: a case past a deadline, and the day's summary at closing time.

:func:`scan` runs at the start of every sender run (the desk's, every minute; a scheduled
``notify send-pending``). A case is told of once per deadline it misses (the outbox's unique
dedupe key decides, also between two desks); only deadlines missed within the last
:data:`LOOKBACK` are told, so a desk that was off for a week, or channels added to a studio
with a backlog, do not flood the group with old news (the board shows those). The summary is
queued once a day, at the first run after closing time (设置 → 下班时间).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from studio_desk import settings
from studio_desk.db import write_transaction, writes_refused
from studio_desk.models import Complaint
from studio_desk.notify.events import Message, case_message, fmt_time
from studio_desk.notify.outbox import enqueue, subscribed, without_message
from studio_desk.reports.daily_data import daily_summary
from studio_desk.vocab import OPEN_STAGES

LOOKBACK = timedelta(hours=24)
DAILY_LIST = 10  # new cases named in the daily text; the PDF by e-mail has them all


def scan(now: datetime) -> int:
    """Queue the messages of deadlines passed and of the day's closing; returns how many were queued."""
    if writes_refused():
        return 0
    return _overdue(now) + _daily(now)


def _overdue(now: datetime) -> int:
    channels = subscribed("overdue")
    if not channels:
        return 0
    late = (
        Complaint.select()
        .where(
            (Complaint.deleted == False)
            & Complaint.stage.in_(OPEN_STAGES)  # noqa: E712
            & (Complaint.next_due <= now)
            & (Complaint.next_due > now - LOOKBACK)
        )
        .order_by(Complaint.next_due, Complaint.id)
    )
    queued = 0
    for case in late:
        key = f"overdue:{case.id}:{case.next_due:%Y%m%d%H%M%S}"
        targets = without_message(channels, key)
        if not targets:
            continue
        unassessed = case.assessed_at is None and case.next_due == case.first_assessment_due
        headline = "超过24小时未评估" if unassessed else "案件已超时"
        with write_transaction():
            queued += enqueue(
                case_message("overdue", case, headline, f"期限：{fmt_time(case.next_due)}", dedupe_key=key), targets
            )
    return queued


def _daily(now: datetime) -> int:
    closing = datetime.combine(now.date(), time.fromisoformat(settings.get("work_end")))
    if now < closing:
        return 0
    key = f"daily:{now:%Y-%m-%d}"
    targets = without_message(subscribed("daily"), key)
    if not targets:
        return 0
    with write_transaction():
        return enqueue(daily_message(now, key), targets)


def daily_message(now: datetime, key: str | None = None) -> Message:
    """The day's summary as text; e-mail channels also get the PDF (``attach``)."""
    summary = daily_summary(now.date(), now, with_penalties=False)
    studio = (settings.get("studio_name") or "").strip()
    prefix = f"[{studio}] " if studio else ""
    lines = [
        f"{prefix}【每日工作小结】{now:%Y-%m-%d}",
        f"今日新增 {len(summary.new)} 件，处理进展 {len(summary.moved)} 件，"
        f"超时未处理 {len(summary.overdue)} 件（截至 {now:%H:%M}）",
    ]
    for item in summary.new[:DAILY_LIST]:
        lines.append(f"· {item['case_no']} {item['category']} {item['severity']} {item['stage']}")
    if len(summary.new) > DAILY_LIST:
        lines.append(f"…… 另有 {len(summary.new) - DAILY_LIST} 件，见每日工作小结")
    return Message(
        "daily",
        f"{prefix}每日工作小结 {now:%Y-%m-%d}",
        "\n".join(lines),
        None,
        key,
        {"daily_pdf": now.date().isoformat()},
    )
