"""First-run setup on an empty database: studio details, the manager's account, inline validation;
the setup itself off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio_desk import settings
from studio_desk.db import sqlite_path
from studio_desk.models import AuditEvent, Category, User
from studio_desk.services import users
from ui.ops import runner
from ui.session import Session
from ui.setup.dialog import SetupDialog

GOOD = {
    "studio_name": "花嫁婚纱摄影𠀀",
    "studio_address": "上海市静安区南京西路 1 号",
    "studio_phone": "021-62345678",
    "display_name": "王店长",
    "username": "manager",
    "password": "manager123",
    "confirm": "manager123",
}


@pytest.fixture
def empty_session(sqlite_db) -> Session:
    return Session(sqlite_path(), None, None)


def _dialog(qtbot, session, values: dict[str, str]) -> SetupDialog:
    dialog = SetupDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    for name, value in values.items():
        dialog.fields[name].setText(value)
    return dialog


def test_setup_creates_the_studio_and_signs_the_manager_in(qtbot, empty_session):
    assert users.needs_setup()
    dialog = _dialog(qtbot, empty_session, GOOD)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert runner().wait_idle()
    assert not users.needs_setup()
    assert settings.get("studio_name") == "花嫁婚纱摄影𠀀"
    assert settings.get("studio_phone") == "021-62345678"
    assert empty_session.user.username == "manager" and empty_session.user.role == "manager"
    assert Category.select().count() == 11
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    assert [e.action for e in AuditEvent.select().order_by(AuditEvent.id)] == ["setup", "sign_in"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("studio_name", "", "请填写影楼名称"),
        ("studio_name", "影" * 61, "太长"),
        ("studio_name", "\x00\x01\x02", "请填写影楼名称"),
        ("username", "", "请填写登录名"),
        ("display_name", "", "请填写姓名"),
        ("password", "12345", "至少 6 位"),
    ],
)
def test_bad_fields_get_their_message_next_to_them(qtbot, empty_session, field, value, words):
    values = {**GOOD, field: value}
    if field == "password":
        values["confirm"] = value
    dialog = _dialog(qtbot, empty_session, values)
    dialog.try_finish()
    assert runner().wait_idle()
    assert words in dialog.errors.message(field)
    assert dialog.focusWidget() is dialog.fields[field]
    assert users.needs_setup() and User.select().count() == 0
    assert empty_session.user is None


def test_passwords_must_match(qtbot, empty_session):
    dialog = _dialog(qtbot, empty_session, {**GOOD, "confirm": "manager124"})
    dialog.try_finish()
    assert dialog.errors.message("confirm") == "两次输入的密码不一致。"
    assert users.needs_setup()


def test_all_problems_are_shown_at_once_and_cleared_after_fixing(qtbot, empty_session):
    dialog = _dialog(qtbot, empty_session, {**GOOD, "studio_name": "", "password": "1", "confirm": "1"})
    dialog.try_finish()
    assert runner().wait_idle()
    assert dialog.errors.message("studio_name") and dialog.errors.message("password")
    dialog.fields["studio_name"].setText("新影楼")
    for name in ("password", "confirm"):
        dialog.fields[name].setText("goodpass")
    dialog.try_finish()
    assert runner().wait_idle()
    assert dialog.errors.message("studio_name") == "" and dialog.errors.message("password") == ""
    assert not users.needs_setup()


def test_double_click_on_finish_sets_up_once(qtbot, empty_session):
    dialog = _dialog(qtbot, empty_session, GOOD)
    qtbot.mouseDClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    dialog.try_finish()
    assert runner().wait_idle()
    assert User.select().count() == 1
    assert AuditEvent.select().where(AuditEvent.action == "setup").count() == 1


def test_setup_waits_off_the_gui_thread_with_finish_disabled(qtbot, empty_session, held, keeps_ticking):
    gate, calls = held(users, "first_run_setup")
    dialog = _dialog(qtbot, empty_session, GOOD)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    assert not dialog.finish_button.isEnabled()
    dialog.try_finish()  # Enter pressed again meanwhile
    keeps_ticking()
    assert empty_session.user is None and dialog.isVisible()
    with qtbot.waitSignal(empty_session.user_changed):
        gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and empty_session.user.username == "manager" and not dialog.isVisible()
    assert User.select().count() == 1
