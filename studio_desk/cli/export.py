"""``main.py export …``: the register as Excel, a case sheet, a slip, a meeting pack or a customer's
personal-data copy as PDF.

The command line acts as a user, because every export checks rights and is audited:
``--user LOGIN`` names them; without it, the first active 店长 (store manager) account.
"""

from __future__ import annotations

import argparse
from datetime import date

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.errors import DomainError
from studio_desk.validation import parse_date

USER_HELP = "以该用户身份导出（记入操作记录）；默认：第一个启用的店长账号"


def register(subparsers) -> None:
    parser = subparser(subparsers, "export", "导出：投诉登记表（Excel）、投诉处理单、回执、会议资料（PDF）")
    kinds = parser.add_subparsers(dest="kind", metavar="类型")
    kinds.required = True

    reg = subparser(kinds, "register", "导出投诉登记表（.xlsx 工作簿；输出文件为 .pdf 时导出打印版 PDF）")
    reg.add_argument("--from", dest="date_from", metavar="日期", help="受理日期起（含），如 2026-11-01")
    reg.add_argument("--to", dest="date_to", metavar="日期", help="受理日期止（含），如 2026-11-30")
    reg.add_argument("--full-phone", action="store_true", help="包含完整电话号码（需店长及以上权限，记入操作记录）")
    reg.set_defaults(handler=run_register)

    for name, help_text, handler in (("case", "导出投诉处理单（A4 PDF）", run_case),
                                     ("slip", "导出顾客回执（小张 PDF）", run_slip)):
        sub = subparser(kinds, name, help_text)
        sub.add_argument("case_no", metavar="案件编号", help="如 KS-20261123-001")
        sub.set_defaults(handler=handler)

    meeting = subparser(kinds, "meeting", "导出会议资料（封面 + 每个案件的处理单，PDF）")
    which = meeting.add_mutually_exclusive_group()
    which.add_argument("--date", metavar="日期", help="该日受理的全部投诉（默认今天）")
    which.add_argument("--open", action="store_true", help="全部未结案件（超时的排在前面）")
    meeting.set_defaults(handler=run_meeting)

    copy = subparser(kinds, "customer", "导出顾客个人信息副本（该顾客全部案件，PDF；需店长及以上权限）")
    copy.add_argument("phone", metavar="电话", help="顾客的电话号码（或微信号、姓名，须只对应一位顾客）")
    copy.set_defaults(handler=run_customer_copy)

    for sub in (reg, *[kinds.choices[n] for n in ("case", "slip")], meeting, copy):
        add_db_arguments(sub)
        sub.add_argument("--user", metavar="登录名", help=USER_HELP)
        sub.add_argument("-o", "--output", metavar="文件", required=True, help="输出文件")


def acting_user(args: argparse.Namespace):
    """The user named by --user, or the first active store manager."""
    from studio_desk.models import User

    if getattr(args, "user", None):
        user = User.get_or_none(User.username == args.user)
        if user is None:
            raise DomainError(f"找不到用户“{args.user[:40]}”。")
        return user
    user = User.select().where((User.role == "manager") & (User.active == True)).order_by(User.id).first()  # noqa: E712
    if user is None:
        raise DomainError("数据库中没有启用的店长账号，请用 --user 指定导出人。")
    return user


def open_output(args: argparse.Namespace, suffixes: tuple[str, ...]) -> None:
    """Refuse a bad ``-o`` before anything is read, then open the database."""
    from studio_desk.exports.files import check_output

    check_output(args.output, suffixes)
    open_from_args(args)


def day(text: str | None, what: str) -> date | None:
    """A date from the command line; years outside 2000-2999 are refused (a typo, and the day
    after 9999-12-31 does not exist for the range arithmetic)."""
    if not text:
        return None
    try:
        value = parse_date(text)
    except ValueError as exc:
        raise DomainError(f"{what}：{exc}") from None
    if not 2000 <= value.year <= 2999:
        raise DomainError(f"{what}：{value:%Y-%m-%d} 超出范围，请填写 2000 到 2999 年之间的日期。")
    return value


def run_register(args: argparse.Namespace) -> int:
    open_output(args, (".xlsx", ".pdf"))
    date_from, date_to = day(args.date_from, "起始日期"), day(args.date_to, "截止日期")
    if date_from and date_to and date_from > date_to:
        raise DomainError(f"起始日期 {date_from} 晚于截止日期 {date_to}。")
    if args.output.lower().endswith(".pdf"):
        if args.full_phone:
            raise DomainError("PDF 登记表（打印版）不含电话号码，不能使用 --full-phone。")
        from studio_desk.exports.register_pdf import export_register_pdf

        path = export_register_pdf(acting_user(args), args.output, date_from=date_from, date_to=date_to)
        print(f"已导出投诉登记表（PDF）：{path}")
        return 0
    from studio_desk.exports.register_xlsx import export_register

    path = export_register(acting_user(args), args.output, date_from=date_from, date_to=date_to,
                           include_full_phone=args.full_phone)
    print(f"已导出投诉登记表：{path}")
    return 0


def run_case(args: argparse.Namespace) -> int:
    from studio_desk.exports.case_sheet import write_case_sheet

    open_output(args, (".pdf",))
    print(f"已导出投诉处理单：{write_case_sheet(acting_user(args), args.case_no, args.output)}")
    return 0


def run_slip(args: argparse.Namespace) -> int:
    from studio_desk.exports.slip import write_slip

    open_output(args, (".pdf",))
    print(f"已导出回执：{write_slip(acting_user(args), args.case_no, args.output)}")
    return 0


def run_meeting(args: argparse.Namespace) -> int:
    from studio_desk.exports.meeting import write_meeting_pack

    open_output(args, (".pdf",))
    path = write_meeting_pack(acting_user(args), args.output, day=day(args.date, "日期"), open_only=args.open)
    print(f"已导出会议资料：{path}")
    return 0


def run_customer_copy(args: argparse.Namespace) -> int:
    from studio_desk.exports.customer_copy import write_customer_copy
    from studio_desk.services.privacy import find_customers

    open_from_args(args)
    user = acting_user(args)
    found = find_customers(user, args.phone)
    if len(found) != 1:
        raise DomainError(f"“{args.phone[:40]}”对应 {len(found)} 位顾客，请用电话号码指定一位。")
    print(f"已导出个人信息副本：{write_customer_copy(user, found[0].customer_id, args.output)}")
    return 0
