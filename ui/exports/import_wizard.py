"""导入登记表 wizard: choose the file → say which column is which field → preview every row
with its problems → import all (refused while any row has a problem) or the valid rows only.

Reading, checking and importing are the core's (studio_desk.exports.register_import); the
wizard only asks and shows, and runs the slow steps with a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from studio_desk.exports.register_import import ImportPreview, ImportResult, import_register, read_register
from ui.exports.import_models import FieldDelegate, MappingModel, PreviewModel
from ui.exports.pdf_preview import default_folder
from ui.progress_dialog import run_with_progress
from ui.session import Session
from ui.table_model import make_table


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Choose the register to import"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx): a register exported by StudioDesk, "
                                 "or the studio's own older spreadsheet."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.title(), str(default_folder()),
                                                self.tr("Excel workbooks (*.xlsx)"))
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        return self.owner.read(Path(self.path_edit.text().strip()), None)


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Which column is which?"))
        self.setSubTitle(self.tr("Columns were matched by their headers. Change any that are wrong; "
                                 "columns marked \"not imported\" are left out."))
        self.model: MappingModel | None = None
        self.view = make_table(MappingModel([], {}))
        self.view.setItemDelegateForColumn(1, FieldDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.missing)

    def initializePage(self) -> None:  # noqa: N802
        preview = self.owner.preview
        self.model = MappingModel(preview.headers, preview.mapping)
        self.view.setModel(self.model)
        text = "、".join(preview.missing)
        self.missing.setText(self.tr("Required fields without a column: %1").replace("%1", text) if text else "")

    def validatePage(self) -> bool:  # noqa: N802
        if not self.owner.read(self.owner.preview.path, self.model.mapping()):
            return False
        if self.owner.preview.missing:
            self.initializePage()
            QMessageBox.warning(self, self.title(), self.missing.text())
            return False
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Check before importing"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = PreviewModel()
        self.view = make_table(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.valid_only = QCheckBox(self.tr("Import the valid rows only (rows with problems are skipped)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(self.valid_only)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))

    def initializePage(self) -> None:  # noqa: N802
        preview = self.owner.preview
        bad = preview.bad_rows
        self.model.set_rows(bad + [r for r in preview.all_rows if r.ok])  # problems first
        self.summary.setText(self.tr("%1 cases read from sheet \"%2\"; %3 rows have problems.")
                             .replace("%1", str(len(preview.rows))).replace("%2", preview.sheet)
                             .replace("%3", str(len(bad))))
        self.valid_only.setEnabled(bool(bad) and bool(preview.valid_cases))
        self.valid_only.setChecked(False)

    def validatePage(self) -> bool:  # noqa: N802
        return self.owner.run_import(self.valid_only.isChecked())


class ImportWizard(QWizard):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import register from Excel"))
        self.file_page, self.mapping_page, self.preview_page = FilePage(self), MappingPage(self), PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.resize(880, 600)

    def read(self, path: Path, mapping: dict[int, str] | None) -> bool:
        kind, value = run_with_progress(self, self.tr("Reading the register"), lambda _p: read_register(path, mapping))
        if kind == "done":
            self.preview = value
        return kind == "done"

    def run_import(self, valid_only: bool) -> bool:
        user, preview = self.session.user, self.preview
        kind, value = run_with_progress(self, self.tr("Importing"), lambda progress: import_register(
            user, preview, valid_only=valid_only, progress=progress))
        if kind != "done":
            return False
        self.result = value
        self.session.changed()
        return True


def import_register_wizard(session: Session, parent: QWidget | None = None) -> ImportResult | None:
    """Run the wizard; returns what was imported, or None."""
    wizard = ImportWizard(session, parent)
    wizard.exec()
    if wizard.result is not None:
        r = wizard.result
        text = QCoreApplication.translate("Exports", "Imported %1 cases; %2 rows skipped.")
        QMessageBox.information(parent, wizard.windowTitle(),
                                text.replace("%1", str(r.imported)).replace("%2", str(r.skipped)))
    return wizard.result
