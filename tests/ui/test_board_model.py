"""The board model over a demo database: every open case and the week's closed ones, each in
its stage column, most urgent first, with the counts the column headers show."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from studio_desk import clock
from studio_desk.db import close_database
from studio_desk.demo import build_demo
from studio_desk.models import Complaint, User
from studio_desk.search import CLOSED_WINDOW, CaseRow
from studio_desk.validation import mask_phone
from studio_desk.vocab import STAGE_CODES
from tests.ui.boardkit import make_page
from ui.board.model import Role
from ui.ops import runner
from ui.session import Session

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, 0)  # build_demo's "now" for TODAY


@pytest.fixture
def demo_page(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite3"
    build_demo(path, cases=400, seed=11, today=TODAY)
    session = Session(path)
    session.sign_in(User.get(User.username == "manager"))
    with clock.frozen(NOW):
        page = make_page(qtbot, session)
        page.poll_timer.stop()
        yield page
    close_database()


def column(page, stage: str) -> list[CaseRow]:
    root = page.model.stage_index(stage)
    return [page.model.index(r, 0, root).data(Role.ROW) for r in range(page.model.rowCount(root))]


def test_every_open_case_and_the_weeks_closed_ones(demo_page):
    cases = list(Complaint.select().where(Complaint.deleted == False))  # noqa: E712
    expected = {c.id for c in cases if c.stage != "closed" or c.closed_at >= NOW - CLOSED_WINDOW}
    shown = {row.id for stage in STAGE_CODES for row in column(demo_page, stage)}
    assert shown == expected
    assert any(c.stage == "closed" and c.closed_at < NOW - CLOSED_WINDOW for c in cases)  # some are left off
    for stage in STAGE_CODES:
        assert all(row.stage == stage for row in column(demo_page, stage))
    assert len([s for s in STAGE_CODES if column(demo_page, s)]) >= 5  # the demo fills most columns


def test_order_most_urgent_first(demo_page):
    for stage in STAGE_CODES[:-1]:
        dues = [row.next_due or datetime.max for row in column(demo_page, stage)]
        assert dues == sorted(dues), stage
    closed = [row.closed_at for row in column(demo_page, "closed")]
    assert closed == sorted(closed, reverse=True)


def test_rows_match_the_database(demo_page):
    for stage in STAGE_CODES:
        for row in column(demo_page, stage)[:20]:
            case = Complaint.get_by_id(row.id)
            assert (row.case_no, row.version, row.severity, row.is_repeat) == (
                case.case_no, case.version, case.severity, case.is_repeat)
            assert row.customer_name == case.customer.name and row.phone == mask_phone(case.customer.phone)
            assert row.category == case.category.name
            assert row.department == (case.department.name if case.department else "")
            assert row.staff == (case.responsible_staff.name if case.responsible_staff else "")


def test_headers_count_and_overdue(demo_page):
    for stage in STAGE_CODES:
        rows = column(demo_page, stage)
        root = demo_page.model.stage_index(stage)
        overdue = sum(1 for r in rows if r.next_due and r.next_due < NOW)
        assert (root.data(Role.COUNT), root.data(Role.OVERDUE)) == (len(rows), overdue)
        header = demo_page.columns[stage].header.text()
        assert f">{len(rows)}<" in header
        assert (f"超时 {overdue}" in header) == bool(overdue)


def test_card_roles(demo_page):
    row = next(r for s in STAGE_CODES[:-1] for r in column(demo_page, s) if r.next_due)
    index = demo_page.model.case_index(row.id)
    assert index.data(Role.CASE_NO) == row.case_no
    assert index.data(Role.CUSTOMER) == row.customer_name and "****" in index.data(Role.PHONE)
    assert index.data(Role.CHAIN_STEP)  # Chinese label of the chain step
    text, state = index.data(Role.TIME_LEFT), index.data(Role.TIME_STATE)
    assert state in ("ok", "soon", "overdue") and ("已超时" in text) == (state == "overdue")
    # Time moves on without a reload: a day later the same card is more overdue.
    demo_page.model.set_now(NOW + timedelta(days=30))
    assert index.data(Role.TIME_STATE) == "overdue"


def case_windows() -> list:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "CaseWindow" and w.isVisible()]


def test_older_closed_cases_list(qtbot, demo_page):
    link = demo_page.columns["closed"].footer
    link.linkActivated.emit("older")
    dialog = demo_page.actions._closed_dialog
    qtbot.addWidget(dialog)
    runner().wait_idle()  # the list is read off the GUI thread
    rows = dialog.model.rows
    older = Complaint.select().where((Complaint.stage == "closed") & (Complaint.closed_at < NOW - CLOSED_WINDOW)
                                     & (Complaint.deleted == False))  # noqa: E712
    assert [r.id for r in rows] == [c.id for c in older.order_by(Complaint.closed_at.desc(), Complaint.id.desc())]
    assert dialog.model.cell(rows[0], len(dialog.model.headers) - 1) == rows[0].closed_at.strftime("%Y-%m-%d %H:%M")
    dialog.table.selectRow(0)
    dialog.table.activated.emit(dialog.table.currentIndex())
    assert [w.case_id for w in case_windows()] == [rows[0].id]
    for window in case_windows():
        window.close()


def test_enter_on_a_card_opens_the_case(qtbot, demo_page):
    row = column(demo_page, "remedy")[0]
    demo_page.select_case(row.id)
    cards = demo_page.columns["remedy"].cards
    cards.setFocus()
    qtbot.keyClick(cards, Qt.Key.Key_Return)
    assert [w.case_id for w in case_windows()] == [row.id]
    for window in case_windows():
        window.close()
