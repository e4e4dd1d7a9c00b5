"""``main.py screenshot``: render a view of the desk to PNG without a screen.

The core never imports Qt or ``ui``: this module checks the request and opens the database,
and the drawing is done by the function ``main.py`` hands to :func:`studio_desk.cli.main`
(``ui.screenshot.shoot``), which loads Qt only when this command runs.
"""

from __future__ import annotations

import re

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.errors import DomainError
from studio_desk.exports.files import check_output
from studio_desk.models import Complaint, User
from studio_desk.services.common import load_case

_SIZE = re.compile(r"^(\d{3,5})[x×*](\d{3,5})$")


def register(subparsers) -> None:
    parser = subparser(subparsers, "screenshot", "把界面渲染为 PNG 图片（离屏，用于说明文档和检查界面）")
    add_db_arguments(parser)
    parser.add_argument("--view", required=True, metavar="界面",
                        help="intake、case、settings、board、stats、signin、setup 或 settings-users 等")
    parser.add_argument("-o", "--output", required=True, metavar="文件.png", help="保存的图片文件")
    parser.add_argument("--user", default="manager", metavar="登录名", help="以哪个用户的身份显示（默认 manager）")
    parser.add_argument("--case", metavar="案件号", help="case 界面显示的案件（默认最近登记的一件）")
    parser.add_argument("--size", default="1280x800", metavar="宽x高", help="窗口大小（默认 1280x800）")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN",), help="界面语言（默认 zh_CN）")
    parser.set_defaults(handler=run)


def _size(text: str) -> tuple[int, int]:
    match = _SIZE.match(text.strip())
    if not match:
        raise DomainError(f"窗口大小“{text[:20]}”无效，请按 1280x800 的格式填写。")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise DomainError("窗口大小必须在 320x240 到 7680x4320 之间。")
    return width, height


def _case_id(args) -> int | None:
    if args.case:
        return load_case(args.case).id
    latest = Complaint.select().where(Complaint.deleted == False).order_by(Complaint.received_at.desc()).first()  # noqa: E712
    return latest.id if latest else None


def run(args) -> int:
    width, height = _size(args.size)
    check_output(args.output, (".png",))
    open_from_args(args)
    user = User.get_or_none((User.username == args.user) & (User.active == True))  # noqa: E712
    if user is None:
        raise DomainError(f"找不到启用的用户“{args.user}”。")
    case_id = _case_id(args) if args.view == "case" or args.case else None
    if args.render_screen is None:
        raise DomainError("截图要用图形界面：请用 python main.py screenshot … 运行。")
    path = args.render_screen(user, args.view, args.output, (width, height), case_id, args.lang, args.database_url)
    print(f"已保存截图：{path}")
    return 0
