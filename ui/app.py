"""Starting the desktop program: options, the QApplication, and the flow
start-up checks → first-run setup → sign-in → main window; signing out (menu or idle) returns
to sign-in; quitting makes the exit backup first. Each step that works goes on in the callback
of its op, inside the application's one event loop."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from studio_desk import settings, version_line
from studio_desk.db import close_database, default_db_path, sqlite_path
from studio_desk.opening import open_database
from studio_desk.services import users
from ui import fonts, i18n
from ui.icon import apply_icon
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.ops import error_text, runner, write_op
from ui.plain import message
from ui.prefs import prefs
from ui.session import Session
from ui.signin.dialog import SignInDialog
from ui.style import apply_style

DEMO_CASES = 300
DEMO_SEED = 7


class Desk(QObject):
    """Which window is on screen. ``finished`` means the user chose to quit (from the sign-in
    dialog); closing the main window quits too. Either way the exit backup runs first, while the
    window stays on screen."""

    finished = Signal()

    def __init__(self, session: Session, app: QApplication, idle_ms: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        # None: the studio's idle_sign_out_minutes setting; a number (ms) lets tests use a short one.
        self.idle_ms = idle_ms
        self.idle = IdleWatcher(app, self)
        self.idle.idle.connect(self.sign_out_idle)
        self.leaving = False  # the exit backup runs
        self.left = False  # the exit backup has ended: closing goes through
        session.user_changed.connect(self._user_changed)

    def start(self) -> None:
        if users.needs_setup():
            from ui.setup.dialog import SetupDialog  # a studio's first start only

            self._show(SetupDialog(self.session))
        else:
            self.show_sign_in()

    def show_sign_in(self) -> None:
        self._show(SignInDialog(self.session))

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.rejected.connect(self._dialog_rejected)
        dialog.open()

    def _dialog_rejected(self) -> None:
        if self.session.user is None:
            if self.window is None:
                self.finished.emit()  # nobody signed in since the start: nothing to back up
            else:
                self._leave(self.finished.emit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """The main window's close waits for the exit backup: ignored now, done again after it."""
        if watched is self.window and event.type() == QEvent.Type.Close and not self.left:
            event.ignore()
            self._leave(self._close_window)
            return True
        return False

    def _leave(self, then: Callable[[], object]) -> None:
        if self.leaving:
            return  # a second close while the backup runs
        from ui.backup.exit_backup import back_up_on_exit

        self.leaving = True
        back_up_on_exit(
            self.session, self.window if self.window.isVisible() else None, lambda: self._backup_ended(then)
        )

    def _backup_ended(self, then: Callable[[], object]) -> None:
        self.leaving, self.left = False, True
        then()

    def _close_window(self) -> None:
        if shiboken6.isValid(self.window):  # not deleted meanwhile (a test's clean-up)
            self.window.close()

    def _user_changed(self, user: object) -> None:
        if user is None:
            self.idle.stop()
            self._close_windows()
            self.show_sign_in()
            return
        if self.window is None:
            self.window = MainWindow(self.session)
            self.window.installEventFilter(self)
        self.window.show()
        self.window.raise_()
        minutes = int(settings.get("idle_sign_out_minutes"))
        self.idle.start(self.idle_ms if self.idle_ms is not None else minutes * 60_000)

    def _close_windows(self) -> None:
        """Signing out leaves nothing of the previous user on screen: their dialogs and case windows close."""
        app = QApplication.instance()
        for widget in app.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                widget.close()
        if self.window is not None:
            self.window.save_geometry()
            self.window.hide()

    def sign_out_idle(self) -> None:
        if self.session.user is not None:
            self.session.sign_out()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="影楼客怨处理台 StudioDesk")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="文件", help="SQLite 数据库文件（默认：用户数据文件夹）")
    where.add_argument("--database-url", metavar="地址", help="共享数据库地址 postgresql://…")
    where.add_argument("--demo", action="store_true", help="在临时文件夹中生成演示数据库并打开")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="界面语言（默认按设置，中文）")
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本号并退出")
    return parser.parse_args(list(argv))


@dataclass(frozen=True)
class Opened:
    """What the desk's Session is made of, once the database is open; and the studio's language."""

    db_path: Path | None
    db_url: str | None
    demo_accounts: list[tuple[str, str, str]]
    language: str


