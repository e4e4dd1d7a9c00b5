"""``main.py notify …``: set up the notification channels and deliver the outbox.

``notify send-pending`` is meant for a scheduled task (cron, Task Scheduler) while the desk is
closed: it queues what time brought (overdue cases, the day's summary) and delivers every due
message. A delivery that failed makes the command exit 1 with one Chinese line; the message
stays queued and is retried at the next run after its back-off.
"""

from __future__ import annotations

import argparse

from studio_desk.cli import add_db_arguments, open_from_args, subparser
from studio_desk.cli.export import acting_user
from studio_desk.errors import DomainError

USER_HELP = "以该用户身份操作（需店长及以上，记入操作记录）；默认：第一个启用的店长账号"
STATUS = {"pending": "待发送", "sending": "发送中", "sent": "已送达", "failed": "发送失败", "unknown": "结果未知"}


def register(subparsers) -> None:
    parser = subparser(subparsers, "notify", "通知：企业微信、钉钉、飞书群机器人和电子邮件")
    verbs = parser.add_subparsers(dest="verb", metavar="操作")
    verbs.required = True
    add = subparser(verbs, "add", "添加通知渠道（新渠道接收全部事件）")
    kinds = add.add_subparsers(dest="kind", metavar="类型")
    kinds.required = True
    for kind, help_text in (
        ("wecom", "企业微信群机器人"),
        ("dingtalk", "钉钉自定义机器人（加签）"),
        ("feishu", "飞书自定义机器人（签名校验）"),
    ):
        sub = subparser(kinds, kind, help_text)
        sub.add_argument("--url", required=True, metavar="地址", help="机器人的 Webhook 地址")
        if kind != "wecom":
            sub.add_argument("--secret", required=True, metavar="密钥", help="安全设置中的加签/签名校验密钥")
    email = subparser(kinds, "email", "电子邮件（SMTP，SSL 或 STARTTLS）")
    email.add_argument("--smtp", required=True, metavar="主机:端口", help="如 smtp.qq.com:465")
    email.add_argument("--user", dest="mail_user", required=True, metavar="邮箱", help="发件邮箱账号")
    email.add_argument("--password", required=True, metavar="授权码", help="邮箱的授权码（不是登录密码）")
    email.add_argument("--to", required=True, metavar="收件人", help="收件地址，多个用逗号分开")
    security = email.add_mutually_exclusive_group()
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl", help="SSL（465 端口默认）")
    security.add_argument(
        "--starttls", dest="security", action="store_const", const="starttls", help="STARTTLS（587 等端口默认）"
    )
    for sub in kinds.choices.values():
        sub.add_argument("--name", metavar="名称", help="渠道名称，如 店长群")
        sub.set_defaults(handler=run_add)
    for name, help_text, handler in (
        ("list", "列出通知渠道和最近的消息", run_list),
        ("test", "向通知渠道发送测试消息", run_test),
        ("send-pending", "发送待发送的通知（供计划任务使用）", run_send),
        ("resend", "重新发送失败或结果未知的通知", run_resend),
        ("remove", "删除通知渠道", run_remove),
    ):
        sub = subparser(verbs, name, help_text)
        if name in ("test", "remove"):
            sub.add_argument(
                "--channel",
                type=int,
                required=name == "remove",
                metavar="编号",
                help="渠道编号（notify list 中的编号）" + ("；默认全部渠道" if name == "test" else ""),
            )
        sub.set_defaults(handler=handler)
    for sub in (
        *kinds.choices.values(),
        *(verbs.choices[n] for n in ("list", "test", "send-pending", "resend", "remove")),
    ):
        add_db_arguments(sub)
        if sub is email:  # there --user is the mailbox, as mail programs name it
            sub.add_argument("--operator", dest="user", metavar="登录名", help=USER_HELP)
        elif sub is not verbs.choices["send-pending"]:
            sub.add_argument("--user", metavar="登录名", help=USER_HELP)


def run_add(args: argparse.Namespace) -> int:
    from studio_desk.notify.channels import save_channel

    open_from_args(args)
    data = {"kind": args.kind, "name": args.name}
    if args.kind == "email":
        data.update(smtp=args.smtp, user=args.mail_user, password=args.password, to=args.to, security=args.security)
    else:
        data.update(url=args.url, secret=getattr(args, "secret", ""))
    channel = save_channel(acting_user(args), None, data)
    print(f"已添加通知渠道 {channel.id}：{channel.title} → {channel.target}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from studio_desk.notify.channels import list_channels
    from studio_desk.notify.events import EVENTS
    from studio_desk.notify.outbox import recent, undelivered_count

    open_from_args(args)
    channels = list_channels(acting_user(args))
    if not channels:
        print("还没有通知渠道：用 notify add 添加。")
    for c in channels:
        events = "、".join(EVENTS[e] for e in c.events) or "（不接收任何事件）"
        print(f"{c.id}  {c.title}{'' if c.active else '（已停用）'}  {c.target}\n    事件：{events}")
    print(f"未送达的通知：{undelivered_count()} 条")
    for row in reversed(recent(10)):
        error = f"  {row.last_error}" if row.last_error and row.status != "sent" else ""
        print(f"  #{row.id} {row.created_at:%Y-%m-%d %H:%M} {STATUS[row.status]}  {row.title}{error}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from studio_desk.notify.channels import list_channels
    from studio_desk.notify.sender import send_test

    open_from_args(args)
    user = acting_user(args)
    channels = [c for c in list_channels(user) if args.channel in (None, c.id)]
    if not channels:
        raise DomainError(
            "没有可测试的通知渠道：请先用 notify add 添加。"
            if args.channel is None
            else f"找不到通知渠道 {args.channel}。"
        )
    problems = []
    for channel in channels:
        outcome = send_test(user, channel.id)
        if outcome.status == "sent":
            print(f"已发送测试消息：{channel.title}")
        else:
            problems.append(f"{channel.name}：{outcome.detail}")
    if problems:
        raise DomainError("测试消息发送失败（" + "；".join(problems) + "）")
    return 0


def run_send(args: argparse.Namespace) -> int:
    from studio_desk.notify.sender import send_pending

    open_from_args(args)
    report = send_pending()
    print(f"已送达 {report.sent} 条通知。")
    if not report.ok:
        raise DomainError(
            f"{len(report.problems)} 条通知未能送达（"
            + "；".join(report.problems[:3])
            + ("……" if len(report.problems) > 3 else "")
            + "）；暂时的故障会自动稍后重试，其余请检查渠道设置后用 notify resend 重发。"
        )
    return 0


def run_resend(args: argparse.Namespace) -> int:
    from studio_desk.notify.channels import resend_undelivered

    open_from_args(args)
    count = resend_undelivered(acting_user(args))
    print(f"已重新排队 {count} 条通知，将在下次发送时送出。")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from studio_desk.notify.channels import remove_channel

    open_from_args(args)
    remove_channel(acting_user(args), args.channel)
    print(f"已删除通知渠道 {args.channel}。")
    return 0
