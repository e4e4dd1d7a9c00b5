"""``main.py backup | restore | check``: data safety from the command line (e.g. a scheduled task).

On a file all three work on the database *file* directly and never migrate it, so they are safe on
a damaged file and on one from an older version; with ``--database-url`` they work on the shared
database (:mod:`studio_desk.backup_server`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from studio_desk.cli import add_db_arguments, subparser
from studio_desk.errors import DomainError


def register(subparsers) -> None:
    backup = subparser(subparsers, "backup",
                       "备份数据库和附件到一个带日期的压缩包（并按 7 天 / 4 周 / 12 个月保留旧备份）")
    add_db_arguments(backup)
    backup.add_argument("-o", "--output", metavar="文件夹", help="备份文件夹（默认：设置中的备份文件夹）")
    backup.set_defaults(handler=run_backup)

    restore = subparser(subparsers, "restore", "从备份恢复：先自动备份当前数据，再替换数据库和附件")
    restore.add_argument("archive", metavar="备份文件", help="要恢复的备份文件（.zip）")
    add_db_arguments(restore)
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.set_defaults(handler=run_restore)

    check = subparser(subparsers, "check", "检查数据库是否完好（默认快速检查）")
    add_db_arguments(check)
    check.add_argument("--full", action="store_true", help="完整检查（较慢，还检查数据之间的引用）")
    check.set_defaults(handler=run_check)


def _path(text: str, what: str) -> Path:
    """A path the operating system can take; a Chinese refusal for NUL or undecodable names."""
    try:
        encoded = os.fsencode(text)
        if not text.strip() or b"\x00" in encoded:
            raise ValueError(text)
    except ValueError as exc:  # UnicodeEncodeError included
        raise DomainError(f"{what}的路径无效（为空或含有无法识别的字符）。") from exc
    if len(encoded) > 4000 or any(len(os.fsencode(part)) > 255 for part in Path(text).parts):
        raise DomainError(f"{what}的路径太长了。")
    return Path(text)


def _db_file(args: argparse.Namespace) -> Path:
    from studio_desk.db import default_db_path

    return _path(args.db or str(default_db_path()), "数据库文件")


def run_backup(args: argparse.Namespace) -> int:
    from studio_desk.backup import create_backup

    output = None if args.output is None else _path(args.output, "备份文件夹")
    if args.database_url:
        from studio_desk.backup_server import server_backup
        from studio_desk.opening import open_database

        info = server_backup(open_database(url=args.database_url), output)
    else:
        info = create_backup(_db_file(args), output, kind="manual")
    print(f"备份完成，已通过校验：{info.path}")
    print(f"内容：{info.label}，大小 {info.size / 1024 / 1024:.1f} MB")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from studio_desk.restore import describe_backup, restore_backup

    info = describe_backup(_path(args.archive, "备份文件"))
    print(f"备份内容：{info.label}")
    if args.database_url:
        from studio_desk.opening import open_database

        db = open_database(url=args.database_url)
        print(f"将替换：共享数据库 {db.database}（替换前会先自动备份当前数据）")
    else:
        db_path = _db_file(args)
        print(f"将替换：{db_path}（替换前会先自动备份当前数据）")
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise DomainError("恢复会替换当前数据，请确认后加上 --yes 再运行。")
        if input("确定要恢复吗？输入 y 确认：").strip().lower() not in ("y", "yes", "是"):
            print("已取消，没有做任何修改。")
            return 1
    if args.database_url:
        from studio_desk.restore_server import server_restore

        safety = server_restore(info.path, db).safety_backup
    else:
        safety = restore_backup(info.path, db_path).safety_backup
    if safety is not None:
        print(f"恢复前的数据已备份到：{safety.path}")
    print("恢复完成。")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from studio_desk import integrity

    if args.database_url:
        from studio_desk.opening import open_database

        report = integrity.check_database(open_database(url=args.database_url), full=args.full)
    else:
        report = integrity.check_file(_db_file(args), full=args.full)
    for problem in report.problems + report.missing_files:
        print(f"  - {problem}")
    if not report.ok:
        raise DomainError(report.message)
    print(report.message)
    return 0
