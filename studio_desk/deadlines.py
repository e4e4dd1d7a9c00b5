"""Due times of a case (时限), from PROCESS.md's time limits and the working calendar.

- first assessment within 24 hours of receipt (calendar hours; later it escalates);
- ordinary: final answer within 3 working days; major: a temporary measure within
  8 working hours and the final answer within 2 working days;
- result communicated within 5 working days of the assessment;
- follow-up between day 5 and day 7 after the remedy was carried out: the window opens at the
  start of calendar day 5 (the day it was carried out is day 0), so a call that morning counts.
The case's ``next_due`` is the one that matters in its current stage; it is stored so
that "overdue" is a plain indexed query.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from studio_desk.workcal import WorkCalendar


def due_times(
    cal: WorkCalendar,
    cfg: dict[str, Any],
    *,
    received_at: datetime,
    severity: str,
    assessed_at: datetime | None = None,
    implemented_at: datetime | None = None,
) -> dict[str, datetime | None]:
    major = severity == "major"
    dues: dict[str, datetime | None] = {
        "first_assessment_due": received_at + timedelta(hours=int(cfg["first_assessment_hours"])),
        "temp_measure_due": cal.add_work_hours(received_at, float(cfg["major_temp_measure_work_hours"]))
        if major
        else None,
        "reply_due": cal.add_workdays(
            received_at, int(cfg["major_reply_workdays"] if major else cfg["ordinary_reply_workdays"])
        ),
        "result_due": cal.add_workdays(assessed_at, int(cfg["result_workdays"])) if assessed_at else None,
        "follow_up_from": None,
        "follow_up_until": None,
    }
    if implemented_at:
        dues["follow_up_from"] = follow_up_opens(implemented_at, cfg)
        dues["follow_up_until"] = implemented_at + timedelta(days=int(cfg["follow_up_until_day"]))
    return dues


def follow_up_opens(implemented_at: datetime, cfg: dict[str, Any]) -> datetime:
    """The first moment a follow-up call (回访) may be recorded: midnight starting calendar day
    ``follow_up_from_day`` after the remedy was carried out."""
    return datetime.combine(implemented_at.date() + timedelta(days=int(cfg["follow_up_from_day"])), time.min)


def follow_up_too_early(opens: datetime, cfg: dict[str, Any]) -> str:
    """Why a follow-up before its window is refused, naming the day it opens."""
    days = f"{int(cfg['follow_up_from_day'])}–{int(cfg['follow_up_until_day'])}"
    return f"回访应在实施完成后第 {days} 天进行，最早可在 {opens.month}月{opens.day}日 记录。"


def next_due(
    stage: str, dues: dict[str, Any], *, assessed: bool, promised_reply_at: datetime | None
) -> datetime | None:
    """The deadline the case is working towards in ``stage`` (None once closed)."""
    if stage == "closed":
        return None
    if stage == "follow_up":  # a reopened case that was never carried out has no window: the answer is due
        return dues.get("follow_up_until") or dues.get("reply_due")
    candidates: list[datetime | None]
    if stage in ("registered", "investigating") and not assessed:
        candidates = [dues.get("first_assessment_due"), dues.get("temp_measure_due"), promised_reply_at]
    elif stage == "implementing":
        candidates = [dues.get("result_due") or dues.get("reply_due")]
    else:
        candidates = [dues.get("reply_due"), dues.get("result_due"), promised_reply_at]
    present = [c for c in candidates if c is not None]
    return min(present) if present else None


def describe_time_left(due: datetime | None, now: datetime) -> tuple[str, str]:
    """("还剩 5 小时" / "已超时 2 天", state) with state in {"none", "ok", "soon", "overdue"}."""
    if due is None:
        return "", "none"
    delta = due - now
    overdue = delta.total_seconds() < 0
    seconds = abs(delta.total_seconds())
    if seconds >= 86400:
        amount = f"{int(seconds // 86400)} 天"
    elif seconds >= 3600:
        amount = f"{int(seconds // 3600)} 小时"
    else:
        amount = f"{max(1, int(seconds // 60))} 分钟"
    if overdue:
        return f"已超时 {amount}", "overdue"
    return f"还剩 {amount}", "soon" if seconds <= 4 * 3600 else "ok"
