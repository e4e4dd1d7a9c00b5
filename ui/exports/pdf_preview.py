"""Print preview of a finished PDF (打印预览) and "save as PDF".

The PDF is the document; Qt only shows and prints it: QtPdf renders each page to an image
that is painted onto the QPrinter the preview dialog provides, at the PDF's own page size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar, QWidget

from studio_desk.errors import DomainError
from studio_desk.exports.files import copy_output

RENDER_DPI = 300  # enough for print; the printer's own resolution can be 1200 dpi (huge images)


def render_pages(document: QPdfDocument, printer: QPrinter) -> None:
    """Paint every page of ``document`` onto ``printer``, each fitted to the paper."""
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(int(points.width() * RENDER_DPI / 72),
                                                int(points.height() * RENDER_DPI / 72)))
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(area.width() / points.width(), area.height() / points.height())
            width, height = points.width() * scale, points.height() * scale
            target = QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height)
            painter.drawImage(target, image)
    finally:
        painter.end()


class PdfPreviewDialog(QPrintPreviewDialog):
    """QPrintPreviewDialog over a PDF file, with a "Save as PDF…" button in its toolbar."""

    def __init__(self, pdf_path: str | Path, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self.printer, parent)
        self.pdf_path = Path(pdf_path)
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", self.pdf_path.name))
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            self.printer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
            self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self.printer.setFullPage(True)
        self.printer.setPageMargins(QMarginsF(0, 0, 0, 0))
        self.printer.setDocName(self.pdf_path.stem)
        self.paintRequested.connect(lambda printer: render_pages(self.document, printer))
        self.save_action = QAction(self.tr("Save as PDF…"), self)
        self.save_action.triggered.connect(lambda: save_pdf_as(self, self.pdf_path))
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
        self.resize(960, 760)

    def page_count(self) -> int:
        return self.document.pageCount()


def preview_pdf(parent: QWidget | None, pdf_path: str | Path) -> PdfPreviewDialog:
    """Open the print preview of ``pdf_path`` (window-modal; the caller is not blocked)."""
    dialog = PdfPreviewDialog(pdf_path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.page_count() == 0:
        QMessageBox.warning(parent, dialog.windowTitle(),
                            QCoreApplication.translate("Exports", "The PDF could not be opened."))
    dialog.open()
    return dialog


def default_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def save_pdf_as(parent: QWidget | None, pdf_path: str | Path, target: str | Path | None = None) -> Path | None:
    """Copy the generated PDF where the user chooses (asked unless ``target`` is given)."""
    source = Path(pdf_path)
    if target is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("Exports", "Save as PDF"), str(default_folder() / source.name),
            QCoreApplication.translate("Exports", "PDF files (*.pdf)"))
        if not chosen:
            return None
        target = chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"
    try:
        return copy_output(source, target, (".pdf",))
    except DomainError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Exports", "Save as PDF"),
                            QCoreApplication.translate("Exports", "Could not save the file: %1")
                            .replace("%1", exc.message))
        return None
