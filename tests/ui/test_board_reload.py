"""A reload applies only what changed — a card that left a column is removed, a new one inserted,
a changed one updated — so the views keep their selection, current card and scroll position; and a
column scrolled to its end reads its next page off the GUI thread, even while another desk holds
the database locked."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

from PySide6.QtCore import QElapsedTimer, QModelIndex, QPoint, QTimer

from studio_desk.db import close_database, sqlite_path
from studio_desk.search import FIRST_PAGE, CaseRow
from studio_desk.services import actions
from studio_desk.vocab import STAGE_CODES
from tests.board_factory import register
from tests.ui.boardkit import make_page, settle, stage_of
from ui.board.model import BoardModel, Role
from ui.ops import runner

NOW = datetime(2026, 11, 23, 10, 0)


def row_events(model: BoardModel) -> list[tuple]:
    """Every structural signal of the model, as (what, column, first, last)."""
    events: list[tuple] = []

    def stage(parent: QModelIndex) -> str:
        return STAGE_CODES[parent.row()] if parent.isValid() else ""

    model.modelReset.connect(lambda: events.append(("reset",)))
    model.layoutChanged.connect(lambda: events.append(("layout",)))
    model.rowsRemoved.connect(lambda parent, first, last: events.append(("removed", stage(parent), first, last)))
    model.rowsInserted.connect(lambda parent, first, last: events.append(("inserted", stage(parent), first, last)))
    model.rowsMoved.connect(lambda *args: events.append(("moved",)))
    return events


def selected_everywhere(page) -> list[int]:
    return [page.model.row_at(i).id for c in page.columns.values() for i in c.cards.selectionModel().selectedIndexes()]


def test_a_reload_after_one_move_removes_one_row_and_inserts_one(qtbot, sign_in, sqlite_studio):
    front = sqlite_studio["front"]
    cases = [register(front, customer_name=f"顾客{i:02d}") for i in range(30)]
    session = sign_in("manager")
    page = make_page(qtbot, session, size=(1400, 600))
    page.poll_timer.stop()
    model, cards = page.model, page.columns["registered"].cards
    bar = cards.verticalScrollBar()
    watched = cases[20]
    assert page.select_case(watched.id)
    bar.setValue(bar.maximum() // 2)
    top = cards.indexAt(QPoint(cards.viewport().width() // 2, 0))
    top_case, top_y = model.row_at(top).id, cards.visualRect(top).top()
    events = row_events(model)

    moved = cases[2]  # above the part of the column on screen
    actions.start_investigation(session.user, moved.id, moved.version)
    session.changed()
    settle(qtbot)

    assert events == [("removed", "registered", 2, 2), ("inserted", "investigating", 0, 0)]
    assert stage_of(page, moved.id) == "investigating"
    assert model.row_at(cards.currentIndex()).id == watched.id  # the current card stays
    assert selected_everywhere(page) == [watched.id]  # and is the board's only selection
    index = model.case_index(top_case)
    assert cards.visualRect(index).top() == top_y  # the card at the top of the view did not move


def test_the_selected_card_moved_elsewhere_is_selected_in_its_new_column_only(qtbot, sign_in, sqlite_studio):
    """Qt selects the neighbour of a current card that leaves a list; the board undoes that."""
    front = sqlite_studio["front"]
    cases = [register(front, customer_name=f"顾客{i}") for i in range(5)]
    session = sign_in("manager")
    page = make_page(qtbot, session)
    page.poll_timer.stop()
    assert page.select_case(cases[1].id)
    events = row_events(page.model)
    actions.start_investigation(front, cases[1].id, cases[1].version)  # as another desk would
    page.poll()
    settle(qtbot)
    assert ("reset",) not in events
    assert selected_everywhere(page) == [cases[1].id]
    assert page.model.row_at(page.columns["investigating"].cards.currentIndex()).id == cases[1].id


def test_a_card_named_after_the_reload_began_is_still_found_below_the_loaded_cards(qtbot, sign_in, sqlite_studio):
    """A move through a dialog announces the change before it names the card to select: the reload
    already on its way did not look for it, so another one reads its column down to it."""
    front = sqlite_studio["front"]
    for i in range(FIRST_PAGE + 5):
        register(front, customer_name=f"顾客{i:03d}")
    last = register(front, customer_name="最后一位")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    page.poll_timer.stop()
    assert not page.model.case_index(last.id).isValid()
    page.reload()
    page.select_after_reload(last.id, "registered")
    settle(qtbot)
    assert selected_everywhere(page) == [last.id]


def test_a_poll_that_only_moves_the_time_on_keeps_a_scrolled_column_where_it_was(qtbot, sign_in, sqlite_studio):
    for i in range(FIRST_PAGE):
        register(sqlite_studio["front"], customer_name=f"顾客{i:02d}")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    page.poll_timer.stop()
    cards = page.columns["registered"].cards
    cards.layout_now()
    bar = cards.verticalScrollBar()
    bar.setValue(bar.maximum() - 10)
    scrolled = bar.value()
    page.poll()  # nothing changed in the database: the counts and "time left" only
    settle(qtbot)
    qtbot.wait(100)  # a re-layout would run in the next turns of the event loop
    assert bar.value() == scrolled


def test_scrolling_to_the_end_reads_the_next_page_off_the_gui_thread(qtbot, sign_in, sqlite_studio):
    """Another desk holds the database locked (readers wait too): the page waits for its cards,
    the window does not; the view asks once, and the cards come when the lock is let go."""
    for i in range(FIRST_PAGE + 5):
        register(sqlite_studio["front"], customer_name=f"顾客{i:03d}")
    page = make_page(qtbot, sign_in("manager"), size=(1400, 600))
    page.poll_timer.stop()
    model, cards = page.model, page.columns["registered"].cards
    root = model.stage_index("registered")
    cards.layout_now()
    path = sqlite_path()
    close_database()  # this thread's own connection: the exclusive lock needs every other one closed
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    ticks, clock = [], QElapsedTimer()
    clock.start()
    timer = QTimer(interval=10, timeout=lambda: ticks.append(clock.elapsed()))
    timer.start()
    try:
        bar = cards.verticalScrollBar()
        bar.setValue(bar.maximum())  # the view asks the model for more at the end of the list
        assert len(runner().running) == 1 and model.rowCount(root) == FIRST_PAGE
        model.fetchMore(root)  # asked again while the page is on its way: no second read
        bar.setValue(bar.maximum() - 1)
        bar.setValue(bar.maximum())
        assert len(runner().running) == 1
        qtbot.wait(800)
        assert model.rowCount(root) == FIRST_PAGE  # still waiting for the lock
    finally:
        other.rollback()
        other.close()
    settle(qtbot)
    timer.stop()
    assert model.rowCount(root) == FIRST_PAGE + 5
    assert len({row.id for row in model.rows("registered")}) == FIRST_PAGE + 5
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 40 and max(gaps) < 100, max(gaps)


def card(case_id: int, stage: str, version: int = 1) -> CaseRow:
    return CaseRow(
        id=case_id, case_no=f"KS-{case_id:03d}", stage=stage, severity="ordinary", is_repeat=False,
        customer_name="林小满", phone="", category="修图质量", chain_step="retouch", department="", staff="",
        channel="walk_in", next_due=NOW + timedelta(hours=case_id), received_at=NOW, closed_at=None,
        version=version,
    )  # fmt: skip


def test_any_reload_turns_the_rows_into_the_new_ones(qtbot):
    """Cards moved between columns, reordered, edited, added and dropped at random: after each
    reload the model holds exactly the new rows, reached without a reset."""
    rng = random.Random(15)
    model = BoardModel()
    events = row_events(model)
    for _ in range(60):
        ids = rng.sample(range(1, 80), rng.randint(0, 40))
        rows = [card(i, rng.choice(STAGE_CODES[:3]), version=rng.randint(1, 2)) for i in ids]
        model.set_rows(rows, NOW)
        shown = {stage: [r for r in rows if r.stage == stage] for stage in STAGE_CODES}
        assert {stage: model.rows(stage) for stage in STAGE_CODES} == shown
        for row in rows:
            assert model.row_at(model.case_index(row.id)) == row
    assert not [e for e in events if e[0] in ("reset", "layout", "moved")]


def test_a_reload_repaints_the_time_left_of_unchanged_cards_once_a_minute(qtbot):
    """Repainting every card on screen at each reload would double its work; "time left" is told to
    the minute, so the cards that did not change repaint it once a minute (and at every poll)."""
    model = BoardModel()
    rows = [card(1, "registered"), card(2, "investigating")]
    model.set_rows(rows, NOW)
    repainted: list[list[int]] = []
    model.dataChanged.connect(lambda _first, _last, roles: repainted.append(list(roles)))
    model.set_rows(rows, NOW + timedelta(seconds=50))
    assert repainted == []
    model.set_rows(rows, NOW + timedelta(minutes=1))
    assert len(repainted) == 2 and all(Role.TIME_LEFT in roles for roles in repainted)
    assert model.now == NOW + timedelta(minutes=1)
