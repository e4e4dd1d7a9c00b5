"""The desk as a whole: start-up flow, tabs by role, shortcuts, status bar, sign-out (menu and idle),
window geometry, the CJK font and the --demo start."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from studio_desk import clock
from studio_desk.errors import PermissionDenied
from studio_desk.services import admin, intake
from tests.conftest import T0
from ui import fonts
from ui.app import Desk, open_studio, parse_args
from ui.main_window import MainWindow
from ui.ops import runner
from ui.setup.dialog import SetupDialog
from ui.signin.dialog import SignInDialog

ROOT = Path(__file__).resolve().parents[2]


def _titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_manager_sees_all_four_tabs_in_chinese(main_window):
    assert _titles(main_window) == ["登记", "看板", "统计", "设置"]
    assert main_window.page_keys() == ["intake", "board", "stats", "settings"]
    assert "王店长（店长）" in main_window.user_label.text()


@pytest.mark.parametrize("who", ["front", "service"])
def test_staff_without_the_right_have_no_settings_tab_and_the_core_refuses_anyway(make_window, who, sqlite_studio):
    window = make_window(who)
    assert "设置" not in _titles(window)
    assert window.page("settings") is None
    with pytest.raises(PermissionDenied):
        admin.update_settings(sqlite_studio[who], {"studio_name": "改名"})


def test_switching_user_rebuilds_the_tabs(main_window, sqlite_studio):
    first_intake = main_window.page("intake")
    main_window.session.sign_out()
    assert not main_window.tabs.isEnabled()
    assert main_window.user_label.text() == ""
    main_window.session.sign_in(sqlite_studio["front"])
    assert _titles(main_window) == ["登记", "看板", "统计"]
    assert main_window.page("intake") is not first_intake
    assert main_window.tabs.isEnabled()


def test_features_add_menu_actions(main_window):
    assert main_window.menu("export").actions() and main_window.menu("data").actions()
    action = main_window.add_menu_action("export", QAction("导出登记表", None))
    assert action in main_window.menu("export").actions()
    file_action = main_window.add_menu_action("file", QAction("导入", None))
    actions = main_window.menu("file").actions()
    assert actions.index(file_action) < actions.index(main_window.quit_action)


def test_status_bar_counts_overdue_cases_and_refreshes_on_data_changes(qtbot, main_window, sqlite_studio, category):
    qtbot.waitUntil(lambda: main_window.overdue_label.text() == "超时未办：0 件")  # just after the first frame
    with clock.frozen(T0):
        intake.register_complaint(sqlite_studio["front"], {
            "phone": "13800000000", "customer_name": "张三", "chain_step": "retouch",
            "category_id": category(), "description": "修图太假"})
    with clock.frozen(T0 + timedelta(days=10)):
        main_window.session.changed()
        qtbot.waitUntil(lambda: main_window.overdue_label.text() == "超时未办：1 件")  # counted off the GUI thread


def test_window_geometry_is_remembered(qtbot, sign_in):
    window = MainWindow(sign_in("front"))  # the intake tab fits in 760 px; the manager's board does not
    qtbot.addWidget(window)
    window.show()
    window.resize(760, 580)  # within the offscreen screen (800x600): restoreGeometry keeps windows on screen
    window.close()
    again = MainWindow(window.session)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 580)


def test_first_window_defaults_to_1280_by_800(main_window):
    assert (main_window.width(), main_window.height()) == (1280, 800)


# --- the start-up flow ----------------------------------------------------------------------


@pytest.fixture
def start_desk(qapp):
    """start_desk(session) → a started Desk; its windows close when the test ends, so no board
    left on screen keeps polling whatever database a later test opens."""
    desks: list[Desk] = []

    def _start(session, idle_ms=None) -> Desk:
        desk = Desk(session, qapp, idle_ms)
        desks.append(desk)
        desk.start()
        return desk

    yield _start
    for desk in desks:
        desk.idle.stop()
        for widget in (desk.dialog, desk.window):
            if widget is not None:
                widget.close()
                widget.deleteLater()




def test_start_goes_to_sign_in_then_main_window_and_back_on_switch_user(qtbot, start_desk, desk_session):
    desk = start_desk(desk_session)
    assert isinstance(desk.dialog, SignInDialog) and desk.dialog.isVisible()
    assert runner().wait_idle()  # the names, read off the GUI thread
    desk.dialog.select_user("manager")
    desk.dialog.password.setText("manager123")
    desk.dialog.try_sign_in()
    assert runner().wait_idle()  # the password, checked off the GUI thread
    assert desk.window.isVisible()
    desk.window.switch_user_action.trigger()
    assert not desk.window.isVisible()
    assert isinstance(desk.dialog, SignInDialog) and desk.dialog.isVisible()


def test_quitting_at_sign_in_finishes(qtbot, start_desk, desk_session):
    desk = start_desk(desk_session)
    with qtbot.waitSignal(desk.finished):
        desk.dialog.reject()


def test_empty_database_starts_with_setup(qtbot, start_desk, sqlite_db):
    from studio_desk.db import sqlite_path
    from ui.session import Session

    session = Session(sqlite_path(), None, None)
    desk = start_desk(session)
    assert isinstance(desk.dialog, SetupDialog)
    for name, value in {"studio_name": "新影楼", "display_name": "王店长", "username": "boss",
                        "password": "secret1", "confirm": "secret1"}.items():
        desk.dialog.fields[name].setText(value)
    desk.dialog.try_finish()
    assert runner().wait_idle()
    assert session.user.username == "boss"
    assert desk.window.isVisible() and "设置" in _titles(desk.window)


def test_idle_sign_out_and_activity_keeps_the_user_signed_in(qtbot, start_desk, desk_session, sqlite_studio):
    desk = start_desk(desk_session, idle_ms=400)
    desk_session.sign_in(sqlite_studio["front"])
    other_dialog = QWidget()
    other_dialog.show()
    for _ in range(6):  # 600 ms of typing: longer than the timeout, but never idle for 400 ms
        qtbot.wait(100)
        qtbot.keyClick(desk.window.search_box, Qt.Key.Key_A)
    assert desk_session.user is not None
    qtbot.waitUntil(lambda: desk_session.user is None, timeout=3000)
    assert not desk.window.isVisible() and not other_dialog.isVisible()
    assert isinstance(desk.dialog, SignInDialog) and desk.dialog.isVisible()
    assert not desk.idle.is_active()


def test_idle_timeout_comes_from_the_setting(start_desk, desk_session, sqlite_studio):
    admin.update_settings(sqlite_studio["manager"], {"idle_sign_out_minutes": 0})
    desk = start_desk(desk_session)
    desk_session.sign_in(sqlite_studio["front"])
    assert not desk.idle.is_active()  # 0 = never


# --- font, options, demo --------------------------------------------------------------------


def _render(text: str, family: str) -> QImage:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont(family, 20))
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(5, 30), text)
    painter.end()
    return image


def test_chinese_renders_as_glyphs_not_boxes():
    family = fonts.find_cjk_family()
    assert family
    assert QApplication.font().family() == family
    box = _render("\U000f0000", family)  # a private-use character no font has: drawn as a box
    assert _render("影", family) != box
    assert _render("影", family) != _render("楼", family)


def test_command_line_options():
    args = parse_args(["--db", "x.sqlite3", "--lang", "zh_CN"])
    assert args.db == "x.sqlite3" and args.lang == "zh_CN" and not args.demo
    with pytest.raises(SystemExit):  # English is not offered (ui/i18n.py says why)
        parse_args(["--lang", "en"])
    with pytest.raises(SystemExit):
        parse_args(["--db", "a", "--demo"])


def test_demo_option_builds_a_demo_database_with_its_accounts(qapp, tmp_path, monkeypatch):
    import tempfile

    from studio_desk.db import close_database

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened = open_studio(parse_args(["--demo"]))
    try:
        assert opened.db_path.exists() and opened.db_path.parent.parent == tmp_path
        assert ("manager", "manager123", "店长") in opened.demo_accounts and opened.language == "zh_CN"
    finally:
        close_database()


# --- the screenshot command -------------------------------------------------------------------


def _screenshot(db_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshot", "--db", str(db_path), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("view", ["settings", "signin"])
def test_screenshot_command_writes_a_png_with_content(tmp_path, sqlite_studio, view):
    from studio_desk.db import sqlite_path

    out = tmp_path / "shots" / f"{view}.png"
    result = _screenshot(sqlite_path(), "--view", view, "-o", str(out), "--size", "1024x700")
    assert result.returncode == 0, result.stderr
    assert "已保存截图" in result.stdout
    image = QImage(str(out))
    assert not image.isNull()
    if view == "settings":
        assert (image.width(), image.height()) == (1024, 700)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # text, frames and highlights, not a blank canvas


@pytest.mark.parametrize(("args", "words"), [
    (["--view", "nonsense"], "没有名为"),
    (["--view", "settings", "--user", "nobody"], "找不到启用的用户"),
    (["--view", "settings", "--size", "big"], "窗口大小"),
    (["--view", "case"], "没有可以展示的案件"),
    (["--view", "case", "--case", "KS-20990101-001"], "找不到案件"),
])
def test_screenshot_command_explains_bad_requests_in_chinese(tmp_path, sqlite_studio, args, words):
    from studio_desk.db import sqlite_path

    result = _screenshot(sqlite_path(), *args, "-o", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert words in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_idle_sign_out_while_a_page_waits_in_its_own_dialog(qtbot, qapp, start_desk, desk_session, sqlite_studio):
    from PySide6.QtCore import QTimer

    desk = start_desk(desk_session, idle_ms=300)
    desk_session.sign_in(sqlite_studio["manager"])
    users_section = desk.window.show_page("settings").show_section("users")
    QTimer.singleShot(0, users_section.add_user)  # a modal dialog with its own event loop
    qtbot.waitUntil(lambda: desk_session.user is None, timeout=3000)
    qtbot.wait(50)
    assert not any(w.isVisible() for w in qapp.topLevelWidgets() if w is not desk.dialog)
    desk_session.sign_in(sqlite_studio["front"])
    assert "设置" not in _titles(desk.window)


def test_status_bar_escalates_unassessed_cases_to_the_manager(qtbot, make_window, sqlite_studio, category):
    with clock.frozen(T0):
        intake.register_complaint(sqlite_studio["front"], {
            "phone": "13800000001", "customer_name": "李四", "chain_step": "retouch",
            "category_id": category(), "description": "修图太假"})
    with clock.frozen(T0 + timedelta(hours=30)):
        manager_window = make_window("manager")
        qtbot.waitUntil(lambda: manager_window.unassessed_label.text() == "超过 24 小时未评估：1 件")
        front_window = make_window("front")
        qtbot.waitUntil(lambda: front_window.overdue_label.text() != "")
        assert front_window.unassessed_label.text() == ""


def test_status_bar_says_when_the_database_cannot_be_read(qtbot, main_window):
    from studio_desk.db import close_database, sqlite_path

    path = sqlite_path()
    close_database()
    path.write_bytes(b"\xa5" * 8192)  # overwritten by something else: "file is not a database"
    main_window.refresh_status()  # the timer's call: no exception escapes into the event loop
    qtbot.waitUntil(lambda: main_window.overdue_label.text() == "暂时无法读取数据库")


def test_every_feature_menu_module_is_installed():
    from pathlib import Path

    from ui.main_window import MENU_EXTENSIONS

    ui_dir = Path(__file__).resolve().parents[2] / "ui"
    found = {f"ui.{p.parent.name}.menu" for p in ui_dir.glob("*/menu.py")}
    assert set(MENU_EXTENSIONS) == found


def test_the_status_counts_follow_the_first_frame(qtbot, sign_in):
    """The window is built and painted before the status bar's queries and the time rules run."""
    window = MainWindow(sign_in("manager"))
    qtbot.addWidget(window)
    assert "王店长" in window.user_label.text() and window.overdue_label.text() == ""
    window.grab()  # the first frame
    assert window.overdue_label.text() == ""
    qtbot.waitUntil(lambda: window.overdue_label.text() == "超时未办：0 件")


