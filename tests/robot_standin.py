"""A local stand-in (127.0.0.1 only) for the group robots' webhook APIs, for the notification tests.

It plays 企业微信 (``/cgi-bin/webhook/send?key=``), 钉钉 (``/robot/send?access_token=``, 加签 checked
from the query's timestamp and sign) and 飞书 (``/open-apis/bot/v2/hook/<token>``, 签名 checked
from the body), with each one's success and error replies and WeCom's limit of 20 messages a
minute (errcode 45009; :meth:`RobotStandIn.next_minute` starts a new minute). It can be taken
down and brought up again on the same port, answer with HTTP errors or non-JSON, hang up after
reading a request, or hold one unanswered ("stall") while a test kills the sender.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DINGTALK_TOKEN, DINGTALK_SECRET = "d1ngtalk-token", "SECa1b2c3d4e5f6"
FEISHU_TOKEN, FEISHU_SECRET = "f3ishu-token", "fs-secret-xyz"


class RobotStandIn:
    def __init__(self) -> None:
        self.received: list[tuple[str, dict]] = []  # (kind, body) of every accepted message
        self.requests = 0
        self.wecom_this_minute = 0
        self.script: list[object] = []  # next replies: an int errcode, ("http", status), "garbage" or "hangup"
        self.lock = threading.Lock()
        self.stalled = threading.Event()  # a "stall" request has arrived and is being held
        self.release = threading.Event()  # lets a held request go (without an answer)
        self.server: ThreadingHTTPServer | None = None
        self.port = 0
        self.up()

    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, kind: str) -> str:
        return {
            "wecom": f"{self.base()}/cgi-bin/webhook/send?key={WECOM_KEY}",
            "dingtalk": f"{self.base()}/robot/send?access_token={DINGTALK_TOKEN}",
            "feishu": f"{self.base()}/open-apis/bot/v2/hook/{FEISHU_TOKEN}",
        }[kind]

    def up(self) -> None:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                stand_in.handle(self)

            def log_message(self, *args) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        if self.server is not None:
            self.down()

    def down(self) -> None:
        """Stop listening: a connection is refused, as when the network or the service is down."""
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()
        self.server = None

    def next_minute(self) -> None:
        self.wecom_this_minute = 0

    def texts(self) -> list[str]:
        """The text of every accepted message (WeCom/DingTalk: text.content; Feishu: content.text)."""
        return [body["text"]["content"] if "text" in body else body["content"]["text"] for _, body in self.received]

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        body = json.loads(h.rfile.read(int(h.headers["Content-Length"])).decode("utf-8"))
        parts = urlsplit(h.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if self.script and self.script[0] == "stall":
            with self.lock:
                self.requests += 1
                self.script.pop(0)
            self.stalled.set()
            self.release.wait(30)  # the sender is killed meanwhile; then the connection is simply closed
            return
        with self.lock:
            self.requests += 1
            scripted = self.script.pop(0) if self.script else None
            if scripted == "hangup":
                h.close_connection = True
                h.connection.shutdown(2)
                return
            if isinstance(scripted, tuple):
                return self.reply(h, {"error": "scripted"}, scripted[1])
            if scripted == "garbage":
                return self.reply_raw(h, b"<html>portal</html>", "text/html")
            if parts.path == "/cgi-bin/webhook/send":
                kind, answer = "wecom", self.wecom(query, scripted)
            elif parts.path == "/robot/send":
                kind, answer = "dingtalk", self.dingtalk(query, scripted)
            elif parts.path.startswith("/open-apis/bot/v2/hook/"):
                kind, answer = "feishu", self.feishu(parts.path.rsplit("/", 1)[1], body, scripted)
            else:
                return self.reply(h, {"error": "not found"}, 404)
            if answer.get("errcode", answer.get("code")) == 0:
                self.received.append((kind, body))
        self.reply(h, answer)

    def wecom(self, query: dict, scripted) -> dict:
        if query.get("key") != WECOM_KEY:
            return {"errcode": 93000, "errmsg": "invalid webhook url"}
        if isinstance(scripted, int):
            return {"errcode": scripted, "errmsg": "scripted error"}
        if self.wecom_this_minute >= 20:
            return {"errcode": 45009, "errmsg": "api freq out of limit"}
        self.wecom_this_minute += 1
        return {"errcode": 0, "errmsg": "ok"}

    def dingtalk(self, query: dict, scripted) -> dict:
        if query.get("access_token") != DINGTALK_TOKEN:
            return {"errcode": 300001, "errmsg": "token is not exist"}
        stamp = query.get("timestamp", "0")
        wanted = base64.b64encode(
            hmac.new(DINGTALK_SECRET.encode(), f"{stamp}\n{DINGTALK_SECRET}".encode(), hashlib.sha256).digest()
        ).decode()
        # parse_qs already undid the URL encoding once; the sign is compared as DingTalk does.
        if query.get("sign") != wanted or abs(int(stamp) / 1000 - time.time()) > 3600:
            return {"errcode": 310000, "errmsg": "sign not match"}
        if isinstance(scripted, int):
            return {"errcode": scripted, "errmsg": "scripted error"}
        return {"errcode": 0, "errmsg": "ok"}

    def feishu(self, token: str, body: dict, scripted) -> dict:
        if token != FEISHU_TOKEN:
            return {"code": 19001, "msg": "param invalid: incoming webhook access token invalid"}
        stamp = body.get("timestamp", "0")
        wanted = base64.b64encode(hmac.new(f"{stamp}\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest())
        if body.get("sign") != wanted.decode() or abs(int(stamp) - time.time()) > 3600:
            return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        if isinstance(scripted, int):
            return {"code": scripted, "msg": "scripted error"}
        return {"code": 0, "msg": "success", "data": {}}

    @staticmethod
    def reply(h: BaseHTTPRequestHandler, answer: dict, status: int = 200) -> None:
        RobotStandIn.reply_raw(h, json.dumps(answer).encode(), "application/json", status)

    @staticmethod
    def reply_raw(h: BaseHTTPRequestHandler, raw: bytes, content_type: str, status: int = 200) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(raw)))
        h.end_headers()
        h.wfile.write(raw)
