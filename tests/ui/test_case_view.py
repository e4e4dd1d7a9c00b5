"""The case view: fields and actions by role, saving edits, a stale edit, timeline, notes, search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio_desk.models import Complaint, Department, Staff
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from tests.board_factory import advance, register
from tests.ui.intake_fixtures import answering_modal, press
from ui.case import window as case_window
from ui.case.action_bar import available_actions
from ui.case.search import SearchResults, open_search
from ui.case.window import CaseWindow, open_case
from ui.ops import runner

ASSESSMENT = ("validity", "solvability", "cause", "invalid_explanation", "department", "responsible_staff")


@pytest.fixture
def open_as(qtbot, sign_in, frozen_now):
    """open_as('front', case) → the case window for that user, closed after the test."""
    opened: list[CaseWindow] = []

    def _open(who: str, case) -> CaseWindow:
        window = open_case(sign_in(who), case.id)
        qtbot.addWidget(window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        opened.append(window)
        return window

    yield _open
    for window in opened:
        if window in case_window._open_windows.values():
            window.close()


def editable(window: CaseWindow) -> set[str]:
    return {name for name, field in window.fields.inputs.items() if not field.read_only}


def test_receptionist_edits_intake_fields_only_and_has_no_manager_actions(open_as, sqlite_studio, frozen_now):
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    window = open_as("front", case)
    assert "description" in editable(window) and "category" in editable(window)
    assert not editable(window) & set(ASSESSMENT), "assessing is for the manager"
    assert not editable(window) & {"remedy_type", "remedy_plan", "compensation_lines", "customer_accepted"}
    assert set(window.action_buttons) == set(), "转入调查 is done; nothing else is hers in 调查"
    assert window.save_button.isVisible() or not window.isVisible()


def test_manager_sees_every_field_and_the_stage_actions(open_as, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    window = open_as("manager", case)
    assert set(ASSESSMENT) <= editable(window)
    assert list(window.action_buttons) == ["assess", "back", "severity", "penalty", "delete"]
    assert window.action_buttons["assess"].text() == "评估…"
    assert window.fields.tabs.currentIndex() == 1, "an investigating case opens at 调查评估"


def test_actions_follow_stage_and_role(open_as, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "approval", sqlite_studio, compensation="800")
    assert list(open_as("exec", case).action_buttons) == ["approve", "send_back", "severity", "penalty", "delete"]
    assert list(open_as("service", case).action_buttons) == []
    registered = register(sqlite_studio["front"])
    assert list(open_as("front", registered).action_buttons) == ["start"]
    closed = advance(register(sqlite_studio["front"]), "closed", sqlite_studio)
    window = open_as("manager", closed)
    assert list(window.action_buttons) == ["reopen", "penalty"]
    assert not editable(window), "a closed case is read-only until reopened"
    assert not window.save_button.isVisibleTo(window)


def test_saving_an_edit_records_it_in_the_timeline(open_as, sqlite_studio):
    case = register(sqlite_studio["front"], description="原来的描述")
    window = open_as("front", case)
    window.fields.inputs["description"].set("顾客补充：相册也有划痕 𠀀😡")
    window.fields.inputs["group_size"].set(2)
    window.save()
    runner().wait_idle()  # saved off the GUI thread
    updated = window.case
    assert updated.description == "顾客补充：相册也有划痕 𠀀😡" and updated.group_size == 2
    assert window.case.version == updated.version, "the window reloaded after the change"
    top = window.timeline.index(0)
    assert "修改信息" in top.data() and "投诉内容：原来的描述 → 顾客补充：相册也有划痕 𠀀😡" in top.data()
    assert window.fields.changes() == {}


def test_invalid_edit_is_shown_at_its_field(open_as, sqlite_studio):
    window = open_as("front", register(sqlite_studio["front"]))
    window.fields.inputs["description"].set("")
    window.fields.inputs["order_no"].set("X" * 41)
    window.save()
    runner().wait_idle()
    assert window.fields.errors.message("description") == "请填写投诉内容。"
    assert window.fields.errors.message("order_no").startswith("订单号太长了")


def test_stale_edit_keeps_what_was_typed_shows_the_other_change_and_saves_again(open_as, sqlite_studio):
    """A 原因分析 paragraph typed while the other desk saves another field of the same case: the save
    is refused, the paragraph stays, the other desk's change is shown and a second Save keeps both."""
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    window = open_as("manager", case)
    # Meanwhile, at the front desk (another program: this window's session hears nothing):
    update_case(sqlite_studio["front"], case.id, case.version, {"customer_wish": "前台记下的诉求"})
    cause = window.fields.inputs["cause"]
    cause.widget.setFocus()
    cause.widget.insertPlainText("修图师把脸部液化过度，和顾客确认过的样片不一致；\n原片还在，可以重修。")
    with answering_modal(press()) as seen:
        window.save()
        runner().wait_idle()
    assert "已被其他人修改" in seen.texts[0] and "前台记下的诉求" in seen.texts[0]
    assert "保存" in seen.texts[0].split("\n")[-1]  # told to check and save again
    assert cause.get() == "修图师把脸部液化过度，和顾客确认过的样片不一致；\n原片还在，可以重修。"
    assert window.fields.inputs["customer_wish"].get() == "前台记下的诉求", "the other desk's change is shown"
    window.save()
    runner().wait_idle()
    stored = Complaint.get_by_id(case.id)
    assert stored.cause.startswith("修图师把脸部液化过度") and stored.customer_wish == "前台记下的诉求"


