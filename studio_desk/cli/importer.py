"""``main.py import register FILE``: import a complaint register (导入登记表) — our own export, or
a studio's old register (.xlsx, .xls, .ods, .csv).

The file is read and checked first; the command prints the sheets read, the rows skipped
(titles, 合计 rows, notes), the value mapping it applied (one line per distinct word, in the
form ``--map`` takes) and a warning per doubtful row; then it imports. Acts as ``--user``
(default: the first active 店长), like ``export``. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.cli.export import USER_HELP
from studio_desk.errors import DomainError
from studio_desk.progress import Progress

SHOWN_ROWS = 50
QUIET_SECONDS = 2.0


def register(subparsers) -> None:
    parser = subparser(subparsers, "import", "导入：读取投诉登记表")
    kinds = parser.add_subparsers(dest="kind", metavar="类型")
    kinds.required = True
    reg = subparser(kinds, "register", "导入投诉登记表（导出的登记表，或店里原来的 Excel/WPS/CSV 登记表）")
    reg.add_argument("file", metavar="文件", help="登记表文件（.xlsx、.xls、.ods 或 .csv）")
    add_db_arguments(reg)
    reg.add_argument("--map", action="append", default=[], metavar="[列名:]词=值",
                     help="改变取值对应，如 --map 投诉渠道:门市=门店当面；类别或部门可写“新建”；可重复")
    reg.add_argument("--map-file", metavar="文件", help="取值对应文件：每行一条 [列名:]词=值（本命令打印的格式）")
    reg.add_argument("--dry-run", action="store_true", help="只检查并显示，不导入")
    reg.add_argument("--user", metavar="登录名", help=USER_HELP.replace("导出", "导入"))
    reg.set_defaults(handler=run)


def progress_printer(quiet_for: float = QUIET_SECONDS) -> Progress:
    """Progress on stderr for a long import: a line when the step changes or another tenth of
    it is done, once ``quiet_for`` seconds have passed (a short import stays one line of result,
    so an error stays the one line on stderr)."""
    start = time.monotonic()
    last: list[tuple[str, int]] = []

    def report(done: int, total: int, message: str) -> None:
        step = message.split("（")[0]
        tenth = done * 10 // max(total, 1)
        if step and [(step, tenth)] != last and time.monotonic() - start >= quiet_for:
            last[:] = [(step, tenth)]
            print(f"{step} {done * 100 // max(total, 1)}%", file=sys.stderr, flush=True)

    return Progress(report=report)


def run(args: argparse.Namespace) -> int:
    from studio_desk.cli.export import acting_user
    from studio_desk.exports.register_import import import_register, read_register
    from studio_desk.importing.values import describe, parse_overrides

    open_from_args(args)
    user = acting_user(args)
    progress = progress_printer()
    preview = read_register(args.file, progress=progress)
    lines = list(args.map)
    if args.map_file:
        try:
            lines = Path(args.map_file).read_text(encoding="utf-8-sig").splitlines() + lines
        except (OSError, UnicodeDecodeError) as exc:
            raise DomainError(f"无法读取取值对应文件“{args.map_file}”：{exc}") from None
    if lines:
        preview = read_register(args.file, values=parse_overrides(lines, preview.proposals), progress=progress)
    kind = "旧登记表，按历史案件导入" if preview.history else "本程序导出的登记表"
    print(f"读取“{Path(args.file).name}”（{kind}）：工作表 {preview.sheet}，{len(preview.rows)} 个投诉。")
    if preview.missing:
        print("  没有这些列：" + "、".join(preview.missing))
    for sheet, row, why in preview.skipped[:SHOWN_ROWS]:
        print(f"  跳过 {sheet} 第 {row} 行：{why}")
    # Our own export holds our own labels: only the words that needed a guess are worth a line.
    shown = [p for p in preview.proposals if preview.history or p.how != "label"]
    if shown:
        print("取值对应（可用 --map 或 --map-file 修改）：")
        for proposal in shown:
            print("  " + describe(proposal))
    warned = preview.warned_rows
    for row in warned[:SHOWN_ROWS]:
        print("  " + row.describe())
    if len(warned) > SHOWN_ROWS:
        print(f"  ……另有 {len(warned) - SHOWN_ROWS} 行有提示。")
    if args.dry_run:
        print(f"检查完毕（未导入）：{len(preview.new_cases)} 个可导入，{preview.already} 个已在系统中。")
        return 0
    result = import_register(user, preview, progress=progress)
    counts = (("回访", result.follow_ups), ("补偿明细", result.compensation_lines), ("员工处罚", result.penalties))
    extra = "".join(f"，{label} {n} 条" for label, n in counts if n)
    history = f"（其中 {result.history} 个为历史导入）" if result.history else ""
    print(f"已导入 {result.imported} 个案件{history}{extra}；{result.already} 个已在系统中，未重复导入；"
          f"跳过 {len(preview.skipped)} 行非投诉行。")
    return 0
