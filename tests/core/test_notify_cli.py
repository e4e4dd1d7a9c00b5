"""``main.py notify …`` as a scheduled task would run it: a real process, its clock pinned with
faketime, a WeCom robot played by the local stand-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio_desk.db import close_database
from studio_desk.models import NotifyOutbox
from tests.board_factory import register
from tests.core.notifykit import robots_fixture  # noqa: F401 (the robots fixture)
from tests.robot_standin import WECOM_KEY

ROOT = Path(__file__).resolve().parents[2]


def notify(db: Path, *args: str, at: str = "2026-11-23 10:05:00") -> subprocess.CompletedProcess:
    """``main.py notify ARGS --db DB`` at the pinned time ``at`` (frozen there by faketime)."""
    command = ["faketime", "-f", f"@{at}", sys.executable, str(ROOT / "main.py"), "notify", *args, "--db", str(db)]
    # Under CI's own faketime run, the outer libfaketime is left out so that this pin is the only one.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, timeout=60, env={**env, "PYTHONDONTWRITEBYTECODE": "1"}
    )


@pytest.fixture
def studio_file(sqlite_studio, sqlite_db, frozen_now):
    path = Path(sqlite_db.database)
    yield path


def test_a_major_complaint_reaches_the_wecom_group_once_even_when_it_was_down(studio_file, sqlite_studio, robots):
    added = notify(studio_file, "add", "wecom", "--url", robots.url("wecom"), "--name", "店长群")
    assert added.returncode == 0, added.stderr
    assert WECOM_KEY not in added.stdout and "店长群" in added.stdout
    case = register(sqlite_studio["front"], customer_name="王小明", phone="13812345678", safety_issue=True)
    close_database()

    robots.down()
    failed = notify(studio_file, "send-pending")
    assert failed.returncode == 1
    assert failed.stderr.startswith("错误：") and failed.stderr.count("\n") == 1 and "连接被拒绝" in failed.stderr
    robots.up()
    assert notify(studio_file, "send-pending", at="2026-11-23 10:05:10").stdout == "已送达 0 条通知。\n"  # backing off
    sent = notify(studio_file, "send-pending", at="2026-11-23 10:06:00")
    assert (sent.returncode, sent.stdout) == (0, "已送达 1 条通知。\n"), sent.stderr
    again = notify(studio_file, "send-pending", at="2026-11-23 10:07:00")
    assert (again.returncode, again.stdout) == (0, "已送达 0 条通知。\n")

    [text] = robots.texts()
    assert case.case_no in text and "138****5678" in text and "13812345678" not in text
    listed = notify(studio_file, "list")
    assert listed.returncode == 0 and WECOM_KEY not in listed.stdout
    assert "未送达的通知：0 条" in listed.stdout and "已送达" in listed.stdout and case.case_no in listed.stdout
    assert NotifyOutbox.get().attempts == 2


def test_test_and_add_errors_are_one_chinese_line(studio_file, sqlite_studio, robots):
    close_database()
    assert notify(studio_file, "test").stderr.startswith("错误：没有可测试的通知渠道")
    added = notify(studio_file, "add", "dingtalk", "--url", robots.url("dingtalk"), "--secret", "SECwrong")
    assert added.returncode == 0 and "钉钉自定义机器人“钉钉自定义机器人”" not in added.stdout  # unnamed: the kind once
    tested = notify(studio_file, "test")
    assert tested.returncode == 1 and tested.stderr.startswith("错误：测试消息发送失败") and "310000" in tested.stderr
    bad = notify(
        studio_file,
        "add",
        "email",
        "--smtp",
        "smtp.qq.com",
        "--user",
        "a@qq.com",
        "--password",
        "p",
        "--to",
        "b@qq.com",
    )
    assert bad.returncode == 1 and bad.stderr.startswith("错误：邮件服务器格式") and bad.stderr.count("\n") == 1
    refused = notify(studio_file, "list", "--user", "front")
    assert refused.returncode == 1 and "无权修改设置" in refused.stderr


def test_a_sender_killed_while_the_robot_holds_the_request_never_sends_it_again(studio_file, sqlite_studio, robots):
    import signal

    assert notify(studio_file, "add", "wecom", "--url", robots.url("wecom")).returncode == 0
    case = register(sqlite_studio["front"], safety_issue=True)
    close_database()
    robots.script.append("stall")
    command = [
        "faketime",
        "-f",
        "@2026-11-23 10:05:00",
        sys.executable,
        str(ROOT / "main.py"),
        "notify",
        "send-pending",
        "--db",
        str(studio_file),
    ]
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    sender = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        assert robots.stalled.wait(30)  # the request is at the robot, the sender waits for the answer…
    finally:
        os.killpg(sender.pid, signal.SIGKILL)  # … and the power goes off (faketime and the program under it)
        sender.wait(30)
    robots.release.set()

    assert notify(studio_file, "send-pending", at="2026-11-23 10:10:00").stdout == "已送达 0 条通知。\n"
    told = notify(studio_file, "send-pending", at="2026-11-23 10:20:00")  # the claim is now stale
    assert told.returncode == 1 and "无法确定是否已送达" in told.stderr
    assert notify(studio_file, "send-pending", at="2026-11-23 10:30:00").returncode == 0
    assert robots.requests == 1 and robots.received == []  # never sent a second time by itself
    assert "结果未知" in notify(studio_file, "list").stdout
    assert notify(studio_file, "resend").returncode == 0  # the manager decides: send it again
    assert notify(studio_file, "send-pending", at="2026-11-23 10:31:00").returncode == 0
    assert len(robots.received) == 1 and case.case_no in robots.texts()[0]
