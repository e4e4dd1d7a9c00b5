"""Starts the desk's notification sender with its status-bar count, and adds 立即发送通知 to the
数据 menu (found by MainWindow.install_extensions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from ui.notify.sender import DeskSender


def install(window) -> None:
    window.notify_sender = DeskSender(window.session, window)
    window.statusBar().addPermanentWidget(window.notify_sender.label)
    action = QAction(QCoreApplication.translate("NotifyMenu", "Send notifications now"), window)
    action.setObjectName("send_notifications")
    action.triggered.connect(window.notify_sender.run)
    window.add_menu_action("data", action)
