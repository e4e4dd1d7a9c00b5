"""The receptionist's intake form, driven like the desk drives it: keyboard, lookup, Save."""

from __future__ import annotations

import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

import ui.intake.entry
import ui.intake.form
from studio_desk import drafts
from studio_desk.models import Category, Complaint, User
from studio_desk.services import catalog
from tests.board_factory import register
from tests.ui.intake_fixtures import fill_walk_in, saved, type_text, type_then_tab
from ui.exports.printing import print_folder
from ui.intake.form import IntakeForm
from ui.ops import runner


@pytest.fixture
def make_form(qtbot, sign_in, frozen_now):
    def make(who: str = "front") -> IntakeForm:
        form = IntakeForm(sign_in(who))
        qtbot.addWidget(form)
        form.resize(1280, 760)
        form.show()
        qtbot.waitExposed(form)
        form.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        assert runner().wait_idle()  # the category list is read off the GUI thread
        return form
    return make


def test_walk_in_logged_by_keyboard_alone(qtbot, make_form, sqlite_studio):
    form = make_form()
    assert QApplication.focusWidget() is form.entry.channel  # the first field, 门店当面 already chosen
    type_then_tab(qtbot)                                         # channel
    type_then_tab(qtbot)                                         # channel detail
    type_then_tab(qtbot, "138 1234 5678")                        # phone
    type_then_tab(qtbot)                                         # WeChat
    type_then_tab(qtbot, "张小姐")                               # name
    type_then_tab(qtbot)                                         # VIP
    type_then_tab(qtbot, "DD-20261101")                          # order number
    type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 2)            # order stage: 已拍摄
    type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 7)            # chain step: 数码后期/修图
    type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 4)            # category: 修图质量
    description = QApplication.focusWidget()
    type_text(description, "脸修得变形了")
    qtbot.keyClick(description, Qt.Key.Key_Return)               # Enter in the story is a new line, not Save
    type_then_tab(qtbot, "朋友都说不像我")
    type_then_tab(qtbot, "重新修图")                             # what the customer wants
    type_then_tab(qtbot, keys=(Qt.Key.Key_Right,))               # mood: 不满
    type_then_tab(qtbot)                                         # people
    for _ in range(3):                                           # safety, media, 12315: no
        type_then_tab(qtbot)
    type_then_tab(qtbot, keys=(Qt.Key.Key_Space,))               # needs outside help: yes
    type_then_tab(qtbot)                                         # beyond the order's terms: no
    type_then_tab(qtbot)                                         # received: now
    assert QApplication.focusWidget() is form.entry.promised
    qtbot.waitUntil(lambda: form.severity_panel.code == "important")  # live, from 需要外部协助
    assert Complaint.select().count() == 0, "nothing is saved before Ctrl+S"

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(form.done_page.isVisible)  # registered off the GUI thread

    case = Complaint.get()
    assert (case.customer.phone, case.customer.name, case.order_no) == ("13812345678", "张小姐", "DD-20261101")
    assert (case.order_stage, case.chain_step, case.category.name) == ("shot", "retouch", "修图质量")
    assert case.description == "脸修得变形了\n朋友都说不像我"
    assert (case.customer_wish, case.mood, case.channel) == ("重新修图", "unhappy", "walk_in")
    assert case.needs_outside_help and not case.safety_issue and case.severity == "important"
    assert case.receiver.username == "front"
    assert form.done_page.isVisible() and form.done_page.case_no.text() == case.case_no == "KS-20261123-001"
    assert "2026-11-26 10:00" in form.done_page.promised.text()  # 3 working days, as promised to the customer


