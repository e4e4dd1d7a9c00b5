"""The case's evidence files: thumbnails of photos and scans, a larger preview on double
click, and adding files (button or drag and drop) through :mod:`studio_desk.attachments`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desk import attachments
from studio_desk.models import Attachment, Complaint
from studio_desk.progress import Progress
from ui.case.list_model import RowListModel
from ui.ops import progress_op, read_op
from ui.plain import plain_tip
from ui.session import Session

THUMB = QSize(96, 96)
PREVIEW_MAX = QSize(1000, 700)


def scaled_image(path: Path, size: QSize) -> QPixmap:
    """The image at ``path`` scaled down while reading (a big photo never loads at full size)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and (original.width() > size.width() or original.height() > size.height()):
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


class AttachmentsModel(RowListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbs: dict[str, QIcon] = {}

    def value(self, row: Attachment, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.filename
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumb(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(
                self.tr("%1\n%2 KB, added %3 by %4")
                .replace("%1", row.filename)
                .replace("%2", f"{max(1, row.size // 1024):,}")
                .replace("%3", row.added_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%4", row.added_by.display_name)
            )
        return None

    def _thumb(self, row: Attachment) -> QIcon:
        if row.sha256 not in self._thumbs:
            pixmap = scaled_image(attachments.attachment_path(row), THUMB) if attachments.is_image(row) else QPixmap()
            self._thumbs[row.sha256] = (
                QIcon(pixmap)
                if not pixmap.isNull()
                else QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            )
        return self._thumbs[row.sha256]


class ImagePreview(QDialog):
    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setPixmap(scaled_image(path, PREVIEW_MAX))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.resize(PREVIEW_MAX.width() + 40, PREVIEW_MAX.height() + 40)


class AttachmentsPanel(QWidget):
    """Thumbnails of one case's attachments; ``added`` fires after files were stored."""

    added = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case: Complaint | None = None
        self.model = AttachmentsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(THUMB)
        self.view.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 44))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setMovement(QListView.Movement.Static)
        self.view.activated.connect(self.preview)
        self.add_button = QPushButton(self.tr("Add photos or scans…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        hint = QLabel(self.tr("Double-click to open; drop files here to add them."))
        hint.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.setAcceptDrops(True)
        self.previews: list[QDialog] = []
        self.adding = False  # files are being stored

    def show_case(self, case: Complaint) -> None:
        self.case = case
        self._load(case.id)

    def _load(self, case_id: int) -> None:
        """Read the case's attachments off the GUI thread; an answer for a case no longer shown is dropped."""
        read_op(self, lambda: attachments.list_attachments(case_id)).background().success(
            lambda rows: self._show_rows(case_id, rows)
        ).run()

    def _show_rows(self, case_id: int, rows: list[Attachment]) -> None:
        if self.case is not None and self.case.id == case_id:
            self.model.set_rows(rows)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos or scans"),
            "",
            self.tr("Photos and scans (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.pdf);;All files (*)"),
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Store ``paths`` for the case off the GUI thread; the list shows them when it is done.
        Files dropped while an earlier batch is stored are refused (the button is disabled)."""
        if self.case is None or not paths or self.adding:
            return
        user, case_id = self.session.user, self.case.id

        def work(progress: Progress) -> int:
            for done, path in enumerate(paths):
                progress.update(done, len(paths), path.name)
                attachments.attach_file(user, case_id, path)
            progress.update(len(paths), len(paths))
            return len(paths)

        self.adding = True
        op = progress_op(self, work, write=True).with_progress(self.tr("Adding attachments"))
        op.disables(self.add_button).ended(lambda: self._stored(case_id)).run()

    def _stored(self, case_id: int) -> None:
        """After any outcome (a refusal is shown by the op): the files before it were stored."""
        self.adding = False
        if shiboken6.isValid(self):  # the case window was not closed meanwhile
            self._load(case_id)
            self.added.emit()

    def preview(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()]
        path = attachments.attachment_path(row)
        if attachments.is_image(row):
            dialog = ImagePreview(path, row.filename, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self.previews = [dialog]
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)
