"""The 关于 dialog (Help → About): the version, and where the studio's data is — the database,
the attachments and the backups — so staff can tell support, or find the folder to copy.

The folders are the ones the program really uses: the database file's own folder (the user
data folder unless ``--db`` named another file), its attachments folder and the backup folder
chosen in the settings (read off the GUI thread: the file may be busy at another desk). The
password of a shared database's address is never shown.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from studio_desk import __version__, backup
from studio_desk.attachments import files_root
from ui.icon import icon_path
from ui.ops import read_op
from ui.plain import plain_label
from ui.session import Session


def without_password(url: str) -> str:
    """A database URL safe to show: the password is never displayed."""
    parsed = urlsplit(url)
    if parsed.password is None:
        return url
    return parsed._replace(netloc=parsed.netloc.replace(":" + parsed.password + "@", ":***@")).geturl()


def data_folder(session: Session) -> Path:
    """The folder that holds the studio's data: the database file's, else the attachments' parent."""
    return session.db_path.parent if session.db_path else files_root().parent


class AboutDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About StudioDesk"))
        self.folder = data_folder(session)
        logo = QLabel()
        logo.setPixmap(
            QPixmap(str(icon_path())).scaled(
                64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        title = QLabel(self.tr("<b>StudioDesk</b> — the complaint desk of a photo and wedding studio"))
        self.version_label = QLabel(self.tr("Version %1").replace("%1", __version__))
        self.version_label.setObjectName("about_version")
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version_label)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        database = str(session.db_path) if session.db_path else without_password(session.db_url or "")
        places = QFormLayout()
        self.places: dict[str, QLabel] = {}
        rows = [
            ("data", self.tr("Data folder"), str(self.folder)),
            ("database", self.tr("Database"), database),
            ("attachments", self.tr("Attachments"), str(files_root())),
        ]
        if session.db_path:
            rows.append(("backups", self.tr("Backups"), "…"))  # until the setting was read
        for key, name, value in rows:
            label = plain_label(value)  # folders as named on disk
            label.setObjectName(f"about_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            places.addRow(name, label)
            self.places[key] = label
        if session.db_path:
            db_path = session.db_path
            read_op(self, lambda: backup.configured_folder(db_path)).background().success(
                lambda folder: self.places["backups"].setText(str(folder))
            ).run()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = buttons.addButton(self.tr("Open data folder"), QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(self.open_data_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(places)
        layout.addStretch(1)  # a dialog made taller keeps its text together at the top
        layout.addWidget(buttons)

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
