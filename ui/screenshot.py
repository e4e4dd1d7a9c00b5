"""Render a view offscreen to PNG (``python main.py screenshot …``), for the README and for
looking at the UI without a screen.

Views come from :data:`VIEWS`; a feature adds its own with :func:`register_view` or a line
in the table. Each factory gets the session (user signed in) and a :class:`Shot` and
returns the top-level widget to grab.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from studio_desk.db import sqlite_path
from studio_desk.errors import DomainError
from studio_desk.exports.files import atomic_output
from studio_desk.models import User
from ui.ops import runner
from ui.session import Session


@dataclass(frozen=True)
class Shot:
    """What the command line asked for, beyond the view's name."""

    size: tuple[int, int]  # width, height
    case_id: int | None = None


ViewFactory = Callable[[Session, Shot], QWidget]


def _tab(key: str, section: str | None = None) -> ViewFactory:
    """The main window showing tab ``key`` (and, for settings, one section)."""

    def build(session: Session, shot: Shot) -> QWidget:
        from ui.main_window import MainWindow

        window = MainWindow(session)
        page = window.show_page(key)
        if section is not None and page is not None and hasattr(page, "show_section"):
            page.show_section(section)
        return window

    return build


def _sign_in(session: Session, shot: Shot) -> QWidget:
    from ui.signin.dialog import SignInDialog

    return SignInDialog(session)


def _setup(session: Session, shot: Shot) -> QWidget:
    from ui.setup.dialog import SetupDialog

    return SetupDialog(session)


def _stats(session: Session, shot: Shot) -> QWidget:
    from ui.stats.shot import stats_view

    return stats_view(session, shot.size)


def _case(session: Session, shot: Shot) -> QWidget:
    from studio_desk.services.common import load_case
    from ui.case.window import open_case

    if shot.case_id is None:
        raise DomainError("没有可以展示的案件：请用 --case 指定案件号。")
    load_case(shot.case_id)  # no such case: the tool's own error (a screenshot may wait on the database)
    return open_case(session, shot.case_id, None)


def _about(session: Session, shot: Shot) -> QWidget:
    from ui.about import AboutDialog

    return AboutDialog(session)


VIEWS: dict[str, ViewFactory] = {
    "intake": _tab("intake"),
    "board": _tab("board"),
    "stats": _stats,
    "settings": _tab("settings"),
    "settings-users": _tab("settings", "users"),
    "settings-departments": _tab("settings", "departments"),
    "settings-categories": _tab("settings", "categories"),
    "settings-limits": _tab("settings", "limits"),
    "settings-holidays": _tab("settings", "holidays"),
    "settings-notify": _tab("settings", "notify"),
    "settings-desk": _tab("settings", "desk"),
    "case": _case,
    "signin": _sign_in,
    "setup": _setup,
    "about": _about,
}


def shoot(
    user: User, view: str, output: str, size: tuple[int, int], case_id: int | None, lang: str, database_url: str | None
) -> Path:
    """The ``screenshot`` command's drawing, on the database the command line has opened and
    checked (``main.py`` hands this function to :func:`studio_desk.cli.main`)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import prepare_app

    prepare_app(lang)
    session = Session(sqlite_path(), database_url, None)
    session.sign_in(user)
    return render(session, view, output, Shot(size, case_id))


def register_view(name: str, factory: ViewFactory) -> None:
    VIEWS[name] = factory


def render(session: Session, view: str, output: str | Path, shot: Shot, *, settle_ms: int = 300) -> Path:
    """Build ``view``, show it offscreen at ``shot.size``, let it settle and save it as PNG.

    This desk's own preferences (last user, window geometry) are neither used nor changed,
    so the same database always gives the same picture.
    """
    if view not in VIEWS:
        raise DomainError(f"没有名为“{view}”的界面。可选：{'、'.join(VIEWS)}。")
    previous = qInstallMessageHandler(_without_offscreen_notes)
    try:
        with tempfile.TemporaryDirectory(prefix="studiodesk-shot-") as prefs_dir:
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, prefs_dir)
            return _grab(VIEWS[view](session, shot), output, shot, settle_ms)
    finally:
        qInstallMessageHandler(previous)


def _without_offscreen_notes(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform notes, for every window shown, what it cannot do for a screen it
    does not have; the command's stderr keeps to its one 错误 line and Qt's real warnings."""
    if not message.startswith("This plugin does not support"):  # propagateSizeHints(), raise()
        print(message, file=sys.stderr)


def _grab(widget: QWidget, output: str | Path, shot: Shot, settle_ms: int) -> Path:
    widget.resize(*shot.size)
    widget.show()
    QTest.qWait(settle_ms)
    runner().wait_idle()  # the board reads its cards, the case view its case, off the GUI thread
    path = Path(output)
    # Encoded in memory and written by Python: a full disk is then our one-line error, not
    # libpng's message on stderr, and atomic_output leaves no truncated PNG behind.
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise DomainError(f"无法生成截图 {path.name}。")
    with atomic_output(path, (".png",)) as temp:
        temp.write_bytes(data.data())
    widget.close()
    return path