def test_edits_in_progress_are_not_wiped_by_another_change(open_as, sqlite_studio):
    case = register(sqlite_studio["front"])
    window = open_as("front", case)
    window.fields.inputs["order_no"].set("DD-1")
    actions.add_note(sqlite_studio["front"], case.id, "别处加的备注")
    window.session.changed()
    assert window.fields.inputs["order_no"].get() == "DD-1"


def test_notes_and_timeline_newest_first(qtbot, open_as, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    window = open_as("service", case)
    window.notes.text.setPlainText("顾客来电询问进度")
    qtbot.mouseClick(window.notes.add_button, Qt.MouseButton.LeftButton)
    runner().wait_idle()  # added off the GUI thread
    rows = [window.timeline.index(i).data() for i in range(window.timeline.rowCount())]
    assert "备注" in rows[0] and "顾客来电询问进度" in rows[0]
    assert "阶段：受理 → 调查" in rows[1]
    assert "登记投诉" in rows[2] and "严重程度：一般" in rows[2]
    assert window.notes.text.toPlainText() == ""
    window.notes.add()
    runner().wait_idle()
    assert window.notes.errors.message("text") == "请填写备注。"


def test_the_timeline_says_which_document_was_printed(open_as, sqlite_studio, tmp_path):
    from studio_desk.exports.case_sheet import write_case_sheet

    case = register(sqlite_studio["front"])
    write_case_sheet(sqlite_studio["front"], case.id, tmp_path / "sheet.pdf")
    window = open_as("manager", case)
    newest = window.timeline.index(0).data()
    assert "导出 投诉处理单（PDF）" in newest.splitlines()[0]


def test_penalties_are_in_the_timeline_for_managers_only(open_as, sqlite_studio):
    case = register(sqlite_studio["front"])
    staff = Staff.create(name="小美", department=Department.get(Department.name == "数码后期"))
    actions.record_penalty(sqlite_studio["manager"], case.id, staff_id=staff.id, points=5, reason="修图过度")
    manager_rows = [r[0] + r[1] for r in open_as("manager", case).timeline.rows]
    assert any("员工处罚" in r and "小美：扣 5 分" in r for r in manager_rows)
    assert not any("员工处罚" in r[0] for r in open_as("front", case).timeline.rows)


def test_opening_an_open_case_raises_its_window(open_as, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    first = open_as("front", case)
    assert open_case(first.session, case.id) is first


def test_search_one_hit_opens_it_several_are_listed(qtbot, sign_in, sqlite_studio, frozen_now):
    session = sign_in("front")
    a = register(sqlite_studio["front"], phone="13900000001", customer_name="欧阳娜娜", description="相册划痕")
    register(sqlite_studio["front"], phone="13900000002", customer_name="欧阳明", description="妆面脱落")
    window = open_search(session, a.case_no)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"案件 {a.case_no}", "titled at once, before the case has arrived"
    assert runner().wait_idle()
    assert isinstance(window, CaseWindow) and window.case.id == a.id

    results = open_search(session, "欧阳")
    qtbot.addWidget(results)
    assert isinstance(results, SearchResults) and results.model.rowCount() == 2
    assert results.model.index(0, 3).data().startswith("139****")
    results.view.selectRow(1)
    results.accept()
    assert runner().wait_idle()
    opened = case_window._open_windows[results.model.rows[1].id]
    qtbot.addWidget(opened)
    assert opened.case.customer.name in ("欧阳娜娜", "欧阳明")

    with answering_modal(press()) as seen:
        assert open_search(session, "没有这个人") is None
    assert "没有找到" in seen.texts[0]


def test_an_action_over_unsaved_edits_asks_first(open_as, sqlite_studio):
    window = open_as("front", register(sqlite_studio["front"]))
    start = next(a for a in available_actions("receptionist", "registered") if a.key == "start")
    window.fields.inputs["order_no"].set("DD-unsaved")
    with answering_modal(press(QMessageBox.StandardButton.No), of=QMessageBox):
        assert window.run_action(start) is None
    assert window.case.stage == "registered" and window.fields.inputs["order_no"].get() == "DD-unsaved"
    with answering_modal(press(QMessageBox.StandardButton.Yes), of=QMessageBox) as seen:
        window.run_action(start)
        runner().wait_idle()  # the move runs off the GUI thread
    assert "尚未保存" in seen.texts[0]
    assert window.case.stage == "investigating"
    assert window.fields.inputs["order_no"].get() == "" and list(window.action_buttons) == []
