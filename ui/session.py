"""The desk's state shared by every window: which database, who is signed in, and a signal
that data changed (so the board, lists and status bar refresh)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from studio_desk.models import User


class Session(QObject):
    user_changed = Signal(object)
    data_changed = Signal()

    def __init__(self, db_path: Path | None = None, db_url: str | None = None,
                 demo_accounts: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__(QCoreApplication.instance())  # the application's, freed with it on the GUI thread
        self.db_path = db_path
        self.db_url = db_url
        # (username, password, role label) shown on the sign-in screen of a --demo database.
        self.demo_accounts = demo_accounts or []
        self.user: User | None = None

    def sign_in(self, user: User) -> None:
        self.user = user
        self.user_changed.emit(user)

    def sign_out(self) -> None:
        self.user = None
        self.user_changed.emit(None)

    def changed(self) -> None:
        """Call after a successful service call that changed data."""
        self.data_changed.emit()
