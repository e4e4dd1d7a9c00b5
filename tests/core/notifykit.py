"""Fixtures of the notification tests: the robot stand-in and channels pointed at it."""

from __future__ import annotations

import pytest

from studio_desk.notify.channels import save_channel
from tests.robot_standin import DINGTALK_SECRET, FEISHU_SECRET, RobotStandIn


@pytest.fixture(name="robots")
def robots_fixture():
    stand_in = RobotStandIn()
    yield stand_in
    stand_in.close()


def add_robot(manager, robots: RobotStandIn, kind: str, **extra):
    data = {"kind": kind, "url": robots.url(kind), **extra}
    if kind != "wecom":
        data.setdefault("secret", DINGTALK_SECRET if kind == "dingtalk" else FEISHU_SECRET)
    return save_channel(manager, None, data)
