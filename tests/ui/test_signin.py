"""The sign-in dialog: user list + password, the core's Chinese messages, lockout, demo accounts;
the list and the password check off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio_desk.models import AuditEvent
from studio_desk.services import users
from ui.ops import runner
from ui.signin.dialog import SignInDialog


def _dialog(qtbot, session) -> SignInDialog:
    dialog = SignInDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert runner().wait_idle()  # the names are read off the GUI thread
    return dialog


def _try(qtbot, dialog: SignInDialog, username: str, password: str) -> None:
    assert dialog.select_user(username)
    if password.isascii() and password.isprintable():
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, password)
    else:  # QTest cannot type characters outside the basic plane or control characters
        dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert runner().wait_idle()  # the password is checked off the GUI thread


def test_lists_active_users_with_their_role(qtbot, desk_session, sqlite_studio):
    users.update_user(sqlite_studio["manager"], sqlite_studio["service"].id, {"active": False})
    dialog = _dialog(qtbot, desk_session)
    shown = [dialog.model.item(row).text() for row in range(dialog.model.rowCount())]
    assert "李前台（前台）" in shown and "王店长（店长）" in shown
    assert not any("赵客服" in text for text in shown)
    assert dialog.windowTitle() == "影楼客怨处理台 — 登录"


def test_correct_password_signs_in_by_keyboard(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    with qtbot.waitSignal(desk_session.user_changed):
        _try(qtbot, dialog, "front", "front123")
    assert desk_session.user.username == "front"
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert AuditEvent.select().where(AuditEvent.action == "sign_in").count() == 1
    assert dialog.password.text() == ""  # never kept in the widget


def test_wrong_password_message_next_to_the_field(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    _try(qtbot, dialog, "front", "wrong")
    message = dialog.errors.message("password")
    assert "用户名或密码不正确" in message and "还可尝试 4 次" in message
    assert dialog.findChild(type(dialog.errors.general), "error_password").isVisible()
    assert desk_session.user is None
    assert dialog.isVisible()


def test_five_wrong_passwords_lock_the_account(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    for _ in range(5):
        _try(qtbot, dialog, "front", "nope-😀-𠀀\x07")
    assert "已锁定" in dialog.errors.message("password")
    _try(qtbot, dialog, "front", "front123")
    assert "锁定" in dialog.errors.message("password")
    assert desk_session.user is None
    assert AuditEvent.select().where(AuditEvent.action == "sign_in_failed").count() == 5


def test_empty_and_very_long_passwords_are_just_wrong(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    _try(qtbot, dialog, "manager", "")
    assert "不正确" in dialog.errors.message("password")
    _try(qtbot, dialog, "manager", "x" * 5000)
    assert "不正确" in dialog.errors.message("password")
    assert desk_session.user is None


def test_no_user_chosen(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    dialog.users.clearSelection()
    dialog.users.setCurrentIndex(dialog.model.index(-1, 0))
    dialog.try_sign_in()
    assert dialog.errors.message("username") == "请在列表中选择您的名字。"


def test_last_user_is_preselected_next_time(qtbot, desk_session):
    _try(qtbot, _dialog(qtbot, desk_session), "service", "service123")
    assert _dialog(qtbot, desk_session).selected_username() == "service"


def test_demo_accounts_are_listed_and_fill_the_form(qtbot, desk_session):
    desk_session.demo_accounts = [("front", "front123", "前台"), ("manager", "manager123", "店长")]
    dialog = _dialog(qtbot, desk_session)
    box = dialog.findChild(type(dialog.errors.general), "demo_accounts")
    assert box is not None and "front123" in box.text() and "演示账号" in box.text()
    dialog.fill_demo_account("front")
    assert dialog.selected_username() == "front"
    dialog.try_sign_in()
    assert runner().wait_idle()
    assert desk_session.user.username == "front"


def test_no_demo_box_for_a_real_database(qtbot, desk_session):
    dialog = _dialog(qtbot, desk_session)
    assert dialog.findChild(type(dialog.errors.general), "demo_accounts") is None


def _enter_while_held(qtbot, dialog: SignInDialog, held, password: str) -> tuple:
    """Enter with ``password`` for 李前台 while another desk holds the database; returns (gate, calls)
    once the check waits."""
    gate, calls = held(users, "authenticate")
    assert dialog.select_user("front")
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    return gate, calls


def test_the_window_keeps_painting_while_the_password_is_checked(qtbot, desk_session, held, keeps_ticking):
    """Another desk holds the write lock (the attempt goes to the audit log): Sign in waits, disabled,
    and a second Enter neither checks the password again nor counts as a second attempt."""
    dialog = _dialog(qtbot, desk_session)
    gate, calls = _enter_while_held(qtbot, dialog, held, "front123")
    assert not dialog.sign_in_button.isEnabled()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # impatient: Enter again
    dialog.try_sign_in()
    keeps_ticking()
    assert desk_session.user is None and dialog.isVisible()
    with qtbot.waitSignal(desk_session.user_changed):
        gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and desk_session.user.username == "front" and not dialog.isVisible()
    assert AuditEvent.select().where(AuditEvent.action == "sign_in").count() == 1


def test_a_wrong_password_checked_late_is_still_told_at_the_field(qtbot, desk_session, held, keeps_ticking):
    dialog = _dialog(qtbot, desk_session)
    gate, _calls = _enter_while_held(qtbot, dialog, held, "wrong")
    keeps_ticking()
    assert dialog.errors.message("password") == ""
    gate.set()
    assert runner().wait_idle()
    assert "用户名或密码不正确" in dialog.errors.message("password") and dialog.sign_in_button.isEnabled()
    assert dialog.password.hasSelectedText() and desk_session.user is None


def test_the_names_are_read_off_the_gui_thread(qtbot, desk_session, held, keeps_ticking):
    gate, calls = held(users, "sign_in_choices")
    dialog = SignInDialog(desk_session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    keeps_ticking()
    assert dialog.model.rowCount() == 0 and not dialog.sign_in_button.isEnabled()
    gate.set()
    assert runner().wait_idle()
    assert dialog.model.rowCount() == len(users.sign_in_choices()) > 1 and dialog.sign_in_button.isEnabled()
    assert dialog.findChild(type(dialog.errors.general), "studio_name").text() == "花嫁摄影工作室"
