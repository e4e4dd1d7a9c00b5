"""The daily summary and the monthly analysis report (PDF and Excel) of the hand-computed studio:
read back with pdfplumber/openpyxl, rendered with pdftoppm, audited, penalties only for 店长+."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from studio_desk import clock
from studio_desk.errors import DomainError, PermissionDenied
from studio_desk.models import AuditEvent
from studio_desk.progress import Cancelled
from studio_desk.reports.daily import write_daily_summary
from studio_desk.reports.monthly import write_monthly_report, write_monthly_workbook
from studio_desk.reports.monthly_data import comparison_rows, monthly_data
from studio_desk.services.reviews import save_review
from studio_desk.stats import compute
from tests.core import statskit
from tests.core.exportkit import cancelling_progress, ink_variance, pdf_pages, rendered_pages
from tests.core.statskit import NOW

ACTIONS = "1. 修图师每周培训😀𠀀\n=SUM(A1) 写进整改措施也只是文字"


@pytest.fixture
def small(sqlite_studio):
    cases = statskit.build(sqlite_studio)
    with clock.frozen(NOW):
        save_review(sqlite_studio["manager"], "2026-11", ACTIONS, expected_updated_at=None)
    return cases


def flat(text: str) -> str:
    return "".join(text.split())


def test_daily_summary_of_a_busy_day(sqlite_studio, small, tmp_path):
    path = tmp_path / "daily.pdf"
    with clock.frozen(NOW):
        write_daily_summary(sqlite_studio["manager"], date(2026, 11, 2), path)
    pages = pdf_pages(path)
    assert len(pages) == 1  # one page per day
    text = flat(pages[0])
    c, i = small["C"].case_no, small["I"].case_no
    for expected in ("每日工作小结2026-11-02（星期一）", "今日新增1件", "处理进展2件（6项）", "一、今日新增投诉（1）",
                     c,
                     "二、今日处理进展（2件，6项）", i, "回访：未联系上；回访：未联系上；回访：未联系上",
                     "受理→调查；调查→方案；方案→审批", "三、超时未处理（0）",
                     "四、原因分析与处理决定（2）", "有效；原因：修图师未按要求；责任：数码后期修图师小周",
                     "提交审批", "退款：退部分款；补偿800.00元", "五、责任人（1）", "修图师小周",
                     "六、员工处罚（仅店长及以上可见）（0）", "主持人"):
        assert flat(expected) in text, expected
    assert ink_variance(rendered_pages(path, tmp_path / "png")[0]) > 50
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).first()
    assert event.details == {"kind": "daily_summary", "document": "每日工作小结（PDF）", "description": "2026-11-02",
                             "file": "daily.pdf", "day": "2026-11-02", "cases": 1}


def test_daily_summary_lists_overdue_cases_and_penalties(sqlite_studio, small, tmp_path):
    path = tmp_path / "today.pdf"
    with clock.frozen(NOW):
        write_daily_summary(sqlite_studio["manager"], date(2026, 11, 3), path)
        write_daily_summary(sqlite_studio["manager"], date(2026, 11, 23), tmp_path / "23.pdf")
    text = flat(pdf_pages(path)[0])
    assert flat("六、员工处罚（仅店长及以上可见）（1）") in text and "二次投诉" in text and "300.00" in text
    assert flat("批准") in text and "同意退款" in text
    today = flat(pdf_pages(tmp_path / "23.pdf")[0])
    assert "三、超时未处理（2）" in today
    assert small["D"].case_no in today and small["F"].case_no in today and "已超时12天" in today


def test_a_receptionist_sees_no_penalties(sqlite_studio, small, tmp_path):
    path = tmp_path / "front.pdf"
    with clock.frozen(NOW):
        write_daily_summary(sqlite_studio["front"], date(2026, 11, 3), path)
    text = flat(pdf_pages(path)[0])
    assert "员工处罚" not in text and "300.00" not in text


def test_an_empty_day_still_makes_a_page(sqlite_studio, small, tmp_path):
    path = tmp_path / "empty.pdf"
    with clock.frozen(NOW):
        write_daily_summary(sqlite_studio["manager"], date(2026, 6, 1), path)
    text = flat(pdf_pages(path)[0])
    assert "今日新增0件" in text and text.count("无。") == 6


def test_monthly_report_reads_back_with_the_figures(sqlite_studio, small, tmp_path):
    path = tmp_path / "monthly.pdf"
    with clock.frozen(NOW):
        write_monthly_report(sqlite_studio["manager"], "2026-11", path)
    pages = pdf_pages(path)
    text = flat("".join(pages))
    for expected in ("客户投诉统计分析表2026年11月", "统计期间：2026-11-01至2026-11-30", "报送期限：2026-12-25前",
                     "投诉总数53+2（+66.7%）——", "有效率100.0%33.3%+66.7个百分点", "补偿金额（元）1,000.000.00",
                     "近12个月投诉件数", "按投诉类别", "按严重程度", "四、二次投诉（2件）", small["D"].case_no,
                     "五、重大投诉（2件）", "6人集体投诉", "六、VIP投诉（0件）", "七、主要原因与热点问题",
                     "修图师未按要求",
                     "重复投诉顾客", "张三（138****0001）", "八、责任人统计（含员工处罚", "九、整改措施",
                     "修图师每周培训😀𠀀", "=SUM(A1)写进整改措施也只是文字", "说明"):
        assert flat(expected) in text, expected
    assert all(ink_variance(png) > 50 for png in rendered_pages(path, tmp_path / "png"))
    event = AuditEvent.select().where(AuditEvent.action == "export").order_by(AuditEvent.id.desc()).first()
    assert event.details == {"kind": "monthly_report", "document": "客户投诉统计分析表（PDF）",
                             "description": "2026-11", "file": "monthly.pdf", "month": "2026-11"}


def test_monthly_report_for_a_receptionist_has_no_penalties(sqlite_studio, small, tmp_path):
    path = tmp_path / "front.pdf"
    with clock.frozen(NOW):
        write_monthly_report(sqlite_studio["front"], "2026-11", path)
    text = flat("".join(pdf_pages(path)))
    assert "八、责任人统计" in text and "扣分" not in text and "罚款" not in text


def test_an_empty_month_is_a_report_of_zeros(sqlite_studio, small, tmp_path):
    path = tmp_path / "empty.pdf"
    with clock.frozen(NOW):
        write_monthly_report(sqlite_studio["manager"], "2026-03", path)
    text = flat("".join(pdf_pages(path)))
    assert "投诉总数0————" in text and "本月尚未填写整改措施" in text and "本月没有热点问题" in text


def test_monthly_workbook_has_the_same_tables(sqlite_studio, small, tmp_path):
    path = tmp_path / "monthly.xlsx"
    with clock.frozen(NOW):
        write_monthly_workbook(sqlite_studio["manager"], "2026-11", path)
        figures = compute(statskit_month(), viewer=sqlite_studio["manager"], now=NOW)
    wb = load_workbook(path)
    assert wb.sheetnames == ["主要指标", "按月", "按类别", "按环节", "按部门", "按渠道", "按严重程度", "二次投诉",
                             "重大投诉", "VIP投诉", "原因与热点", "责任人", "整改措施"]
    overview = {row[0]: row[1:] for row in wb["主要指标"].iter_rows(min_row=5, values_only=True)}
    t = figures["totals"]
    assert overview["投诉总数"] == (t["complaints"], 3, "+2（+66.7%）", "—", "—")  # no complaints a year earlier
    assert overview["有效率"][0] == t["valid_rate"] and overview["补偿金额（元）"][0] == 1000.0
    assert overview["结案用时中位数"][0] == t["median_hours_to_close"]
    categories = [row for row in wb["按类别"].iter_rows(min_row=4, values_only=True)]
    assert categories == [(r["label"], r["count"], round(r["count"] / 5, 4)) for r in figures["by_category"]]
    assert [row[0] for row in wb["二次投诉"].iter_rows(min_row=4, values_only=True)] == [
        small["C"].case_no, small["D"].case_no]
    assert [row[:3] for row in wb["责任人"].iter_rows(min_row=4, values_only=True)] == [
        ("修图师小周", "数码后期", 1), ("摄影师老马", "摄影", 1)]
    assert wb["责任人"]["F4"].value == 300
    cell = wb["整改措施"]["A3"]
    assert cell.value == ACTIONS and cell.data_type == "s"
    assert len(wb["按类别"]._charts) == 1 and len(wb["按月"]._charts) == 1


def statskit_month():
    from studio_desk.search import BoardFilters

    return BoardFilters(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


def test_formula_like_text_stays_text_in_excel(sqlite_studio, small, tmp_path):
    with clock.frozen(NOW):
        save_review(sqlite_studio["manager"], "2026-10", "=HYPERLINK(\"http://x\")", expected_updated_at=None)
        write_monthly_workbook(sqlite_studio["manager"], "2026-10", tmp_path / "oct.xlsx")
    cell = load_workbook(tmp_path / "oct.xlsx")["整改措施"]["A3"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("month", ["2026-13", "", "下个月", "2026-1x"])
def test_a_bad_month_is_a_chinese_error(sqlite_studio, small, tmp_path, month):
    with clock.frozen(NOW), pytest.raises(DomainError, match="月份") as caught:
        write_monthly_report(sqlite_studio["manager"], month, tmp_path / "x.pdf")
    assert caught.value.field == "month" and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("writer", ["pdf", "xlsx", "daily"])
def test_cancel_leaves_no_file(sqlite_studio, small, tmp_path, writer):
    folder = tmp_path / "out"
    path = folder / ("report.xlsx" if writer == "xlsx" else "report.pdf")
    with clock.frozen(NOW), pytest.raises(Cancelled):
        if writer == "daily":
            write_daily_summary(sqlite_studio["manager"], date(2026, 11, 2), path, cancelling_progress(1))
        elif writer == "pdf":
            write_monthly_report(sqlite_studio["manager"], "2026-11", path, cancelling_progress(3))
        else:
            write_monthly_workbook(sqlite_studio["manager"], "2026-11", path, cancelling_progress(3))
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_inactive_user_cannot_make_reports(sqlite_studio, small, tmp_path):
    user = sqlite_studio["manager"]
    type(user).update(active=False).where(type(user).id == user.id).execute()
    with pytest.raises(PermissionDenied):
        write_daily_summary(user, date(2026, 11, 2), tmp_path / "d.pdf")
    with pytest.raises(PermissionDenied):
        write_monthly_workbook(user, "2026-11", tmp_path / "m.xlsx")


def test_monthly_data_on_every_database(studio):
    """The lists' joins (previous case, departments) mean the same on PostgreSQL."""
    cases = statskit.build(studio)
    data = monthly_data(studio["manager"], "2026-11", NOW)
    assert [(r["case_no"], r["previous"], r["department"]) for r in data.repeats] == [
        (cases["C"].case_no, cases["A"].case_no, "数码后期"), (cases["D"].case_no, cases["C"].case_no, "")]
    assert [r["case_no"] for r in data.majors] == [cases["C"].case_no, cases["F"].case_no]
    assert data.causes == [("修图师未按要求", 1), ("对焦失误", 1)]
    assert data.previous["complaints"] == 3 and data.last_year["complaints"] == 0
    assert [m["count"] for m in data.trend] == [0] * 10 + [3, 5]


