"""The board's queries: which cases are on it, in which order, with which filters; its column
counts; and its pages, which together are the whole column."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from studio_desk import clock
from studio_desk.db import current_database, sqlite_path
from studio_desk.models import Category, Department, Staff
from studio_desk.search import BoardFilters, CaseRow, board_counts, board_page, older_closed_rows
from studio_desk.services import actions
from studio_desk.vocab import STAGE_CODES
from tests.board_factory import advance, register
from tests.board_factory import all_cards as board_rows
from tests.conftest import T0


@pytest.fixture
def board(studio):
    """One case per stage at T0, plus one closed 3 days ago and one closed 20 days ago."""
    people = studio
    front, service = people["front"], people["service"]
    linked = Staff.create(name="小周", department=Department.get(Department.name == "数码后期"), user=service)
    with clock.frozen(T0 - timedelta(days=40)):
        old = advance(register(front, customer_name="老客户", channel="phone"), "follow_up", people)
    with clock.frozen(T0 - timedelta(days=20)):
        old = advance(old, "closed", people)
    with clock.frozen(T0 - timedelta(days=12)):
        recent = advance(register(front, customer_name="上周客户"), "follow_up", people)
    with clock.frozen(T0 - timedelta(days=3)):
        recent = advance(recent, "closed", people)
    with clock.frozen(T0):
        cases = {
            "registered": register(front, customer_name="受理甲", description="等了很久没人理"),
            "investigating": advance(register(service, customer_name="调查乙", channel="online"), "investigating",
                                     people),
            "remedy": advance(register(front, customer_name="方案丙", chain_step="makeup",
                                       category_id=Category.get(Category.name == "化妆造型").id),
                              "remedy", people, department="化妆造型"),
            "approval": advance(register(front, customer_name="审批丁"), "approval", people, compensation="2000"),
            "implementing": advance(register(front, customer_name="实施戊"), "implementing", people, staff=linked.id),
            "follow_up": advance(register(front, customer_name="回访己"), "follow_up", people),
        }
    return {"people": people, "cases": cases, "recent": recent, "old": old, "staff": linked}


def stages(rows: list[CaseRow]) -> list[str]:
    return [row.stage for row in rows]


def names(rows: list[CaseRow]) -> set[str]:
    return {row.customer_name for row in rows}


def test_open_cases_and_recently_closed_only(board):
    rows = board_rows(BoardFilters(), T0)
    assert sorted(stages(rows)) == sorted(
        ["registered", "investigating", "remedy", "approval", "implementing", "follow_up", "closed"])
    assert board["recent"].case_no in {r.case_no for r in rows}
    assert board["old"].case_no not in {r.case_no for r in rows}
    older = older_closed_rows(BoardFilters(), T0)
    assert [r.case_no for r in older] == [board["old"].case_no]


def test_rows_carry_what_a_card_shows(board):
    rows = {r.stage: r for r in board_rows(BoardFilters(), T0)}
    remedy = rows["remedy"]
    assert isinstance(remedy, CaseRow)
    assert remedy.customer_name == "方案丙" and remedy.category == "化妆造型" and remedy.chain_step == "makeup"
    assert remedy.department == "化妆造型" and remedy.staff == ""
    assert "****" in remedy.phone and len(remedy.phone) == 11
    assert rows["implementing"].staff == "小周"
    assert rows["approval"].severity == "major"  # 2000 元 beyond the manager's limit
    assert rows["approval"].compensation_fen == 200_000 and rows["registered"].compensation_fen == 0
    assert rows["closed"].closed_at == T0 - timedelta(days=3)
    assert rows["registered"].next_due is not None and rows["closed"].next_due is None
    assert rows["registered"].version == 1


def test_order_most_urgent_first(board, studio):
    with clock.frozen(T0 - timedelta(days=2)):
        earlier = register(studio["front"], customer_name="更早")
    registered = [r for r in board_rows(BoardFilters(), T0) if r.stage == "registered"]
    assert [r.customer_name for r in registered] == ["更早", "受理甲"]
    for stage in STAGE_CODES:
        dues = [r.next_due for r in board_page(BoardFilters(), T0, stage) if r.next_due]
        assert dues == sorted(dues)
    assert earlier.next_due < T0  # overdue: its 24-hour first assessment passed


def test_filters(board, studio, category, department):
    people, cases = board["people"], board["cases"]
    assert names(board_rows(BoardFilters(text="受理甲"), T0)) == {"受理甲"}
    assert names(board_rows(BoardFilters(text="没人理"), T0)) == {"受理甲"}
    assert names(board_rows(BoardFilters(channel="online"), T0)) == {"调查乙"}
    assert names(board_rows(BoardFilters(category_id=category("化妆造型")), T0)) == {"方案丙"}
    assert names(board_rows(BoardFilters(department_id=department("化妆造型")), T0)) == {"方案丙"}
    assert names(board_rows(BoardFilters(severity="major"), T0)) == {"审批丁"}
    assert names(board_rows(BoardFilters(date_from=date(2026, 11, 20)), T0)) == {
        "受理甲", "调查乙", "方案丙", "审批丁", "实施戊", "回访己"}
    assert names(board_rows(BoardFilters(date_to=date(2026, 11, 22)), T0)) == {"上周客户"}
    assert board_rows(BoardFilters(date_from=date(2026, 11, 24), date_to=date(2026, 11, 23)), T0) == []
    # Mine: received by me, or I am the responsible person (staff linked to my user).
    mine = names(board_rows(BoardFilters(mine=True), T0, user=people["service"]))
    assert mine == {"调查乙", "实施戊"}
    assert len(board_rows(BoardFilters(mine=True), T0, user=people["front"])) == 6
    with pytest.raises(ValueError):
        board_rows(BoardFilters(mine=True), T0)
    # Overdue only: two days later the fresh cases' first-assessment deadline has passed.
    later = T0 + timedelta(days=2)
    overdue = board_rows(BoardFilters(overdue_only=True), later)
    assert overdue and all(r.next_due < later for r in overdue)
    assert "closed" not in stages(overdue)
    assert board_rows(BoardFilters(overdue_only=True), T0 - timedelta(days=30)) == []
    assert cases["registered"].case_no in {r.case_no for r in overdue}


def test_filters_combine_and_survive_nasty_text(board):
    assert board_rows(BoardFilters(text="受理甲", channel="online"), T0) == []
    for text in ("", "   ", "\x00", "𠀀" * 300, "😀", "%", "' OR 1=1"):
        rows = board_rows(BoardFilters(text=text), T0)
        assert len(rows) == (7 if not text.strip("\x00 ") else 0)


def test_deleted_cases_leave_the_board(board):
    case = board["cases"]["registered"]
    actions.delete_case(board["people"]["manager"], case.id, case.version, "登记错了")
    assert case.case_no not in {r.case_no for r in board_rows(BoardFilters(), T0)}


def test_a_page_is_one_select_and_the_counts_two(board, caplog):
    filters = BoardFilters(text="甲", mine=True, overdue_only=True, severity="ordinary")
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        board_page(filters, T0, "registered", user=board["people"]["front"])
        page_selects = len([r for r in caplog.records if "SELECT" in str(r.msg)])
        board_counts(filters, T0, user=board["people"]["front"])
    assert page_selects == 1
    assert len([r for r in caplog.records if "SELECT" in str(r.msg)]) == 3


@pytest.mark.parametrize("filters", [BoardFilters(), BoardFilters(text="客户"), BoardFilters(mine=True),
                                     BoardFilters(overdue_only=True, severity="ordinary")])
def test_counts_match_the_cards(board, studio, filters):
    for i in range(5):
        register(studio["front"], customer_name=f"排队客户{i}")
    later = T0 + timedelta(days=2)
    user = studio["front"]
    counts = board_counts(filters, later, user=user)
    for stage in STAGE_CODES:
        cards = board_page(filters, later, stage, limit=None, user=user)
        overdue = sum(1 for r in cards if r.next_due is not None and r.next_due < later)
        assert counts[stage] == (len(cards), overdue), stage


def test_pages_together_are_the_column(board, studio):
    for i in range(7):
        with clock.frozen(T0 - timedelta(hours=i)):
            register(studio["front"], customer_name=f"分页{i}")
    whole = board_page(BoardFilters(), T0, "registered", limit=None)
    assert len(whole) == 8
    pages = [board_page(BoardFilters(), T0, "registered", offset=start, limit=3) for start in (0, 3, 6, 9)]
    assert [len(p) for p in pages] == [3, 3, 2, 0]
    assert [r.id for p in pages for r in p] == [r.id for r in whole]


@pytest.mark.parametrize("filters", [BoardFilters(), BoardFilters(overdue_only=True)])
def test_asked_again_later_the_board_moves_with_the_clock(board, filters):
    """The board's SQL is compiled once per filters: the moment, the stage and the 结案 column's
    cut-off are its parameters, never the values of the first call."""
    closed_3_days_ago = board["recent"].case_no
    shown = {}
    for moment in (T0, T0 + timedelta(days=5), T0 - timedelta(days=1), T0 + timedelta(days=30)):
        counts = board_counts(filters, moment)
        for stage in STAGE_CODES:
            cards = board_page(filters, moment, stage, limit=None)
            overdue = sum(1 for r in cards if r.next_due is not None and r.next_due < moment)
            assert counts[stage] == (len(cards), overdue), (moment, stage)
        shown[moment] = {r.case_no for r in board_page(filters, moment, "closed", limit=None)}
    if not filters.overdue_only:
        assert closed_3_days_ago in shown[T0] and closed_3_days_ago not in shown[T0 + timedelta(days=5)]
        assert board_counts(filters, T0 + timedelta(days=30))["registered"][1] == 1  # overdue by then
        assert board_counts(filters, T0 - timedelta(days=1))["registered"][1] == 0
    else:
        assert len(board_page(filters, T0 + timedelta(days=30), "registered")) == 1
        assert board_page(filters, T0 - timedelta(days=1), "registered") == []


def test_the_column_counts_read_indexes_only(board, caplog):
    """The board counts its columns at every load and every few seconds: on SQLite it does so
    from covering indexes, without reading a single case."""
    database = current_database()
    if sqlite_path(database) is None:
        pytest.skip("query plans are SQLite's")
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        board_counts(BoardFilters(), T0)
    queries = [r.msg for r in caplog.records if "SELECT" in str(r.msg)]
    assert len(queries) == 2
    for sql, params in queries:
        plan = " | ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "USING COVERING INDEX" in plan and "SCAN" not in plan, plan
