"""The 统计 tab for ``main.py screenshot --view stats``: the main window on the statistics tab,
waited for until its figures (computed in a worker) are in, with the top category's cases
listed — so the picture shows the tab as a person uses it, whatever the database's size."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from ui.session import Session

WAIT_MS = 60_000


def _wait(signal) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()


def stats_view(session: Session, size: tuple[int, int]) -> QWidget:
    from ui.main_window import MainWindow

    window = MainWindow(session)
    window.resize(*size)
    page = window.show_page("stats")
    window.show()
    if page is None or not hasattr(page, "loaded"):
        return window
    if page.figures is None:
        _wait(page.loaded)
    rows = (page.figures or {}).get("by_category") or []
    if rows:
        page.tabs.setCurrentWidget(page.sections["category"])
        page.drill("category", rows[0]["id"], rows[0]["label"])
        _wait(page.listed)
    return window