def open_studio(args: argparse.Namespace) -> Opened:
    """Open (or, for --demo, build: seconds) the database; run on an op's thread."""
    if args.demo:
        from studio_desk.demo import build_demo

        path = Path(tempfile.mkdtemp(prefix="studiodesk-demo-")) / "demo.sqlite3"
        accounts = build_demo(path, cases=DEMO_CASES, seed=DEMO_SEED)
        return Opened(path, None, accounts, settings.get("language"))
    db = open_database(args.db, args.database_url)
    return Opened(sqlite_path(db), args.database_url, [], settings.get("language"))


def prepare_app(lang: str) -> tuple[QApplication, str | None]:
    """The QApplication with Fusion, a CJK font and the translators; returns it and the font family."""
    app = QApplication.instance() or QApplication(sys.argv[:1] or ["StudioDesk"])
    apply_style(app)
    app.setApplicationName("StudioDesk")
    apply_icon(app)
    family = fonts.apply_cjk_font(app)
    i18n.install(app, lang)
    return app, family


def _font_hint_once(parent: QWidget | None) -> None:
    store = prefs()
    if not store.value("hints/font_missing_shown", False, type=bool):
        QMessageBox.warning(parent, "StudioDesk", fonts.INSTALL_HINT)
        store.setValue("hints/font_missing_shown", True)


class Start(QObject):
    """The steps before the desk opens, run inside the event loop: the start-up checks are ops,
    and each step goes on in the previous one's callback. ``ended(code)``: the program should end
    now — 1 after a failed step, 0 when the user quit the desk."""

    ended = Signal(int)

    def __init__(self, args: argparse.Namespace, app: QApplication) -> None:
        super().__init__()
        self.args = args
        self.app = app
        self.recovery: QObject | None = None  # the running start-up checks (they hold their dialogs)
        self.desk: Desk | None = None

    def begin(self) -> None:
        from ui.backup.recovery import startup_checks

        # A message box of the checks closing is not the end of the program.
        self.app.setQuitOnLastWindowClosed(False)
        if self.args.demo or self.args.database_url:
            self._checked(True)
            return
        # Checked (and backed up) before the file is opened, and perhaps migrated.
        path = Path(self.args.db) if self.args.db else default_db_path()
        self.recovery = startup_checks(Session(path, None, None), None, self._checked)

    def _checked(self, ok: bool) -> None:
        """``ok`` False: the file is damaged and the user did not restore a backup."""
        if not ok:
            self.ended.emit(1)
            return
        title = self.tr("Making the demo database") if self.args.demo else self.tr("Opening the database")
        opened: list[Opened] = []
        (
            write_op(None, None, lambda: open_studio(self.args))  # may migrate, or build the demo
            .with_progress(title)
            .success(opened.append)
            .failure(lambda error: message(None, QMessageBox.Icon.Critical, "StudioDesk", error_text(error)))
            .ended(lambda: self._opened(opened[0]) if opened else self.ended.emit(1))
            .run()
        )

    def _opened(self, opened: Opened) -> None:
        session = Session(opened.db_path, opened.db_url, opened.demo_accounts)
        if self.args.lang is None and opened.language != i18n.current():
            i18n.install(self.app, opened.language)
        if self.args.database_url:  # a shared database is checked by its server; its daily backup is made here
            from ui.backup.recovery import startup_checks

            self.recovery = startup_checks(session, None, lambda _ok: self._open_desk(session))
        else:
            self._open_desk(session)

    def _open_desk(self, session: Session) -> None:
        self.recovery = None
        self.app.setQuitOnLastWindowClosed(True)
        self.desk = Desk(session, self.app)
        self.desk.finished.connect(lambda: self.ended.emit(0))
        self.desk.start()


def run(argv: Sequence[str]) -> int:
    """The desktop program; returns the exit code."""
    args = parse_args(argv)
    app, family = prepare_app(args.lang or i18n.DEFAULT_LANGUAGE)
    if family is None:
        _font_hint_once(None)
    start = Start(args, app)
    start.ended.connect(app.exit)
    QTimer.singleShot(0, start.begin)  # app.exit() only ends a loop that runs
    try:
        return app.exec()
    finally:
        runner().wait_idle()  # a save still running finishes before the program ends
        close_database()
