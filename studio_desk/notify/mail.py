"""E-mail over SMTP with SSL (port 465) or STARTTLS (port 587), e.g. the studio's QQ or 163 mailbox
signed in with its authorisation code (授权码). Never in plain text: the password would cross
the network readable. One call of :func:`deliver` is one attempt.

Until the message is handed over (connecting, TLS, sign-in) a failure means nothing was sent:
retry, or fail for good when the server refuses the sign-in or the certificate. Once the message
is being handed over, a refusal with a 4xx code is temporary and a 5xx one final; a dropped
connection is ``unknown`` (the server may have accepted it).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from studio_desk.notify.outbox import Outcome, network_reason

TIMEOUT = 20  # seconds
SECURITY = {"ssl": "SSL", "starttls": "STARTTLS"}


def recipients(to: str) -> list[str]:
    return [a.strip() for a in to.replace("；", ",").replace(";", ",").replace("，", ",").split(",") if a.strip()]


def build(sender: str, to: str, subject: str, text: str, pdf: tuple[str, bytes] | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients(to))
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text)
    if pdf is not None:
        message.add_attachment(pdf[1], maintype="application", subtype="pdf", filename=pdf[0])
    return message


def _connect(config: dict, password: str) -> smtplib.SMTP | Outcome:
    """A signed-in connection, or why there is none (nothing was sent yet)."""
    host, port, user = config["host"], int(config["port"]), config["user"]
    context = ssl.create_default_context()
    server: smtplib.SMTP | None = None
    try:
        if config.get("security") == "ssl":
            server = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
        else:
            server = smtplib.SMTP(host, port, timeout=TIMEOUT)
            server.starttls(context=context)
        if user:
            server.login(user, password)
        return server
    except smtplib.SMTPAuthenticationError:
        outcome = Outcome("failed", "邮箱登录失败：请检查用户名和授权码（不是登录密码）")
    except smtplib.SMTPNotSupportedError:
        outcome = Outcome("failed", "邮件服务器不支持 STARTTLS：请改用 SSL（通常是 465 端口）")
    except ssl.SSLCertVerificationError as exc:
        outcome = Outcome("failed", f"邮件服务器的证书无法验证：{exc.verify_message}")
    except (OSError, smtplib.SMTPException) as exc:
        outcome = Outcome("retry", f"无法连接邮件服务器：{network_reason(exc)}")
    if server is not None:
        server.close()
    return outcome


def deliver(config: dict, password: str, subject: str, text: str, pdf: tuple[str, bytes] | None = None) -> Outcome:
    message = build(config.get("sender") or config["user"], config["to"], subject, text, pdf)
    server = _connect(config, password)
    if isinstance(server, Outcome):
        return server
    try:
        with server:
            server.send_message(message)
    except smtplib.SMTPRecipientsRefused:
        return Outcome("failed", "收件地址被邮件服务器拒绝：请检查收件人")
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            return Outcome("retry", f"邮件服务器暂时不接收（{exc.smtp_code}）")
        return Outcome("failed", f"邮件服务器拒绝了邮件（{exc.smtp_code}）")
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome("unknown", f"邮件已发出但连接中断（{network_reason(exc)}），不自动重发以免重复")
    return Outcome("sent")
