"""The names of channel kinds and events as the desk shows them (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_names() -> dict[str, str]:
    return {
        "wecom": QCoreApplication.translate("NotifyLabels", "WeCom group robot"),
        "dingtalk": QCoreApplication.translate("NotifyLabels", "DingTalk group robot"),
        "feishu": QCoreApplication.translate("NotifyLabels", "Feishu group robot"),
        "email": QCoreApplication.translate("NotifyLabels", "E-mail"),
    }


def event_names() -> dict[str, str]:
    return {
        "major": QCoreApplication.translate("NotifyLabels", "New major complaint"),
        "overdue": QCoreApplication.translate("NotifyLabels", "Not assessed within 24 h, or overdue"),
        "approval": QCoreApplication.translate(
            "NotifyLabels", "Waiting for the executive's approval (above the manager's limit)"
        ),
        "unsatisfied": QCoreApplication.translate("NotifyLabels", "Follow-up: customer not satisfied"),
        "daily": QCoreApplication.translate("NotifyLabels", "Daily summary at closing time (PDF by e-mail)"),
    }
