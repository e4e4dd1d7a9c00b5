"""The settings page: every edit goes through the core, is stored, audited and refused inline
when invalid; a receptionist's attempt is refused by the core even if a form is built."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from studio_desk import settings
from studio_desk.models import AuditEvent, Category, Holiday, User
from studio_desk.services import catalog, users
from ui.ops import runner
from ui.settings.fields import SettingsForm
from ui.settings.page import SECTIONS, SettingsPage
from ui.settings.staff import StaffDialog
from ui.settings.user_dialogs import PasswordDialog, UserDialog


@pytest.fixture
def page(qtbot, main_window) -> SettingsPage:
    page = main_window.show_page("settings")
    assert isinstance(page, SettingsPage)
    _idle()
    return page


def _idle() -> None:
    """The sections read and write off the GUI thread: wait for their answers."""
    assert runner().wait_idle()


def _saved(form: SettingsForm) -> bool:
    """Save and wait for the core's answer: True when it stored the values."""
    form.save()
    _idle()
    return form.status.text() == "已保存。"


def _last_audit(action: str) -> AuditEvent:
    return AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id.desc()).first()


def test_every_section_opens(page):
    titles = [page.nav_model.item(row).text() for row in range(page.nav_model.rowCount())]
    assert titles == ("影楼信息 用户 部门与员工 投诉类别 时限与规则 节假日与调休 通知 安全与备份 "
                      "顾客个人信息").split()
    for key in SECTIONS:
        assert page.show_section(key).isVisible()


def test_studio_details_are_saved_and_audited(qtbot, page):
    form = page.show_section("studio")
    form.editors["studio_name"].setText("  花嫁摄影 😀𠀀 ")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    _idle()
    assert settings.get("studio_name") == "花嫁摄影 😀𠀀"
    assert form.editors["studio_name"].text() == "花嫁摄影 😀𠀀"
    assert form.status.text() == "已保存。"
    event = _last_audit("settings")
    assert event.user.username == "manager"
    assert event.details["changes"]["studio_name"][1] == "花嫁摄影 😀𠀀"


@pytest.mark.parametrize(("value", "words"), [("", "请填写影楼名称"), ("影" * 61, "太长了")])
def test_bad_studio_name_is_refused_next_to_the_field(page, value, words):
    form = page.show_section("studio")
    form.editors["studio_name"].setText(value)
    assert not _saved(form)
    assert words in form.errors.message("studio_name")
    assert settings.get("studio_name") == "花嫁摄影工作室"


def test_time_limits_are_saved_and_contradictions_shown(page):
    form = page.show_section("limits")
    form.editors["ordinary_reply_workdays"].setValue(4)
    form.editors["manager_approval_limit"].setText("800")
    assert _saved(form)
    assert settings.get("ordinary_reply_workdays") == 4 and str(settings.approval_limit()) == "800.00"
    assert form.editors["manager_approval_limit"].text() == "800.00"
    form.editors["follow_up_from_day"].setValue(9)
    form.editors["follow_up_until_day"].setValue(6)
    assert not _saved(form)
    assert "回访截止日不能早于回访开始日" in form.errors.message("follow_up_until_day")
    form.editors["manager_approval_limit"].setText("-1")
    assert not _saved(form)
    assert "不能为负数" in form.errors.message("manager_approval_limit")
    assert settings.get("follow_up_from_day") == 5


def test_no_language_choice_is_offered(page):
    form = page.show_section("desk")
    assert "language" not in form.editors


def test_every_title_starts_at_the_same_place_with_or_without_a_warning_sign(page):
    """Every entry has a 16-pixel icon, blank unless it warns (an entry without one was not indented)."""
    page._warn("desk", True)
    page._warn("privacy", False)
    sizes = {page.nav_model.item(row).icon().actualSize(page.nav.iconSize()).width()
             for row in range(page.nav_model.rowCount())}
    assert sizes == {16}


def test_the_holiday_warning_names_the_section_as_it_is_titled(page):
    from studio_desk.workcal import schedule_warning

    title = page.nav_model.item(SECTIONS.index("holidays")).text()
    assert f"设置 → {title}" in schedule_warning(2099, 0)


