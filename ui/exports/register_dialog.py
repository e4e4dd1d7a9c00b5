"""导出登记表 dialog: date range, the format (the Excel workbook, or the printed register as a
PDF), "include full phone numbers" (only for those allowed to see them, and only in Excel), and
the file to write; the export runs off the GUI thread with progress and Cancel.

While it runs the dialog stays open with Export disabled; it closes when the file is written.
Cancel (the dialog's or the progress dialog's) stops the export and leaves no file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.permissions import allowed
from ui.exports.pdf_preview import default_folder
from ui.ops import Op, progress_op
from ui.session import Session


class ExportRegisterDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None, case_ids: list[int] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_ids = case_ids
        self.result_path: Path | None = None
        self.export_op: Op[Path] | None = None  # while the export runs
        self.setWindowTitle(self.tr("Export the register"))
        today = clock.now().date()
        self.all_dates = QCheckBox(self.tr("All dates"))
        self.date_from = self._date_edit(today.replace(day=1))
        self.date_to = self._date_edit(today)
        self.all_dates.toggled.connect(self._sync)
        self.full_phone = QCheckBox(self.tr("Include full phone numbers (recorded in the audit trail)"))
        self.may_show_full = session.user is not None and allowed(session.user.role, "export_full_phone")
        self.full_phone.setVisible(self.may_show_full)
        self.path_edit = QLineEdit(str(default_folder() / f"投诉登记表-{today:%Y%m%d}.xlsx"))
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel workbook (all columns, and a sheet for printing)"), ".xlsx")
        self.format.addItem(self.tr("PDF for printing (the meeting's columns)"), ".pdf")
        self.format.currentIndexChanged.connect(self._format_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        if case_ids is not None:
            form.addRow(QLabel(self.tr("Cases: the %1 cases shown on the board").replace("%1", str(len(case_ids)))))
        else:
            form.addRow(self.tr("Received from"), self.date_from)
            form.addRow(self.tr("Received to"), self.date_to)
            form.addRow("", self.all_dates)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.full_phone)
        form.addRow(self.tr("Save to"), path_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _date_edit(value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _sync(self, all_dates: bool) -> None:
        self.date_from.setEnabled(not all_dates)
        self.date_to.setEnabled(not all_dates)

    def suffix(self) -> str:
        return self.format.currentData()

    def _format_changed(self) -> None:
        """The file name follows the format; a PDF has no phone numbers to show in full."""
        path = Path(self.path_edit.text().strip())
        if path.name:
            self.path_edit.setText(str(path.with_suffix(self.suffix())))
        self.full_phone.setVisible(self.may_show_full and self.suffix() == ".xlsx")

    def _browse(self) -> None:
        pattern = self.tr("Excel workbooks (*.xlsx)") if self.suffix() == ".xlsx" else self.tr("PDF files (*.pdf)")
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text(), pattern)
        if chosen:
            self.path_edit.setText(chosen if chosen.lower().endswith(self.suffix()) else chosen + self.suffix())

    def range(self) -> tuple[date | None, date | None]:
        if self.case_ids is not None or self.all_dates.isChecked():
            return None, None
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def accept(self) -> None:
        """Start the export; the dialog closes when it is written, and stays open if it failed or was
        cancelled."""
        if self.export_op is not None:
            return  # already exporting (a double click, Enter twice)
        date_from, date_to = self.range()
        if date_from and date_to and date_from > date_to:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The start date is after the end date."))
            return
        path = Path(self.path_edit.text().strip())
        if not path.name or path.is_dir():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Please choose the file to save to."))
            return
        user, case_ids = self.session.user, self.case_ids
        if self.suffix() == ".pdf":
            from studio_desk.exports.register_pdf import export_register_pdf

            def export(progress):
                return export_register_pdf(
                    user, path, date_from=date_from, date_to=date_to, case_ids=case_ids, progress=progress
                )
        else:
            from studio_desk.exports.register_xlsx import export_register

            full = self.may_show_full and self.full_phone.isChecked()

            def export(progress):
                return export_register(
                    user,
                    path,
                    date_from=date_from,
                    date_to=date_to,
                    case_ids=case_ids,
                    include_full_phone=full,
                    progress=progress,
                )

        self.export_op = (
            progress_op(self, export)
            .with_progress(self.windowTitle())
            .disables(self.ok_button)
            .success(self._exported)
            .ended(self._ended)
            .run()
        )

    def _exported(self, path: Path) -> None:
        if self.isVisible():  # not closed by Cancel while the file was being finished
            self.result_path = path
            super().accept()

    def _ended(self) -> None:
        self.export_op = None  # a plain attribute: safe even after the dialog was deleted

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: a running export stops and leaves no file."""
        if self.export_op is not None:
            self.export_op.cancel()
        super().reject()


def export_register_dialog(
    session: Session, parent: QWidget | None = None, case_ids: list[int] | None = None
) -> Path | None:
    """Ask and export; returns the written file, or None when cancelled."""
    dialog = ExportRegisterDialog(session, parent, case_ids)
    dialog.exec()
    if dialog.result_path is not None:
        QMessageBox.information(
            parent,
            dialog.windowTitle(),
            QCoreApplication.translate("Exports", "The register was saved to %1").replace(
                "%1", str(dialog.result_path)
            ),
        )
    return dialog.result_path
