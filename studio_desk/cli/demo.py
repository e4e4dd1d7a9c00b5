"""``main.py demo``: build the demo database."""

from __future__ import annotations

import time

from studio_desk.cli import add_db_arguments, subparser
from studio_desk.cli.export import day


def register(subparsers) -> None:
    parser = subparser(subparsers, "demo", "生成演示数据库（各角色的用户、部门员工、顾客和案件）")
    add_db_arguments(parser)
    parser.add_argument("--cases", type=int, default=200, metavar="N", help="案件数量（默认 200）")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子：同一种子和日期生成相同的数据")
    parser.add_argument("--today", metavar="日期", help="以该日期为“今天”生成（如 2026-11-23），默认今天")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from studio_desk.demo import build_demo

    today = day(args.today, "--today 日期")
    started = time.perf_counter()
    accounts = build_demo(args.db, url=args.database_url, cases=args.cases, seed=args.seed, today=today)
    print(f"演示数据库已生成：{args.db or args.database_url}"
          f"（{args.cases} 条案件，用时 {time.perf_counter() - started:.1f} 秒）")
    print("演示账号（用户名 / 密码 / 角色）：")
    for username, password, role in accounts:
        print(f"  {username} / {password} / {role}")
    return 0
