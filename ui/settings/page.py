"""The settings page (设置, 店长+): a list of sections on the left, the section on the right.

Seeing the tab is a convenience; every write is refused by the core services anyway
unless the signed-in user has the right ('settings' / 'manage_users')."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListView,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.backup import default_folder
from studio_desk.services import admin
from ui.notify.section import NotifySection
from ui.ops import read_op
from ui.plain import plain_label
from ui.session import Session
from ui.settings.catalog import CatalogSection
from ui.settings.fields import SettingsForm
from ui.settings.holidays import HolidaysSection
from ui.settings.privacy import PrivacySection
from ui.settings.staff import StaffSection
from ui.settings.users import UsersSection
from ui.style import WARNING_COLOR

SECTIONS = ("studio", "users", "departments", "categories", "limits", "holidays", "notify", "desk", "privacy")
LIMIT_KEYS = ("first_assessment_hours", "ordinary_reply_workdays", "major_temp_measure_work_hours",
              "major_reply_workdays", "result_workdays", "follow_up_from_day", "follow_up_until_day",
              "work_start", "work_end")
RULE_KEYS = ("manager_approval_limit", "repeat_window_days", "hotspot_window_days", "hotspot_threshold",
             "group_size_major", "stale_case_days", "follow_up_max_attempts")


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class SettingsPage(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.nav_model = QStandardItemModel(self)
        self.nav = QListView()
        self.nav.setObjectName("settings_nav")
        self.nav.setModel(self.nav_model)
        self.nav.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.nav.setFixedWidth(190)
        self.nav.setSpacing(2)
        self.nav.setIconSize(QSize(16, 16))
        blank = QPixmap(self.nav.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        # Every entry has an icon, blank unless it warns, so that all titles start at the same place.
        self._icons = {False: QIcon(blank), True: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.stack = QStackedWidget()
        self.sections: dict[str, QWidget] = {}
        for key, title, widget in self._build_sections():
            item = QStandardItem(self._icons[False], title)
            item.setData(key, Qt.ItemDataRole.UserRole)
            self.nav_model.appendRow(item)
            self.sections[key] = widget
            self.stack.addWidget(_scrolling(widget) if key in ("studio", "limits", "desk") else widget)
        self.nav.selectionModel().currentChanged.connect(lambda index, _prev: self.stack.setCurrentIndex(index.row()))
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._mark_holiday_warning()
        self._show_backup_warning()
        privacy_section = self.sections["privacy"]
        privacy_section.due_changed.connect(self._mark_retention_due)
        self._mark_retention_due(len(privacy_section.due_model.rows))
        self.show_section("studio")

    def _build_sections(self) -> list[tuple[str, str, QWidget]]:
        session = self.session
        studio = SettingsForm(session, [(self.tr("Studio details"), ("studio_name", "studio_address", "studio_phone"))],
                              self.tr("Printed on the customer's receipt and on reports."))
        limits = SettingsForm(session, [(self.tr("Time limits"), LIMIT_KEYS), (self.tr("Rules"), RULE_KEYS)],
                              self.tr("New limits apply to cases registered or changed from now on."))
        desk = SettingsForm(session, [
            (self.tr("Security"), ("idle_sign_out_minutes", "lockout_attempts", "lockout_minutes")),
            (self.tr("Backups"), ("backup_dir", "backup_on_exit")),
            (self.tr("Attachments"), ("attachment_max_mb",)),
            (self.tr("Printing"), ("pdf_font_path",)),
        ])
        self.backup_warning = plain_label()
        self.backup_warning.setObjectName("backup_warning")
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setStyleSheet(f"color: {WARNING_COLOR}; font-weight: bold;")
        desk.layout().insertWidget(0, self.backup_warning)
        if session.db_path is not None:  # an empty field means the folder next to the database: say which
            desk.editors["backup_dir"].setPlaceholderText(
                self.tr("Empty: backups go to %1").replace("%1", str(default_folder(Path(session.db_path)))))
        desk.saved.connect(lambda _stored: self._show_backup_warning())
        people = QWidget()
        people_layout = QHBoxLayout(people)
        for title, section in ((self.tr("Departments"), CatalogSection(session, "department")),
                               (self.tr("Staff"), StaffSection(session))):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(section)
            people_layout.addWidget(box, 1)
        return [
            ("studio", self.tr("Studio"), studio),
            ("users", self.tr("Users"), UsersSection(session)),
            ("departments", self.tr("Departments and staff"), people),
            ("categories", self.tr("Complaint categories"), CatalogSection(session, "category")),
            ("limits", self.tr("Time limits and rules"), limits),
            ("holidays", self.tr("Holidays"), HolidaysSection(session)),
            ("notify", self.tr("Notifications"), NotifySection(session)),
            ("desk", self.tr("Security, backup"), desk),
            ("privacy", self.tr("Customers' personal data"), PrivacySection(session)),
        ]

    def _show_backup_warning(self) -> None:
        """Last good backup older than 3 days, or the backup folder unplugged (SQLite desks only);
        looked for off the GUI thread (the settings, and a folder on a drive that may sleep)."""
        from ui.backup.recovery import backup_warning_text

        session = self.session
        read_op(self, lambda: backup_warning_text(session)).background().success(self._mark_backup_warning).run()

    def _mark_backup_warning(self, text: str | None) -> None:
        self.backup_warning.setText(text or "")
        self.backup_warning.setVisible(bool(text))
        self._warn("desk", bool(text))

    def _mark_holiday_warning(self) -> None:
        """A warning sign on 'Holidays' while next year's official schedule is missing (read off
        the GUI thread)."""
        coming = clock.now().year + 1
        read_op(self, lambda: admin.year_warning(coming)).background().success(self._show_holiday_warning).run()

    def _show_holiday_warning(self, warning: str) -> None:
        self._warn("holidays", bool(warning))

    def _mark_retention_due(self, due: int) -> None:
        """A warning sign on 'Customers' personal data' while customers are due for anonymisation."""
        self._warn("privacy", bool(due))

    def _warn(self, section: str, warned: bool) -> None:
        self.nav_model.item(SECTIONS.index(section)).setIcon(self._icons[warned])

    def show_section(self, key: str) -> QWidget:
        """Select section ``key`` (one of SECTIONS) and return its widget."""
        self.nav.setCurrentIndex(self.nav_model.index(SECTIONS.index(key), 0))
        return self.sections[key]
