"""Figures of the core: registering a complaint, searching, statistics, loading the board."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from itertools import count
from pathlib import Path

from studio_desk import clock, stats
from studio_desk.db import close_database
from studio_desk.models import Category, User
from studio_desk.opening import open_database
from studio_desk.search import BoardFilters, board_snapshot, search_cases
from studio_desk.services.intake import register_complaint
from tests.bench import raw
from tests.bench.dbs import TODAY, scratch_copy
from tests.bench.timing import Figure, median_seconds

NOW = datetime.combine(TODAY, datetime.min.time()).replace(hour=17)
_phones = count(13900000000)


def register(fig: Figure, size: int, db: Path, tmp: Path, runs: int) -> None:
    """register_complaint vs one bare INSERT transaction of the same complaint row."""
    path = scratch_copy(db, tmp)
    open_database(path)
    try:
        with clock.frozen(NOW):
            user = User.get(User.username == "front")
            category = Category.get(Category.name == "修图质量").id

            def ours() -> None:
                register_complaint(user, {
                    "phone": str(next(_phones)), "customer_name": "测试顾客", "chain_step": "retouch",
                    "category_id": category, "description": "精修照片磨皮太厉害，脸像塑料一样。",
                    "customer_wish": "要求重新修图。", "order_no": "DD26110001"})

            fig.ours[size] = median_seconds(ours, runs)
    finally:
        close_database()
    conn = raw.connect(path)
    columns = [c[1] for c in conn.execute("PRAGMA table_info(complaint)")][1:]
    row = conn.execute(f"SELECT {', '.join(columns)} FROM complaint ORDER BY id DESC LIMIT 1").fetchone()
    numbers = count(1)
    sql = f"INSERT INTO complaint ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    case_no_at = columns.index("case_no")

    def floor() -> None:
        values = list(row)
        values[case_no_at] = f"RAW-{next(numbers)}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, values)
        conn.execute("COMMIT")

    fig.floor[size] = median_seconds(floor, runs)
    conn.close()


SEARCH_SQL = """
SELECT c.id, c.case_no, c.stage, c.severity, c.is_repeat, u.name, u.phone, k.name, c.chain_step, d.name, s.name,
       c.channel, c.next_due, c.received_at, c.closed_at, c.version
FROM complaint c JOIN customer u ON u.id = c.customer_id JOIN category k ON k.id = c.category_id
LEFT JOIN department d ON d.id = c.department_id LEFT JOIN staff s ON s.id = c.responsible_staff_id
WHERE c.deleted = 0 AND {where} ORDER BY c.received_at DESC LIMIT 50"""


def search(fig: Figure, size: int, db: Path, runs: int) -> None:
    """search_cases for a phone, a case number and a word vs the equivalent bare SQL (summed)."""
    conn = sqlite3.connect(db)
    phone, case_no = conn.execute(
        "SELECT u.phone, c.case_no FROM complaint c JOIN customer u ON u.id = c.customer_id "
        "ORDER BY c.id LIMIT 1 OFFSET ?", (size // 2,)).fetchone()
    word = "逆光"
    # The text search looks in the case number, name, order number, description and cause.
    anywhere = " OR ".join(f"{column} LIKE ?" for column in
                           ("c.case_no", "u.name", "c.order_no", "c.description", "c.cause"))
    queries = [(phone, "u.phone = ?", (phone,)), (case_no, "c.case_no = ?", (case_no,)),
               (word, f"({anywhere})", (f"%{word}%",) * 5)]
    open_database(db)
    try:
        fig.ours[size] = median_seconds(lambda: [search_cases(text) for text, _, _ in queries], runs)
    finally:
        close_database()

    def floor() -> None:
        for _, where, params in queries:
            conn.execute(SEARCH_SQL.format(where=where), params).fetchall()

    fig.floor[size] = median_seconds(floor, runs)
    conn.close()


def year_stats(fig: Figure, size: int, db: Path, runs: int) -> None:
    """stats.compute for the last 12 months vs bare sqlite3 running the same aggregate queries."""
    filters = BoardFilters(date_from=date(TODAY.year - 1, TODAY.month, TODAY.day), date_to=TODAY)
    open_database(db)
    try:
        manager = User.get(User.username == "manager")
        fig.ours[size] = median_seconds(lambda: stats.compute(filters, viewer=manager, now=NOW), runs)
        with raw.captured_sql() as queries:
            stats.compute(filters, viewer=manager, now=NOW)
    finally:
        close_database()
    conn = sqlite3.connect(db)
    aggregates = [q for q in queries if q[0].lstrip().upper().startswith("SELECT")]
    fig.floor[size] = median_seconds(lambda: raw.replay(conn, aggregates), runs)
    fig.note = f"{len(aggregates)} queries"
    conn.close()


def board_load(fig: Figure, size: int, db: Path, runs: int) -> None:
    """What the board loads at once — every column's first page and counts — into its model,
    vs bare sqlite3 running the same queries."""
    from ui.board.model import BoardModel, Role

    open_database(db)
    try:
        model = BoardModel()

        def ours() -> None:
            model.set_board(*board_snapshot(BoardFilters(), NOW), NOW)

        fig.ours[size] = median_seconds(ours, runs)
        roots = [model.index(stage, 0) for stage in range(model.rowCount())]
        cards = sum(model.rowCount(root) for root in roots)
        fig.note = f"{cards:,} of {sum(root.data(Role.COUNT) for root in roots):,} cards"
        with raw.captured_sql() as queries:
            board_snapshot(BoardFilters(), NOW)
    finally:
        close_database()
    conn = sqlite3.connect(db)
    selects = [q for q in queries if q[0].lstrip().upper().startswith("SELECT")]
    fig.floor[size] = median_seconds(lambda: raw.replay(conn, selects), runs)
    conn.close()
