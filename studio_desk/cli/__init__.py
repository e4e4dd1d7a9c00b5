"""Command line (命令行): ``python main.py SUBCOMMAND …``.

Each capability registers its subcommands from its own module (``register(subparsers)``).
Whatever goes wrong ends as one line on stderr that starts with 错误 and a non-zero exit: a
DomainError or an environment error (disk, lock, damage: :mod:`studio_desk.env_errors`) with
exit code 1, a usage error with 2, a bug with 70 (``STUDIODESK_DEBUG=1`` adds its traceback).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from studio_desk import version_line
from studio_desk.env_errors import explain
from studio_desk.errors import DomainError

# Modules under studio_desk.cli that add subcommands, in the order --help lists them.
COMMAND_MODULES = ("demo", "stats", "report", "screenshot", "backup", "move", "export", "importer", "notify")


EXIT_BUG = 70  # sysexits' EX_SOFTWARE

# argparse's own (English) refusals, in Chinese; anything else is shown as argparse says it.
_USAGE_MESSAGES = (
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", "参数 {0} 的值 {1} 无效，可选：{2}"),
    (r"argument (.*?): invalid (\w+) value: (.*)", "参数 {0} 的值 {2} 无效，必须是整数"),
    (r"argument (.*?): expected one argument", "参数 {0} 后面要跟一个值"),
    (r"argument (.*?): not allowed with argument (.*)", "参数 {0} 和 {1} 不能同时使用"),
    (r"argument (.*?): ignored explicit argument (.*)", "参数 {0} 不接受值 {1}"),
    (r"ambiguous option: (.*?) could match (.*)", "参数 {0} 不明确，可能是：{1}"),
)


def one_line(text: str, limit: int = 400) -> str:
    return re.sub(r"\s*\n\s*", " ", str(text)).strip()[:limit]


def fail(message: str) -> None:
    """Print a refusal as the command line always does: one line, starting with 错误."""
    print(f"错误：{one_line(message)}", file=sys.stderr)


class ChineseHelpFormatter(argparse.HelpFormatter):
    sections = {"options": "选项", "optional arguments": "选项", "positional arguments": "参数"}  # argparse's titles

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def start_section(self, heading):  # type: ignore[override]
        return super().start_section(self.sections.get(heading, heading))


class MainHelpFormatter(ChineseHelpFormatter):
    """``main.py --help``: its one positional argument is the subcommand."""

    sections = {**ChineseHelpFormatter.sections, "positional arguments": "子命令"}


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one Chinese line (exit code 2) instead of English usage text."""

    def error(self, message: str):  # type: ignore[override]
        for pattern, template in _USAGE_MESSAGES:
            match = re.fullmatch(pattern, message, re.S)
            if match:
                message = template.format(*match.groups())
                break
        fail(f"{message}（用 {self.prog} --help 查看用法）")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="main.py",
        description="影楼客怨处理台 StudioDesk。不带子命令时打开图形界面"
        "（可加 --demo 演示数据、--db 文件、--database-url 地址、--lang en 英文界面）。",
        formatter_class=MainHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本号并退出")
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
    return parser


def open_from_args(args: argparse.Namespace):
    """The existing database named by --db / --database-url (or the default file), after the same
    quick check that blocks writes in the desk: a damaged file is refused, never read or written."""
    from studio_desk.db import default_db_path
    from studio_desk.opening import open_database

    url = getattr(args, "database_url", None)
    if url:
        return open_database(url=url)
    from studio_desk import integrity
    from studio_desk.db_file import require_studio_database
    from studio_desk.env_errors import DatabaseDamaged

    path = getattr(args, "db", None) or default_db_path()
    require_studio_database(path)  # what the file is, if it is no StudioDesk database, in its own words
    report = integrity.check_file(path)
    if not report.ok:
        raise DatabaseDamaged(f"{report.message}（{one_line(report.problems[0], 120)}）")
    return open_database(path, create=False)


def main(argv: Sequence[str] | None = None, *, render_screen: Callable[..., Path] | None = None) -> int:
    """Run one subcommand. ``render_screen`` draws the ``screenshot`` command's view; it comes
    from ``main.py`` (``ui.screenshot.shoot``), since the core never imports the desk."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.render_screen = render_screen
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    previous = _cancel_on_sigterm()
    previous_hook, sys.unraisablehook = sys.unraisablehook, _quiet_disk_errors
    try:
        return int(args.handler(args) or 0)
    except DomainError as exc:
        fail(exc.message)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 — the last stop: one line, never a traceback
        return _unexpected(exc, getattr(args, "db", None))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        _close_quietly()
        sys.unraisablehook = previous_hook


def _quiet_disk_errors(unraisable) -> None:
    """A library's file left open by a write that failed (openpyxl's zip on a full disk) retries
    its flush when garbage-collected and Python prints "Exception ignored …". The failure was
    already told in the command's one 错误 line; other unraisable errors are printed as usual."""
    exc = unraisable.exc_value
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS):
        return
    sys.__unraisablehook__(unraisable)


def _cancel_on_sigterm():
    """SIGTERM (a scheduled task stopped, a shutdown) cancels like Ctrl+C, so that the clean-up
    of temporary files and work folders runs instead of the process vanishing mid-way."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def cancel(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, cancel)


def _unexpected(exc: Exception, db: str | None) -> int:
    known = explain(exc, db)
    if known is not None:
        fail(known.message)
        return 1
    fail(f"程序内部出错（{type(exc).__name__}：{one_line(str(exc), 200)}），这一步没有完成。"
         "请把这一行发给技术支持（设置 STUDIODESK_DEBUG=1 可看到详细信息）。")
    if os.environ.get("STUDIODESK_DEBUG"):
        traceback.print_exception(exc)
    return EXIT_BUG


def _close_quietly() -> None:
    """Closing checkpoints the WAL, which fails on a full or read-only disk; the commands'
    work is already committed (SQLite finishes the checkpoint next time), so that is no error."""
    from studio_desk.db import close_database

    try:
        close_database()
    except Exception:  # noqa: BLE001, S110
        pass
