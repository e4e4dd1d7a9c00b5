"""``main.py import register FILE.xlsx``: import a complaint register (导入登记表).

The file is checked first; every problem is listed with its row. A file with bad rows
imports nothing unless ``--valid-only`` is given. Acts as ``--user`` (default: the first
active 店长), like ``export``.
"""

from __future__ import annotations

import argparse

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.cli.export import USER_HELP, acting_user

SHOWN_PROBLEMS = 50


def register(subparsers) -> None:
    parser = subparser(subparsers, "import", "导入：从 Excel 读取投诉登记表")
    kinds = parser.add_subparsers(dest="kind", metavar="类型")
    kinds.required = True
    reg = subparser(kinds, "register", "导入投诉登记表（.xlsx，格式同导出的登记表，或表头可识别的旧表格）")
    reg.add_argument("file", metavar="文件", help="Excel 文件（.xlsx）")
    add_db_arguments(reg)
    reg.add_argument("--valid-only", action="store_true", help="有问题的行跳过，只导入没有问题的行")
    reg.add_argument("--user", metavar="登录名", help=USER_HELP.replace("导出", "导入"))
    reg.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from studio_desk.exports.register_import import import_register, read_register

    open_from_args(args)
    user = acting_user(args)
    preview = read_register(args.file)
    print(f"读取“{preview.sheet}”：{len(preview.rows)} 个案件，表头在第 {preview.header_row} 行。")
    bad = preview.bad_rows
    for row in bad[:SHOWN_PROBLEMS]:
        print("  " + row.describe())
    if len(bad) > SHOWN_PROBLEMS:
        print(f"  ……另有 {len(bad) - SHOWN_PROBLEMS} 行有问题。")
    result = import_register(user, preview, valid_only=args.valid_only)
    print(f"已导入 {result.imported} 个案件（回访 {result.follow_ups} 条，补偿明细 {result.compensation_lines} 条，"
          f"员工处罚 {result.penalties} 条），跳过 {result.skipped} 行。")
    return 0
