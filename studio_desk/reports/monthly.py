"""客户投诉统计分析表 — the monthly analysis report (due by the 25th of the next month), as PDF:
headline figures compared with the month before and the same month last year, charts, the
counts by kind, second/major/VIP complaints, top causes and hot spots, the responsible staff
and the corrective actions the manager wrote for the month. The Excel workbook with the same
tables is :func:`write_monthly_workbook`."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from studio_desk import clock
from studio_desk.exports.access import record_export
from studio_desk.exports.files import atomic_output
from studio_desk.exports.pdf_layout import (
    PLAIN,
    Studio,
    StudioDoc,
    Styles,
    build,
    fmt_dt,
    grid_table,
    make_styles,
    para,
    short,
)
from studio_desk.models import User
from studio_desk.permissions import require
from studio_desk.progress import NO_PROGRESS, Progress
from studio_desk.reports.charts import bar_chart, line_chart, pie_chart
from studio_desk.reports.monthly_data import (
    DEFINITIONS,
    LIST_LIMIT,
    MonthlyData,
    comparison_rows,
    count_table,
    monthly_data,
)
from studio_desk.reports.monthly_xlsx import write_monthly_workbook
from studio_desk.stats import format_percent, shift_month

__all__ = ["write_monthly_report", "write_monthly_workbook", "report_flowables"]

TITLE = "客户投诉统计分析表"
DUE_DAY = 25


def _grid(headers: tuple[str, ...], rows: list[tuple], widths: list[float], s: Styles, width: float) -> Table:
    widths = widths + [width - sum(widths)]
    cells = [[para(h, s.label) for h in headers]] + [[para(v, s.small) for v in row] for row in rows]
    return grid_table(cells, widths, header=True)


def _section(title: str, headers: tuple[str, ...], rows: list[tuple], widths: list[float], s: Styles, width: float,
             *, total: int | None = None) -> list[Flowable]:
    count = len(rows) if total is None else total
    story: list[Flowable] = [para(f"{title}（{count} 件）" if total is not None else title, s.heading)]
    if not rows:
        return story + [para("无。", s.small)]
    story.append(_grid(headers, rows, widths, s, width))
    if total is not None and total > len(rows):
        story.append(para(f"仅列出前 {len(rows)} 件，完整清单见 Excel 工作簿。", s.small))
    return story


def _side_by_side(left: Flowable | list[Flowable], right: Flowable | list[Flowable], width: float) -> Table:
    table = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(PLAIN)
    return table


def _charts(data: MonthlyData, width: float) -> list[Flowable]:
    f = data.figures
    half = width / 2 - 3 * mm
    pairs = lambda rows: [(r["label"], r["count"]) for r in rows if r["count"]]  # noqa: E731
    staff = [(r["name"], r["count"]) for r in f["staff_ranking"] if r["count"]]
    trend: Drawing = line_chart([(m["month"], m["count"]) for m in data.trend], width, 150, "近 12 个月投诉件数")
    return [
        trend, Spacer(1, 3 * mm),
        _side_by_side(bar_chart(pairs(f["by_category"]), half, "按投诉类别"),
                      bar_chart(pairs(f["by_chain_step"]), half, "按服务环节"), width),
        _side_by_side(bar_chart(pairs(f["by_department"]), half, "按责任部门"),
                      bar_chart(staff, half, "责任人排名"), width),
        _side_by_side(pie_chart(pairs(f["by_channel"]), half, 120, "按投诉渠道"),
                      pie_chart(pairs(f["by_severity"]), half, 120, "按严重程度"), width),
    ]


def _counts(data: MonthlyData, s: Styles, width: float) -> list[Flowable]:
    """The five count tables, two per line."""
    half = width / 2 - 3 * mm
    tables = []
    for title, key in (("投诉类别", "by_category"), ("服务环节", "by_chain_step"), ("责任部门", "by_department"),
                       ("投诉渠道", "by_channel"), ("严重程度", "by_severity")):
        rows = [(name, str(n), format_percent(share))
                for name, n, share in count_table(data.figures[key], data.figures["totals"]["complaints"])]
        tables.append([para(title, s.label), _grid(("项目", "件数", "占比"), rows or [("无", "0", "—")],
                                                    [half - 40 * mm, 18 * mm], s, half), Spacer(1, 2 * mm)])
    tables.append([Spacer(1, 1)])
    return [_side_by_side(tables[i], tables[i + 1], width) for i in range(0, len(tables), 2)]


def _case_nos(nos: list[str], limit: int = 6) -> str:
    return "、".join(nos[:limit]) + ("等" if len(nos) > limit else "")


def _hot_spots(data: MonthlyData, s: Styles, width: float) -> list[Flowable]:
    spots = data.figures["hot_spots"]
    kinds = {"category": "投诉类别", "chain_step": "服务环节"}
    rows = [(kinds[p["kind"]], p["label"], str(p["count"]), _case_nos(p["cases"])) for p in spots["problems"]]
    rows += [("重复投诉顾客", f"{c['label']}（{c['phone']}）", str(c["count"]), _case_nos(c["cases"]))
             for c in spots["customers"][:LIST_LIMIT]]
    note = (f"热点：{spots['window_days']} 天内同类投诉达到 {spots['threshold']} 件的类别或环节；"
            f"重复投诉顾客：{spots['repeat_window_days']} 天内投诉 2 次以上的顾客（截至 {spots['until'][:16]}）。")
    head: list[Flowable] = [para("热点问题", s.label), para(note, s.small)]
    if not rows:
        return head + [para("本月没有热点问题。", s.small)]
    table = _grid(("类型", "名称", "件数", "案件编号"), rows, [24 * mm, 40 * mm, 12 * mm], s, width)
    more = len(spots["customers"]) - LIST_LIMIT
    tail = [para(f"另有 {more} 位重复投诉顾客未列出，完整清单见 Excel 工作簿。", s.small)] if more > 0 else []
    return [KeepTogether([*head, table]), *tail]


def report_flowables(data: MonthlyData, s: Styles, width: float) -> list[Flowable]:
    """The whole report's content, in order."""
    f, t = data.figures, data.figures["totals"]
    due = shift_month(data.first, 1).replace(day=DUE_DAY)
    story: list[Flowable] = [
        para(f"{TITLE}　{data.title_month}", s.title),
        para(f"统计期间：{data.first:%Y-%m-%d} 至 {data.last:%Y-%m-%d}（按受理时间）　报送期限：{due:%Y-%m-%d} 前　"
             f"生成时间：{fmt_dt(data.now)}", s.centre),
        Spacer(1, 2 * mm),
        para("一、主要指标", s.heading),
        _grid(("指标", "本月", "上月", "环比", "去年同月", "同比"), comparison_rows(data),
              [34 * mm, 26 * mm, 26 * mm, 34 * mm, 26 * mm], s, width),
        para("二、趋势与分布", s.heading), *_charts(data, width),
        para("三、分类统计", s.heading), *_counts(data, s, width),
    ]
    case_rows = lambda rows, *keys: [tuple(short(str(r[k]), 60) for k in keys) for r in rows]  # noqa: E731
    for r in data.repeats + data.majors + data.vips:
        r["date"] = f"{r['received_at']:%m-%d}"
        r["money"] = f"{r['compensation']:,.2f}"
    story += _section("四、二次投诉", ("案件编号", "受理", "顾客", "类别", "原案件", "阶段", "回访结果"),
                      case_rows(data.repeats, "case_no", "date", "customer", "category", "previous", "stage", "result"),
                      [27 * mm, 12 * mm, 18 * mm, 28 * mm, 27 * mm, 14 * mm], s, width, total=t["repeat"])
    story += _section("五、重大投诉", ("案件编号", "受理", "顾客", "类别", "认定理由", "阶段", "补偿（元）"),
                      case_rows(data.majors, "case_no", "date", "customer", "category", "reasons", "stage", "money"),
                      [27 * mm, 12 * mm, 18 * mm, 24 * mm, 55 * mm, 14 * mm], s, width, total=t["major"])
    story += _section("六、VIP 投诉", ("案件编号", "受理", "顾客", "类别", "严重程度", "阶段", "回访结果"),
                      case_rows(data.vips, "case_no", "date", "customer", "category", "severity", "stage", "result"),
                      [27 * mm, 12 * mm, 18 * mm, 28 * mm, 18 * mm, 14 * mm], s, width, total=t["vip"])
    causes = (_grid(("原因", "件数"), [(short(c, 80), str(n)) for c, n in data.causes], [width - 20 * mm], s, width)
              if data.causes else para("本月尚无评估原因。", s.small))
    story += [para("七、主要原因与热点问题", s.heading),
              KeepTogether([para("主要原因（按评估时填写的原因统计，前 10 项）", s.label), causes]), Spacer(1, 3 * mm)]
    story += _hot_spots(data, s, width)
    staff_headers = ("责任人", "部门", "投诉件数") + (("处罚次数", "扣分", "罚款（元）") if data.with_penalties else ())
    staff_rows = [(r["name"], r["department"], str(r["count"]))
                  + ((str(r["penalties"]), str(r["points"]), r["fines"]) if data.with_penalties else ())
                  for r in f["staff_ranking"]]
    story += _section("八、责任人统计" + ("（含员工处罚，仅店长及以上可见）" if data.with_penalties else ""),
                      staff_headers, staff_rows, [30 * mm, 30 * mm] + [22 * mm] * (len(staff_headers) - 3), s, width)
    story += [para("九、整改措施", s.heading),
              para(data.corrective_actions or "（本月尚未填写整改措施，请店长在“统计”页填写。）", s.body),
              para("说明", s.heading), *[para(f"{i}. {text}", s.small) for i, text in enumerate(DEFINITIONS, 1)]]
    return story


def write_monthly_report(user: User, month: str, path_pdf: str | Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the month's analysis report as PDF and audit the export; ``month`` is 'YYYY-MM'."""
    require(user, "export")
    path = Path(path_pdf)
    data = monthly_data(user, month, clock.now(), progress)
    s = make_styles(9)
    with atomic_output(path, (".pdf",)) as temp:
        doc = StudioDoc(temp, title=TITLE, studio=Studio.from_settings())
        story = report_flowables(data, s, doc.width)
        progress.update(6, 8, "正在排版…")
        build(doc, story, lambda: progress.update(6, 8, "正在排版…"))
        record_export(user, "monthly_report", path, None, description=data.month, month=data.month)
    progress.update(8, 8, "")
    return path
