"""``main.py move-to`` (a SQLite file onto an empty shared PostgreSQL database) and ``move-back``
(the shared database onto a new SQLite file): see :mod:`studio_desk.move`."""

from __future__ import annotations

import argparse

from studio_desk.cli import subparser


def register(subparsers) -> None:
    to = subparser(
        subparsers,
        "move-to",
        "把单机数据库文件（含审计记录和附件）迁移到一个空的共享数据库（PostgreSQL），迁移后逐表校验；原文件不做任何修改",
    )
    to.add_argument("--db", metavar="文件", required=True, help="要迁移的 SQLite 数据库文件")
    to.add_argument(
        "--database-url", metavar="地址", required=True, help="空的共享数据库，如 postgresql://用户:密码@主机/库名"
    )
    to.set_defaults(handler=run_move_to)

    back = subparser(
        subparsers,
        "move-back",
        "把共享数据库（PostgreSQL）的全部数据和附件迁移到一个新的单机数据库文件，迁移后逐表校验；共享数据库不做任何修改",
    )
    back.add_argument(
        "--database-url", metavar="地址", required=True, help="共享数据库，如 postgresql://用户:密码@主机/库名"
    )
    back.add_argument("--db", metavar="文件", required=True, help="新的 SQLite 数据库文件（不能已存在）")
    back.set_defaults(handler=run_move_back)


def run_move_to(args: argparse.Namespace) -> int:
    from studio_desk.move import server, sqlite_source

    return _run(sqlite_source(args.db), server(args.database_url))


def run_move_back(args: argparse.Namespace) -> int:
    from studio_desk.move import server, sqlite_target

    return _run(server(args.database_url), sqlite_target(args.db))


def _run(source, target) -> int:
    from studio_desk.move import move_studio

    print(f"从 {source.label} 迁移到 {target.label} …", flush=True)
    report = move_studio(source, target)
    print(report.summary)
    print(f"原数据未做任何修改。以后请用 {target.label} 打开程序。")
    return 0
