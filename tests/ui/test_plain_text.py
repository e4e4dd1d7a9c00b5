"""No text a user typed ever becomes markup: every field of a case, its customer, a category, a
department, an employee and a user is filled with HTML, every screen and dialog is opened, and
every label, tooltip, item tooltip and chart label that Qt would draw as rich text is refused if it
holds that HTML unescaped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChartView, QPieSeries
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QMessageBox, QWidget

from studio_desk import clock, drafts
from studio_desk.attachments import attach_file
from studio_desk.models import Category, Department, Staff
from studio_desk.notify.channels import save_channel
from studio_desk.services import actions, catalog, users
from tests.board_factory import advance, register
from tests.core.test_notify_channels import URL
from tests.ui.intake_fixtures import answering_modal
from ui.board.closed_list import ClosedCasesDialog
from ui.case.action_bar import available_actions
from ui.case.search import SearchResults, open_search
from ui.case.window import open_case
from ui.ops import runner
from ui.settings.staff import StaffDialog
from ui.settings.user_dialogs import PasswordDialog, UserDialog

MARK = "<b>粗体</b><font color=red>红</font><a href=x>链</a><img src=y>"
SHORT = "<b>粗</b><a href=x>链</a><img src=y>"  # for the 40-character names
RAW = ("<b>粗", "<a href=x>", "<img src=y>")


def _raw(text: str) -> bool:
    return any(piece in text for piece in RAW)


def _renders(text: str, fmt: Qt.TextFormat) -> bool:
    rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    return rich and _raw(text)


def _model_tips(view: QAbstractItemView) -> list[str]:
    """Tooltips of every item of ``view``'s model, its tree walked (the board's columns are parents)."""
    model, found = view.model(), []
    if model is None:
        return found

    def walk(parent: QModelIndex) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            column = 0
            while model.hasIndex(row, column, parent):  # a list model's columnCount is not public
                index = model.index(row, column, parent)
                column += 1
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    found.append(tip)
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return found


def _chart_labels(view: QChartView) -> list[str]:
    chart = view.chart()
    labels = [chart.title()]
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            labels += axis.categories()
    for series in chart.series():
        if isinstance(series, QPieSeries):
            labels += [piece.label() for piece in series.slices()]
    return labels


def offenders(top: QWidget) -> list[str]:
    """What in ``top`` (and its children) would draw the markup instead of showing it."""
    bad = []
    for widget in [top, *top.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QLabel) and _renders(widget.text(), widget.textFormat()):
            bad.append(f"{where} label: {widget.text()}")
        if GuiQt.mightBeRichText(widget.toolTip()) and _raw(widget.toolTip()):
            bad.append(f"{where} tooltip: {widget.toolTip()}")
        if isinstance(widget, QAbstractItemView):
            bad += [
                f"{where} item tooltip: {tip}"
                for tip in _model_tips(widget)
                if GuiQt.mightBeRichText(tip) and _raw(tip)
            ]
        if isinstance(widget, QChartView):  # QtCharts draws every label as rich text
            bad += [f"{where} chart label: {text}" for text in _chart_labels(widget) if _raw(text)]
    return bad


def shown_somewhere(top: QWidget, text: str) -> bool:
    return any(text in label.text() for label in top.findChildren(QLabel))


@pytest.fixture
def marked(sqlite_studio, tmp_path):
    """A studio where everything a user can name or type holds markup; returns its manager and cases."""
    manager = sqlite_studio["manager"]
    category = catalog.add_entry(manager, "category", SHORT)
    department = catalog.add_entry(manager, "department", SHORT)
    staff = catalog.add_staff(manager, {"name": SHORT, "department_id": department.id})
    save_channel(manager, None, {"kind": "wecom", "url": URL, "name": SHORT})  # its messages name the customer
    boss = users.create_user(
        manager, {"username": "marked", "display_name": SHORT, "role": "manager", "password": "marked123"}
    )
    data = {
        "phone": "13700000001",
        "customer_name": MARK,
        "wechat": MARK,
        "channel_detail": SHORT,
        "description": MARK,
        "customer_wish": MARK,
        "evidence_note": MARK,
        "category_id": category.id,
    }
    first = register(boss, **data)
    case = actions.start_investigation(boss, first.id, first.version)
    case = actions.assess(
        boss, case.id, case.version, validity="valid", cause=MARK, department=department.id, responsible_staff=staff.id
    )
    case = actions.propose_remedy(
        boss,
        case.id,
        case.version,
        remedy_type="refund",
        remedy_plan=MARK,
        compensation_lines=[{"kind": "refund", "description": MARK, "amount": "900"}],
    )
    actions.add_note(boss, case.id, MARK)
    actions.record_penalty(boss, case.id, staff_id=staff.id, points=5, fine="0", reason=MARK)
    evidence = tmp_path / f"{SHORT.replace('/', '_')}.txt"
    evidence.write_text("证据", encoding="utf-8")
    attach_file(boss, case.id, evidence)
    repeat = register(boss, **data, media_exposure=True)  # 重大: a notification is queued
    with clock.frozen(clock.now() - timedelta(days=20)):  # listed under the board's older closed cases
        advance(register(boss, **data), "closed", sqlite_studio)
    drafts.save(boss, {"phone": "13700000002", "customer_name": MARK})  # offered back on the intake page
    assert Category.get_by_id(category.id).name == SHORT and Department.get_by_id(department.id).name == SHORT
    return {"boss": boss, "case": case, "repeat": repeat, "staff": Staff.get_by_id(staff.id), "category": category.id}


@pytest.fixture
def desk(make_window, marked):
    return make_window(marked["boss"], size=(1500, 900))


def test_every_page_of_the_desk_shows_markup_as_typed(qtbot, desk, marked):
    intake = desk.show_page("intake")
    intake.entry.phone.setFocus()
    qtbot.keyClicks(intake.entry.phone, "13700000001")
    qtbot.waitUntil(lambda: intake.customer_panel.repeat.isVisible())
    assert shown_somewhere(intake, "粗体"), "the side panel names the customer"
    assert intake.banner.isVisible(), "the draft is offered back, naming the customer"
    problems = offenders(desk)
    intake.done_page.show_case(marked["repeat"])
    intake.done_page.show()
    problems += offenders(intake.done_page)
    board = desk.show_page("board")
    qtbot.waitUntil(lambda: board.model.case_index(marked["case"].id).isValid())
    problems += offenders(desk)
    board.actions.show_older_closed()
    (older,) = board.findChildren(ClosedCasesDialog)
    qtbot.waitUntil(lambda: older.model.rowCount() > 0)
    problems += offenders(older)
    older.close()
    stats = desk.page("stats")
    with qtbot.waitSignal(stats.loaded, timeout=30_000):
        desk.show_page("stats")
    for key, section in stats.sections.items():  # a chart is drawn when its tab is shown
        stats.tabs.setCurrentWidget(section if key not in ("channel", "severity") else section.parentWidget())
        qtbot.waitExposed(section.chart)
        problems += offenders(desk)
    with qtbot.waitSignal(stats.listed, timeout=30_000):  # a bar's cases listed under its name
        stats.sections["category"].drill.emit("category", marked["category"], SHORT)
    assert SHORT in stats.cases_title.text()
    problems += offenders(desk)
    charts = stats.findChildren(QChartView)
    assert any("粗" in label for chart in charts for label in _chart_labels(chart)), "a chart names the category"
    settings_page = desk.show_page("settings")
    for key in ("studio", "users", "departments", "categories", "notify", "privacy"):
        settings_page.show_section(key)
        problems += offenders(desk)
    assert not problems, "\n".join(problems)


def test_the_case_window_shows_the_customer_name_literally(qtbot, desk_session, marked, tmp_path):
    desk_session.sign_in(marked["boss"])
    window = open_case(desk_session, marked["case"].id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    assert window.customer_name.text() == MARK
    assert window.customer_name.textFormat() == Qt.TextFormat.PlainText
    problems = []
    for tab in range(window.fields.tabs.count()):
        window.fields.tabs.setCurrentIndex(tab)
        problems += offenders(window)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        problems += offenders(window)
    assert not problems, "\n".join(problems)
    assert window.grab().save(str(tmp_path / "case_window.png"))  # looked at: the name in grey-black, as typed


def test_every_action_dialog_of_the_case_shows_markup_as_typed(qtbot, desk_session, marked):
    desk_session.sign_in(marked["boss"])
    window = open_case(desk_session, marked["case"].id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    problems: list[str] = []

    def look_then_cancel(dialog: QWidget) -> None:
        problems.extend(offenders(dialog))
        dialog.reject()

    keys = [action.key for action in available_actions("manager", window.case.stage)]
    assert keys, "the case offers actions in its stage"
    for action in available_actions("manager", window.case.stage):
        with answering_modal(look_then_cancel, of=QDialog):  # a dialog, or the refusal told before one
            window.run_action(action)
    assert not problems, "\n".join(problems)


def test_search_results_and_settings_dialogs_show_markup_as_typed(qtbot, desk_session, marked):
    desk_session.sign_in(marked["boss"])
    results = open_search(desk_session, "13700000001")
    assert isinstance(results, SearchResults)
    qtbot.addWidget(results)
    problems = offenders(results)
    results.close()
    for dialog in (
        UserDialog(desk_session, marked["boss"]),
        PasswordDialog(desk_session, marked["boss"]),
        StaffDialog(desk_session, marked["staff"]),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        problems += offenders(dialog)
        dialog.close()
    assert not problems, "\n".join(problems)


def test_a_message_quoting_what_was_typed_shows_it_literally(qtbot, desk_session, marked):
    desk_session.sign_in(marked["boss"])
    seen: list[QMessageBox] = []

    def look(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box)
        assert box.textFormat() == Qt.TextFormat.PlainText and MARK in box.text()
        box.accept()

    with answering_modal(look, of=QMessageBox):
        open_search(desk_session, MARK + "无此案")
    assert seen and QApplication.activeModalWidget() is None
