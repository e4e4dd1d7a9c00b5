"""Command line (命令行): ``python main.py SUBCOMMAND …``.

Each capability registers its subcommands from its own module (``register(subparsers)``);
a DomainError becomes a one-line Chinese message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from studio_desk import version_line
from studio_desk.errors import DomainError

# Modules under studio_desk.cli that add subcommands, in the order --help lists them.
COMMAND_MODULES = ("demo", "stats", "report", "screenshot", "backup", "export", "importer")


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="影楼客怨处理台 StudioDesk。不带子命令时打开图形界面。",
        formatter_class=ChineseHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本号并退出")
    parser._positionals.title = "子命令"
    parser._optionals.title = "选项"
    subparsers = parser.add_subparsers(dest="command", metavar="子命令")
    for name in COMMAND_MODULES:
        importlib.import_module(f"studio_desk.cli.{name}").register(subparsers)
    return parser


def add_db_arguments(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """--db FILE / --database-url URL, the same on every subcommand."""
    parser.add_argument("--db", metavar="文件", required=required, help="SQLite 数据库文件（默认：用户数据文件夹）")
    parser.add_argument("--database-url", metavar="地址", help="共享数据库地址，如 postgresql://用户:密码@主机/库名")


def subparser(subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text,
                                   formatter_class=ChineseHelpFormatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser._optionals.title = "选项"
    parser._positionals.title = "参数"
    return parser


def open_from_args(args: argparse.Namespace):
    from studio_desk.db import open_database

    return open_database(getattr(args, "db", None), getattr(args, "database_url", None))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    finally:
        from studio_desk.db import close_database

        close_database()
