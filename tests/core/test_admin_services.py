"""Settings, holidays, the user list and the overdue count (services/admin.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio_desk import settings
from studio_desk.errors import PermissionDenied, ValidationError
from studio_desk.models import AuditEvent, Holiday
from studio_desk.services import admin, intake
from studio_desk.workcal import official_year_known


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


def test_update_settings_stores_changes_and_audits_only_what_changed(studio):
    manager = studio["manager"]
    result = admin.update_settings(manager, {"studio_name": "  新名字 ", "ordinary_reply_workdays": "4",
                                             "manager_approval_limit": "800", "studio_phone": "021-62345678"})
    assert result["studio_name"] == "新名字"
    assert settings.get("ordinary_reply_workdays") == 4
    assert settings.approval_limit() == 800
    event = _events("settings")[-1]
    assert event.user_id == manager.id
    assert set(event.details["changes"]) == {"studio_name", "ordinary_reply_workdays", "manager_approval_limit"}
    assert event.details["changes"]["studio_name"] == ["花嫁摄影工作室", "新名字"]


def test_unchanged_settings_leave_no_audit_event(studio):
    before = len(_events("settings"))
    admin.update_settings(studio["manager"], {"studio_name": "花嫁摄影工作室"})
    assert len(_events("settings")) == before


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("studio_name", "", "请填写影楼名称"),
        ("studio_name", "名" * 61, "太长"),
        ("ordinary_reply_workdays", "abc", "必须是整数"),
        ("ordinary_reply_workdays", 0, "1 到 30"),
        ("ordinary_reply_workdays", 10**12, "1 到 30"),
        ("manager_approval_limit", "-5", "不能为负数"),
        ("manager_approval_limit", "1e99", "上限"),
        ("work_start", "25:00", "09:00"),
        ("language", "fr", "不在可选范围"),
        ("backup_dir", "relative/folder", "完整路径"),
        ("no_such_key", 1, "没有名为"),
    ],
)
def test_bad_setting_values_name_the_field_in_chinese(studio, key, value, words):
    with pytest.raises(ValidationError) as info:
        admin.update_settings(studio["manager"], {key: value})
    assert words in info.value.problems[key]


def test_settings_that_contradict_each_other_are_refused(studio):
    with pytest.raises(ValidationError) as info:
        admin.update_settings(studio["manager"], {"follow_up_from_day": 8, "follow_up_until_day": 6})
    assert "回访截止" in info.value.problems["follow_up_until_day"]
    with pytest.raises(ValidationError) as info:
        admin.update_settings(studio["manager"], {"work_start": "18:00", "work_end": "09:00"})
    assert "work_end" in info.value.problems


def test_backup_folder_must_be_a_folder(studio, tmp_path):
    afile = tmp_path / "file.txt"
    afile.write_text("x")
    with pytest.raises(ValidationError) as info:
        admin.update_settings(studio["manager"], {"backup_dir": str(afile)})
    assert "不是文件夹" in info.value.problems["backup_dir"]
    admin.update_settings(studio["manager"], {"backup_dir": str(tmp_path / "备份 📷")})
    assert settings.get("backup_dir").endswith("备份 📷")


def test_rare_characters_and_control_chars_in_studio_details(studio):
    admin.update_settings(studio["manager"], {"studio_name": "𠀀影楼\x00\x07😀", "studio_address": "路\t1号"})
    assert settings.get("studio_name") == "𠀀影楼😀"
    assert settings.get("studio_address") == "路1号"


@pytest.mark.parametrize("who", ["front", "service"])
def test_only_managers_may_change_settings(studio, who):
    with pytest.raises(PermissionDenied):
        admin.update_settings(studio[who], {"studio_name": "x"})
    with pytest.raises(PermissionDenied):
        admin.set_holiday(studio[who], "2027-01-01", False)
    with pytest.raises(PermissionDenied):
        admin.list_users(studio[who])
    assert settings.get("studio_name") == "花嫁摄影工作室"


def test_list_users_includes_deactivated_accounts(studio):
    from studio_desk.services import users

    users.update_user(studio["manager"], studio["front"].id, {"active": False})
    names = [u.username for u in admin.list_users(studio["manager"])]
    assert set(names) == {"manager", "front", "service", "exec", "admin"}
    assert names[-1] == "front"  # inactive last


def test_holidays_are_set_replaced_removed_and_audited(studio):
    manager = studio["manager"]
    admin.set_holiday(manager, "2027-02-06", False, "春节")
    admin.set_holiday(manager, "2027/02/06", True, "调休上班")
    assert [(h.day, h.is_workday, h.note) for h in admin.list_holidays(2027)] == [(date(2027, 2, 6), True, "调休上班")]
    admin.remove_holiday(manager, date(2027, 2, 6))
    assert admin.list_holidays(2027) == []
    ops = [e.details.get("op") for e in _events("settings")]
    assert ops[-3:] == ["holiday", "holiday", "holiday_removed"]


@pytest.mark.parametrize("bad", ["", "2027-02-30", "明天", "1899-01-01", "\x00"])
def test_impossible_holiday_dates_are_refused(studio, bad):
    with pytest.raises(ValidationError) as info:
        admin.set_holiday(studio["manager"], bad, False)
    assert "day" in info.value.problems
    assert Holiday.select().count() == 0


def test_year_warning_until_the_manager_enters_the_year(studio):
    year = 2099
    assert not official_year_known(year)
    assert str(year) in admin.year_warning(year)
    admin.set_holiday(studio["manager"], date(year, 1, 1), False, "元旦")
    assert admin.year_warning(year) == ""


def test_official_days_are_listed_with_chinese_names():
    days = admin.official_days(2026)
    assert any(d.name == "国庆节" and not d.is_workday for d in days)
    assert any(d.is_workday for d in days)  # 调休上班
    assert admin.official_days(2099) == []


def test_year_schedule_lets_the_studio_entry_win(studio):
    admin.set_holiday(studio["manager"], "2026-10-01", True, "店内活动上班")
    admin.set_holiday(studio["manager"], "2026-12-24", False, "店休")
    schedule = {d.day: d for d in admin.year_schedule(2026)}
    assert schedule[date(2026, 10, 1)].is_workday and schedule[date(2026, 10, 1)].studio_entry
    assert schedule[date(2026, 10, 2)].name == "国庆节" and not schedule[date(2026, 10, 2)].studio_entry
    assert not schedule[date(2026, 12, 24)].is_workday
    assert list(schedule) == sorted(schedule)


def test_count_overdue_counts_open_cases_past_their_deadline(studio, frozen_now, category):
    front = studio["front"]
    for n in range(3):
        intake.register_complaint(front, {
            "phone": f"1380000000{n}", "customer_name": "张三", "chain_step": "retouch",
            "category_id": category(), "description": "修图太假",
        })
    assert admin.count_overdue(frozen_now) == 0
    assert admin.count_overdue(frozen_now + timedelta(days=30)) == 3
