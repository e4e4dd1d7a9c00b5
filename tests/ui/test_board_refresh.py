"""Changes made elsewhere appear on the board within a few seconds, keeping the selected card
and each column's scroll position: another desk is a second SQLite connection in a thread."""

from __future__ import annotations

import threading

from studio_desk.db import close_database, sqlite_path
from studio_desk.search import FIRST_PAGE
from studio_desk.services import actions
from studio_desk.services.cases import update_case
from tests.board_factory import register
from tests.core.safetykit import damage
from tests.ui.boardkit import make_page, settle, stage_of
from ui.board.model import Role
from ui.board.view import POLL_MS


def other_desk(fn) -> None:
    """Run ``fn`` on its own database connection (peewee connections are per thread), as another desk would."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # reported in the test's thread
            errors.append(exc)
        finally:
            close_database()  # this thread's connection only

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not errors, errors


def test_other_desk_moves_a_case(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    case = register(front, customer_name="别处移动")
    page = make_page(qtbot, sign_in("manager"))
    assert POLL_MS <= 5000  # "within a few seconds"
    page.poll_timer.setInterval(100)
    page.select_case(case.id)
    other_desk(lambda: actions.start_investigation(front, case.id, case.version))
    qtbot.waitUntil(lambda: stage_of(page, case.id) == "investigating", timeout=5000)
    assert page.selected_row().id == case.id  # still selected, now in its new column
    cards = page.columns["investigating"].cards
    assert page.model.row_at(cards.currentIndex()).id == case.id


def test_reload_keeps_selection_and_scroll(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    cases = [register(front, customer_name=f"顾客{i:02d}") for i in range(30)]
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    page.poll_timer.setInterval(100)
    cards = page.columns["registered"].cards
    bar = cards.verticalScrollBar()
    assert bar.maximum() > 1000
    middle = cases[15]
    page.select_case(middle.id)
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    # Another desk registers a case and edits another one: the rows change, the view does not jump.
    other_desk(lambda: register(front, customer_name="新来的"))
    other_desk(lambda: update_case(front, cases[3].id, cases[3].version, {"customer_wish": "尽快"}))
    qtbot.waitUntil(lambda: page.model.rowCount(page.model.stage_index("registered")) == 31, timeout=5000)
    qtbot.waitUntil(lambda: page.model.row_at(page.model.case_index(cases[3].id)).version == 2, timeout=5000)
    assert bar.value() == scrolled
    assert page.selected_row().id == middle.id
    assert page.model.row_at(cards.currentIndex()).id == middle.id


def test_change_on_this_desk_reloads_at_once(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    case = register(front)
    session = sign_in("manager")
    page = make_page(qtbot, session)
    page.poll_timer.stop()
    actions.start_investigation(session.user, case.id, case.version)
    session.changed()  # what every window does after a service call
    settle(qtbot)  # read off the GUI thread
    assert stage_of(page, case.id) == "investigating"


def test_change_on_this_desk_while_the_board_is_hidden_shows_when_it_is_shown(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    case = register(front)
    session = sign_in("manager")
    page = make_page(qtbot, session)
    page.hide()  # another tab in front
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    actions.start_investigation(session.user, case.id, case.version)
    session.changed()
    settle(qtbot)
    assert resets == [] and stage_of(page, case.id) == "registered"  # not read nor laid out while hidden
    page.show()
    settle(qtbot)
    assert stage_of(page, case.id) == "investigating"


def test_unchanged_database_does_not_reset(qtbot, sign_in, sqlite_studio):
    register(sqlite_studio["front"])
    page = make_page(qtbot, sign_in("manager"))
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.poll()
    settle(qtbot)
    page.reload()  # same rows: nothing to reset
    settle(qtbot)
    assert resets == []


def test_polls_only_while_on_screen(qtbot, sign_in, sqlite_studio):
    page = make_page(qtbot, sign_in("manager"))
    assert page.poll_timer.isActive()
    page.hide()
    assert not page.poll_timer.isActive()
    front = sqlite_studio["front"]
    other_desk(lambda: register(front, customer_name="隐藏时登记"))
    page.show()  # catches up at once, not at the next tick
    settle(qtbot)
    assert page.model.rowCount(page.model.stage_index("registered")) == 1


def test_an_unreadable_database_is_reported_on_the_board(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    register(front, customer_name="损坏之前")
    page = make_page(qtbot, sign_in("manager"))
    page.poll_timer.stop()
    damage(sqlite_path(), "complaint_stage_deleted_next_due_received_at_id")  # the board's index
    page.reload()  # F5; no exception escapes into the event loop
    settle(qtbot)
    assert "暂时无法读取数据库" in page.message_text()
    assert page.model.rowCount(page.model.stage_index("registered")) == 1  # the last cases read stay
    page.message.hide()
    path = sqlite_path()
    close_database()
    path.write_bytes(b"\xa5" * 8192)  # overwritten by something else: even the change marker fails
    page.poll()
    settle(qtbot)
    assert "暂时无法读取数据库" in page.message_text()


def test_a_long_column_loads_a_page_at_a_time(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    total = FIRST_PAGE + 41
    for i in range(total - 1):
        register(front, customer_name=f"顾客{i:03d}")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    model, cards = page.model, page.columns["registered"].cards
    root = model.stage_index("registered")
    assert model.rowCount(root) == FIRST_PAGE and root.data(Role.COUNT) == total - 1
    assert f">{total - 1}<" in page.columns["registered"].header.text()  # the header counts the whole column

    case_id = register(front, customer_name="最后一位").id
    page.reload()  # the cards are laid out again, a batch at a time, from the next event-loop turns
    settle(qtbot)
    assert not model.case_index(case_id).isValid()  # the last card of the column: not loaded yet
    page.select_after_reload(case_id, "registered")  # as after a move: the reload reads the column down to it
    page.reload()
    settle(qtbot)
    assert page.selected_row().id == case_id  # placed and scrolled to
    assert model.rowCount(root) == total
    index = model.case_index(case_id)
    assert cards.viewport().rect().intersects(cards.visualRect(index))
    scrolled = cards.verticalScrollBar().value()
    assert scrolled > 0
    page.reload()  # as many cards as were loaded come back, and the column stays where it was
    settle(qtbot)
    assert model.rowCount(root) == total and cards.verticalScrollBar().value() == scrolled


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    for i in range(FIRST_PAGE + 5):
        register(front, customer_name=f"顾客{i:03d}")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    cards, root = page.columns["registered"].cards, page.model.stage_index("registered")
    cards.layout_now()
    bar = cards.verticalScrollBar()
    bar.setValue(bar.maximum())  # the view asks the model for more at the end of the list
    qtbot.waitUntil(lambda: page.model.rowCount(root) == FIRST_PAGE + 5, timeout=5000)
    assert len({row.id for row in page.model.rows("registered")}) == FIRST_PAGE + 5


def test_a_reload_fetches_no_further_pages_for_a_selected_card_that_left(qtbot, sign_in, sqlite_studio):
    """Another desk deleted the selected case: the board does not read whole columns looking for it."""
    for i in range(FIRST_PAGE + 5):
        register(sqlite_studio["front"], customer_name=f"顾客{i:03d}")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    root = page.model.stage_index("registered")
    first = page.model.rows("registered")[0]
    assert page.select_case(first.id)
    actions.delete_case(sqlite_studio["manager"], first.id, first.version, "登记错了")
    page.reload()
    settle(qtbot)
    assert page.model.rowCount(root) == FIRST_PAGE
    assert not page.model.case_index(first.id).isValid()
