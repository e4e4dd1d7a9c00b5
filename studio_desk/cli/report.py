"""``main.py report daily|monthly``: the daily summary (每日工作小结) and the monthly analysis
report (客户投诉统计分析表, .pdf or .xlsx by the output's extension)."""

from __future__ import annotations

import argparse

from studio_desk import clock
from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.cli.export import acting_user, day
from studio_desk.exports.files import check_output


def register(subparsers) -> None:
    parser = subparser(subparsers, "report", "生成每日工作小结或月度客户投诉统计分析表")
    kinds = parser.add_subparsers(dest="kind", metavar="报告")
    daily = subparser(kinds, "daily", "每日工作小结（PDF）")
    daily.add_argument("--date", metavar="日期", help="哪一天，如 2026-11-23（默认今天）")
    monthly = subparser(kinds, "monthly", "客户投诉统计分析表（PDF 或 Excel）")
    monthly.add_argument("--month", metavar="月份", required=True, help="哪个月，如 2026-10")
    for sub, suffixes in ((daily, ".pdf"), (monthly, ".pdf 或 .xlsx")):
        add_db_arguments(sub)
        sub.add_argument("-o", "--output", metavar="文件", required=True, help=f"输出文件（{suffixes}）")
        sub.add_argument("--user", metavar="登录名",
                         help="以该用户身份生成（默认第一个店长账号）；店长及以上含员工处罚")
        sub.set_defaults(handler=run)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def run(args: argparse.Namespace) -> int:
    output = check_output(args.output, (".pdf",) if args.kind == "daily" else (".pdf", ".xlsx"))
    suffix = output.suffix.lower()
    if args.kind == "daily":
        date = day(args.date, "日期") or clock.now().date()
    open_from_args(args)
    user = acting_user(args)
    if args.kind == "daily":
        from studio_desk.reports.daily import write_daily_summary

        write_daily_summary(user, date, output)
        print(f"已生成每日工作小结 {date:%Y-%m-%d}：{output}")
    else:
        from studio_desk.reports.monthly import write_monthly_report, write_monthly_workbook

        writer = write_monthly_report if suffix == ".pdf" else write_monthly_workbook
        writer(user, args.month, output)
        print(f"已生成客户投诉统计分析表 {args.month.strip()}：{output}")
    return 0