def test_a_month_without_complaints_is_no_comparison(sqlite_studio, small, tmp_path):
    """同比 against a year with no records, 环比 against a quiet month: "—", not "+5"; a month that
    had complaints is compared, also when this month has none."""
    with clock.frozen(NOW):
        rows = {row[0]: row[1:] for row in comparison_rows(monthly_data(sqlite_studio["manager"], "2026-11", NOW))}
        assert rows["投诉总数"] == ("5", "3", "+2（+66.7%）", "—", "—")
        assert rows["补偿金额（元）"][3:] == ("—", "—")
        december = {row[0]: row[1:] for row in comparison_rows(monthly_data(sqlite_studio["manager"], "2026-12", NOW))}
        assert december["投诉总数"] == ("0", "5", "-5（-100.0%）", "—", "—")
        write_monthly_report(sqlite_studio["manager"], "2026-12", tmp_path / "dec.pdf")
        write_monthly_workbook(sqlite_studio["manager"], "2026-12", tmp_path / "dec.xlsx")
    assert "投诉总数05-5（-100.0%）——" in flat("".join(pdf_pages(tmp_path / "dec.pdf")))
    overview = {row[0]: row[1:] for row in load_workbook(tmp_path / "dec.xlsx")["主要指标"].iter_rows(
        min_row=5, values_only=True)}
    assert overview["投诉总数"] == (0, 5, "-5（-100.0%）", "—", "—")


def test_the_same_month_a_year_earlier_is_compared_when_it_had_complaints(sqlite_studio, small):
    from datetime import datetime

    from tests.board_factory import register

    with clock.frozen(datetime(2025, 11, 10, 10, 0)):
        register(sqlite_studio["front"])
    rows = {row[0]: row[1:] for row in comparison_rows(monthly_data(sqlite_studio["manager"], "2026-11", NOW))}
    assert rows["投诉总数"][3:] == ("1", "+4（+400.0%）")


def test_a_busy_day_lists_the_first_rows_and_says_how_many_more(sqlite_studio, tmp_path):
    """Twenty overdue cases: fifteen are listed, and the page says where the other five are."""
    from datetime import datetime

    from tests.board_factory import register

    with clock.frozen(datetime(2026, 11, 16, 9, 0)):
        for _ in range(20):
            register(sqlite_studio["front"])
    path = tmp_path / "busy.pdf"
    with clock.frozen(NOW):
        write_daily_summary(sqlite_studio["manager"], date(2026, 11, 23), path)
    text = flat("".join(pdf_pages(path)))
    assert "三、超时未处理（20）" in text and "仅列出前15项，另有5项" in text and "只看超时" in text
