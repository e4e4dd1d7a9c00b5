"""Help → 关于: the version and the folders where the studio's data really is; the icon on every
window; the shared database's password never shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from studio_desk import __version__, backup, settings
from studio_desk.services import admin
from ui.about import AboutDialog, without_password
from ui.icon import icon_path
from ui.ops import runner
from ui.session import Session


def _about(qtbot, main_window) -> AboutDialog:
    action = next(a for a in main_window.menu("help").actions() if a.text() == "关于影楼客怨处理台")
    action.trigger()
    dialog = main_window.findChild(AboutDialog)
    qtbot.waitExposed(dialog)
    assert runner().wait_idle()  # the backup folder is read off the GUI thread
    return dialog


def test_about_shows_the_version_and_the_data_folders(qtbot, main_window, sqlite_studio):
    db = main_window.session.db_path
    dialog = _about(qtbot, main_window)
    assert dialog.windowTitle() == "关于影楼客怨处理台"
    assert dialog.version_label.text() == f"版本 {__version__}"
    shown = {key: label.text() for key, label in dialog.places.items()}
    assert shown == {
        "data": str(db.parent),
        "database": str(db),
        "attachments": str(db.parent / f"{db.stem}_files"),
        "backups": str(db.parent / "backups"),
    }
    buttons = dialog.findChild(QDialogButtonBox)
    assert {b.text() for b in buttons.buttons()} == {"打开数据文件夹", "关闭"}  # 关闭: Qt's own translation


def test_about_shows_the_backup_folder_chosen_in_the_settings(qtbot, main_window, sqlite_studio, tmp_path):
    chosen = tmp_path / "U盘备份"
    admin.update_settings(sqlite_studio["manager"], {"backup_dir": str(chosen)})
    assert settings.get("backup_dir") == str(chosen)
    assert _about(qtbot, main_window).places["backups"].text() == str(chosen)


def test_the_backup_folder_is_read_while_the_window_keeps_painting(qtbot, main_window, held, keeps_ticking):
    gate, calls = held(backup, "configured_folder")
    action = next(a for a in main_window.menu("help").actions() if a.text() == "关于影楼客怨处理台")
    action.trigger()
    dialog = main_window.findChild(AboutDialog)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    keeps_ticking()
    assert dialog.places["backups"].text() == "…" and dialog.places["database"].text() == str(
        main_window.session.db_path
    )
    gate.set()
    assert runner().wait_idle()
    assert dialog.places["backups"].text() == str(main_window.session.db_path.parent / "backups")


def test_a_shared_database_is_shown_without_its_password(qtbot, sqlite_studio):
    url = "postgresql://studiodesk:s3cr%40t@192.168.1.10/studiodesk"
    assert without_password(url) == "postgresql://studiodesk:***@192.168.1.10/studiodesk"
    assert without_password("postgresql://desk@server/studiodesk") == "postgresql://desk@server/studiodesk"
    dialog = AboutDialog(Session(None, url, None))
    qtbot.addWidget(dialog)
    assert dialog.places["database"].text() == "postgresql://studiodesk:***@192.168.1.10/studiodesk"
    assert "backups" not in dialog.places  # a server is backed up with pg_dump, not by the desk


def test_every_window_has_the_icon():
    assert icon_path().is_file() and icon_path().parent.joinpath("studiodesk.ico").is_file()
    sizes = QApplication.windowIcon().availableSizes()
    assert sizes and max(size.width() for size in sizes) == 256


def test_the_icon_is_found_in_a_bundle_too(monkeypatch, tmp_path):
    """In the packaged program resources/ lies in the folder PyInstaller names in sys._MEIPASS."""
    import sys

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icon_path() == Path(tmp_path) / "resources" / "icon" / "studiodesk.png"
