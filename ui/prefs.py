"""Per-computer preferences (window geometry, last user, one-time hints) in QSettings.

The studio's own settings live in the database (:mod:`studio_desk.settings`); these only
concern this desk. Tests point QSettings at a temporary folder (tests/ui/conftest.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings


def prefs() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "StudioDesk", "desk")