def test_the_board_opens_without_what_it_does_not_use(tmp_path):
    """Start-up loads neither the document libraries, the charts, the statistics tab, the notification
    sender, nor the services and dialogs that only a chosen action needs (each costs start-up time);
    the status bar's counting services load on its worker, after the first paint."""
    from studio_desk.demo import build_demo

    db = tmp_path / "demo.sqlite3"
    build_demo(db, cases=30, seed=3)
    code = (
        "import sys\n"
        "import ui.app\n"
        "from studio_desk.opening import open_database\n"
        "from studio_desk.models import User\n"
        "from ui.main_window import MainWindow\n"
        "from ui.session import Session\n"
        "app, _ = ui.app.prepare_app('zh_CN')\n"
        "open_database(sys.argv[1])\n"
        "session = Session(db_path=sys.argv[1])\n"
        "session.sign_in(User.get(User.username == 'manager'))\n"
        "window = MainWindow(session)\n"
        "board = window.show_page('board')\n"
        "from ui.ops import runner\n"
        "runner().wait_idle()\n"
        "assert sum(board.model.rowCount(board.model.stage_index(s)) for s in board.columns) > 0\n"
        "window.show()\n"
        "window.grab()\n"
        "print(' '.join(sorted(m for m in sys.argv[2:] if m in sys.modules)) or 'none')\n"
        "print(app.style().name())\n"
    )
    unused = ["openpyxl", "reportlab", "PySide6.QtCharts", "studio_desk.restore",
              "studio_desk.services.cases", "studio_desk.services.actions", "ui.backup.restore_dialog",
              "ui.setup.dialog", "chinese_calendar", "studio_desk.notify.sender", "smtplib",
              "python_calamine", "xlsxwriter", "ui.stats", "studio_desk.stats", "studio_desk.stats_lists",
              "studio_desk.services.admin", "studio_desk.services.escalation"]
    result = subprocess.run([sys.executable, "-c", code, str(db), *unused], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["none", "fusion"]


def test_screenshot_onto_a_full_disk_leaves_no_truncated_png(tmp_path, sqlite_studio):
    from studio_desk.db import sqlite_path
    from tests.core.safetykit import fill_up, mounted_tmpfs

    with mounted_tmpfs(tmp_path / "stick", size_kb=64) as stick:
        fill_up(stick)
        result = _screenshot(sqlite_path(), "--view", "board", "-o", str(stick / "看板.png"))
        assert result.returncode == 1
        assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1, result.stderr
        assert "磁盘空间已满" in result.stderr
        assert [p.name for p in stick.iterdir()] == ["filler"]


def test_switch_user_leaves_nothing_of_the_previous_search(qtbot, start_desk, desk_session, sqlite_studio):
    desk = start_desk(desk_session)
    desk_session.sign_in(sqlite_studio["manager"])
    box = desk.window.search_box
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    desk.window.focus_search()
    qtbot.keyClicks(box, "13812345678")
    qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert desk_session.user is None and isinstance(desk.dialog, SignInDialog)
    assert runner().wait_idle()
    desk.dialog.select_user("front")
    desk.dialog.password.setText("front123")
    desk.dialog.try_sign_in()
    assert runner().wait_idle()
    assert desk.window.isVisible() and desk_session.user.username == "front"
    assert box.text() == "" and not box.isUndoAvailable()  # Ctrl+Z does not bring the number back


def test_idle_sign_out_keeps_a_half_filled_dialog_as_a_draft(qtbot, start_desk, desk_session, sqlite_studio):
    """评估 half filled, then the desk signs the manager out: signed in again, the same dialog
    on the same case shows what was typed; a dialog the user cancels leaves nothing."""
    from PySide6.QtCore import QTimer

    from tests.board_factory import advance, register
    from tests.ui.boardkit import answer_dialogs
    from ui.case.window import open_case
    from ui.ops import runner

    case = advance(register(sqlite_studio["front"]), "investigating", sqlite_studio)
    desk = start_desk(desk_session, idle_ms=600)
    desk_session.sign_in(sqlite_studio["manager"])
    window = open_case(desk_session, case.id, desk.window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    answer_dialogs([lambda d: d.inputs["cause"].set_value("修图师把脸修变形了，顾客有原图为证")])
    QTimer.singleShot(0, window.action_buttons["assess"].click)
    qtbot.waitUntil(lambda: desk_session.user is None, timeout=5000)
    qtbot.wait(50)
    desk.idle.stop()
    desk_session.sign_in(sqlite_studio["manager"])
    desk.idle.stop()
    seen: list[tuple[str, str]] = []

    def read_and_cancel(dialog):
        intro = dialog.findChild(QLabel, "dialog_intro")
        seen.append((dialog.inputs["cause"].get(), intro.text() if intro is not None else ""))
        dialog.reject()

    window = open_case(desk_session, case.id, desk.window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    answer_dialogs([read_and_cancel, read_and_cancel])  # after the wait: the sign-in dialog is not theirs
    window.action_buttons["assess"].click()
    window.action_buttons["assess"].click()
    assert seen[0][0] == "修图师把脸修变形了，顾客有原图为证"
    assert "退出登录前填写的内容" in seen[0][1]
    assert seen[1][0] == "", "cancelled on purpose: the draft is gone"
    window.close()


def test_ctrl_n_from_the_board_then_tab_walks_the_intake_form(qtbot, make_window):
    """The intake page built by Ctrl+N is shown at once: before, its first field had the focus
    while still hidden, and Tab jumped to the tab bar instead of the next field."""
    window = make_window("manager")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.page("intake")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.entry.channel)
    qtbot.keyClick(form.entry.channel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.entry.channel_detail
