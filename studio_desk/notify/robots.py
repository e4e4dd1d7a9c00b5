"""Group robots over HTTPS (standard library only): 企业微信群机器人, 钉钉自定义机器人 (加签) and
飞书自定义机器人 (签名校验). One call of :func:`deliver` is one attempt; the sender retries.

Whether a failed request may be repeated depends on where it failed. urllib raises URLError
for a failure while connecting or sending (the robot cannot have acted on an incomplete
request: safe to retry), but lets errors while waiting for the reply through (the robot may
have posted the message: ``unknown``, never repeated automatically).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from studio_desk.notify.outbox import Outcome, network_reason

TIMEOUT = 15  # seconds
TEXT_LIMIT = 2000  # bytes of UTF-8: WeCom takes 2048 bytes of text, the others more. Ours are far shorter.
# Replies that mean "too fast / busy, try later": WeCom 45009 (20 a minute per robot), DingTalk
# 130101 (20 a minute), Feishu 11232; -1 is WeCom's and DingTalk's "system busy".
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101}, "feishu": {11232}}
BUSY = {-1}
RATE_WAIT = 60


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk 加签: Base64(HMAC-SHA256(key=secret, msg="timestamp\\nsecret")), URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Feishu 签名校验: Base64(HMAC-SHA256(key="timestamp\\nsecret", msg=empty))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def request_for(kind: str, url: str, secret: str, text: str) -> tuple[str, dict]:
    """The URL to POST to and the JSON body, signed with the current real time (the robots
    refuse a signature more than an hour off; the studio's clock is not involved)."""
    text = text.encode()[:TEXT_LIMIT].decode(errors="ignore")  # never half a character
    if kind == "wecom":
        return url, {"msgtype": "text", "text": {"content": text}}
    if kind == "dingtalk":
        body = {"msgtype": "text", "text": {"content": text}}
        if secret:
            stamp = int(time.time() * 1000)
            url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={dingtalk_sign(secret, stamp)}"
        return url, body
    if kind == "feishu":
        body: dict = {"msg_type": "text", "content": {"text": text}}
        if secret:
            stamp = int(time.time())
            body.update(timestamp=str(stamp), sign=feishu_sign(secret, stamp))
        return url, body
    raise ValueError(kind)


def deliver(kind: str, url: str, secret: str, text: str) -> Outcome:
    """POST ``text`` to the robot and read its answer. Never raises for the network or the robot."""
    target, body = request_for(kind, url, secret, text)
    data = json.dumps(body, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    try:
        request = urllib.request.Request(target, data=data, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:  # the robot's server answered with an error status
        if exc.code == 429 or exc.code >= 500:
            return Outcome("retry", f"服务器暂时不可用（HTTP {exc.code}）", RATE_WAIT if exc.code == 429 else 0)
        told = _read_reply(kind, exc.read(65536))  # the robot's own error code says more, when it gives one
        if told.status == "failed":
            return told
        return Outcome("failed", f"服务器拒绝（HTTP {exc.code}）：请检查 Webhook 地址")
    except urllib.error.URLError as exc:  # connecting or sending failed: nothing reached the robot
        return Outcome("retry", f"网络不通：{network_reason(exc.reason)}")
    except (ValueError, http.client.InvalidURL):  # refused before sending; the message would name the key
        return Outcome("failed", "Webhook 地址无效：请重新填写")
    except (OSError, http.client.HTTPException) as exc:  # sent, but no (whole) answer
        return Outcome("unknown", f"已发出但没有收到答复（{network_reason(exc)}），不自动重发以免重复")
    return _read_reply(kind, raw)


def _read_reply(kind: str, raw: bytes) -> Outcome:
    try:
        reply = json.loads(raw.decode("utf-8"))
        code = int(reply.get("errcode", reply.get("code", reply.get("StatusCode"))))
    except (ValueError, TypeError, AttributeError):
        # Not the robot's JSON: a Wi-Fi sign-in page or a proxy answered instead; the robot never saw it.
        return Outcome("retry", "答复不是机器人接口的格式（可能被网络登录页或代理拦截）")
    message = str(reply.get("errmsg") or reply.get("msg") or reply.get("StatusMessage") or "")[:200]
    if code == 0:
        return Outcome("sent")
    if code in RATE_LIMITED[kind]:
        return Outcome("retry", f"发送太频繁，稍后重试（错误码 {code}）", RATE_WAIT)
    if code in BUSY:
        return Outcome("retry", f"机器人服务繁忙（错误码 {code}）")
    return Outcome("failed", f"机器人拒绝了消息（错误码 {code}：{message}）")