def test_an_empty_backup_folder_says_where_backups_go(page):
    from studio_desk.backup import default_folder

    editor = page.show_section("desk").editors["backup_dir"]
    assert editor.text() == "" and str(default_folder(page.session.db_path)) in editor.edit.placeholderText()
    assert editor.edit.placeholderText().startswith("留空：备份保存在 ")


def test_backup_folder_is_stored(page, tmp_path):
    form = page.show_section("desk")
    form.editors["backup_dir"].setText(str(tmp_path / "备份"))
    assert _saved(form)
    assert settings.get("backup_dir") == str(tmp_path / "备份")
    form.editors["backup_dir"].setText("相对路径")
    assert not _saved(form)
    assert "完整路径" in form.errors.message("backup_dir")


def test_backup_warning_until_a_good_backup_is_made(page, tmp_path):
    from studio_desk.backup import create_backup

    folder = tmp_path / "备份"
    folder.mkdir()
    form = page.show_section("desk")
    form.editors["backup_dir"].setText(str(folder))
    assert _saved(form)
    assert page.backup_warning.isVisibleTo(page) and "还没有任何备份" in page.backup_warning.text()
    create_backup(page.session.db_path, folder)
    form.editors["backup_dir"].setText(str(folder))
    assert _saved(form)  # the page looks again after each save
    assert not page.backup_warning.isVisibleTo(page)


def test_a_receptionist_cannot_save_settings_even_with_a_form(qtbot, sign_in):
    form = SettingsForm(sign_in("front"), [("x", ("studio_name",))])
    qtbot.addWidget(form)
    _idle()
    form.editors["studio_name"].setText("前台改的名字")
    assert not _saved(form)
    assert "无权修改设置" in form.errors.general.text()
    assert settings.get("studio_name") == "花嫁摄影工作室"


# --- users ----------------------------------------------------------------------------------


def test_add_user_with_inline_errors_then_success(qtbot, page):
    section = page.show_section("users")
    dialog = UserDialog(page.session, None, section)
    qtbot.addWidget(dialog)
    dialog.username.setText("front")
    dialog.display_name.setText("")
    dialog.password.setText("123")
    dialog.try_accept()
    _idle()
    assert "已被使用" in dialog.errors.message("username")
    assert "请填写姓名" in dialog.errors.message("display_name")
    assert "至少 6 位" in dialog.errors.message("password")
    assert dialog.focusWidget() is dialog.username  # the topmost problem, whatever order the core found them in
    dialog.username.setText("photo")
    dialog.display_name.setText("孙摄影𠀀")
    dialog.role.setCurrentIndex(dialog.role.findData("service"))
    dialog.password.setText("photo123")
    dialog.try_accept()
    _idle()
    assert dialog.result() == UserDialog.DialogCode.Accepted
    section.model.reload()
    _idle()
    assert "孙摄影𠀀" in [u.display_name for u in section.model.rows]
    assert users.authenticate("photo", "photo123").role == "service"


def test_deactivate_and_reactivate_a_user(page, sqlite_studio):
    section = page.show_section("users")
    section.select_username("front")
    section.toggle_active()
    _idle()
    assert not User.get_by_id(sqlite_studio["front"].id).active
    row = [u.username for u in section.model.rows].index("front")
    assert section.model.index(row, 3).data() == "已停用"
    section.select_username("front")
    section.toggle_active()
    _idle()
    assert User.get_by_id(sqlite_studio["front"].id).active


def test_manager_cannot_deactivate_themself(page):
    section = page.show_section("users")
    section.select_username("manager")
    section.toggle_active()
    _idle()
    assert "不能停用自己的账号" in section.message.text()


def test_nothing_selected_says_so(page):
    section = page.show_section("users")
    section.table.clearSelection()
    section.toggle_active()
    assert section.message.text() == "请先在表格中选择一个用户。"


def test_reset_password(qtbot, page, sqlite_studio):
    dialog = PasswordDialog(page.session, sqlite_studio["front"])
    qtbot.addWidget(dialog)
    dialog.password.setText("newpass1")
    dialog.confirm.setText("newpass2")
    dialog.try_accept()
    assert dialog.errors.message("confirm") == "两次输入的密码不一致。"
    dialog.confirm.setText("newpass1")
    dialog.try_accept()
    _idle()
    assert users.authenticate("front", "newpass1").username == "front"
    assert _last_audit("user").details["op"] == "reset_password"


