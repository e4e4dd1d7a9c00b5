"""Small input widgets the intake form, the case view and the action dialogs share.

A :class:`CodeCombo` shows labels but is read and set by the stored value (a vocabulary
code or a row id), so forms never compare display text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QPlainTextEdit, QWidget

from studio_desk.vocab import BY_CODE, label
from ui.i18n import vocab_lang

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


# For strings outside a QObject: translate("Context", "text") with literals, which lupdate reads.
translate = QCoreApplication.translate


class CodeCombo(QComboBox):
    """A choice by value; ``blank`` adds a first "please choose" entry whose value is None."""

    def __init__(self, items: Iterable[tuple[Any, str]] = (), blank: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blank = blank
        self.set_items(items)

    def set_items(self, items: Iterable[tuple[Any, str]]) -> None:
        """Replace the entries, keeping the current value when it is still offered."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self._blank is not None:
            self.addItem(self._blank, None)
        for value, text in items:
            self.addItem(text, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value not in (None, "") else -1
        if index < 0:
            index = 0 if self._blank is not None or self.count() else -1
        self.setCurrentIndex(index)


def vocab_items(kind: str) -> list[tuple[str, str]]:
    """(code, label) of a fixed vocabulary, in the UI's language."""
    lang = vocab_lang()
    return [(code, label(kind, code, lang)) for code in BY_CODE[kind]]


def vocab_combo(kind: str, blank: str | None = None) -> CodeCombo:
    return CodeCombo(vocab_items(kind), blank)


def vocab_label(kind: str, code: str | None) -> str:
    return label(kind, code, vocab_lang())


def long_text(max_height: int = 0) -> QPlainTextEdit:
    """Multi-line text where Tab moves on (keyboard-first forms) and Enter is a new line."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    if max_height:
        edit.setMaximumHeight(max_height)
    return edit


class DateTimeEdit(QDateTimeEdit):
    """Tab leaves the field (the forms are filled by keyboard top to bottom); ←/→ move between its parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        return QWidget.focusNextPrevChild(self, forward)


def datetime_edit() -> QDateTimeEdit:
    edit = DateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATETIME_FORMAT)
    return edit


def to_qdatetime(value) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def format_datetime(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
