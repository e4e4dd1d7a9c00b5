"""The 导出 menu of the main window (found by MainWindow.install_extensions): the Excel register,
the import wizard and the meeting pack. Entries the signed-in role may not use are hidden; the
core services refuse them anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from studio_desk.permissions import allowed


def install(window) -> None:
    import ui.exports as exports  # entry points load openpyxl/reportlab only when chosen

    session = window.session
    entries = (
        (QCoreApplication.translate("ExportMenu", "Export the register (Excel or PDF)…"), "export", "Ctrl+E",
         lambda: exports.export_register_dialog(session, window)),
        (QCoreApplication.translate("ExportMenu", "Print the meeting pack…"), "export", None,
         lambda: exports.print_meeting_pack(session, window)),
        (QCoreApplication.translate("ExportMenu", "Import a register from Excel…"), "import", None,
         lambda: exports.import_register_wizard(session, window)),
    )
    actions = []
    for text, right, shortcut, slot in entries:
        action = QAction(text, window)
        action.setObjectName(f"export_action_{len(actions)}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        window.add_menu_action("export", action)
        actions.append((action, right))

    def user_changed(user) -> None:
        for action, right in actions:
            action.setVisible(user is not None and allowed(user.role, right))

    session.user_changed.connect(user_changed)
    user_changed(session.user)

