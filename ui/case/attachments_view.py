"""The case's evidence files: thumbnails of photos and scans, a larger preview on double
click, and adding files (button or drag and drop) through :mod:`studio_desk.attachments`.

The list, the files behind it (on the shared database a desk's copy is fetched from the database
the first time) and the scaled images are read on a worker thread (:mod:`ui.ops`); the GUI thread
only turns the finished images into pixmaps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QImageReader, QPixmap
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


def scaled_image(path: Path, size: QSize) -> QImage:
    """The image at ``path`` scaled down while reading (a big photo never loads at full size).
    A QImage, so that a worker thread can make it; the GUI thread shows it as a pixmap."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and (original.width() > size.width() or original.height() > size.height()):
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def read_case_files(case_id: int, known: frozenset[str]) -> tuple[list[Attachment], dict[str, QImage]]:
    """On a worker thread: the case's attachments and the thumbnails of its images not in ``known``."""
    rows = attachments.list_attachments(case_id)
    thumbs = {
        row.sha256: scaled_image(attachments.attachment_path(row), THUMB)
        for row in rows
        if attachments.is_image(row) and row.sha256 not in known
    }
    return rows, thumbs


def read_preview(row: Attachment) -> tuple[Path, QImage | None]:
    """On a worker thread: where the file is, and for an image the picture scaled for the screen."""
    path = attachments.attachment_path(row)
    return path, scaled_image(path, PREVIEW_MAX) if attachments.is_image(row) else None


class AttachmentsModel(RowListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbs: dict[str, QIcon] = {}

    def show(self, rows: list[Attachment], thumbs: dict[str, QImage]) -> None:
        """Rows and new thumbnails read by :func:`read_case_files`."""
        for sha, image in thumbs.items():
            if not image.isNull():
                self._thumbs[sha] = QIcon(QPixmap.fromImage(image))
        self.set_rows(rows)

    def known_thumbs(self) -> frozenset[str]:
        return frozenset(self._thumbs)

    def value(self, row: Attachment, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.filename
        if role == Qt.ItemDataRole.DecorationRole:
            thumb = self._thumbs.get(row.sha256)
            return thumb if thumb is not None else QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(
                self.tr("%1\n%2 KB, added %3 by %4")
                .replace("%1", row.filename)
                .replace("%2", f"{max(1, row.size // 1024):,}")
                .replace("%3", row.added_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%4", row.added_by.display_name)
            )
        return None


class ImagePreview(QDialog):
    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setPixmap(QPixmap.fromImage(image))
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
        known = self.model.known_thumbs()
        read_op(self, lambda: read_case_files(case_id, known)).background().success(
            lambda read: self._show_rows(case_id, *read)
        ).run()

    def _show_rows(self, case_id: int, rows: list[Attachment], thumbs: dict[str, QImage]) -> None:
        if self.case is not None and self.case.id == case_id:
            self.model.show(rows, thumbs)

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
        """Open the file: an image in a larger preview, anything else in its own program; the file
        is found (or fetched from the shared database) and the image scaled off the GUI thread."""
        row = self.model.rows[index.row()]
        read_op(self, lambda: read_preview(row)).with_progress(self.tr("Opening the attachment…")).success(
            lambda read: self._open(row, *read)
        ).run()

    def _open(self, row: Attachment, path: Path, image: QImage | None) -> None:
        if image is None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        dialog = ImagePreview(image, row.filename, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.previews = [dialog]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)
