"""The settings pages call the core off the GUI thread: while a call waits (as behind another
desk's write lock) the window keeps painting and the button that started it is disabled; a
double click is one change; a refusal shows at its field; a late answer to an older read is
not shown over a newer one."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from studio_desk import settings
from studio_desk.models import Category, Staff
from studio_desk.services import admin, catalog
from ui.ops import runner
from ui.settings.page import SettingsPage
from ui.settings.staff import StaffDialog, StaffSection
from ui.table_model import selected_row


@pytest.fixture
def page(qtbot, main_window) -> SettingsPage:
    page = main_window.show_page("settings")
    assert runner().wait_idle()
    return page


def _categories(name: str) -> int:
    return Category.select().where(Category.name == name).count()


def test_adding_a_category_behind_a_lock_keeps_the_window_ticking_and_a_double_click_adds_one(
    qtbot, page, held, keeps_ticking
):
    section = page.show_section("categories")
    gate, calls = held(catalog, "add_entry")
    section.new_name.setText("预约安排")
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    assert not section.add_button.isEnabled()
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)  # the double click's second half
    qtbot.keyClick(section.new_name, Qt.Key.Key_Return)  # and Enter: both ignored while the first runs
    gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and _categories("预约安排") == 1
    assert section.add_button.isEnabled()
    assert section.model.rows[-1].name == "预约安排"
    assert section.table.selectionModel().selectedRows()[0].row() == len(section.model.rows) - 1
    assert section.new_name.text() == ""


def test_a_duplicate_name_is_refused_at_its_field_and_nothing_is_saved(qtbot, page):
    section = page.show_section("categories")
    existing = section.model.rows[0].name
    before = Category.select().count()
    section.new_name.setText(existing)
    section.add()
    assert runner().wait_idle()
    assert "已存在" in section.errors.message("name")
    assert Category.select().count() == before
    assert section.new_name.text() == existing  # kept for the user to correct


def test_reading_a_list_behind_a_lock_keeps_the_window_ticking(qtbot, page, held, keeps_ticking):
    section = page.show_section("categories")
    shown = list(section.model.rows)
    gate, calls = held(catalog, "list_entries")
    section.model.reload()
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    assert section.model.rows == shown  # the old rows stay until the answer comes
    gate.set()
    assert runner().wait_idle()
    assert [row.id for row in section.model.rows] == [row.id for row in shown]


def test_a_late_answer_to_an_older_read_is_not_shown(qtbot, page):
    model = page.show_section("categories").model
    everything, newest = list(model.rows), model.rows[:1]  # what each read answers
    first_may_answer = threading.Event()

    def slow_old_read() -> list:
        assert first_may_answer.wait(30)
        return everything

    model.load(slow_old_read)
    model.load(lambda: newest)
    qtbot.waitUntil(lambda: model.rows == newest)
    first_may_answer.set()
    assert runner().wait_idle()
    assert model.rows == newest


def test_the_holidays_of_the_last_chosen_year_are_shown(qtbot, page, held, keeps_ticking):
    section = page.show_section("holidays")
    gate, calls = held(admin, "year_schedule")
    for year in (2027, 2025, 2026):
        section.year.setValue(year)
    qtbot.waitUntil(lambda: len(calls) == 3)
    keeps_ticking()
    gate.set()
    assert runner().wait_idle()
    assert {row.day.year for row in section.model.rows} == {2026}


def test_a_staff_dialog_stays_open_while_it_saves_and_accepts_after(qtbot, page, held, keeps_ticking):
    dialog = StaffDialog(page.session, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert runner().wait_idle()  # the departments and accounts to choose from
    dialog.name.setText("刘修图")
    gate, calls = held(catalog, "add_staff")
    dialog.try_accept()
    dialog.try_accept()  # a double click on OK
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    assert not dialog.ok_button.isEnabled()
    dialog.reject()  # Esc while saving: the answer still has to come here
    assert dialog.isVisible()
    gate.set()
    assert runner().wait_idle()
    assert dialog.result() == StaffDialog.DialogCode.Accepted
    assert dialog.result_staff is not None and dialog.result_staff.name == "刘修图"
    assert Staff.select().where(Staff.name == "刘修图").count() == 1


def test_saving_settings_behind_a_lock_keeps_the_window_ticking(qtbot, page, held, keeps_ticking):
    form = page.show_section("studio")
    form.editors["studio_name"].setText("花嫁摄影")
    gate, calls = held(admin, "update_settings")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    assert not form.save_button.isEnabled()
    form.save()  # pressed again: ignored
    gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and settings.get("studio_name") == "花嫁摄影"
    assert form.save_button.isEnabled() and form.status.text() == "已保存。"


def test_an_employee_added_through_the_section_is_shown_selected_and_the_dialog_goes(qtbot, page):
    section = page.show_section("departments").findChild(StaffSection)

    def fill_in() -> None:
        """In the dialog's own event loop: once its choices are read, name the employee and press OK."""
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaffDialog) or not dialog.ok_button.isEnabled():
            QTimer.singleShot(10, fill_in)
            return
        dialog.name.setText("刘修图")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    section.add()  # returns when the dialog has saved and closed
    assert runner().wait_idle()
    qtbot.waitUntil(lambda: section.findChildren(StaffDialog) == [])  # deleted after closing
    assert selected_row(section.table).name == "刘修图"