def test_edit_user_role(qtbot, page, sqlite_studio):
    dialog = UserDialog(page.session, sqlite_studio["service"])
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly()
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    dialog.try_accept()
    _idle()
    assert User.get_by_id(sqlite_studio["service"].id).role == "manager"


# --- departments, staff, categories -----------------------------------------------------------


def test_add_category_by_keyboard_and_duplicate_message(qtbot, page):
    section = page.show_section("categories")
    section.new_name.setText("预约安排")  # QTest can only type ASCII
    qtbot.keyClick(section.new_name, Qt.Key.Key_Return)
    _idle()
    assert Category.get_or_none(Category.name == "预约安排") is not None
    assert section.model.rows[-1].name == "预约安排"
    section.new_name.setText("修图质量")
    qtbot.keyClick(section.new_name, Qt.Key.Key_Return)
    _idle()
    assert "已存在" in section.errors.message("name")


def test_rename_in_the_table_goes_through_the_core(page):
    section = page.show_section("categories")
    index = section.model.index(0, 0)
    before = section.model.index(1, 0).data()
    assert section.model.setData(index, "服务态度问题")
    _idle()
    assert section.model.index(0, 0).data() == "服务态度问题"
    section.model.setData(section.model.index(1, 0), "服务态度问题")
    _idle()
    assert section.model.index(1, 0).data() == before
    assert "已存在" in section.errors.general.text()
    assert _last_audit("catalog").details["op"] == "rename"


def test_reorder_and_deactivate_categories(page):
    section = page.show_section("categories")
    first, second = section.model.rows[0].name, section.model.rows[1].name
    section.table.selectRow(0)
    section.move(1)
    _idle()
    assert [c.name for c in catalog.list_entries("category")][:2] == [second, first]
    assert section.model.rows[1].name == first
    section.toggle_active()
    _idle()
    assert not Category.get(Category.name == first).active
    assert section.model.index(1, 1).data() == "已停用"


def test_departments_and_staff(qtbot, page, sqlite_studio):
    people = page.show_section("departments")
    departments = people.findChildren(type(page.sections["categories"]))[0]
    departments.new_name.setText("外景基地")
    departments.add()
    _idle()
    dialog = StaffDialog(page.session)
    qtbot.addWidget(dialog)
    _idle()
    dialog.try_accept()
    _idle()
    assert "请填写员工姓名" in dialog.errors.message("name")
    dialog.name.setText("刘修图")
    dialog.department.setCurrentIndex(dialog.department.findText("外景基地"))
    dialog.user.setCurrentIndex(dialog.user.findData(sqlite_studio["service"].id))
    dialog.try_accept()
    _idle()
    assert dialog.result() == StaffDialog.DialogCode.Accepted
    staff = catalog.list_staff()
    assert [(s.name, s.department.name, s.user.username) for s in staff] == [("刘修图", "外景基地", "service")]


# --- holidays --------------------------------------------------------------------------------


def test_coming_year_warning_until_entered(page, frozen_now):
    section = page.show_section("holidays")
    section.reload()
    _idle()
    assert section.coming_warning.isVisible()
    assert "2027" in section.coming_warning.text()
    section.day.setDate(date(2027, 2, 6))
    section.kind.setCurrentIndex(1)  # make-up working day
    section.note.setText("春节调休上班")
    section.add()
    _idle()
    assert Holiday.get_by_id(date(2027, 2, 6)).is_workday
    assert section.year.value() == 2027
    assert not section.coming_warning.isVisible()
    row = [r.day for r in section.model.rows].index(date(2027, 2, 6))
    assert section.model.index(row, 4).data() == "本店设置"
    assert section.model.index(row, 2).data() == "上班"


def test_official_days_cannot_be_removed_but_studio_entries_can(page):
    section = page.show_section("holidays")
    section.year.setValue(2026)
    _idle()
    section.table.selectRow(0)  # 元旦, official
    section.remove()
    _idle()
    assert "国家安排的日期不能删除" in section.errors.general.text()
    section.day.setDate(date(2026, 12, 24))
    section.add()
    _idle()  # the new entry is shown selected
    assert Holiday.select().count() == 1
    section.remove()
    _idle()
    assert Holiday.select().count() == 0
