"""E-mail against a local SMTP server (aiosmtpd) with STARTTLS or SSL and a sign-in, its
certificate made for 127.0.0.1 and trusted through SSL_CERT_FILE as a system store would be."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from studio_desk import clock
from studio_desk.notify.channels import save_channel
from studio_desk.notify.sender import send_pending, send_test
from tests.board_factory import register

USER, PASSWORD = "studio@example.com", "auth-code-1234"
# The SSL server is told not to require STARTTLS (see mail_server), which aiosmtpd warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 as a real server does


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["starttls", "ssl"])
def mail_server(request, certificate, monkeypatch):
    import ssl

    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = _free_port()
    # With SSL from the first byte aiosmtpd does not see the TLS it sits in, so it is told not to ask for STARTTLS.
    tls = (
        {"tls_context": context, "require_starttls": True}
        if request.param == "starttls"
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=_authenticator, auth_required=True, **tls
    )
    controller.start()
    yield request.param, port, inbox
    controller.stop()


def _mail_channel(manager, security, port, password=PASSWORD, **data):
    return save_channel(
        manager,
        None,
        {
            "kind": "email",
            "smtp": f"127.0.0.1:{port}",
            "user": USER,
            "password": password,
            "to": "boss@example.com, 店长@example.com",
            "security": security,
            **data,
        },
    )


def test_a_major_complaint_is_mailed(sqlite_studio, mail_server, frozen_now):
    security, port, inbox = mail_server
    _mail_channel(sqlite_studio["manager"], security, port)
    case = register(sqlite_studio["front"], customer_name="王小明", phone="13812345678", safety_issue=True)
    assert send_pending().sent == 1
    [message] = inbox.messages
    assert message["Subject"] == f"[花嫁摄影工作室] 新的重大投诉 {case.case_no}"
    assert message["To"] == "boss@example.com, 店长@example.com" and message["From"] == USER
    body = message.get_content()
    assert case.case_no in body and "138****5678" in body and "13812345678" not in body


def test_the_daily_summary_is_mailed_with_its_pdf(sqlite_studio, mail_server, frozen_now):
    from io import BytesIO

    from pypdf import PdfReader

    security, port, inbox = mail_server
    _mail_channel(sqlite_studio["manager"], security, port, events=["daily"])
    case = register(sqlite_studio["front"])
    with clock.frozen(frozen_now.replace(hour=18, minute=5)):
        assert send_pending().sent == 1
    [message] = inbox.messages
    assert "今日新增 1 件" in message.get_body(("plain",)).get_content()
    [pdf] = list(message.iter_attachments())
    assert pdf.get_filename() == "每日工作小结-20261123.pdf"
    text = PdfReader(BytesIO(pdf.get_content())).pages[0].extract_text()
    assert "每日工作小结" in text and case.case_no in text and "员工处罚" not in text


def test_a_wrong_authorisation_code_fails_for_good(sqlite_studio, mail_server, frozen_now):
    security, port, inbox = mail_server
    channel = _mail_channel(sqlite_studio["manager"], security, port, password="wrong")
    outcome = send_test(sqlite_studio["manager"], channel.id)
    assert outcome.status == "failed" and "授权码" in outcome.detail and "wrong" not in outcome.detail, outcome
    assert inbox.messages == []


def test_a_mail_server_that_is_down_is_retried(sqlite_studio, certificate, monkeypatch, frozen_now):
    channel = _mail_channel(sqlite_studio["manager"], "ssl", _free_port())
    register(sqlite_studio["front"], safety_issue=True)
    report = send_pending()
    assert report.retrying == 1 and "无法连接邮件服务器" in report.problems[0]
    assert send_test(sqlite_studio["manager"], channel.id).status == "retry"
    assert send_pending(frozen_now + timedelta(seconds=10)).retrying == 0  # waiting out its back-off


def test_an_untrusted_certificate_is_refused(sqlite_studio, mail_server, monkeypatch, frozen_now):
    security, port, inbox = mail_server
    monkeypatch.delenv("SSL_CERT_FILE")
    channel = _mail_channel(sqlite_studio["manager"], security, port)
    outcome = send_test(sqlite_studio["manager"], channel.id)
    assert outcome.status == "failed" and "证书" in outcome.detail
