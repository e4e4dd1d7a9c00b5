"""Moving cards on the board through the real drop path and the keyboard: the core decides,
a refused move springs back with its reason, missing information opens the move's dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from studio_desk.models import AuditEvent, Complaint, Department
from tests.board_factory import advance, register
from tests.ui.boardkit import answer_dialogs, drop, make_page, settle, stage_of


def moves_of(case_id: int) -> list[tuple[str, str]]:
    events = AuditEvent.select().where((AuditEvent.case == case_id) & (AuditEvent.action == "move"))
    return [(e.details["source"], e.details["target"]) for e in events.order_by(AuditEvent.id)]


def fill(dialog: QDialog, **values) -> None:
    """Set the move dialog's inputs by field name (the case view's ActionDialog) and press OK."""
    for name, value in values.items():
        dialog.inputs[name].set_value(value)
    dialog.accept()


def test_drop_accepted_moves_the_case(qtbot, sign_in, sqlite_studio):
    session = sign_in("front")
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, session)
    assert stage_of(page, case.id) == "registered"
    assert drop(page, case.id, "investigating")
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "investigating")
    assert moves_of(case.id) == [("registered", "investigating")]
    assert page.selected_row().id == case.id  # the moved card stays selected
    assert page.message_text() == ""


def test_drop_on_own_column_is_not_accepted(qtbot, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("front"))
    assert not drop(page, case.id, "registered")
    qtbot.wait(50)
    assert moves_of(case.id) == []


def test_receptionist_cannot_move_to_remedy(qtbot, sign_in, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    page = make_page(qtbot, sign_in("front"))
    drop(page, case.id, "remedy")
    qtbot.waitUntil(lambda: page.message_text() != "")
    assert "无权评估投诉" in page.message_text()
    assert stage_of(page, case.id) == "investigating"  # sprang back
    assert Complaint.get_by_id(case.id).stage == "investigating"


def test_move_that_does_not_exist_is_refused(qtbot, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("manager"))
    drop(page, case.id, "implementing")
    qtbot.waitUntil(lambda: page.message_text() != "")
    assert page.message_text() == "不能从“受理”直接移到“实施”。"
    assert stage_of(page, case.id) == "registered"


def test_missing_information_opens_the_dialog(qtbot, sign_in, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    page = make_page(qtbot, sign_in("manager"))
    department = Department.get(Department.name == "摄影").id
    titles = answer_dialogs([
        lambda d: fill(d, validity="valid", cause=""),  # cause still missing: asked again
        lambda d: fill(d, cause="摄影师构图失误 𠀀😀", department=department),
    ])
    drop(page, case.id, "remedy")
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "remedy", timeout=10_000)
    assert len(titles) == 2 and case.case_no in titles[0]
    stored = Complaint.get_by_id(case.id)
    assert stored.cause == "摄影师构图失误 𠀀😀" and stored.department_id == department
    assert stored.validity == "valid"
    assert moves_of(case.id)[-1] == ("investigating", "remedy")


def test_implemented_without_acceptance_shows_reason_and_springs_back(qtbot, sign_in, sqlite_studio):
    case = advance(register(sqlite_studio["front"]), "implementing", sqlite_studio)
    page = make_page(qtbot, sign_in("manager"))
    reasons = []

    def untick_and_ok(dialog):
        fill(dialog, customer_accepted=False)

    def read_reason_and_cancel(dialog):
        reasons.append(dialog.errors.message("customer_accepted"))
        dialog.reject()

    answer_dialogs([untick_and_ok, read_reason_and_cancel])
    drop(page, case.id, "follow_up")
    qtbot.waitUntil(lambda: len(reasons) == 1, timeout=10_000)
    assert "请先记录顾客已确认接受处理结果" in reasons[0]
    qtbot.wait(50)
    assert stage_of(page, case.id) == "implementing"
    assert Complaint.get_by_id(case.id).stage == "implementing"
    assert moves_of(case.id)[-1] == ("remedy", "implementing")


def test_stale_card_is_refused_and_reloaded(qtbot, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("manager"))
    page.poll_timer.stop()
    # Someone else edits the case after the board loaded it.
    from studio_desk.services.cases import update_case

    update_case(sqlite_studio["front"], case.id, case.version, {"customer_wish": "退款"})
    drop(page, case.id, "investigating")
    qtbot.waitUntil(lambda: page.message_text() != "")
    assert "已被其他人修改" in page.message_text()
    qtbot.waitUntil(lambda: page.model.row_at(page.model.case_index(case.id)).version == 2)  # reloaded


def test_keyboard_forward_and_back(qtbot, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("manager"))
    assert page.select_case(case.id)
    cards = page.columns["registered"].cards
    cards.setFocus()
    qtbot.keyClick(cards, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "investigating")
    assert page.selected_row().id == case.id
    # Back to 受理 needs a reason: the dialog asks for it.
    answer_dialogs([lambda d: fill(d, reason="登记信息有误，需重新核对")])
    qtbot.keyClick(page.columns["investigating"].cards, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "registered", timeout=10_000)
    assert moves_of(case.id) == [("registered", "investigating"), ("investigating", "registered")]


def test_arrow_keys_walk_between_columns(qtbot, sign_in, sqlite_studio):
    first = register(sqlite_studio["front"])
    later = advance(register(sqlite_studio["front"]), "remedy", sqlite_studio)
    page = make_page(qtbot, sign_in("manager"))
    page.select_case(first.id)
    page.columns["registered"].cards.setFocus()
    qtbot.keyClick(page.columns["registered"].cards, Qt.Key.Key_Right)  # 调查 is empty: skipped
    assert page.columns["remedy"].cards.hasFocus()
    assert page.selected_row().id == later.id


def test_context_menu_move_assign_and_note(qtbot, sign_in, sqlite_studio):
    from studio_desk.models import Note, Staff

    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    department = Department.get(Department.name == "摄影")
    staff = Staff.create(name="摄影师小马", department=department)
    page = make_page(qtbot, sign_in("manager"))
    row = page.model.row_at(page.model.case_index(case.id))
    menu = page.actions.build_menu(row)
    move_to = menu.findChild(type(menu), "move_to_menu")
    assert sorted(a.data() for a in move_to.actions()) == ["closed", "registered", "remedy"]
    assign = menu.findChild(type(menu), "assign_menu")
    person = next(a for sub in assign.findChildren(type(menu)) for a in sub.actions() if a.data() == staff.id)
    person.trigger()
    qtbot.waitUntil(lambda: page.model.row_at(page.model.case_index(case.id)).staff == "摄影师小马")
    assert page.model.row_at(page.model.case_index(case.id)).department == "摄影"

    def write_note(dialog):
        dialog.setTextValue("顾客来电催进度")
        dialog.accept()

    answer_dialogs([write_note])
    page.select_case(case.id)
    page.actions.note.trigger()
    settle(qtbot)
    assert [n.text for n in Note.select().where(Note.case == case.id)] == ["顾客来电催进度"]


def test_receptionist_cannot_assign(qtbot, sign_in, sqlite_studio):
    case = register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("front"))
    row = page.model.row_at(page.model.case_index(case.id))
    page.actions.assign(row, Department.get(Department.name == "摄影").id, None)
    settle(qtbot)
    assert "无权指派" in page.message_text()


def test_shortcuts_act_on_the_card_shown_selected_after_a_dialog(qtbot, sign_in, sqlite_studio):
    """Ctrl+→ twice with a dialog on the second move: when the window is active again, focus comes
    back to the column the card left. Its other card must not become the board's selection."""
    moved = register(sqlite_studio["front"], customer_name="顾客甲")
    other = advance(register(sqlite_studio["front"], customer_name="顾客乙"), "investigating", sqlite_studio)
    page = make_page(qtbot, sign_in("manager"))
    page.poll_timer.stop()
    assert page.select_case(moved.id)
    page.columns["registered"].cards.setFocus()
    qtbot.keyClick(page.columns["registered"].cards, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stage_of(page, moved.id) == "investigating")
    department = Department.get(Department.name == "摄影").id
    titles = answer_dialogs([lambda d: fill(d, validity="valid", cause="修图过度", department=department)])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stage_of(page, moved.id) == "remedy", timeout=10_000)
    assert moved.case_no in titles[0]
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.wait(50)
    remedy, investigating = page.columns["remedy"].cards, page.columns["investigating"].cards
    shown = [page.model.row_at(i).id for c in page.columns.values() for i in c.cards.selectionModel().selectedIndexes()]
    assert shown == [moved.id]
    assert page.selected_row().id == moved.id
    assert remedy.hasFocus() and not investigating.hasFocus()
    # The next Ctrl+→ (and Ctrl+P, the menus) act on the card shown selected, not on 顾客乙's.
    titles = answer_dialogs([lambda d: d.reject()])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(titles) == 1, timeout=10_000)
    assert moved.case_no in titles[0] and other.case_no not in titles[0]
