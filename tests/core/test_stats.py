"""Statistics against a small database whose figures were worked out by hand (tests/core/statskit.py).

Runs on SQLite and, when configured, PostgreSQL: the month buckets, the median and the
conditional sums must mean the same on both.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from studio_desk.errors import PermissionDenied
from studio_desk.models import Category, Department
from studio_desk.search import BoardFilters
from studio_desk.stats import compute, format_hours, format_percent, parse_month
from studio_desk.stats_lists import drill_down, rows_by_ids
from tests.core import statskit
from tests.core.statskit import NOW

EXPECTED_TOTALS = {
    "complaints": 8, "open": 4, "closed": 4, "overdue_now": 2,           # open: D F G E; overdue: D F
    "valid": 3, "invalid": 1, "assist": 1, "unassessed": 3,               # A C E / B / I / D F G
    "valid_rate": 0.6,                                                    # 3 of 5 assessed
    "first_assessment": {"on_time": 4, "late": 3, "rate": 0.5714},        # A C E I; B late, D F past due
    "resolution": {"on_time": 4, "late": 1, "rate": 0.8},                 # A B C I; D past reply_due
    "median_hours_to_close": 193.0,                                       # 48, 192 (C), 194 (I), 196 (A)
    "follow_up": {"satisfied": 1, "unsatisfied": 0, "repeat_opened": 1, "unreachable": 1,
                  "satisfaction_rate": 0.5, "average_score": 3.5},        # A 5, C 2
    "repeat": 2, "repeat_rate": 0.25,                                     # C, D
    "vip": 1, "major": 2,                                                 # B / C (800 元), F (six people)
    "compensation_total": "1000.00",                                      # C 800 closed + E 200 implementing
}


def pairs(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["label"], row["count"]) for row in rows]


@pytest.fixture
def small(studio):
    return statskit.build(studio)


def test_figures_equal_the_hand_computed_ones(studio, small):
    figures = compute(now=NOW, viewer=studio["manager"])
    assert figures["totals"] == EXPECTED_TOTALS
    assert [(r["code"], r["count"]) for r in figures["by_stage"]] == [
        ("registered", 2), ("investigating", 1), ("remedy", 0), ("approval", 0), ("implementing", 1),
        ("follow_up", 0), ("closed", 4)]
    assert pairs(figures["by_category"]) == [("修图质量", 4), ("服务态度", 2), ("拍摄质量", 1), ("环境设施", 1)]
    assert [(r["code"], r["count"]) for r in figures["by_chain_step"] if r["count"]] == [
        ("reception", 2), ("makeup", 1), ("shoot_outdoor", 1), ("retouch", 4)]
    assert len(figures["by_chain_step"]) == 10  # every step, zeros included, in the chain's order
    assert pairs(figures["by_department"]) == [("未指定", 4), ("数码后期", 2), ("摄影", 1), ("门市", 1)]
    assert [(r["code"], r["count"]) for r in figures["by_channel"]] == [
        ("walk_in", 3), ("phone", 2), ("online", 1), ("letter", 1), ("visit", 1)]
    assert pairs(figures["by_severity"]) == [("一般", 3), ("重要", 3), ("重大", 2)]
    assert figures["by_month"] == [{"month": "2026-10", "count": 3}, {"month": "2026-11", "count": 5}]
    assert figures["trend"] == [{"month": f"{y}-{m:02d}", "count": {(2026, 10): 3, (2026, 11): 5}.get((y, m), 0)}
                                for y, m in [(2025, 12)] + [(2026, m) for m in range(1, 12)]]
    assert figures["penalties_included"] is True
    assert [(r["name"], r["department"], r["count"], r["points"], r["fines"], r["penalties"])
            for r in figures["staff_ranking"]] == [("修图师小周", "数码后期", 2, 5, "300.00", 2),
                                                   ("摄影师老马", "摄影", 1, 0, "0.00", 0)]


def test_hot_spots_list_their_cases(studio, small):
    spots = compute(now=NOW)["hot_spots"]
    cdg = [small[k].case_no for k in "GDC"]  # newest first
    assert [(s["kind"], s["label"], s["count"], s["cases"]) for s in spots["problems"]] == [
        ("category", "修图质量", 3, cdg), ("chain_step", "数码后期/修图", 3, cdg)]  # A is 42 days old
    assert [(c["label"], c["phone"], c["count"], c["cases"]) for c in spots["customers"]] == [
        ("张三", "138****0001", 3, [small[k].case_no for k in "DCA"])]
    assert [r.case_no for r in rows_by_ids(spots["customers"][0]["case_ids"])] == spots["customers"][0]["cases"]


def test_hot_spots_of_a_past_range_end_with_that_range(studio, small):
    spots = compute(BoardFilters(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)), now=NOW)["hot_spots"]
    assert spots["until"] == "2026-10-31 23:59:59"
    assert spots["problems"] == [] and spots["customers"] == []


def test_penalties_only_for_managers(studio, small):
    for viewer in (None, studio["front"], studio["service"]):
        figures = compute(now=NOW, viewer=viewer)
        assert figures["penalties_included"] is False
        assert all(set(row) == {"id", "name", "department", "count"} for row in figures["staff_ranking"])
    assert compute(now=NOW, viewer=studio["exec"])["penalties_included"] is True


def test_inactive_viewer_is_refused(studio, small):
    viewer = studio["front"]
    type(viewer).update(active=False).where(type(viewer).id == viewer.id).execute()
    with pytest.raises(PermissionDenied):
        compute(now=NOW, viewer=viewer)


def test_a_range_counts_by_receipt_date(studio, small):
    figures = compute(BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)), now=NOW)
    t = figures["totals"]
    counts = (t["complaints"], t["open"], t["overdue_now"], t["valid"], t["invalid"], t["unassessed"])
    assert counts == (5, 4, 2, 2, 0, 3)
    assert (t["repeat"], t["repeat_rate"], t["vip"], t["major"], t["compensation_total"]) == (2, 0.4, 0, 2, "1000.00")
    assert t["first_assessment"] == {"on_time": 2, "late": 2, "rate": 0.5}  # C E; D F
    assert t["median_hours_to_close"] == 192.0  # only C closed
    assert figures["by_month"] == [{"month": "2026-11", "count": 5}]
    assert figures["range"] == {"from": "2026-11-01", "to": "2026-11-30"}


def test_a_range_fills_empty_months(studio, small):
    figures = compute(BoardFilters(date_from=date(2026, 8, 15), date_to=date(2026, 12, 31)), now=NOW)
    assert figures["by_month"] == [{"month": m, "count": n} for m, n in (
        ("2026-08", 0), ("2026-09", 0), ("2026-10", 3), ("2026-11", 5), ("2026-12", 0))]  # H (Sept) is deleted


def test_the_boards_filters_apply(studio, small):
    retouch = Category.get(Category.name == "修图质量").id
    digital = Department.get(Department.name == "数码后期").id
    assert compute(BoardFilters(category_id=retouch), now=NOW)["totals"]["complaints"] == 4
    assert compute(BoardFilters(severity="major"), now=NOW)["totals"]["complaints"] == 2
    assert compute(BoardFilters(channel="phone"), now=NOW)["totals"]["complaints"] == 2
    by_dep = compute(BoardFilters(department_id=digital), now=NOW)
    assert by_dep["totals"]["complaints"] == 2 and by_dep["totals"]["compensation_total"] == "800.00"
    assert compute(BoardFilters(text="张三"), now=NOW)["totals"]["complaints"] == 3


def test_every_figure_drills_down_to_exactly_its_cases(studio, small):
    flt = BoardFilters()
    figures = compute(flt, now=NOW)
    keyed = {"by_stage": "stage", "by_chain_step": "chain_step", "by_channel": "channel", "by_severity": "severity",
             "by_category": "category", "by_department": "department"}
    for part, dimension in keyed.items():
        for row in figures[part]:
            key = row["code"] if "code" in row else row["id"]
            assert drill_down(flt, dimension, key, NOW).total == row["count"], (part, key)
    for row in figures["by_month"]:
        assert drill_down(flt, "month", row["month"], NOW).total == row["count"]
    november = BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    for row in compute(november, now=NOW)["trend"]:  # the trend reaches back before the range
        assert drill_down(november, "trend_month", row["month"], NOW).total == row["count"]
    totals = figures["totals"]
    for dimension, expected in (("all", totals["complaints"]), ("open", totals["open"]), ("closed", totals["closed"]),
                                ("overdue", totals["overdue_now"]), ("repeat", totals["repeat"]),
                                ("vip", totals["vip"]), ("major", totals["major"])):
        assert drill_down(flt, dimension, None, NOW).total == expected, dimension


def test_drill_down_names_the_right_cases(studio, small):
    flt = BoardFilters()
    nos = lambda *keys: [small[k].case_no for k in keys]  # noqa: E731
    retouch = Category.get(Category.name == "修图质量").id
    assert [r.case_no for r in drill_down(flt, "category", retouch, NOW).rows] == nos("G", "D", "C", "A")
    assert [r.case_no for r in drill_down(flt, "department", None, NOW).rows] == nos("G", "F", "D", "B")
    assert [r.case_no for r in drill_down(flt, "overdue", None, NOW).rows] == nos("F", "D")
    assert [r.case_no for r in drill_down(flt, "month", "2026-10", NOW).rows] == nos("I", "B", "A")
    assert [r.case_no for r in drill_down(flt, "staff", small["staff"]["S1"], NOW).rows] == nos("C", "A")
    row = drill_down(flt, "vip", None, NOW).rows[0]
    assert (row.case_no, row.customer_name, row.phone, row.category) == (small["B"].case_no, "李四", "138****0002",
                                                                          "服务态度")
    assert drill_down(flt, "category", retouch, NOW, limit=2) == (drill_down(flt, "category", retouch, NOW).rows[:2], 4)
    with pytest.raises(ValueError):
        drill_down(flt, "nonsense", None, NOW)


def test_an_empty_database_has_zeros_and_dashes(studio):
    figures = compute(now=NOW)
    t = figures["totals"]
    assert t["complaints"] == 0 and t["compensation_total"] == "0.00"
    assert t["valid_rate"] is None and t["repeat_rate"] is None and t["median_hours_to_close"] is None
    assert t["first_assessment"]["rate"] is None and t["follow_up"]["average_score"] is None
    assert figures["by_month"] == [] and figures["by_category"] == [] and figures["staff_ranking"] == []
    assert all(row["count"] == 0 for row in figures["by_stage"])
    assert format_percent(t["valid_rate"]) == "—" and format_hours(None) == "—"
    assert format_percent(0.5714) == "57.1%" and format_hours(193.0) == "8.0 天"
    assert format_hours(48.0) == "48.0 小时" and format_hours(None) == "—"


def test_month_edges_are_exact(studio):
    """A complaint at 23:59:59 on the last day belongs to that month, one at 00:00:00 to the next."""
    from studio_desk import clock
    from tests.board_factory import register

    for moment in ("2026-10-31 23:59:59", "2026-11-01 00:00:00", "2026-12-31 23:59:59", "2027-01-01 00:00:00"):
        with clock.frozen(datetime.fromisoformat(moment)):
            register(studio["front"])
    with clock.frozen(datetime(2027, 1, 5, 10)):
        months = compute()["by_month"]
        jan = compute(BoardFilters(date_from=date(2027, 1, 1), date_to=date(2027, 1, 1)))["totals"]["complaints"]
    assert months == [{"month": m, "count": 1} for m in ("2026-10", "2026-11", "2026-12", "2027-01")]
    assert jan == 1


@pytest.mark.parametrize("text", ["", "2026-13", "2026-00", "2026/10", "abcd-ef", "1999-01", "2026-1-1",
                                  "2026-10-01", "10-2026", "2026-10\x00"])
def test_parse_month_refuses_nonsense(text):
    with pytest.raises(ValueError, match="月份"):
        parse_month(text)


def test_parse_month_gives_the_first_and_last_day():
    assert parse_month("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_month("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    assert parse_month(" 2026-12 ") == (date(2026, 12, 1), date(2026, 12, 31))
