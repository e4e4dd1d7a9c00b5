"""The filter bar above the board: each filter narrows the cards, and the filters are
remembered per user (a new board for the same user starts with them)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from studio_desk import clock
from studio_desk.models import Category, Department
from studio_desk.search import BoardFilters
from tests.board_factory import advance, register
from tests.conftest import T0
from tests.ui.boardkit import make_page
from ui.board.model import Role
from ui.ops import runner


@pytest.fixture
def cases(sqlite_studio):
    people = sqlite_studio
    front, service = people["front"], people["service"]
    with clock.frozen(T0 - timedelta(days=10)):
        old = register(front, customer_name="老顾客", description="相册 😀 𠀀 做错了")
    with clock.frozen(T0):
        made = {
            "old": old,
            "walk_in": register(front, customer_name="林小满", description="修图太假"),
            "online": register(service, customer_name="欧阳娜娜", channel="online", description="化妆师迟到"),
            "makeup": advance(register(front, customer_name="周杰", chain_step="makeup",
                                       category_id=Category.get(Category.name == "化妆造型").id),
                              "remedy", people, department="化妆造型"),
            "major": advance(register(front, customer_name="陈大钱"), "approval", people, compensation="3000"),
        }
    return made


@pytest.fixture
def page(qtbot, sign_in, cases):
    with clock.frozen(T0):
        board = make_page(qtbot, sign_in("service"))
        board.poll_timer.stop()
        yield board


def names(page) -> set[str]:
    runner().wait_idle()  # the board reads off the GUI thread
    model = page.model
    return {model.index(r, 0, model.stage_index(s)).data(Role.CUSTOMER)
            for s in page.columns for r in range(model.rowCount(model.stage_index(s)))}


def type_chinese(widget, text: str) -> None:
    """Commit text as a Chinese input method would (QTest can only type ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo, value) -> None:
    combo.set_value(value)
    combo.activated.emit(combo.currentIndex())


def test_text_filter_after_typing(qtbot, page):
    assert names(page) == {"老顾客", "林小满", "欧阳娜娜", "周杰", "陈大钱"}
    type_chinese(page.filter_bar.text, "林小")
    qtbot.waitUntil(lambda: names(page) == {"林小满"})
    page.filter_bar.text.clear()
    type_chinese(page.filter_bar.text, "𠀀")
    qtbot.keyClick(page.filter_bar.text, Qt.Key.Key_Return)
    assert names(page) == {"老顾客"}
    page.filter_bar.text.setText("长" * 500)  # the box keeps at most 100 characters
    qtbot.keyClick(page.filter_bar.text, Qt.Key.Key_Return)
    assert len(page.filters.text) == 100 and names(page) == set()


def test_checkboxes(qtbot, page, cases):
    page.filter_bar.mine.setChecked(True)  # the service user received only the online case
    assert names(page) == {"欧阳娜娜"}
    page.filter_bar.mine.setChecked(False)
    page.filter_bar.overdue.setChecked(True)  # ten days old and never assessed
    assert names(page) == {"老顾客"}


def test_choices_and_dates(page):
    bar = page.filter_bar
    choose(bar.severity, "major")
    assert names(page) == {"陈大钱"}
    choose(bar.severity, None)
    choose(bar.category, Category.get(Category.name == "化妆造型").id)
    assert names(page) == {"周杰"}
    choose(bar.category, None)
    choose(bar.department, Department.get(Department.name == "化妆造型").id)
    assert names(page) == {"周杰"}
    choose(bar.department, None)
    choose(bar.channel, "online")
    assert names(page) == {"欧阳娜娜"}
    choose(bar.channel, None)
    bar.date_to.setDate(QDate(2026, 11, 20))
    assert names(page) == {"老顾客"}
    bar.date_from.setDate(QDate(2026, 11, 21))  # from after until: nothing
    assert names(page) == set()
    bar.clear_button.click()
    assert page.filters == BoardFilters() and len(names(page)) == 5


def test_filters_remembered_per_user(qtbot, page, sign_in, sqlite_studio):
    choose(page.filter_bar.channel, "online")
    page.filter_bar.date_from.setDate(QDate(2026, 11, 1))
    runner().wait_idle()  # remembered off the GUI thread
    with clock.frozen(T0):
        again = make_page(qtbot, page.session)
    assert again.filters == BoardFilters(channel="online", date_from=date(2026, 11, 1))
    assert again.filter_bar.channel.value() == "online"
    assert again.filter_bar.date_from.date() == QDate(2026, 11, 1)
    assert names(again) == {"欧阳娜娜"}
    page.session.sign_in(sqlite_studio["front"])
    with clock.frozen(T0):
        other = make_page(qtbot, page.session)
    assert other.filters == BoardFilters() and len(names(other)) == 5


def test_a_category_and_department_added_in_settings_are_offered_at_once(qtbot, sign_in, sqlite_studio):
    from studio_desk.services import catalog
    from ui.main_window import MainWindow

    session = sign_in("manager")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    board, stats = window.show_page("board"), window.show_page("stats")
    catalog.add_entry(session.user, "category", "婚纱破损")
    catalog.add_entry(session.user, "department", "外景基地")
    session.changed()  # as the 设置 page says after adding them
    combos = {"婚纱破损": (board.filter_bar.category, stats.category),
              "外景基地": (board.filter_bar.department, stats.department)}
    qtbot.waitUntil(lambda: all(c.findText(text) >= 0 for text, pair in combos.items() for c in pair))  # read by ops
    window.close()
