"""Forms over the studio settings (:data:`studio_desk.services.admin.RULES`): one editor per
key chosen by the rule's kind, saved through ``admin.update_settings``; its Chinese
messages appear next to the fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from studio_desk import settings
from studio_desk.services import admin
from ui.forms import FieldErrors
from ui.ops import read_op
from ui.plain import plain_label
from ui.session import Session
from ui.settings.writes import Writes
from ui.style import MUTED_COLOR

# The label of every setting (English source; Chinese in resources/i18n/settings_zh_CN.ts).
LABELS = {
    "studio_name": QT_TRANSLATE_NOOP("SettingsFields", "Studio name:"),
    "studio_address": QT_TRANSLATE_NOOP("SettingsFields", "Address:"),
    "studio_phone": QT_TRANSLATE_NOOP("SettingsFields", "Phone:"),
    "first_assessment_hours": QT_TRANSLATE_NOOP("SettingsFields", "First assessment within (hours):"),
    "ordinary_reply_workdays": QT_TRANSLATE_NOOP(
        "SettingsFields", "Ordinary complaint answered within (working days):"),
    "major_temp_measure_work_hours": QT_TRANSLATE_NOOP(
        "SettingsFields", "Major complaint: temporary measure within (working hours):"),
    "major_reply_workdays": QT_TRANSLATE_NOOP("SettingsFields", "Major complaint answered within (working days):"),
    "result_workdays": QT_TRANSLATE_NOOP(
        "SettingsFields", "Result told to the customer within (working days after assessment):"),
    "follow_up_from_day": QT_TRANSLATE_NOOP("SettingsFields", "Follow-up call from day:"),
    "follow_up_until_day": QT_TRANSLATE_NOOP("SettingsFields", "Follow-up call until day:"),
    "work_start": QT_TRANSLATE_NOOP("SettingsFields", "Working hours start:"),
    "work_end": QT_TRANSLATE_NOOP("SettingsFields", "Working hours end:"),
    "manager_approval_limit": QT_TRANSLATE_NOOP(
        "SettingsFields", "Store manager may approve compensation up to (yuan):"),
    "repeat_window_days": QT_TRANSLATE_NOOP("SettingsFields", "Same customer again within (days) = repeat complaint:"),
    "hotspot_window_days": QT_TRANSLATE_NOOP("SettingsFields", "Hot-spot period (days):"),
    "hotspot_threshold": QT_TRANSLATE_NOOP("SettingsFields", "Complaints of one kind in that period = hot spot:"),
    "group_size_major": QT_TRANSLATE_NOOP("SettingsFields", "People complaining together = major:"),
    "stale_case_days": QT_TRANSLATE_NOOP("SettingsFields", "Unresolved after (days) = major:"),
    "follow_up_max_attempts": QT_TRANSLATE_NOOP("SettingsFields", "Follow-up call attempts before 'unreachable':"),
    "retention_years": QT_TRANSLATE_NOOP("SettingsFields", "Years after the customer's last case closed:"),
    "idle_sign_out_minutes": QT_TRANSLATE_NOOP("SettingsFields", "Sign out after idle minutes (0 = never):"),
    "lockout_attempts": QT_TRANSLATE_NOOP("SettingsFields", "Wrong passwords before the account locks:"),
    "lockout_minutes": QT_TRANSLATE_NOOP("SettingsFields", "Locked for (minutes):"),
    "language": QT_TRANSLATE_NOOP("SettingsFields", "Language:"),
    "pdf_font_path": QT_TRANSLATE_NOOP("SettingsFields", "Font file for PDF (empty = automatic):"),
    "backup_dir": QT_TRANSLATE_NOOP("SettingsFields", "Backup folder:"),
    "backup_on_exit": QT_TRANSLATE_NOOP("SettingsFields", "Back up when the program closes"),
    "attachment_max_mb": QT_TRANSLATE_NOOP("SettingsFields", "Largest attachment (MB):"),
}


def labels() -> dict[str, str]:
    """The label of every setting in the current language."""
    return {key: QCoreApplication.translate("SettingsFields", text) for key, text in LABELS.items()}


class FolderEdit(QWidget):
    """A folder path with a Choose… button."""

    def __init__(self) -> None:
        super().__init__()
        self.edit = QLineEdit()
        button = QPushButton(self.tr("Choose…"))
        button.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(button)
        self.setFocusProxy(self.edit)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"), self.edit.text())
        if folder:
            self.edit.setText(folder)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming, like QLineEdit)
        self.edit.setText(text)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt naming, like QLineEdit)
        self.edit.setPlaceholderText(text)


def make_editor(key: str) -> QWidget:
    rule = admin.RULES[key]
    if rule.kind == "int":
        editor: QWidget = QSpinBox()
        editor.setRange(rule.low, rule.high)
        editor.setMaximumWidth(120)
    elif rule.kind == "hhmm":
        editor = QTimeEdit()
        editor.setDisplayFormat("HH:mm")
        editor.setMaximumWidth(120)
    elif rule.kind == "bool":
        editor = QCheckBox()
    elif rule.kind == "folder":
        editor = FolderEdit()
    else:
        editor = QLineEdit()
        if rule.kind == "money":
            editor.setMaximumWidth(160)
    editor.setObjectName(key)
    return editor


def set_value(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QTimeEdit):
        editor.setTime(QTime.fromString(str(value), "HH:mm"))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    else:
        editor.setText("" if value is None else str(value))


def get_value(editor: QWidget) -> Any:
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QTimeEdit):
        return editor.time().toString("HH:mm")
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    return editor.text()


class SettingsForm(QWidget):
    """Groups of settings with one Save button; ``saved`` carries the settings as stored."""

    saved = Signal(dict)

    def __init__(self, session: Session, groups: list[tuple[str, tuple[str, ...]]], intro: str = "") -> None:
        super().__init__()
        self.session = session
        self.errors = FieldErrors()
        self.editors: dict[str, QWidget] = {}
        names = labels()
        layout = QVBoxLayout(self)
        if intro:
            note = plain_label(intro)
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {MUTED_COLOR};")
            layout.addWidget(note)
        for title, keys in groups:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for key in keys:
                editor = make_editor(key)
                self.editors[key] = editor
                form.addRow(names[key], self.errors.wrap(key, editor))
            layout.addWidget(box)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        self.status = plain_label()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addStretch(1)
        self.writes = Writes(session, self.save_button)
        self.load()

    def load(self) -> None:
        """Show the stored settings, read off the GUI thread; Save waits for them (it would
        otherwise store the empty editors)."""
        read_op(self, settings.get_all).background().disables(self.save_button).success(self._show).failure(
            self.errors.show_failure
        ).run()

    def _show(self, values: dict[str, Any]) -> None:
        for key, editor in self.editors.items():
            set_value(editor, values[key])

    def values(self) -> dict[str, Any]:
        return {key: get_value(editor) for key, editor in self.editors.items()}

    def save(self) -> None:
        """Store the values off the GUI thread; a refusal appears next to its field."""
        if self.writes.running:
            return  # the first click's save is still running
        self.errors.clear()
        self.status.clear()
        user, values = self.session.user, self.values()
        self.writes.run(self, lambda: admin.update_settings(user, values), self._saved, self.errors.show_failure)

    def _saved(self, stored: dict) -> None:
        self.load()
        self.status.setText(self.tr("Saved."))
        self.saved.emit(stored)
