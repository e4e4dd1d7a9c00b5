"""Studio administration (设置): the manager's settings, holidays and make-up workdays, the
user list, and the overdue count the desk's status bar shows.

Every change checks the 'settings' right, validates with Chinese messages naming the field,
writes in one transaction and leaves an audit event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from studio_desk import audit, clock, settings
from studio_desk.db import write_transaction
from studio_desk.models import Complaint, Holiday, User
from studio_desk.permissions import require
from studio_desk.validation import Checker, parse_date, parse_money
from studio_desk.vocab import OPEN_STAGES
from studio_desk.workcal import schedule_warning

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
LANGUAGES = ("zh_CN",)  # the desk is Chinese only (see ui/i18n.py)


@dataclass(frozen=True)
class Rule:
    """How one setting is checked: its Chinese label, kind and (for numbers) the allowed range."""

    label: str
    kind: str  # text | int | money | hhmm | bool | language | folder
    low: int = 0
    high: int = 0


RULES: dict[str, Rule] = {
    "studio_name": Rule("影楼名称", "text", 1, 60),
    "studio_address": Rule("地址", "text", 0, 120),
    "studio_phone": Rule("电话", "text", 0, 40),
    "first_assessment_hours": Rule("首次评估时限（小时）", "int", 1, 168),
    "ordinary_reply_workdays": Rule("一般投诉答复时限（工作日）", "int", 1, 30),
    "major_temp_measure_work_hours": Rule("重大投诉临时措施时限（工作小时）", "int", 1, 72),
    "major_reply_workdays": Rule("重大投诉答复时限（工作日）", "int", 1, 30),
    "result_workdays": Rule("处理结果告知时限（工作日）", "int", 1, 30),
    "follow_up_from_day": Rule("回访开始（实施后第几天）", "int", 1, 60),
    "follow_up_until_day": Rule("回访截止（实施后第几天）", "int", 1, 90),
    "work_start": Rule("上班时间", "hhmm"),
    "work_end": Rule("下班时间", "hhmm"),
    "manager_approval_limit": Rule("店长审批权限金额", "money"),
    "repeat_window_days": Rule("二次投诉认定期（天）", "int", 1, 3650),
    "hotspot_window_days": Rule("热点投诉统计期（天）", "int", 1, 365),
    "hotspot_threshold": Rule("热点投诉次数", "int", 2, 100),
    "group_size_major": Rule("群体投诉人数", "int", 2, 1000),
    "stale_case_days": Rule("久拖未决天数", "int", 1, 365),
    "retention_years": Rule("个人信息保存年限（结案后）", "int", 1, 30),
    "follow_up_max_attempts": Rule("回访最多尝试次数", "int", 1, 20),
    "idle_sign_out_minutes": Rule("无操作自动退出（分钟，0 为不退出）", "int", 0, 480),
    "lockout_attempts": Rule("密码错误锁定次数", "int", 3, 20),
    "lockout_minutes": Rule("锁定时长（分钟）", "int", 1, 1440),
    "language": Rule("界面语言", "language"),
    "pdf_font_path": Rule("PDF 字体文件", "text", 0, 500),
    "backup_dir": Rule("备份文件夹", "folder"),
    "backup_on_exit": Rule("退出时自动备份", "bool"),
    "attachment_max_mb": Rule("附件大小上限（MB）", "int", 1, 1024),
}


def _clean(check: Checker, key: str, rule: Rule, value: Any) -> Any:
    if rule.kind == "text":
        return check.text(key, rule.label, value, required=rule.low > 0, max_len=rule.high)
    if rule.kind == "int":
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            check.fail(key, f"{rule.label}必须是整数。")
            return value
        if not rule.low <= number <= rule.high:
            check.fail(key, f"{rule.label}必须在 {rule.low} 到 {rule.high} 之间。")
        return number
    if rule.kind == "money":
        try:
            return str(parse_money(value))
        except ValueError as exc:
            check.fail(key, f"{rule.label}{exc}")
            return value
    if rule.kind == "hhmm":
        text = str(value or "").strip()
        if not _HHMM.match(text):
            check.fail(key, f"{rule.label}请按 09:00 的格式填写。")
        return text
    if rule.kind == "bool":
        return str(value).strip().lower() in ("true", "1", "yes", "是") if isinstance(value, str) else bool(value)
    if rule.kind == "language":
        return check.choice(key, rule.label, value, LANGUAGES)
    return _clean_folder(check, key, rule, value)


def _clean_folder(check: Checker, key: str, rule: Rule, value: Any) -> str:
    text = check.text(key, rule.label, value, max_len=500)
    if text and not Path(text).is_absolute():
        check.fail(key, f"{rule.label}请填写完整路径（如 D:\\影楼备份 或 /home/店长/备份）。")
    elif text and Path(text).exists() and not Path(text).is_dir():
        check.fail(key, f"{rule.label}“{text[:40]}”是一个文件，不是文件夹。")
    return text


def update_settings(actor: User, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and store the changed settings; returns all settings as they now are."""
    require(actor, "settings")
    check = Checker()
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        rule = RULES.get(key)
        if rule is None:
            check.fail(key, f"没有名为“{str(key)[:30]}”的设置项。")
            continue
        cleaned[key] = _clean(check, key, rule, value)
    before = settings.get_all()
    merged = {**before, **cleaned}
    if not check.problems:
        _check_together(check, merged)
    check.raise_if_any()
    changed = {key: value for key, value in cleaned.items() if before.get(key) != value}
    if changed:
        with write_transaction():
            for key, value in changed.items():
                settings.store(key, value)
            audit.record("settings", actor, changes=audit.diff(before, changed))
    return settings.get_all()


