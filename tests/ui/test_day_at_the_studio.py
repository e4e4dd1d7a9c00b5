"""A day at the studio, played through the desk's own windows: the receptionist registers a
complaint by keyboard, the manager moves it on the board by keyboard and by drag through every
move dialog, the 执行经理 approves it, it is carried out, the follow-up call goes both ways,
a second desk saves the same case meanwhile, and the statistics (with drill-down) and the
daily and monthly reports show it. Each step checks what the desk shows, not only the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from studio_desk import clock
from studio_desk.models import Complaint, Department
from studio_desk.services.cases import update_case
from tests.conftest import T0
from tests.core.exportkit import pdf_pages
from tests.ui.boardkit import answer_dialogs, drop, stage_of
from tests.ui.intake_fixtures import answering_modal, press, type_text, type_then_tab
from ui.case.window import open_case
from ui.ops import runner


def fill(values: dict[str, Any]):
    """Answer a move's or an action's dialog: set the fields, check the case is named, press OK."""

    def answer(dialog) -> None:
        for name, value in values.items():
            dialog.add_field(name).set(value)
        dialog.accept()

    return answer


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def ctrl(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)


def card_text(board, case_id: int) -> str:
    return board.model.case_index(case_id).data(Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def desk(qtbot, make_window, desk_session, sqlite_studio):
    """One main window; switch(who) signs the next person in at it (as Ctrl+L and the sign-in do)."""
    window = make_window("front", size=(1500, 850))

    def switch(who: str):
        desk_session.sign_out()
        desk_session.sign_in(sqlite_studio[who])
        activate(qtbot, window)
        return window

    window.switch = switch
    yield window
    window.close()


def test_a_day_at_the_studio(qtbot, desk, sqlite_studio):
    window = desk
    # --- 09:00 the receptionist registers a walk-in by keyboard --------------------------------
    with clock.frozen(T0):
        window.switch("front")
        form = window.show_page("intake")
        assert runner().wait_idle()  # the category list is read off the GUI thread
        form.new_complaint()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.entry.channel)
        type_then_tab(qtbot)  # channel: 门店当面
        type_then_tab(qtbot)  # channel detail
        type_then_tab(qtbot, "13812345678")
        type_then_tab(qtbot)  # WeChat
        type_then_tab(qtbot, "张小姐")
        type_then_tab(qtbot)  # VIP
        type_then_tab(qtbot, "DD-20261101")
        type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 2)  # order stage
        type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 7)  # chain step: 数码后期/修图
        type_then_tab(qtbot, keys=(Qt.Key.Key_Down,) * 4)  # category: 修图质量
        type_text(QApplication.focusWidget(), "脸修得变形了，朋友都说不像我")
        ctrl(qtbot, Qt.Key.Key_S)
        qtbot.waitUntil(lambda: form.done_page.isVisible())
        case = Complaint.get()
        assert form.done_page.case_no.text() == case.case_no
        assert "2026-11-26" in form.done_page.promised.text()  # promised to the customer: 3 working days

    # --- 10:30 the manager: the board by keyboard and drag -----------------------------------
    with clock.frozen(T0 + timedelta(minutes=30)):
        window.switch("manager")
        board = window.show_page("board")
        assert window.tabs.currentWidget().objectName() == "tab_board"
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "registered")  # the board loads off the GUI thread
        assert "张小姐" in card_text(board, case.id)
        assert board.select_case(case.id)
        board.columns["registered"].cards.setFocus()
        ctrl(qtbot, Qt.Key.Key_Right)  # 受理 → 调查: nothing to ask
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "investigating")
        assert board.columns["investigating"].header.text().count("1") >= 1
        department = Department.get(Department.name == "数码后期").id
        titles = answer_dialogs([fill({"validity": "valid", "cause": "修图师液化过度", "department": department})])
        assert drop(board, case.id, "remedy")  # dragged to 方案: the assessment is asked
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "remedy", timeout=10_000)
        assert case.case_no in titles[0] and "调查" in titles[0] and "方案" in titles[0]
        assert "数码后期" in card_text(board, case.id)
        titles = answer_dialogs(
            [
                fill(
                    {
                        "remedy_type": "refund",
                        "remedy_plan": "退部分款并重修",
                        "compensation_lines": [{"kind": "refund", "description": "退款", "amount": "800"}],
                    }
                )
            ]
        )
        activate(qtbot, window)  # back from the dialog
        board.select_case(case.id)
        board.columns["remedy"].cards.setFocus()
        ctrl(qtbot, Qt.Key.Key_Right)  # 方案 → 审批: 800 is over the manager's limit
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "approval", timeout=10_000)
        assert board.selected_row().id == case.id

    # --- 11:00 the 执行经理 approves from the board ------------------------------------------
    with clock.frozen(T0 + timedelta(hours=1)):
        window.switch("exec")
        board = window.show_page("board")
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "approval")
        assert board.select_case(case.id)
        board.columns["approval"].cards.setFocus()
        titles = answer_dialogs([fill({"approval_note": "同意退款 800 元"})])
        ctrl(qtbot, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "implementing", timeout=10_000)
        assert "审批" in titles[0]

    # --- 15:00 the manager records the carrying-out --------------------------------------------
    with clock.frozen(T0 + timedelta(hours=5)):
        window.switch("manager")
        board = window.show_page("board")
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "implementing")
        board.select_case(case.id)
        board.columns["implementing"].cards.setFocus()
        answer_dialogs([fill({"customer_accepted": True, "acceptance_note": "顾客签字确认"})])
        ctrl(qtbot, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: stage_of(board, case.id) == "follow_up", timeout=10_000)

    # --- day 5: the follow-up call, not satisfied → back to 方案; a second desk saves meanwhile --
    with clock.frozen(T0 + timedelta(days=5)):
        window.switch("service")
        view = open_case(window.session, case.id, window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        assert "回访" in view.badges.text()
        with answering_modal(
            fill({"reached": True, "satisfied": False, "satisfaction": 2, "comments": "眼睛还是不对", "then": "remedy"})
        ):
            view.action_buttons["follow_up"].click()
        qtbot.waitUntil(lambda: view.case.stage == "remedy")
        assert "方案" in view.badges.text()
        view.close()
        window.switch("manager")
        view = open_case(window.session, case.id, window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        cause = view.fields.inputs["cause"]
        cause.set("修图师液化过度；眼睛比例也改了")
        # The front desk (another PC on the same database) saves the customer's new wish first.
        update_case(sqlite_studio["front"], case.id, view.case.version, {"customer_wish": "要求重新修眼睛"})
        with answering_modal(press(QMessageBox.StandardButton.Ok), of=QMessageBox) as told:
            view.save()
            runner().wait_idle()
        assert "要求重新修眼睛" in told.texts[0]
        assert cause.get() == "修图师液化过度；眼睛比例也改了", "what the manager typed is kept"
        view.save()
        runner().wait_idle()
        qtbot.waitUntil(lambda: Complaint.get_by_id(case.id).cause == "修图师液化过度；眼睛比例也改了")
        with answering_modal(
            fill({"remedy_type": "reretouch", "remedy_plan": "主管把关重修眼睛", "compensation_lines": []})
        ):
            view.action_buttons["propose"].click()
        # A reworked remedy is a new proposal: the first round's 已批准 is history, and the 重大 case
        # (800 元 paid) is approved again.
        qtbot.waitUntil(lambda: view.case.stage == "approval")
        shown = view.fields.info["approval"].text()
        assert "待审批" in shown and "已批准" not in shown and "同意退款 800 元" not in shown
        view.close()
        window.switch("exec")
        view = open_case(window.session, case.id, window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        with answering_modal(fill({"approval_note": "同意主管把关重修"})):
            view.action_buttons["approve"].click()
        qtbot.waitUntil(lambda: view.case.stage == "implementing")
        assert "已批准：同意主管把关重修" in view.fields.info["approval"].text()
        view.close()
        window.switch("manager")
        view = open_case(window.session, case.id, window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        assert "800.00" in view.fields.info["compensation"].text()  # the refund already paid stays
        with answering_modal(fill({"customer_accepted": True})):
            view.action_buttons["implement"].click()
        qtbot.waitUntil(lambda: view.case.stage == "follow_up")
        view.close()

    # --- day 11: the follow-up call, satisfied → closed ---------------------------------------
    with clock.frozen(T0 + timedelta(days=11)):
        window.switch("service")
        view = open_case(window.session, case.id, window)
        assert runner().wait_idle()  # the case arrives off the GUI thread
        with answering_modal(fill({"reached": True, "satisfied": True, "satisfaction": 5, "then": "close"})):
            view.action_buttons["follow_up"].click()
        qtbot.waitUntil(lambda: view.case.stage == "closed")
        assert "结案" in view.badges.text()
        view.close()
        stored = Complaint.get_by_id(case.id)
        assert (stored.cause, stored.customer_wish) == ("修图师液化过度；眼睛比例也改了", "要求重新修眼睛")

    # --- the manager's statistics, drill-down and papers ---------------------------------------
    with clock.frozen(T0 + timedelta(days=11, hours=1)):
        window.switch("manager")
        stats = window.show_page("stats")
        qtbot.waitUntil(lambda: stats.figures is not None, timeout=30_000)
        with qtbot.waitSignal(stats.loaded, timeout=30_000):  # the case came in November
            stats.preset.setCurrentIndex(stats.preset.findData("last_month"))
            stats.preset.activated.emit(stats.preset.currentIndex())
        tile = stats.headline.tiles["complaints"]
        assert tile.value.text() == "1"
        with qtbot.waitSignal(stats.listed, timeout=30_000):
            QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert [row.case_no for row in stats.case_model.rows] == [case.case_no]
        assert stats.cases_title.text() == "投诉件数：1 件（双击打开）"
        assert stats.figures["totals"]["compensation_total"] == "800.00"
        panel = stats.reports
        stats.tabs.setCurrentWidget(panel)
        panel.day.setDate(panel.day.date().addDays(-11))  # the day it was registered
        qtbot.mouseClick(panel.daily_button, Qt.MouseButton.LeftButton)
        assert runner().wait_idle()
        daily = "".join(pdf_pages(panel.last_output)[0].split())
        panel.last_preview.close()
        assert "今日新增1件" in daily and case.case_no in daily and "张小姐" in daily
        month = panel.month.date()
        panel.month.setDate(month.addMonths(T0.month - month.month()))
        qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
        assert runner().wait_idle()
        monthly = "".join("".join(pdf_pages(panel.last_output)).split())
        panel.last_preview.close()
        assert "客户投诉统计分析表" in monthly and "2026-11" in monthly and "800.00" in monthly
