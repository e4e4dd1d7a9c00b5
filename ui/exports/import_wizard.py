"""导入登记表 wizard: choose the file → say which column is which field → say what each word of
the choice columns becomes (值对应) → preview every row with its notes → import.

Reading, checking and importing are the core's (studio_desk.exports.register_import); the
wizard only asks and shows, and runs the slow steps with a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from studio_desk.exports.register_check import ImportRow
from studio_desk.exports.register_import import ImportPreview, ImportResult, import_register, read_register
from studio_desk.importing.values import catalog_names
from ui.exports.import_models import FieldDelegate, MappingModel, PreviewModel
from ui.exports.import_values import ValueDelegate, ValuesModel
from ui.exports.pdf_preview import default_folder
from ui.plain import plain_label
from ui.progress_dialog import run_with_progress
from ui.session import Session
from ui.table_model import make_table, show_model


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Choose the register to import"))
        self.setSubTitle(self.tr("A register exported by StudioDesk, or the studio's own older register: "
                                 "Excel (.xlsx, .xls), WPS/LibreOffice (.ods) or CSV."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.title(), str(default_folder()),
                                                self.tr("Registers (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"))
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        self.owner.path = Path(self.path_edit.text().strip())
        self.owner.columns = self.owner.values = None  # another file: its own columns and words
        return self.owner.read()


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
        self.missing = plain_label()
        self.missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.missing)

    def initializePage(self) -> None:  # noqa: N802
        preview = self.owner.preview
        self.model = MappingModel(preview.headers, preview.mapping)
        show_model(self.view, self.model)
        text = "、".join(preview.missing)
        self.missing.setText(self.tr("Required fields without a column: %1").replace("%1", text) if text else "")

    def validatePage(self) -> bool:  # noqa: N802
        self.owner.columns = self.model.mapping()
        return self.owner.read()


class ValuesPage(QWizardPage):
    """值对应: every distinct word of every choice column, its count and what it becomes."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("What do the words in the file mean?"))
        self.setSubTitle(self.tr("Each word is matched to our values; words in brown were guessed. Change any "
                                 "that are wrong. A category or department can be created here."))
        self.model = ValuesModel([], {})
        self.view = make_table(self.model)
        self.view.setItemDelegateForColumn(3, ValueDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def initializePage(self) -> None:  # noqa: N802
        self.model = ValuesModel(self.owner.preview.proposals, self.owner.names)
        show_model(self.view, self.model)

    def validatePage(self) -> bool:  # noqa: N802
        self.owner.values = self.model.chosen()
        return self.owner.read()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Check before importing"))
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.model = PreviewModel()
        self.view = make_table(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))

    def initializePage(self) -> None:  # noqa: N802
        preview = self.owner.preview
        warned = preview.warned_rows
        skipped = [ImportRow(sheet, row, {}, problems=[why]) for sheet, row, why in preview.skipped]
        self.model.set_rows(warned + [r for r in preview.all_rows if r.ok and not r.warnings] + skipped)
        text = self.tr("%1 complaints read from sheet \"%2\"; %3 rows have notes; %4 are already in the "
                       "database; %5 rows are not complaints (titles, totals, notes) and are skipped.")
        for key, value in (("%1", len(preview.rows)), ("%2", preview.sheet), ("%3", len(warned)),
                           ("%4", preview.already), ("%5", len(preview.skipped))):
            text = text.replace(key, str(value))
        if preview.history:
            text += " " + self.tr("This is an older register: its cases are imported as history (历史导入).")
        self.summary.setText(text)

    def validatePage(self) -> bool:  # noqa: N802
        return self.owner.run_import()


class ImportWizard(QWizard):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.path: Path | None = None
        self.columns: dict[str, str] | None = None
        self.values: dict[str, dict[str, str]] | None = None
        self.names: dict[str, list[str]] = {}
        self.setWindowTitle(self.tr("Import register"))
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.values_page, self.preview_page = ValuesPage(self), PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.values_page, self.preview_page):
            self.addPage(page)
        self.resize(880, 600)

    def read(self) -> bool:
        """Read the file with the columns and values chosen so far (off the GUI thread)."""
        path, columns, values = self.path, self.columns, self.values

        def read(progress):
            return read_register(path, columns, values, progress), catalog_names()

        kind, value = run_with_progress(self, self.tr("Reading the register"), read)
        if kind == "done":
            self.preview, self.names = value
        return kind == "done"

    def run_import(self) -> bool:
        user, preview = self.session.user, self.preview
        kind, value = run_with_progress(self, self.tr("Importing"), lambda progress: import_register(
            user, preview, progress=progress))
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
        text = QCoreApplication.translate("Exports", "Imported %1 cases (%2 as history); %3 were already there.")
        QMessageBox.information(parent, wizard.windowTitle(), text.replace("%1", str(r.imported))
                                .replace("%2", str(r.history)).replace("%3", str(r.already)))
    return wizard.result