def _check_together(check: Checker, merged: dict[str, Any]) -> None:
    if int(merged["follow_up_until_day"]) < int(merged["follow_up_from_day"]):
        check.fail("follow_up_until_day", "回访截止日不能早于回访开始日。")
    if str(merged["work_end"]) <= str(merged["work_start"]):
        check.fail("work_end", "下班时间必须晚于上班时间。")


def count_overdue(now: datetime | None = None) -> int:
    """Open cases whose current deadline (next_due) has passed — the status bar's warning."""
    moment = now or clock.now()
    return (
        Complaint.select()
        .where(
            (Complaint.deleted == False)  # noqa: E712
            & Complaint.stage.in_(OPEN_STAGES)
            & Complaint.next_due.is_null(False)
            & (Complaint.next_due < moment)
        )
        .count()
    )


def list_users(actor: User) -> list[User]:
    """Every account including deactivated ones, for the users table in settings."""
    require(actor, "manage_users")
    return list(User.select().order_by(User.active.desc(), User.role, User.username))


# --- Holidays and make-up workdays (节假日与调休) -------------------------------------------


@dataclass(frozen=True)
class ScheduleDay:
    """A day off or a make-up working day, from the state's schedule or the studio's own entry."""

    day: date
    is_workday: bool
    name: str
    studio_entry: bool = False


def official_days(year: int) -> list[ScheduleDay]:
    """The state's holidays and make-up workdays of ``year`` as chinesecalendar knows them."""
    import chinese_calendar  # loaded when first needed (see workcal)

    names = {h.value: h.chinese for h in chinese_calendar.Holiday}
    days = [ScheduleDay(d, False, names.get(n, n)) for d, n in chinese_calendar.holidays.items() if d.year == year]
    days += [ScheduleDay(d, True, names.get(n, n)) for d, n in chinese_calendar.workdays.items() if d.year == year]
    return sorted(days, key=lambda entry: entry.day)


def year_schedule(year: int) -> list[ScheduleDay]:
    """The special days of ``year`` as the working calendar uses them: the studio's entries win."""
    days = {entry.day: entry for entry in official_days(year)}
    for holiday in list_holidays(year):
        days[holiday.day] = ScheduleDay(holiday.day, holiday.is_workday, holiday.note, True)
    return [days[day] for day in sorted(days)]


def list_holidays(year: int) -> list[Holiday]:
    """The manager's own entries for ``year`` (they override the official schedule)."""
    in_year = (Holiday.day >= date(year, 1, 1)) & (Holiday.day <= date(year, 12, 31))
    return list(Holiday.select().where(in_year).order_by(Holiday.day))


def year_warning(year: int) -> str:
    """The warning shown when ``year``'s official schedule is unknown and nothing was entered."""
    return schedule_warning(year, len(list_holidays(year)))


def set_holiday(actor: User, day: Any, is_workday: bool, note: str = "") -> Holiday:
    """Mark a day as off (休息) or as a make-up working day (调休上班); replaces an earlier entry."""
    require(actor, "settings")
    check = Checker()
    parsed = _check_day(check, day)
    text = check.text("note", "说明", note, max_len=100)
    check.raise_if_any()
    before = Holiday.get_or_none(Holiday.day == parsed)
    with write_transaction():
        Holiday.insert(day=parsed, is_workday=bool(is_workday), note=text).on_conflict(
            conflict_target=[Holiday.day], update={Holiday.is_workday: bool(is_workday), Holiday.note: text}
        ).execute()
        audit.record("settings", actor, op="holiday", day=parsed.isoformat(), is_workday=bool(is_workday), note=text,
                     replaced=None if before is None else {"is_workday": before.is_workday, "note": before.note})
    return Holiday.get_by_id(parsed)


def remove_holiday(actor: User, day: Any) -> None:
    require(actor, "settings")
    check = Checker()
    parsed = _check_day(check, day)
    check.raise_if_any()
    with write_transaction():
        deleted = Holiday.delete().where(Holiday.day == parsed).execute()
        if deleted:
            audit.record("settings", actor, op="holiday_removed", day=parsed.isoformat())


def _check_day(check: Checker, day: Any) -> date:
    try:
        parsed = parse_date(day)
    except ValueError as exc:
        check.fail("day", str(exc))
        return date.min
    if not 2000 <= parsed.year <= 2100:
        check.fail("day", "日期必须在 2000 年到 2100 年之间。")
    return parsed
