"""Adds the backup entries to the main window's 数据 menu (found by MainWindow.install_extensions)."""

from __future__ import annotations

from ui.backup.actions import backup_actions


def install(window) -> None:
    for action in backup_actions(window.session, window):
        window.add_menu_action("data", action)
