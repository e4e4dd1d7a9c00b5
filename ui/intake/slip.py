"""The customer's acknowledgement slip (回执): made as a PDF by the exports code, then shown
in a print preview from which the receptionist prints it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from studio_desk.models import Complaint
from ui.case.inputs import translate
from ui.progress_dialog import run_with_progress
from ui.session import Session


def slip_path(case: Complaint) -> Path:
    folder = Path(tempfile.gettempdir()) / "studiodesk-slips"
    folder.mkdir(exist_ok=True)
    return folder / f"回执-{case.case_no}.pdf"


def make_slip(session: Session, case: Complaint, parent: QWidget | None) -> Path | None:
    """Write the slip PDF off the GUI thread; None (after telling why) when it could not be made."""
    title = translate("Slip", "Acknowledgement slip")
    try:
        from studio_desk.exports.slip import write_slip
    except ImportError:
        QMessageBox.information(parent, title, translate(
            "Slip", "Printing the acknowledgement slip is not available in this version yet. The case is saved."))
        return None
    path = slip_path(case)
    user = session.user
    kind, _ = run_with_progress(parent, title, lambda _progress: write_slip(user, case.id, path))
    return path if kind == "done" else None


class PdfPrintPreview(QPrintPreviewDialog):
    """Print preview of a finished PDF: each page drawn as an image, scaled to the paper."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self.printer, parent)
        self.setWindowTitle(translate("Slip", "Print preview: %1").replace("%1", path.name))
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        if self.document.pageCount():  # print on paper of the slip's own size (A6), not A4
            self.printer.setPageSize(QPageSize(self.document.pagePointSize(0), QPageSize.Unit.Point))
            self.printer.setFullPage(True)
        self.paintRequested.connect(self._paint)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _paint(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        for page in range(self.document.pageCount()):
            if page:
                printer.newPage()
            size = self.document.pagePointSize(page)
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QSize(int(size.width() * scale), int(size.height() * scale))
            image = self.document.render(page, target)
            painter.drawImage(QRectF(QPointF(0, 0), target.toSizeF()), image)
        painter.end()


def show_slip(path: Path, parent: QWidget | None) -> PdfPrintPreview:
    """Open the print preview (window-modal, does not block the caller)."""
    preview = PdfPrintPreview(path, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.resize(900, 700)
    preview.open()
    return preview
