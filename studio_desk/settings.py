"""Studio settings: every default in one place, stored values in the ``setting`` table.

The manager changes them in the settings page (or the CLI) through
:func:`studio_desk.services.admin.update_settings`, which checks the role and audits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from studio_desk import callcache
from studio_desk.db import current_database
from studio_desk.models import Setting
from studio_desk.sqlcache import compiled

DEFAULTS: dict[str, Any] = {
    "studio_name": "",
    "studio_address": "",
    "studio_phone": "",
    # 时限 — PROCESS.md "Time limits".
    "first_assessment_hours": 24,
    "ordinary_reply_workdays": 3,
    "major_temp_measure_work_hours": 8,
    "major_reply_workdays": 2,
    "result_workdays": 5,
    "follow_up_from_day": 5,
    "follow_up_until_day": 7,
    "work_start": "09:00",
    "work_end": "18:00",
    # Rules.
    "manager_approval_limit": "500.00",
    "repeat_window_days": 90,
    "hotspot_window_days": 30,
    "hotspot_threshold": 3,
    "group_size_major": 5,
    "stale_case_days": 30,
    "follow_up_max_attempts": 3,
    # PIPL art. 19: customers' personal data is kept this many years after their last case closed.
    "retention_years": 3,
    # Desk.
    "idle_sign_out_minutes": 15,
    "lockout_attempts": 5,
    "lockout_minutes": 15,
    "language": "zh_CN",
    "pdf_font_path": "",
    "backup_dir": "",
    "backup_on_exit": True,
    "attachment_max_mb": 200,
    # Import: what the studio chose last time (field → word → value; normalised header → field).
    "import_values": {},
    "import_columns": {},
}


def get(key: str) -> Any:
    return _all()[key] if key in DEFAULTS else DEFAULTS[key]


def get_all() -> dict[str, Any]:
    return dict(_all())


def _all() -> dict[str, Any]:
    return callcache.memo("settings", _load)


def _load() -> dict[str, Any]:
    values = dict(DEFAULTS)
    # Read in every service call: the SQL is compiled once (studio_desk.sqlcache).
    sql, params = compiled(("settings",), lambda: Setting.select(Setting.key, Setting.value).where(
        Setting.key.in_(list(DEFAULTS))), ())
    for key, raw in current_database().execute_sql(sql, params):
        values[key] = Setting.value.python_value(raw)
    return values


def approval_limit() -> Decimal:
    return Decimal(str(get("manager_approval_limit")))


def store(key: str, value: Any) -> None:
    """Write one setting; callers are services that already checked permission and validated."""
    if key not in DEFAULTS:
        raise KeyError(key)
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()
    callcache.forget("settings")
    callcache.forget("calendar")
