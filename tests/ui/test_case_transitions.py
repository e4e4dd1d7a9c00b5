"""Every stage move's dialog (ask_and_move, shared with the board) and the case view's action
dialogs: what they ask, the core's refusals at the fields, and the result."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget

from studio_desk import clock
from studio_desk.errors import PermissionDenied, StaleEdit, TransitionRefused
from studio_desk.models import Complaint, Department, Staff, StaffPenalty
from studio_desk.services import actions
from studio_desk.workflow import TRANSITIONS
from tests.board_factory import advance, carried_out_days_ago, register
from tests.conftest import T0
from tests.ui.boardkit import answer_dialogs
from tests.ui.intake_fixtures import answering_modal, press
from ui.case.action_bar import available_actions
from ui.case.action_dialog import ActionDialog
from ui.case.transitions import ask_and_move
from ui.case.window import CaseWindow, open_case
from ui.ops import runner

OK = QDialogButtonBox.StandardButton.Ok
DEPT = object()  # stands for the id of 数码后期, known only once the studio exists
REFUND_800 = [{"kind": "refund", "description": "退部分款", "amount": "800"}]

# (source, target) → who moves it, and what they type into the dialog (None: no dialog at all).
MOVES: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {
    ("registered", "investigating"): ("front", None),
    ("investigating", "remedy"): ("manager", {"cause": "修图师处理过度", "department": DEPT}),
    ("investigating", "closed"): ("manager", {"invalid_explanation": "已向顾客说明：属于审美差异"}),
    ("remedy", "approval"): ("manager", {"remedy_type": "refund", "remedy_plan": "退部分款",
                                         "compensation_lines": REFUND_800}),
    ("remedy", "implementing"): ("service", {"remedy_type": "reretouch", "remedy_plan": "免费重新修图"}),
    ("approval", "implementing"): ("exec", {"approval_note": "同意退款"}),
    ("approval", "remedy"): ("manager", {"reason": "金额太高，请重新商量"}),
    ("implementing", "follow_up"): ("manager", {"customer_accepted": True}),
    ("follow_up", "closed"): ("service", {"close_reason": "顾客满意"}),
    ("follow_up", "remedy"): ("service", {"reason": "顾客仍不满意"}),
    ("investigating", "registered"): ("manager", {"reason": "登记信息不全"}),
    ("remedy", "investigating"): ("manager", {"reason": "原因需要重新调查"}),
    ("implementing", "remedy"): ("manager", {"reason": "方案无法实施"}),
    ("follow_up", "implementing"): ("manager", {"reason": "顾客未签字"}),
    ("closed", "follow_up"): ("manager", {"reason": "顾客又来电"}),
    ("closed", "investigating"): ("manager", {"reason": "顾客补充了新证据"}),
}


def case_in(stage: str, people) -> Complaint:
    if stage == "follow_up":  # carried out five days ago, and a satisfied call, so that it may close
        case = carried_out_days_ago(people)
        return actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True)
    return advance(register(people["front"]), stage, people, compensation="800" if stage == "approval" else "0")


def closed_invalid(people) -> Complaint:
    """A complaint closed as 无效: reopening it investigates it again."""
    case = advance(register(people["front"]), "investigating", people)
    return actions.assess(people["manager"], case.id, case.version, validity="invalid",
                          invalid_explanation="属于审美差异，已向顾客解释")


def fill_and_ok(values: dict[str, Any]):
    def answer(dialog: ActionDialog) -> None:
        for name, value in values.items():
            dialog.add_field(name).set(Department.get(Department.name == "数码后期").id if value is DEPT else value)
        dialog.buttons.button(OK).click()
    return answer


def move_now(session, case, target: str, refused=None) -> Complaint | None:
    """ask_and_move, waiting for the move (it runs off the GUI thread); the moved case or None."""
    moved: list[Complaint] = []
    ask_and_move(session, case, target, None, moved=moved.append, refused=refused)
    runner().wait_idle()
    return moved[0] if moved else None


def test_every_transition_has_a_case(sqlite_studio):
    assert set(MOVES) == set(TRANSITIONS)


@pytest.mark.parametrize("move", list(MOVES), ids=lambda m: f"{m[0]}-{m[1]}")
def test_each_move_dialog(qtbot, sign_in, sqlite_studio, frozen_now, move):
    source, target = move
    who, values = MOVES[move]
    case = case_in(source, sqlite_studio) if move != ("closed", "investigating") else closed_invalid(sqlite_studio)
    session = sign_in(who)
    changed: list[bool] = []
    session.data_changed.connect(lambda: changed.append(True))
    if values is None:
        moved = move_now(session, case, target)
    else:
        with answering_modal(fill_and_ok(values), of=ActionDialog) as seen:
            moved = move_now(session, case, target)
        assert "→" in seen.texts[0]
    assert moved is not None and moved.stage == target and changed
    assert Complaint.get_by_id(case.id).stage == target


def test_missing_information_is_asked_again_at_its_field(qtbot, sign_in, sqlite_studio, frozen_now):
    case = case_in("investigating", sqlite_studio)
    shown: dict[str, str] = {}

    def first(dialog: ActionDialog) -> None:
        assert set(dialog.inputs) == {"validity", "solvability", "cause", "department", "responsible_staff"}
        assert dialog.inputs["validity"].get() == "valid" and case.case_no in dialog.windowTitle()
        dialog.buttons.button(OK).click()

    def second(dialog: ActionDialog) -> None:
        shown.update(cause=dialog.errors.message("cause"), department=dialog.errors.message("department"))
        cause = dialog.inputs["cause"].widget
        cause.setFocus()
        cause.insertPlainText("化妆师用错了粉底")
        shown["cause after typing"] = dialog.errors.message("cause")  # fixed: the red message goes
        shown["department still"] = dialog.errors.message("department")
        fill_and_ok({"department": DEPT})(dialog)

    with answering_modal(first, second, of=ActionDialog):
        moved = move_now(sign_in("manager"), case, "remedy")
    assert shown == {"cause": "请填写原因分析。", "department": "请指定责任部门。", "cause after typing": "",
                     "department still": "请指定责任部门。"}
    assert moved.stage == "remedy" and moved.cause == "化妆师用错了粉底"


def test_what_the_dialog_cannot_supply_is_said_on_top(qtbot, sign_in, sqlite_studio, frozen_now):
    case = carried_out_days_ago(sqlite_studio)  # no follow-up call yet
    shown: list[str] = []

    def read_and_cancel(dialog: ActionDialog) -> None:
        shown.append(dialog.errors.general.text())
        dialog.reject()

    with answering_modal(fill_and_ok({}), read_and_cancel, of=ActionDialog):
        assert move_now(sign_in("manager"), case, "closed") is None
    assert "请先记录回访结果" in shown[0]
    assert Complaint.get_by_id(case.id).stage == "follow_up"


def test_a_move_the_role_may_not_make_is_refused_before_any_dialog(sign_in, sqlite_studio, frozen_now):
    case = case_in("approval", sqlite_studio)
    with pytest.raises(PermissionDenied, match="无权审批"):
        ask_and_move(sign_in("front"), case, "implementing", None)
    with pytest.raises(TransitionRefused, match="不能从“审批”直接移到“结案”"):
        ask_and_move(sign_in("manager"), case, "closed", None)


def test_manager_cannot_approve_above_the_limit(qtbot, sign_in, sqlite_studio, frozen_now):
    """Told before the dialog opens, not after the 审批意见 is typed (and lost)."""
    case = case_in("approval", sqlite_studio)
    refusals: list[Exception] = []
    opened = answer_dialogs([lambda dialog: dialog.reject()], timeout_ms=1500)
    move_now(sign_in("manager"), case, "implementing", refused=refusals.append)
    assert isinstance(refusals[0], PermissionDenied)
    assert "补偿金额 800.00 元超过店长审批权限（500.00 元），需要执行经理批准" in refusals[0].message
    qtbot.wait(1600)
    assert opened == [], "no dialog opened"
    assert Complaint.get_by_id(case.id).stage == "approval"


def test_the_approval_dialog_and_the_case_view_show_the_amount_and_who_approves(qtbot, sign_in, sqlite_studio,
                                                                                frozen_now):
    case = case_in("approval", sqlite_studio)
    window = open_case(sign_in("exec"), case.id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    assert "须由执行经理审批" in window.fields.info["approval"].text()
    intro: list[str] = []

    def read_and_cancel(dialog: ActionDialog) -> None:
        intro.append(dialog.findChild(QLabel, "dialog_intro").text())
        dialog.reject()

    run(window, "approve", read_and_cancel)
    summary, approval = intro[0].split("\n")
    assert case.customer.name in summary and "138****" in summary and case.description[:6] in summary
    assert approval == "补偿合计 800.00 元（店长审批权限 500.00 元以内），须由执行经理审批。"


def test_a_stale_move_is_refused(qtbot, sign_in, sqlite_studio, frozen_now):
    case = case_in("approval", sqlite_studio)
    actions.set_severity(sqlite_studio["manager"], case.id, case.version, "major", "顾客已发帖")
    refusals: list[Exception] = []
    with answering_modal(fill_and_ok({"approval_note": "同意"}), of=ActionDialog):
        move_now(sign_in("exec"), case, "implementing", refused=refusals.append)
    assert isinstance(refusals[0], StaleEdit) and "已被其他人修改" in refusals[0].message
    assert Complaint.get_by_id(case.id).stage == "approval"


def test_a_stale_action_in_the_case_view_is_told_and_reloaded(qtbot, window_for, sqlite_studio):
    case = register(sqlite_studio["front"])
    window = window_for("front", case)
    actions.add_note(sqlite_studio["manager"], case.id, "不改版本")
    update = actions.set_severity(sqlite_studio["manager"], case.id, case.version, "important", "VIP")
    with answering_modal(press(), of=QMessageBox) as seen:
        assert window.run_action(window_action(window, "start")) is None
        runner().wait_idle()
    assert "已被其他人修改" in seen.texts[0]
    assert window.case.version == update.version and window.case.stage == "registered"


# --- the case view's own action dialogs ---------------------------------------------------------


def window_action(window, key: str):
    return next(a for a in available_actions(window.session.user.role, window.case.stage) if a.key == key)


def run(window, key: str, *answers, of=ActionDialog):
    with answering_modal(*answers, of=of) as seen:
        result = window.run_action(window_action(window, key))
        runner().wait_idle()  # a move runs off the GUI thread
    return result, seen


@pytest.fixture
def window_for(sign_in, frozen_now):
    opened: list[CaseWindow] = []

    def make(who: str, case: Complaint):
        window = open_case(sign_in(who), case.id)
        opened.append(window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        return window
    yield make
    for window in opened:  # a window closed by the test (a deleted case) is gone already
        if shiboken6.isValid(window):
            window.close()


def test_assess_invalid_closes_with_the_explanation(window_for, sqlite_studio):
    window = window_for("manager", case_in("investigating", sqlite_studio))
    moved, _ = run(window, "assess", fill_and_ok({"validity": "invalid", "invalid_explanation": "属于个人审美差异"}))
    assert moved.stage == "closed" and moved.close_reason == "属于个人审美差异"
    assert window.case.stage == "closed" and list(window.action_buttons) == ["reopen", "penalty"]


def test_propose_remedy_goes_to_approval_when_the_amount_needs_it(window_for, sqlite_studio):
    window = window_for("manager", case_in("remedy", sqlite_studio))

    def first(dialog: ActionDialog) -> None:
        dialog.inputs["compensation_lines"].widget.add_line("refund", "退款", "-5")
        fill_and_ok({"remedy_type": "refund", "remedy_plan": "退款"})(dialog)

    def second(dialog: ActionDialog) -> None:
        assert dialog.errors.message("compensation_lines") == "第 1 项补偿金额不能为负数。"
        assert dialog.inputs["remedy_plan"].get() == "退款", "what was typed is still there"
        fill_and_ok({"compensation_lines": REFUND_800})(dialog)

    moved, _ = run(window, "propose", first, second)
    assert moved.stage == "approval" and str(moved.compensation_total) == "800.00"


def test_a_follow_up_before_day_5_is_refused_on_top_and_keeps_the_typing(window_for, sqlite_studio):
    """Carried out today (day 0): the call on day 4 at 23:59 is refused above the fields, naming the
    day the window opens; what was typed is still there, and on day 5 the same answers are saved."""
    case = advance(register(sqlite_studio["front"]), "follow_up", sqlite_studio)
    window = window_for("service", case)
    shown: list[tuple[str, str]] = []

    def read_and_cancel(dialog: ActionDialog) -> None:
        shown.append((dialog.errors.general.text(), dialog.inputs["comments"].get()))
        dialog.reject()

    answer = fill_and_ok({"satisfied": True, "satisfaction": 5, "comments": "顾客很满意"})
    with clock.frozen(T0.replace(hour=23, minute=59) + timedelta(days=4)):
        moved, _ = run(window, "follow_up", answer, read_and_cancel)
    assert moved is None
    assert shown == [("回访应在实施完成后第 5–7 天进行，最早可在 11月28日 记录。", "顾客很满意")]
    assert Complaint.get_by_id(case.id).version == case.version
    with clock.frozen(T0.replace(hour=0, minute=0) + timedelta(days=5)):
        moved, _ = run(window, "follow_up", answer)
    assert (moved.follow_up_result, moved.satisfaction) == ("satisfied", 5)


def test_unsatisfied_follow_up_can_open_a_linked_repeat(window_for, sqlite_studio):
    case = carried_out_days_ago(sqlite_studio)
    window = window_for("service", case)

    def first(dialog: ActionDialog) -> None:
        assert dialog.inputs["reached"].get() is True
        fill_and_ok({"then": "repeat", "comments": "还是不满意"})(dialog)

    def second(dialog: ActionDialog) -> None:
        assert dialog.errors.message("satisfied") == "请选择顾客是否满意。"
        fill_and_ok({"satisfied": False, "satisfaction": 2})(dialog)

    def open_the_new_case(box: QMessageBox) -> None:
        assert repeat_no[0] in box.text() and case.case_no in box.text() and "转二次投诉" in box.windowTitle()
        next(b for b in box.buttons() if repeat_no[0] in b.text()).click()

    # Today's first case (the first complaint came 5 days ago); told to the customer on the phone, so said at once.
    repeat_no = [f"KS-{T0:%Y%m%d}-001"]
    moved, seen = run(window, "follow_up", first, second, open_the_new_case, of=QWidget)
    repeat = Complaint.get(Complaint.previous_case == case.id)
    assert moved.stage == "closed" and repeat.is_repeat and "还是不满意" in repeat.description
    assert repeat.case_no == repeat_no[0] and len(seen.texts) == 3
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and repeat.case_no in w.windowTitle()]
    assert opened, "the new case's window is open"
    opened[0].close()


def test_change_severity_needs_a_reason(window_for, sqlite_studio):
    window = window_for("manager", register(sqlite_studio["front"]))

    def second(dialog: ActionDialog) -> None:
        assert dialog.errors.message("reason") == "请填写调整原因。"
        fill_and_ok({"reason": "顾客已在小红书发帖"})(dialog)

    moved, _ = run(window, "severity", fill_and_ok({"severity": "major"}), second)
    assert moved.severity == "major" and moved.severity_overridden
    assert "调整严重程度" in window.timeline.rows[0][0] and "一般 → 重大" in window.timeline.rows[0][1]


def test_staff_penalty_needs_an_employee_and_then_is_recorded(window_for, sqlite_studio):
    case = register(sqlite_studio["front"])
    window = window_for("manager", case)
    _, seen = run(window, "penalty", press(), of=QMessageBox)
    assert "还没有员工记录" in seen.texts[0]
    staff = Staff.create(name="小美", department=Department.get(Department.name == "数码后期"))
    window.session.changed()  # as Settings announces a new employee: the window reads its lists again
    assert runner().wait_idle()
    penalty, _ = run(window, "penalty", fill_and_ok({"staff": staff.id, "points": 5, "fine": "300",
                                                     "reason": "修图过度导致投诉"}))
    assert isinstance(penalty, StaffPenalty) and penalty.points == 5 and str(penalty.fine) == "300.00"


def test_delete_closes_the_window(window_for, sqlite_studio):
    case = register(sqlite_studio["front"])
    window = window_for("manager", case)
    deleted, _ = run(window, "delete", fill_and_ok({"reason": "重复登记"}))
    assert deleted is True and Complaint.get_by_id(case.id).deleted
    assert not shiboken6.isValid(window) or not window.isVisible()


def test_money_already_paid_stays_in_the_case_view(qtbot, sign_in, sqlite_studio):
    """600 + 380.50 approved and carried out, 回访 不满意 → 方案, a new remedy of 200, closed: the
    second proposal starts empty (the paid lines are not proposed again) and the case says 1,180.50."""
    people = sqlite_studio
    with clock.frozen(T0):
        case = advance(register(people["front"]), "remedy", people)
        window = open_case(sign_in("manager"), case.id)
        qtbot.addWidget(window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        lines = [{"kind": "refund", "description": "退部分款", "amount": "600"},
                 {"kind": "remake_album", "description": "重做相册", "amount": "380.50"}]
        run(window, "propose", fill_and_ok({"remedy_type": "refund", "remedy_plan": "退款并重做相册",
                                            "compensation_lines": lines}))
        case = actions.approve(people["exec"], case.id, window.case.version, "同意")
        case = actions.record_implementation(people["manager"], case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=5)):
        case = actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=False,
                                        then="remedy")
        window.reload()
        assert runner().wait_idle()
        proposed: list[list] = []

        def second_round(dialog: ActionDialog) -> None:
            proposed.append(dialog.inputs["compensation_lines"].get())
            fill_and_ok({"remedy_type": "gift", "remedy_plan": "再送一本小相册",
                         "compensation_lines": [{"kind": "gift", "description": "小相册", "amount": "200"}]})(dialog)

        moved, _ = run(window, "propose", second_round)
        assert proposed == [[]]
        if moved.stage == "approval":  # 1,180.50 in all is over the manager's limit
            moved = actions.approve(people["exec"], case.id, moved.version, "同意")
        case = moved
        case = actions.record_implementation(people["manager"], case.id, case.version, customer_accepted=True)
    with clock.frozen(T0 + timedelta(days=11)):
        actions.record_follow_up(people["service"], case.id, case.version, reached=True, satisfied=True, then="close")
        window.reload()
        assert runner().wait_idle()
    assert window.case.stage == "closed" and str(window.case.compensation_total) == "1180.50"
    shown = window.fields.info["compensation"].text()
    assert "1,180.50" in shown and "600.00" in shown and "380.50" in shown and "200.00" in shown
