"""The 统计 tab on the hand-computed studio (tests/core/statskit.py): it shows exactly the numbers
of ``compute`` / ``main.py stats --json``, clicking a bar, slice, month, figure or hot spot lists
the right cases, charts render, penalties only for 店长+, the papers are made and previewed and
the corrective actions are saved through the review service."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from studio_desk import clock
from studio_desk.models import AuditEvent, Category
from studio_desk.search import BoardFilters
from studio_desk.services.reviews import corrective_actions, save_review
from studio_desk.stats import compute
from tests.core import statskit
from tests.core.exportkit import pdf_pages
from tests.core.statskit import NOW
from tests.core.test_stats import EXPECTED_TOTALS
from ui.ops import runner
from ui.stats.page import StatsPage

ROOT = Path(__file__).resolve().parents[2]
NOVEMBER = BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
YEAR = BoardFilters(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))


@pytest.fixture
def small(sqlite_studio):
    cases = statskit.build(sqlite_studio)
    with clock.frozen(NOW):
        yield cases


def open_page(qtbot, session) -> StatsPage:
    page = StatsPage(session)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.show()
    return page


def table_texts(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def choose_preset(qtbot, page: StatsPage, key: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.preset.setCurrentIndex(page.preset.findData(key))
        page.preset.activated.emit(page.preset.currentIndex())


def drill_and_wait(qtbot, page: StatsPage, action) -> list[str]:
    with qtbot.waitSignal(page.listed, timeout=30_000):
        action()
    return [row.case_no for row in page.case_model.rows]


def test_the_tab_shows_exactly_the_json_numbers(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    manager = page.session.user
    expected = compute(NOVEMBER, viewer=manager, now=NOW)  # 'this month' is November
    assert page.figures == expected
    assert page.headline.texts() == {
        "complaints": "5", "valid_rate": "100.0%", "open": "4", "overdue_now": "2", "first_assessment": "50.0%",
        "resolution": "50.0%", "median_hours_to_close": "8.0 天", "satisfaction": "0.0%", "repeat_rate": "40.0%",
        "repeat": "2", "major": "2", "vip": "0", "closed": "1", "compensation_total": "¥1,000.00"}
    assert table_texts(page.sections["category"].table) == [
        [r["label"], str(r["count"]), f"{r['count'] * 100 / 5:.1f}%"] for r in expected["by_category"]]
    assert table_texts(page.sections["staff"].table) == [["修图师小周", "数码后期", "1", "1", "0", "300.00"],
                                                         ["摄影师老马", "摄影", "1", "0", "0", "0.00"]]
    assert table_texts(page.sections["month"].table)[-2:] == [["2026-10", "3"], ["2026-11", "5"]]
    assert table_texts(page.sections["department"].table)[0] == ["未指定", "3", "60.0%"]

    choose_preset(qtbot, page, "year")
    assert page.figures == compute(YEAR, viewer=manager, now=NOW)
    assert page.figures["totals"] == EXPECTED_TOTALS
    texts = page.headline.texts()
    assert (texts["complaints"], texts["first_assessment"], texts["median_hours_to_close"], texts["repeat_rate"]) == (
        "8", "57.1%", "8.0 天", "25.0%")


def test_a_receptionist_sees_no_penalties(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("front"))
    assert page.figures["penalties_included"] is False
    assert page.sections["staff"].model.headers == ["责任人", "责任部门", "投诉件数"]
    assert page.reports.actions.isReadOnly() and not page.reports.save_button.isVisibleTo(page)


def test_filters_and_custom_range(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.category.set_value(Category.get(Category.name == "修图质量").id)
        page.category.activated.emit(page.category.currentIndex())
    assert page.headline.texts()["complaints"] == "3"  # C D G in November
    page.preset.setCurrentIndex(page.preset.findData("custom"))
    page.preset.activated.emit(page.preset.currentIndex())
    assert page.date_from.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.date_from.setDate(page.date_from.date().addMonths(-1))  # October 1 – November 30
    assert page.headline.texts()["complaints"] == "4"  # A too
    page.date_from.setDate(page.date_to.date().addDays(1))
    assert page.range_error.text() == "开始日期晚于结束日期。" and page.range_error.isVisibleTo(page)


def _click_chart(qtbot, view, value: float, index: int) -> None:
    chart = view.chart()
    point = view.mapFromScene(chart.mapToScene(chart.mapToPosition(QPointF(value, index), view.series)))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_bar_lists_its_cases_and_double_click_opens_one(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    section = page.sections["category"]
    page.tabs.setCurrentWidget(section)
    qtbot.waitExposed(section.chart)
    QTest.qWait(100)
    top = len(section.chart.keys) - 1  # bars are drawn bottom-up: the largest (修图质量, 3) is the last
    cases = drill_and_wait(qtbot, page, lambda: _click_chart(qtbot, section.chart, 1.5, top))
    assert cases == [small[k].case_no for k in "GDC"]
    assert page.cases_title.text() == "修图质量：3 件（双击打开）"
    rect = page.case_table.visualRect(page.case_model.index(1, 0))
    QTest.mouseClick(page.case_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # what a person's
    QTest.mouseDClick(page.case_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # double click sends
    qtbot.waitUntil(lambda: any(small["D"].case_no in w.windowTitle() for w in QApplication.topLevelWidgets()
                                if w.isVisible()), timeout=10_000)


def test_slices_months_tiles_and_rows_drill_down(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    channel = page.sections["channel"]
    page.tabs.setCurrentWidget(channel.parentWidget())  # a chart is drawn when its tab is shown
    walk_in = channel.chart.keys.index("walk_in")
    assert drill_and_wait(qtbot, page, lambda: channel.chart.series.slices()[walk_in].clicked.emit()) == [
        small[k].case_no for k in "GF"]
    months = page.sections["month"]
    page.tabs.setCurrentWidget(months)
    october = months.chart.keys.index("2026-10")
    assert drill_and_wait(qtbot, page, lambda: months.chart.series.clicked.emit(QPointF(october + 0.2, 3))) == [
        small[k].case_no for k in "IBA"]  # the trend reaches back before this month
    tile = page.headline.tiles["overdue_now"]
    assert drill_and_wait(qtbot, page, lambda: QTest.mouseClick(tile, Qt.MouseButton.LeftButton)) == [
        small[k].case_no for k in "FD"]
    assert page.cases_title.text() == "当前超时：2 件（双击打开）"
    staff_table = page.sections["staff"].table
    rect = staff_table.visualRect(staff_table.model().index(0, 0))
    page.tabs.setCurrentWidget(page.sections["staff"])
    assert drill_and_wait(qtbot, page, lambda: QTest.mouseClick(staff_table.viewport(), Qt.MouseButton.LeftButton,
                                                                pos=rect.center())) == [small["C"].case_no]


def test_hot_spots_list_their_cases(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    page.tabs.setCurrentWidget(page.hot_spots)
    assert [row["label"] for row in page.hot_spots.problems.rows] == ["修图质量", "数码后期/修图"]
    assert "30 天内同类投诉达到 3 件" in page.hot_spots.note.text()
    customers = page.hot_spots.findChild(type(page.case_table), "hot_customers")
    rect = customers.visualRect(customers.model().index(0, 0))
    listed = drill_and_wait(qtbot, page, lambda: QTest.mouseClick(customers.viewport(), Qt.MouseButton.LeftButton,
                                                                  pos=rect.center()))
    assert listed == [small[k].case_no for k in "DCA"]


def test_charts_render_and_are_not_empty(qtbot, sign_in, small, tmp_path):
    page = open_page(qtbot, sign_in("manager"))
    for key, section in page.sections.items():
        page.tabs.setCurrentWidget(section if key not in ("channel", "severity") else section.parentWidget())
        qtbot.waitExposed(section.chart)
        QTest.qWait(50)
        path = tmp_path / f"chart_{key}.png"
        assert section.chart.grab().save(str(path))
        image = QImage(str(path))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 5, key
    assert page.grab().save(str(tmp_path / "page.png"))


def test_qtcharts_is_not_loaded_at_start_up():
    code = ("import sys; import ui.app, ui.main_window, ui.stats.page; "
            "print('PySide6.QtCharts' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == "False"


def test_a_page_that_was_never_shown_has_no_charts(qtbot, sign_in, small):
    page = StatsPage(sign_in("manager"))
    qtbot.addWidget(page)
    assert all(section.chart is None for section in page.sections.values()) and page.figures is None


def test_the_first_show_makes_only_the_section_in_view_and_the_rest_on_later_turns(qtbot, sign_in, small):
    """Made and laid out in one turn of the event loop, the seven sections, the hot spots and the
    papers held the window for ~50 ms on 100,000 cases; the page comes first, the rest after it."""
    page = StatsPage(sign_in("manager"))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()  # no turn of the event loop yet
    built = {key for key, section in page.sections.items() if section.table is not None}
    assert built == {"month"} and page.reports is None and page.sections["month"].chart is None
    assert page.figures is None and not page.query.busy  # the query starts after the first paint too
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        pass
    assert all(section.table is not None and section.table.model() is section.model
               for section in page.sections.values())
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "趋势", "类别", "服务环节", "部门", "渠道与严重程度", "责任人", "热点", "报表"]
    assert page.tabs.widget(page.tabs.count() - 1) is page.reports
    assert table_texts(page.sections["severity"].table)[0] == ["一般", "1", "20.0%"]
    assert page.hot_spots.findChild(type(page.case_table), "hot_problems").model() is page.hot_spots.problems
    assert page.category.count() > 1 and page.department.count() > 1  # the filters' entries, read by an op


def test_a_tab_opened_before_its_turn_is_made_at_once(qtbot, sign_in, small):
    page = StatsPage(sign_in("manager"))
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.sections["staff"])
    assert page.sections["staff"].table is not None and page.sections["category"].table is None
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: page.sections["staff"].chart is not None)
    assert table_texts(page.sections["staff"].table)[0][0] == "修图师小周"


def test_a_page_hidden_and_shown_again_while_it_is_still_being_made_loads_its_figures(qtbot, sign_in, small, held):
    import ui.stats.page

    gate, calls = held(ui.stats.page, "compute")  # the query stays running until the page was hidden
    page = StatsPage(sign_in("manager"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.query.busy)  # the first turns after the paint: the query runs, sections wait
    page.hide()  # cancels the query
    page.show()
    gate.set()
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        pass
    assert page.headline.texts()["complaints"] == "5"


def test_new_data_refreshes_the_figures(qtbot, sign_in, small):
    session = sign_in("manager")
    page = open_page(qtbot, session)
    from tests.board_factory import register

    register(session.user)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        session.changed()
    assert page.headline.texts()["complaints"] == "6"


def test_daily_and_monthly_papers_from_the_tab(qtbot, sign_in, small, tmp_path, monkeypatch):
    page = open_page(qtbot, sign_in("manager"))
    panel = page.reports
    page.tabs.setCurrentWidget(panel)
    panel.day.setDate(panel.day.date().addDays(-21))  # 2026-11-02
    qtbot.mouseClick(panel.daily_button, Qt.MouseButton.LeftButton)
    assert not panel.daily_button.isEnabled()
    qtbot.mouseClick(panel.daily_button, Qt.MouseButton.LeftButton)  # a double click makes one summary (audit below)
    assert runner().wait_idle()
    assert panel.daily_button.isEnabled() and panel.last_output.name == "每日工作小结-2026-11-02.pdf"
    assert "每日工作小结2026-11-02" in "".join(pdf_pages(panel.last_output)[0].split())
    assert panel.last_preview is not None and panel.last_preview.page_count() == 1
    panel.last_preview.close()

    panel.month.setDate(panel.month.date().addMonths(1))  # 2026-11
    qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    assert runner().wait_idle()
    assert panel.last_output.name == "客户投诉统计分析表-2026-11.pdf" and panel.last_preview.page_count() >= 2
    panel.last_preview.close()

    target = tmp_path / "月报"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    qtbot.mouseClick(panel.xlsx_button, Qt.MouseButton.LeftButton)
    assert runner().wait_idle()
    assert panel.last_output == tmp_path / "月报.xlsx" and panel.last_output.exists()
    assert str(panel.last_output) in panel.saved_note.text()
    kinds = [e.details["kind"] for e in AuditEvent.select().where(AuditEvent.action == "export")]
    assert kinds == ["daily_summary", "monthly_report", "monthly_workbook"]


def test_corrective_actions_saved_through_the_review_service(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    panel = page.reports
    assert runner().wait_idle()
    assert panel.month_text() == "2026-10" and "2026-10 整改措施" in panel.actions_title.text()
    text = "修图师每周培训😀𠀀\n=SUM(A1)"
    panel.actions.setPlainText(text)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert runner().wait_idle()
    assert corrective_actions("2026-10") == text and panel.status.text().startswith("已于")
    # another desk saves meanwhile: this one is told, nothing is overwritten
    with clock.frozen(NOW.replace(minute=5)):
        save_review(page.session.user, "2026-10", "别处写的", expected_updated_at=panel._loaded_at)
    panel.actions.setPlainText("我的修改")
    panel.save_actions()
    assert runner().wait_idle()
    assert "已被其他人修改" in panel.error.text() and corrective_actions("2026-10") == "别处写的"


def test_screenshot_view_waits_for_the_figures(qtbot, sign_in, small, tmp_path):
    from ui.screenshot import Shot, render

    session = sign_in("manager")
    path = render(session, "stats", tmp_path / "stats.png", Shot(size=(1280, 800)))
    window = next(w for w in QApplication.topLevelWidgets()
                  if type(w).__name__ == "MainWindow" and w.session is session)  # not another test's
    page = window.page("stats")
    assert page.headline.texts()["complaints"] == "5"
    assert page.cases_title.text() == "修图质量：3 件（双击打开）"
    assert QImage(str(path)).width() == 1280


def test_double_clicking_save_saves_once_without_a_stale_warning(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))
    panel = page.reports
    assert runner().wait_idle()
    panel.actions.setPlainText("整改一")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # a double click: the press of the first
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # click saves, and so does the second
    panel.save_actions()  # even asked directly while the first save runs
    assert runner().wait_idle()
    assert panel.error.text() == "" and corrective_actions("2026-10") == "整改一"
    assert AuditEvent.select().where(AuditEvent.action == "monthly_review").count() == 1


def test_a_receptionist_cannot_save_corrective_actions_even_if_asked(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("front"))
    assert runner().wait_idle()
    page.reports.actions.setPlainText("不该保存")
    page.reports.save_actions()
    assert runner().wait_idle()
    assert "整改措施" in page.reports.error.text() and corrective_actions("2026-10") == ""


def test_daily_summary_names_who_is_responsible_for_each_overdue_case(qtbot, sign_in, sqlite_studio):
    from studio_desk.models import Department
    from studio_desk.services import actions, catalog
    from tests.board_factory import register
    from tests.conftest import T0

    manager = sqlite_studio["manager"]
    with clock.frozen(T0):
        department = Department.get(Department.name == "取件/售后").id
        staff = catalog.add_staff(manager, {"name": "郭丽娟", "department_id": department}).id
        case = register(sqlite_studio["front"])
        case = actions.start_investigation(manager, case.id, case.version)
        actions.assess(manager, case.id, case.version, validity="valid", cause="取件时间一拖再拖",
                       department=department, responsible_staff=staff)
        unassigned = register(sqlite_studio["front"])
    with clock.frozen(T0 + timedelta(days=10)):
        page = open_page(qtbot, sign_in("manager"))
        panel = page.reports
        page.tabs.setCurrentWidget(panel)
        qtbot.mouseClick(panel.daily_button, Qt.MouseButton.LeftButton)
        assert runner().wait_idle()
        panel.last_preview.close()
    text = pdf_pages(panel.last_output)[0]
    overdue = text[text.index("三、超时未处理"):text.index("四、")]
    row = next(line for line in overdue.splitlines() if case.case_no in line)
    assert "取件/售后" in row and "郭丽娟" in row and "未指定" not in row
    assert "未指定" in next(line for line in overdue.splitlines() if unassigned.case_no in line)


def test_a_cut_list_says_how_many_it_leaves_out(qtbot, sign_in, small):
    """On 20,000 cases a bar of 1,783 listed 1,000 titled “1000 件”: the title must say it is cut."""
    page = open_page(qtbot, sign_in("manager"))
    choose_preset(qtbot, page, "year")
    page.drill_limit = 3  # the real cap is 1,000; the same path with fewer cases
    tile = page.headline.tiles["complaints"]
    listed = drill_and_wait(qtbot, page, lambda: QTest.mouseClick(tile, Qt.MouseButton.LeftButton))
    total = page.figures["totals"]["complaints"]
    assert len(listed) == 3 and total > 3
    assert page.cases_title.text() == f"投诉件数：显示前 3 件，共 {total} 件（双击打开）"


def test_the_list_follows_a_new_range(qtbot, sign_in, small):
    page = open_page(qtbot, sign_in("manager"))  # this month: November
    tile = page.headline.tiles["complaints"]
    november = drill_and_wait(qtbot, page, lambda: QTest.mouseClick(tile, Qt.MouseButton.LeftButton))
    with qtbot.waitSignal(page.listed, timeout=30_000):
        choose_preset(qtbot, page, "year")
    year = [row.case_no for row in page.case_model.rows]
    assert len(year) == page.figures["totals"]["complaints"] > len(november)
    assert small["A"].case_no in year and small["A"].case_no not in november
