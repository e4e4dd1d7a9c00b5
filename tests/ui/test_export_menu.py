"""The main window's 导出 menu: entries by role, and each opens its dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


def _entries(window) -> dict[str, object]:
    return {a.text(): a for a in window.menu("export").actions() if not a.isSeparator()}


def test_manager_sees_export_print_and_import(make_window):
    window = make_window("manager")
    entries = _entries(window)
    assert {text for text, a in entries.items() if a.isVisible()} == {
        "导出投诉登记表（Excel 或 PDF）…", "打印会议资料…", "从 Excel 导入登记表…"}
    assert window.menu("export").menuAction().isVisible()
    assert window.menu("export").title().startswith("导出")


def test_receptionist_cannot_import(make_window):
    window = make_window("front")
    visible = {text for text, a in _entries(window).items() if a.isVisible()}
    assert "从 Excel 导入登记表…" not in visible
    assert "导出投诉登记表（Excel 或 PDF）…" in visible


def test_switching_user_updates_the_entries(make_window, sqlite_studio):
    window = make_window("manager")
    window.session.sign_in(sqlite_studio["front"])
    assert not _entries(window)["从 Excel 导入登记表…"].isVisible()


def test_export_entry_opens_the_register_dialog(make_window, qtbot):
    window = make_window("manager")
    seen: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(50, close_dialog)

    QTimer.singleShot(50, close_dialog)
    _entries(window)["导出投诉登记表（Excel 或 PDF）…"].trigger()
    assert seen and "登记表" in seen[0]
