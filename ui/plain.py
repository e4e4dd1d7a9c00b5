"""Text a user typed is shown as typed, never as Qt rich text.

Qt guesses: a QLabel, a tooltip or a message box whose text "might be rich text" (``Qt.mightBeRichText``)
renders it as HTML, so a customer named ``<b>粗体</b><font color=red>红</font>`` came out bold and red,
and ``<img src=…>`` asked for a file. Every place that shows names, descriptions, notes or core messages
(which quote what the user typed) goes through one of these helpers instead of trusting the guess.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # the Qt namespace with QtGui's functions
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that always shows its text literally."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally (line breaks kept): tooltips have no format switch,
    so the text is escaped inside a paragraph that Qt then reads as rich text."""
    return GuiQt.convertFromPlainText(text) if text else ""


def html_text(text: str) -> str:
    """``text`` as HTML, for a user's words placed inside rich text the program writes itself."""
    return escape(text, quote=True)


def message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    """A modal message box showing ``text`` literally; returns the button pressed."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Icon.Warning, title, text)


def ask(
    parent: QWidget | None, title: str, text: str, buttons: Button = Button.Yes | Button.No, default: Button = Button.No
) -> Button:
    return message(parent, QMessageBox.Icon.Question, title, text, buttons, default)
