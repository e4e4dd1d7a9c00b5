"""导入登记表 wizard: choose the file → say which column is which field → say what each word of
the choice columns becomes (值对应) → preview every row with its notes → import.

Reading, checking and importing are the core's (studio_desk.exports.register_import); the
wizard only asks and shows, and runs the slow steps as ops (off the GUI thread, with progress).

A page's ``validatePage`` cannot wait for an op, so Next (or Import) starts the op and answers
"not yet"; when the op succeeds the wizard keeps what it read (with the inputs it was read for)
and presses Next again, and ``validatePage`` then answers "yes" at once. A result is used once
and only for the inputs it was read with: going back, or changing the file or a choice, reads
again. While an op runs Back, Next, Import and Cancel are disabled and closing is refused; the
progress dialog's Cancel stops the work.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
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
from ui.ops import Op, progress_op
from ui.plain import plain_label
from ui.session import Session
from ui.table_model import make_table, show_model

BACK, NEXT = QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton
FINISH, CANCEL = QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton


class _Page(QWizardPage):
    """A page whose Next (or Import) is unavailable while the wizard's op runs."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard

    def isComplete(self) -> bool:  # noqa: N802
        return self.owner.busy is None and super().isComplete()


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose the register to import"))
        self.setSubTitle(
            self.tr(
                "A register exported by StudioDesk, or the studio's own older register: "
                "Excel (.xlsx, .xls), WPS/LibreOffice (.ods) or CSV."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.title(),
            str(default_folder()),
            self.tr("Registers (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"),
        )
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802
        return super().isComplete() and bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        self.owner.path = Path(self.path_edit.text().strip())
        self.owner.columns = self.owner.values = None  # another file: its own columns and words
        return self.owner.read()


class MappingPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Which column is which?"))
        self.setSubTitle(
            self.tr(
                "Columns were matched by their headers. Change any that are wrong; "
                'columns marked "not imported" are left out.'
            )
        )
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


class ValuesPage(_Page):
    """值对应: every distinct word of every choice column, its count and what it becomes."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("What do the words in the file mean?"))
        self.setSubTitle(
            self.tr(
                "Each word is matched to our values; words in brown were guessed. Change any "
                "that are wrong. A category or department can be created here."
            )
        )
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


class PreviewPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
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
        text = self.tr(
            '%1 complaints read from sheet "%2"; %3 rows have notes; %4 are already in the '
            "database; %5 rows are not complaints (titles, totals, notes) and are skipped."
        )
        for key, value in (
            ("%1", len(preview.rows)),
            ("%2", preview.sheet),
            ("%3", len(warned)),
            ("%4", preview.already),
            ("%5", len(preview.skipped)),
        ):
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
        self.busy: Op | None = None  # the read or the import that runs
        self._read_for: tuple | None = None  # the (path, columns, values) ``preview`` was just read with
        self.setWindowTitle(self.tr("Import register"))
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.values_page, self.preview_page = ValuesPage(self), PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.values_page, self.preview_page):
            self.addPage(page)
        self.resize(880, 600)

    def read(self) -> bool:
        """True when ``preview`` was just read with the file, columns and values chosen so far;
        otherwise start reading them (off the GUI thread) and return False."""
        inputs = (self.path, self.columns, self.values)
        if self._read_for is not None and self._read_for == inputs:
            self._read_for = None  # used once: Back and Next again reads the file again
            return True
        if self.busy is None:
            path, columns, values = inputs

            def read(progress):
                return read_register(path, columns, values, progress), catalog_names()

            op = progress_op(self, read).with_progress(self.tr("Reading the register"))
            self._start(op.success(lambda value: self._was_read(inputs, value)))
        return False

    def _was_read(self, inputs: tuple, value: tuple[ImportPreview, dict[str, list[str]]]) -> None:
        self.preview, self.names = value
        self._read_for = inputs
        self.next()  # the page's validatePage finds it read and goes on

    def run_import(self) -> bool:
        """True once the import is done; otherwise start it (unless it runs) and return False."""
        if self.result is not None:
            return True
        if self.busy is None:
            user, preview = self.session.user, self.preview
            op = progress_op(
                self,
                lambda progress: import_register(user, preview, progress=progress),
                write=True,
                session=self.session,
            )
            self._start(op.with_progress(self.tr("Importing")).success(self._imported))
        return False

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.accept()  # validates the last page again, which now says yes

    def _start(self, op: Op) -> None:
        self.busy = op
        for which in (BACK, NEXT, FINISH, CANCEL):
            self.button(which).setEnabled(False)
        op.ended(self._idle).run()

    def _idle(self) -> None:
        self.busy = None
        if shiboken6.isValid(self):  # not deleted while the op ran
            self.button(CANCEL).setEnabled(True)
            self.currentPage().completeChanged.emit()  # QWizard sets Back, Next and Import again

    def reject(self) -> None:
        """Cancel, Esc, the close button: refused while an op runs (its progress dialog can stop it)."""
        if self.busy is None:
            super().reject()


def import_register_wizard(session: Session, parent: QWidget | None = None) -> ImportResult | None:
    """Run the wizard; returns what was imported, or None."""
    wizard = ImportWizard(session, parent)
    wizard.exec()
    if wizard.result is not None:
        r = wizard.result
        text = QCoreApplication.translate("Exports", "Imported %1 cases (%2 as history); %3 were already there.")
        QMessageBox.information(
            parent,
            wizard.windowTitle(),
            text.replace("%1", str(r.imported)).replace("%2", str(r.history)).replace("%3", str(r.already)),
        )
    return wizard.result
