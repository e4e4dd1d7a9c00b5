"""Fixtures for the Qt tests: the application set up as the desk sets it up (Fusion, CJK font,
Chinese translations), per-test QSettings in tmp_path, a set-up studio database, a Session,
and a signed-in main window driven by qtbot."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer

from studio_desk.db import sqlite_path
from studio_desk.models import User
from ui.app import prepare_app
from ui.session import Session


@pytest.fixture(scope="session", autouse=True)
def desk_app(qapp):
    """The test QApplication with the desk's style, font and Chinese translators."""
    _app, family = prepare_app("zh_CN")
    assert family, "no CJK font: install fonts-wqy-microhei"
    return qapp


@pytest.fixture(autouse=True)
def isolated_prefs(tmp_path):
    """Window geometry and other per-computer preferences go to this test's folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "prefs"))
    yield tmp_path / "prefs"


@pytest.fixture(autouse=True)
def no_board_left_polling(qapp):
    """A board still on screen after its test would poll the next test's database from the event
    loop, and fail there at random (it once read a file another test had damaged on purpose)."""
    yield
    from ui.board.view import BoardPage

    # Boards are looked for under the windows, not in allWidgets(): wrapping every widget of the
    # application crashed (SIGSEGV in this fixture, test_about + test_backup_ui + test_translations
    # + test_settings, about 1 run in 2 as soon as the window had one widget more).
    tops = qapp.topLevelWidgets()
    pages = [w for top in tops for w in (top, *top.findChildren(BoardPage)) if isinstance(w, BoardPage)]
    polling = [p for p in pages if p.poll_timer.isActive()]
    for page in polling:
        page.window().close()
    assert not polling, "a board was left on screen: close its window when the test ends"


@pytest.fixture(autouse=True)
def no_op_left_running(qapp):
    """An op still running after its test would read or write the next test's database."""
    yield
    from ui.ops import runner

    assert runner().wait_idle(), "an op did not end"


@pytest.fixture
def desk_session(sqlite_studio) -> Session:
    """A Session on the set-up studio (SQLite file in tmp_path); nobody signed in yet."""
    return Session(sqlite_path(), None, None)


@pytest.fixture
def sign_in(desk_session, sqlite_studio) -> Callable[[str], Session]:
    """sign_in('front') → the session with that studio user signed in (keys as in ``studio``)."""

    def _sign_in(who: str = "manager") -> Session:
        desk_session.sign_in(sqlite_studio[who])
        return desk_session

    return _sign_in


@pytest.fixture
def make_window(qtbot, desk_session, sqlite_studio):
    """make_window('front') → a shown MainWindow with that user (a studio key or a User) signed in;
    ``size`` (width, height) before it is shown."""
    from ui.main_window import MainWindow

    def _make(who: str | User = "manager", size: tuple[int, int] | None = None) -> MainWindow:
        desk_session.sign_in(sqlite_studio[who] if isinstance(who, str) else who)
        window = MainWindow(desk_session)
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _make


@pytest.fixture
def main_window(make_window):
    """The main window with the store manager signed in."""
    return make_window("manager")


@pytest.fixture(autouse=True)
def close_top_level_windows(qapp):
    """Windows the desk opened by itself (dialogs, the main window) do not leak into the next test."""
    yield
    for widget in qapp.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture(autouse=True)
def no_qt_object_left_to_the_cycle_collector():
    """A Qt object that Python owns (no Qt parent) and that ends up in a reference cycle is
    destroyed by whichever thread the collector next runs in — often an op's worker, where Qt
    crashes (the desk once did, in the middle of a case move). So no test may leave one: a window
    or model has a Qt parent, a dialog run with exec() is deleted when done, an op lets go of what
    it held when it ends. Collecting here, on the GUI thread, also keeps one test's garbage from
    being freed during the next test's ops."""
    yield
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
    finally:
        gc.set_debug(0)
    left = sorted({type(o).__qualname__ for o in gc.garbage
                   if isinstance(o, QObject) and shiboken6.isValid(o) and shiboken6.ownedByPython(o)})
    gc.garbage.clear()
    gc.collect()  # and freed here, on the GUI thread (the cycles were only kept for the look)
    assert not left, f"Qt objects left in reference cycles: {left}"


@pytest.fixture
def held(monkeypatch):
    """held(module, "name") → (gate, calls): that core function waits at its start until the gate is
    set, as behind another desk's write lock, and records its calls. Gates open when the test ends."""
    gates: list[threading.Event] = []

    def _hold(module, name: str) -> tuple[threading.Event, list]:
        gate, calls, real = threading.Event(), [], getattr(module, name)

        def waiting(*args, **kwargs):
            calls.append(args)
            assert gate.wait(30)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, waiting)
        gates.append(gate)
        return gate, calls

    yield _hold
    for gate in gates:
        gate.set()  # never leave an op's thread waiting


@pytest.fixture
def ticks():
    """The ticks of a 10 ms timer: they only come while the GUI thread is free to run events."""
    count = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start(10)
    yield count
    timer.stop()


@pytest.fixture
def keeps_ticking(qtbot, ticks):
    """keeps_ticking() → waits until the window's 10 ms timer ticked ten more times (it would not
    while the GUI thread waited on the database)."""

    def _wait() -> None:
        seen = ticks[0]
        qtbot.waitUntil(lambda: ticks[0] >= seen + 10, timeout=5_000)

    return _wait
