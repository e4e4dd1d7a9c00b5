"""Adds the backup and move entries to the main window's 数据 menu (found by MainWindow.install_extensions)."""

from __future__ import annotations

from ui.backup.actions import backup_actions
from ui.backup.move_action import MoveAction


def install(window) -> None:
    for action in backup_actions(window.session, window):
        window.add_menu_action("data", action)
    window.add_menu_action("data", MoveAction(window.session, window).action)
