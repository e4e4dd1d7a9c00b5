"""The main window (主窗口): tabs 登记 / 看板 / 统计 / 设置, a toolbar with the case search,
menus the feature areas extend, and a status bar with the user and the overdue count.

Pages are built lazily from the factories in :data:`PAGES`, which import their module only
when first shown (start-up does not load QtCharts, openpyxl or reportlab).
Menus are extended by any ``ui/<area>/menu.py`` that defines ``install(window)``, which
calls :meth:`MainWindow.add_menu_action`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.permissions import allowed
from studio_desk.vocab import label
from ui.i18n import vocab_lang
from ui.ops import write_op
from ui.plain import plain_label
from ui.prefs import prefs
from ui.session import Session
from ui.style import ERROR_COLOR

PageFactory = Callable[[Session], QWidget]
STATUS_REFRESH_MS = 30_000
STATUS_FIRST_MS = 500  # after the first paint: the board's first read goes first
DEFAULT_SIZE = (1280, 800)


def _intake(session: Session) -> QWidget:
    from ui.intake.form import IntakeForm

    return IntakeForm(session)


def _board(session: Session) -> QWidget:
    from ui.board.view import BoardPage

    return BoardPage(session)


def _stats(session: Session) -> QWidget:
    from ui.stats.page import StatsPage

    return StatsPage(session)


def _settings(session: Session) -> QWidget:
    from ui.settings.page import SettingsPage

    return SettingsPage(session)


# (key, factory, right needed to see the tab — None: everyone signed in), in tab order.
PAGES: tuple[tuple[str, PageFactory, str | None], ...] = (
    ("intake", _intake, "register"),
    ("board", _board, None),
    ("stats", _stats, "statistics"),
    ("settings", _settings, "settings"),
)
MENUS = ("file", "export", "data", "help")
# Features that add entries to the menus: each module has install(window).
MENU_EXTENSIONS = ("ui.backup.menu", "ui.exports.menu", "ui.notify.menu")


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("StudioDesk — complaint desk"))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._build_current)
        self.setCentralWidget(self.tabs)
        self._keys: list[str] = []
        self._menus: dict[str, QMenu] = {}
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._build_shortcuts()
        # Both run only while the window is on screen (started when shown, stopped when hidden):
        # a closed window's counts would otherwise still be read, from whatever database is open then.
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS, timeout=self.refresh_status)
        self._status_soon = QTimer(self, singleShot=True, interval=STATUS_FIRST_MS, timeout=self.refresh_status)
        session.user_changed.connect(self._user_changed)
        self.live = self._start_live_updates()
        session.data_changed.connect(self.refresh_status)
        self.install_extensions()
        self._restore_geometry()
        # The counts and the time rules (a few queries) come just after the first frame: the
        # user is waiting for the board, not for them.
        self._status_after_paint = True
        self._user_changed(session.user)

    # --- pages -------------------------------------------------------------------------

    def _titles(self) -> dict[str, str]:
        return {"intake": self.tr("Intake"), "board": self.tr("Board"), "stats": self.tr("Statistics"),
                "settings": self.tr("Settings")}

    def _user_changed(self, user: object) -> None:
        """A new user gets fresh pages: nothing typed by the previous one stays on screen.

        Signing out only disables the pages (the desk hides the window): a page may still be
        inside one of its own dialogs, so it is replaced at the next sign-in, not now.
        """
        self.tabs.setEnabled(user is not None)
        if user is None:
            self.search_box.setText("")  # the next user must not see (or undo back) a customer's phone
            self.refresh_status()
            return
        self.tabs.blockSignals(True)
        while self.tabs.count():
            holder = self.tabs.widget(0)
            self.tabs.removeTab(0)
            holder.deleteLater()
        self._keys = []
        titles = self._titles()
        for key, _factory, right in PAGES:
            if right is None or allowed(user.role, right):
                holder = QWidget()
                holder.setObjectName(f"tab_{key}")
                QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
                self.tabs.addTab(holder, titles[key])
                self._keys.append(key)
        # The manager's day starts at the board, the front desk's at the intake form.
        self.tabs.setCurrentIndex(self._keys.index("board") if allowed(user.role, "assess") else 0)
        self.tabs.blockSignals(False)
        self._build_current(self.tabs.currentIndex())
        self._show_user(user)
        if not self._status_after_paint:
            self.refresh_status()

    def _build_current(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            self.page(self._keys[index])

    def page_keys(self) -> list[str]:
        """The tabs the signed-in user sees, in order."""
        return list(self._keys)

    def page(self, key: str) -> QWidget | None:
        """The page widget of tab ``key``, built on first use; None if the user has no such tab."""
        if key not in self._keys:
            return None
        holder = self.tabs.widget(self._keys.index(key))
        layout = holder.layout()
        if layout.count() == 0:
            factory = next(f for k, f, _ in PAGES if k == key)
            page = factory(self.session)
            layout.addWidget(page)
            page.show()  # now, not at the next event loop turn: Ctrl+N focuses its first field at once
        return layout.itemAt(0).widget()

    def show_page(self, key: str) -> QWidget | None:
        if key not in self._keys:
            return None
        self.tabs.setCurrentIndex(self._keys.index(key))
        return self.page(key)

    # --- menus and toolbar ---------------------------------------------------------------

    def _build_menus(self) -> None:
        titles = {"file": self.tr("&File"), "export": self.tr("&Export"), "data": self.tr("&Data"),
                  "help": self.tr("&Help")}
        for key in MENUS:
            menu = self.menuBar().addMenu(titles[key])
            menu.setObjectName(f"menu_{key}")
            self._menus[key] = menu
        file_menu = self._menus["file"]
        self.switch_user_action = QAction(self.tr("Switch user"), self)
        self.switch_user_action.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_user_action.triggered.connect(self.switch_user)
        file_menu.addAction(self.switch_user_action)
        self._file_end = file_menu.addSeparator()
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        about = QAction(self.tr("About StudioDesk"), self)
        about.triggered.connect(self.show_about)
        self._menus["help"].addAction(about)

    def menu(self, key: str) -> QMenu:
        """One of the menus: 'file', 'export', 'data', 'help'."""
        return self._menus[key]

    def add_menu_action(self, menu_key: str, action: QAction) -> QAction:
        """Add a feature's action to a menu (file entries go above Quit)."""
        menu = self._menus[menu_key]
        if action.parent() is None:
            action.setParent(self)
        if menu_key == "file":
            menu.insertAction(self._file_end, action)
        else:
            menu.addAction(action)
        return action

    def install_extensions(self) -> None:
        """Call ``install(window)`` of each feature's menu module (export, backup … entries)."""
        for name in MENU_EXTENSIONS:
            importlib.import_module(name).install(self)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main toolbar"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.new_action = QAction(self.tr("New complaint"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setToolTip(self.tr("Register a new complaint (Ctrl+N)"))
        self.new_action.triggered.connect(self.new_complaint)
        bar.addAction(self.new_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Find a case: number, phone, name, order no. or words (Ctrl+F)"))
        self.search_box.setMinimumWidth(380)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        bar.addWidget(self.search_box)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)
        for number in range(1, 5):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, activated=lambda n=number: self.switch_to_tab(n - 1))

    def new_complaint(self) -> None:
        """Ctrl+N: the intake tab; the form starts a new complaint if it offers ``new_complaint()``."""
        page = self.show_page("intake")
        if page is not None and hasattr(page, "new_complaint"):
            page.new_complaint()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def switch_to_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def search(self, text: str) -> None:
        """Enter in the search box: one hit opens the case, several are listed."""
        from ui.case.search import find_cases

        if text.strip():
            find_cases(self.session, text.strip(), self)

    def open_case(self, case_id: int) -> None:
        from ui.case.window import open_case

        open_case(self.session, case_id, self)

    def switch_user(self) -> None:
        self.session.sign_out()

    def show_about(self) -> QDialog:
        from ui.about import AboutDialog  # only when asked for

        dialog = AboutDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- status bar ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.user_label = plain_label()
        self.user_label.setObjectName("status_user")
        self.overdue_label = plain_label()
        self.overdue_label.setObjectName("status_overdue")
        self._status_running = self._status_again = False
        self.unassessed_label = plain_label()
        self.unassessed_label.setObjectName("status_unassessed")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.unassessed_label)
        self.statusBar().addPermanentWidget(self.overdue_label)

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().paintEvent(event)
        if self._status_after_paint:
            self._status_after_paint = False
            self._status_soon.start()

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        self._status_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 — Qt's name
        self._status_timer.stop()
        self._status_soon.stop()
        super().hideEvent(event)

    def _show_user(self, user) -> None:
        text = ""
        if user is not None:
            role = label("role", user.role, vocab_lang())
            text = self.tr("Signed in: %1 (%2)").replace("%1", user.display_name).replace("%2", role)
        self.user_label.setText(text)

    def refresh_status(self) -> None:
        """The time rules, then the overdue and not-assessed counts, off the GUI thread (a write:
        it waits behind the other desk's lock, and on 100,000 cases it takes a while)."""
        user = self.session.user
        self._show_user(user)
        if user is None:
            self.overdue_label.setText("")
            self.unassessed_label.setText("")
            return
        if self._status_running:
            self._status_again = True
            return
        now, may_assess = clock.now(), allowed(user.role, "assess")

        def work() -> tuple[bool, int, int]:
            # Imported here, on the worker: the status bar fills after the first paint of the board.
            from studio_desk.services.admin import count_overdue
            from studio_desk.services.escalation import apply_time_rules, count_awaiting_assessment

            if apply_time_rules(now).raised:
                return True, 0, 0
            # Not assessed within 24 hours: escalated to the manager (PROCESS.md), so shown to 店长+.
            return False, count_overdue(now), count_awaiting_assessment(now) if may_assess else 0

        self._status_running = True
        write_op(self, None, work).background().success(self._show_status).failure(
            lambda _error: self._status_unreadable()
        ).ended(self._status_ended).run()

    def _status_ended(self) -> None:
        self._status_running = False
        if self._status_again:
            self._status_again = False
            self.refresh_status()

    def _show_status(self, result: tuple[bool, int, int]) -> None:
        raised, overdue, unassessed = result
        if raised:
            self.session.changed()  # cases became 重大: the board and lists show it; changed() comes back here
            return
        self.overdue_label.setText(self.tr("Overdue cases: %1").replace("%1", str(overdue)))
        self.overdue_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;" if overdue else "")
        self.unassessed_label.setText(
            self.tr("Not assessed within 24 h: %1").replace("%1", str(unassessed)) if unassessed else "")
        self.unassessed_label.setStyleSheet(f"color: {ERROR_COLOR};")

    def _status_unreadable(self) -> None:
        """Server restart, restore in progress, damaged file: the next tick tries again."""
        self.overdue_label.setText(self.tr("The database cannot be read just now"))
        self.overdue_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")

    # --- geometry ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = prefs().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)

    def save_geometry(self) -> None:
        prefs().setValue("main_window/geometry", self.saveGeometry())

    def _start_live_updates(self):
        """On the shared database the other desk's changes arrive as notifications; a SQLite
        desk's board keeps its cheap check instead."""
        if self.session.db_url is None:
            return None
        from studio_desk.db import current_database
        from ui.live_updates import LiveUpdates

        live = LiveUpdates(current_database(), self)
        live.changed.connect(self.session.changed)
        live.start()
        return live

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.save_geometry()
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)