def test_enter_in_a_line_moves_on_and_never_saves(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    form.entry.phone.setFocus()
    qtbot.keyClick(form.entry.phone, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is form.entry.wechat
    qtbot.keyClick(form.entry.wechat, Qt.Key.Key_Enter)
    assert Complaint.select().count() == 0


def test_repeat_customer_is_recognised_while_typing(qtbot, make_form, sqlite_studio):
    earlier = register(sqlite_studio["front"], phone="13912345678", customer_name="王小姐", order_no="DD-0815",
                       vip=True)
    form = make_form("service")
    form.entry.phone.setFocus()
    qtbot.keyClicks(form.entry.phone, "139-1234-5678")
    qtbot.waitUntil(lambda: form.customer_panel.repeat.isVisible())

    panel = form.customer_panel
    assert earlier.case_no in panel.repeat.text() and "将关联为二次投诉" in panel.repeat.text()
    assert "仍未结案，目前在受理阶段" in panel.repeat.text() and "超时" not in panel.repeat.text()
    assert "王小姐" in panel.summary.text() and "DD-0815" in panel.summary.text() and "VIP" in panel.summary.text()
    assert panel.model.rowCount() == 1 and "受理" in panel.model.index(0).data()
    assert panel.model.index(0).data(Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert form.entry.customer_name.text() == "王小姐" and form.entry.vip.isChecked()
    qtbot.waitUntil(lambda: form.severity_panel.code == "important")  # suggested off the GUI thread too
    assert "同一顾客再次投诉（二次投诉）" in form.severity_panel.reasons.text()

    fill_walk_in(form, phone="13912345678", name="王小姐")
    case = saved(form)
    assert case.is_repeat and case.previous_case_id == earlier.id and case.severity == "important"
    assert earlier.case_no in form.done_page.repeat.text()


def test_severity_and_promised_reply_follow_the_facts(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    form.refresh_severity()
    assert runner().wait_idle()  # the suggestion is read off the GUI thread
    assert form.severity_panel.code == "ordinary"
    assert form.entry.promised.dateTime().toPython().isoformat() == "2026-11-26T10:00:00"
    form.entry.flags["media_exposure"].setChecked(True)
    qtbot.waitUntil(lambda: form.severity_panel.code == "major")
    assert "扬言曝光或已在网上发布" in form.severity_panel.reasons.text()
    assert form.entry.promised.dateTime().toPython().isoformat() == "2026-11-25T10:00:00"  # 2 working days
    assert form.entry.promised_hint.text() == "按时限自动填写"


def test_promised_reply_changed_by_hand_is_kept(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    form.entry.promised.setFocus()
    form.entry.promised.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(form.entry.promised, Qt.Key.Key_Up)  # the 26th → the 27th
    assert form.entry.promised_set_by_user and form.entry.promised_hint.text() == "已手动修改"
    form.entry.flags["safety_issue"].setChecked(True)
    form.refresh_severity()
    assert runner().wait_idle()  # the suggestion is read off the GUI thread
    assert form.entry.promised.dateTime().toPython().isoformat() == "2026-11-27T10:00:00"
    assert saved(form).promised_reply_at.isoformat() == "2026-11-27T10:00:00"


def test_a_phone_call_logged_later_keeps_its_receipt_time(qtbot, make_form):
    """The promised reply counts from when the customer called, not from when it was typed in."""
    form = make_form()
    fill_walk_in(form)
    form.refresh_severity()
    assert runner().wait_idle()  # the suggestion is read off the GUI thread
    assert form.entry.received.dateTime().toPython().isoformat() == "2026-11-23T10:00:00"
    assert form.entry.received_hint.text() == "当前时间"
    form.entry.received.setFocus()
    form.entry.received.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(form.entry.received, Qt.Key.Key_Down)  # called on Sunday the 22nd
    form.refresh_severity()
    assert runner().wait_idle()  # the suggestion is read off the GUI thread
    assert form.entry.received_hint.text() == "已手动修改"
    assert form.entry.promised.dateTime().toPython().isoformat() == "2026-11-25T18:00:00"
    case = saved(form)
    assert case.received_at.isoformat() == "2026-11-22T10:00:00"


def test_a_receipt_time_in_the_future_is_refused_at_the_field(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    form.entry.received.setFocus()
    form.entry.received.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(form.entry.received, Qt.Key.Key_Up)
    assert saved(form) is None
    assert form.entry.errors.message("received_at") == "受理时间不能晚于现在。"
    assert Complaint.select().count() == 0


def test_double_click_on_save_registers_one_case(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    qtbot.mouseDClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert runner().wait_idle()
    first = form.saved_case
    assert Complaint.select().count() == 1 and first is not None
    assert saved(form) is first  # Save on the done page does nothing
    assert Complaint.select().count() == 1


def test_save_waits_for_the_lock_off_the_gui_thread_and_registers_once(qtbot, make_form, held, keeps_ticking):
    """Another desk holds the write lock: the window keeps running, Save is greyed out, and more
    Ctrl+S and clicks meanwhile register nothing more."""
    form = make_form()
    fill_walk_in(form)
    gate, calls = held(ui.intake.form, "register_complaint")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    assert not form.save_button.isEnabled() and not form.done_page.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    form.save()
    keeps_ticking()
    assert len(calls) == 1 and Complaint.select().count() == 0
    gate.set()
    qtbot.waitUntil(form.done_page.isVisible)
    assert runner().wait_idle()
    assert len(calls) == 1 and Complaint.select().count() == 1
    assert form.saved_case.case_no == form.done_page.case_no.text() and form.save_button.isEnabled()


def test_a_refusal_after_the_wait_shows_at_its_field_and_keeps_the_typing(qtbot, make_form, held):
    form = make_form()
    fill_walk_in(form, phone="12345", name="赵女士")
    gate, calls = held(ui.intake.form, "register_complaint")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert not form.save_button.isEnabled()
    gate.set()
    qtbot.waitUntil(form.save_button.isEnabled)
    assert form.entry.errors.message("phone").startswith("电话号码格式不对")
    assert QApplication.focusWidget() is form.entry.phone and not form.done_page.isVisible()
    assert (form.entry.phone.text(), form.entry.customer_name.text()) == ("12345", "赵女士")
    assert form.entry.description.toPlainText() == "照片修得太假了" and Complaint.select().count() == 0
    form.entry.phone.setText("13812345678")
    assert saved(form).customer.name == "赵女士"  # Save works again after the refusal


def test_signing_out_while_the_save_waits_leaves_no_draft_of_the_registered_case(qtbot, make_form, held):
    form = make_form()
    fill_walk_in(form)
    user = form.session.user
    gate, calls = held(ui.intake.form, "register_complaint")
    form.save()
    qtbot.waitUntil(lambda: len(calls) == 1)
    form.session.sign_out()  # the typing is kept as a draft while the answer is awaited
    assert form.entry.is_blank() and len(drafts.intake_drafts(user)) == 1
    gate.set()
    assert runner().wait_idle()
    assert Complaint.select().count() == 1 and drafts.intake_drafts(user) == []
    form.session.sign_in(user)
    assert runner().wait_idle()
    assert not form.banner.isVisible() and form.entry.is_blank() and form.saved_case is None


def test_the_category_list_is_read_off_the_gui_thread_keeping_the_choice(
    qtbot, make_form, sqlite_studio, held, keeps_ticking, monkeypatch
):
    """The manager edits the categories at another desk: the list is read again without stopping
    the window, the category chosen stays chosen, and an answer older than the newest is dropped."""
    form = make_form()
    assert runner().wait_idle()
    combo, manager = form.entry.category_id, sqlite_studio["manager"]
    chosen = Category.get(Category.name == "修图质量").id
    combo.set_value(chosen)
    real = ui.intake.entry._active_categories
    gate, calls = held(ui.intake.entry, "_active_categories")
    form.session.changed()
    qtbot.waitUntil(lambda: len(calls) == 1)
    keeps_ticking()
    added = catalog.add_entry(manager, "category", "底片丢失")
    monkeypatch.setattr(ui.intake.entry, "_active_categories", real)
    form.session.changed()
    qtbot.waitUntil(lambda: combo.findData(added.id) >= 0)
    assert combo.value() == chosen
    catalog.set_entry_active(manager, "category", added.id, False)
    gate.set()  # the first read answers last, without 底片丢失: too old to be shown
    assert runner().wait_idle() and len(calls) == 1
    assert combo.findData(added.id) >= 0 and combo.value() == chosen


def test_next_complaint_gives_a_blank_form(qtbot, make_form):
    form = make_form()
    fill_walk_in(form)
    first = saved(form)
    qtbot.mouseClick(form.done_page.next_button, Qt.MouseButton.LeftButton)
    assert not form.done_page.isVisible() and form.entry.is_blank()
    assert form.entry.channel.value() == "walk_in" and QApplication.focusWidget() is form.entry.channel
    fill_walk_in(form, phone="13700000000", name="李四")
    second = saved(form)
    assert (first.case_no, second.case_no) == ("KS-20261123-001", "KS-20261123-002")


def test_new_complaint_shortcut_keeps_a_half_typed_form(qtbot, make_form):
    form = make_form()
    form.entry.customer_name.setText("半截")
    form.new_complaint()
    assert form.entry.customer_name.text() == "半截"


def test_print_slip_writes_the_pdf_and_previews_it(qtbot, make_form, sqlite_studio):
    form = make_form()
    fill_walk_in(form)
    case = saved(form)
    qtbot.mouseClick(form.done_page.print_button, Qt.MouseButton.LeftButton)
    assert not form.done_page.print_button.isEnabled(), "one click makes one slip"
    qtbot.waitUntil(lambda: form.slip_preview is not None, timeout=30_000)
    preview = form.slip_preview
    assert form.done_page.print_button.isEnabled()
    assert preview.isVisible() and preview.page_count() == 1
    text = PdfReader(str(print_folder() / f"回执-{case.case_no}.pdf")).pages[0].extract_text()
    assert case.case_no in text and "张三" in text
    preview.close()


def test_sign_out_keeps_the_half_typed_complaint_for_the_same_user(qtbot, make_form, sqlite_studio):
    form = make_form()
    session = form.session
    form.entry.customer_name.setText("王𠀀😀")
    form.entry.customer_name.textEdited.emit("王𠀀😀")
    session.sign_out()
    assert form.entry.customer_name.text() == "", "nothing of the customer stays on screen"
    session.sign_in(User.get(User.username == "service"))
    assert not form.banner.isVisible(), "another user does not see it"
    session.sign_in(User.get(User.username == "front"))
    assert form.banner.isVisible()
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert form.entry.customer_name.text() == "王𠀀😀"


def test_in_the_main_window_ctrl_s_saves_and_ctrl_n_starts_the_next(qtbot, make_window, frozen_now):
    window = make_window("front")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form = window.show_page("intake")
    assert isinstance(form, IntakeForm)
    fill_walk_in(form)
    form.entry.description.setFocus()
    qtbot.keyClick(form.entry.description, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(form.done_page.isVisible)  # registered off the GUI thread
    assert Complaint.select().count() == 1
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not form.done_page.isVisible() and form.entry.is_blank()


def test_the_repeat_warning_says_the_earlier_case_is_overdue(qtbot, make_form, sqlite_studio):
    from datetime import timedelta

    from studio_desk import clock
    from tests.conftest import T0

    with clock.frozen(T0 - timedelta(days=5)):
        earlier = register(sqlite_studio["front"], phone="13912345678", customer_name="王小姐")
    form = make_form("front")
    form.entry.phone.setFocus()
    qtbot.keyClicks(form.entry.phone, "13912345678")
    qtbot.waitUntil(lambda: form.customer_panel.repeat.isVisible())
    assert earlier.case_no in form.customer_panel.repeat.text()
    assert "仍未结案" in form.customer_panel.repeat.text() and "已超时" in form.customer_panel.repeat.text()


def test_a_late_lookup_for_an_earlier_number_does_not_overwrite_the_current_one(qtbot, make_form, sqlite_studio,
                                                                                 monkeypatch):
    """The receptionist types one number, then corrects it; the first number's lookup answers last
    (a slow database): the panel shows the customer of the number in the field."""
    from ui.intake import form as form_module

    register(sqlite_studio["front"], phone="13912345678", customer_name="王小姐")
    register(sqlite_studio["front"], phone="13612345678", customer_name="赵先生")
    first_may_answer = threading.Event()
    real = form_module.customer_history

    def lookup(phone: str, *args):
        if phone == "13912345678":
            first_may_answer.wait(10)  # held until the second number has been answered
        return real(phone, *args)

    monkeypatch.setattr(form_module, "customer_history", lookup)
    form = make_form()
    form.entry.phone.setText("13912345678")
    form.refresh_lookup()
    form.entry.phone.setText("13612345678")
    form.refresh_lookup()
    qtbot.waitUntil(lambda: form.history.customer is not None, timeout=10_000)
    assert form.history.customer.name == "赵先生"
    first_may_answer.set()
    assert runner().wait_idle()
    assert form.history.customer.name == "赵先生" and form.entry.customer_name.text() == "赵先生"
