"""``main.py stats``: the statistics of a date range, as JSON (for scripts) or a short summary.

The figures are :func:`studio_desk.stats.compute`'s, the same the 统计 tab shows.
"""

from __future__ import annotations

import argparse
import json

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.cli.export import acting_user, day
from studio_desk.errors import DomainError
from studio_desk.search import BoardFilters
from studio_desk.vocab import BY_CODE, codes


def register(subparsers) -> None:
    parser = subparser(subparsers, "stats", "统计：按受理日期范围输出投诉统计数据")
    add_db_arguments(parser)
    parser.add_argument("--from", dest="date_from", metavar="日期", help="起始日期（含），如 2026-10-01")
    parser.add_argument("--to", dest="date_to", metavar="日期", help="截止日期（含），如 2026-10-31")
    parser.add_argument("--json", action="store_true", help="输出 JSON（与统计页面的数字相同）")
    parser.add_argument("--user", metavar="登录名", help="以该用户查看；店长及以上角色时包含员工处罚")
    parser.add_argument("--severity", metavar="代码", help="只统计该严重程度：" + "/".join(codes("severity")))
    parser.add_argument("--channel", metavar="代码", help="只统计该渠道：" + "/".join(codes("channel")))
    parser.add_argument("--category", metavar="名称", help="只统计该投诉类别，如 修图质量")
    parser.add_argument("--department", metavar="名称", help="只统计该责任部门，如 数码后期")
    parser.set_defaults(handler=run)


def _choice(kind: str, value: str | None, what: str) -> str:
    if not value:
        return ""
    by_label = {c.zh: c.code for c in BY_CODE[kind].values()}
    code = by_label.get(value, value)
    if code not in BY_CODE[kind]:
        raise DomainError(f"{what}“{value[:20]}”无效，可选：{'、'.join(c.zh for c in BY_CODE[kind].values())}。")
    return code


def _named(model, value: str | None, what: str) -> int | None:
    if not value:
        return None
    row = model.get_or_none(model.name == value)
    if row is None:
        names = "、".join(m.name for m in model.select().order_by(model.sort_order))
        raise DomainError(f"没有名为“{value[:20]}”的{what}，现有：{names}。")
    return row.id


def filters_from_args(args: argparse.Namespace) -> BoardFilters:
    """The statistics filter from the command line; bad values are one-line Chinese errors."""
    from studio_desk.models import Category, Department

    date_from = day(args.date_from, "起始日期")
    date_to = day(args.date_to, "截止日期")
    if date_from and date_to and date_from > date_to:
        raise DomainError(f"起始日期 {date_from} 晚于截止日期 {date_to}。")
    return BoardFilters(
        date_from=date_from, date_to=date_to,
        severity=_choice("severity", args.severity, "严重程度"),
        channel=_choice("channel", args.channel, "渠道"),
        category_id=_named(Category, args.category, "投诉类别"),
        department_id=_named(Department, args.department, "责任部门"),
    )


def viewer_from_args(args: argparse.Namespace):
    """Who is looking: without --user nobody in particular, so no penalties are shown."""
    return acting_user(args) if args.user else None


def run(args: argparse.Namespace) -> int:
    from studio_desk.stats import compute

    open_from_args(args)
    figures = compute(filters_from_args(args), viewer=viewer_from_args(args))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(summary_text(figures))
    return 0


def summary_text(figures: dict) -> str:
    """A few lines for a person at a terminal; scripts use --json."""
    from studio_desk.stats import format_hours, format_percent

    t = figures["totals"]
    span = f"{figures['range']['from'] or '最早'} 至 {figures['range']['to'] or '今天'}"
    lines = [
        f"统计范围：{span}",
        f"投诉总数 {t['complaints']}，处理中 {t['open']}，已结案 {t['closed']}，当前超时 {t['overdue_now']}",
        f"有效 {t['valid']}，无效 {t['invalid']}，协助处理 {t['assist']}，未评估 {t['unassessed']}，"
        f"有效率 {format_percent(t['valid_rate'])}",
        f"首次评估及时率 {format_percent(t['first_assessment']['rate'])}，"
        f"按时解决率 {format_percent(t['resolution']['rate'])}，"
        f"结案用时中位数 {format_hours(t['median_hours_to_close'])}",
        f"回访满意率 {format_percent(t['follow_up']['satisfaction_rate'])}，"
        f"二次投诉率 {format_percent(t['repeat_rate'])}，补偿金额 {t['compensation_total']} 元",
        f"二次投诉 {t['repeat']}，重大投诉 {t['major']}，VIP 投诉 {t['vip']}",
    ]
    for key, title in (("by_category", "按类别"), ("by_department", "按责任部门"), ("by_severity", "按严重程度")):
        parts = [f"{row['label']} {row['count']}" for row in figures[key] if row["count"]]
        lines.append(f"{title}：{'，'.join(parts) or '无'}")
    return "\n".join(lines)
