"""The meeting papers from the 统计 tab: the daily summary (每日工作小结) and the monthly analysis
report (客户投诉统计分析表, PDF or Excel), and the month's corrective actions (整改措施) that
the report prints, written here by the manager. The corrective actions are read and saved off
the GUI thread (:mod:`ui.ops`); the papers are made there too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_desk import clock
from studio_desk.models import MonthlyReview
from studio_desk.permissions import allowed
from studio_desk.progress import Progress
from studio_desk.services import reviews
from ui.case.inputs import long_text
from ui.forms import error_label, set_message
from ui.ops import error_text, progress_op, read_op, write_op
from ui.plain import plain_label
from ui.session import Session


def _month_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, 1))
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(True)
    edit.setMaximumDate(QDate(value.year + 1, 12, 31))
    return edit


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def paper_folder() -> Path:
    """Where generated PDFs wait for the print preview."""
    from ui.exports.printing import print_folder

    return print_folder()


def preview(parent: QWidget, path: Path) -> QWidget:
    """The print preview (with save and print) of a finished PDF."""
    from ui.exports.pdf_preview import preview_pdf

    return preview_pdf(parent, path)


class ReportsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last_output: Path | None = None
        self.last_preview: QWidget | None = None
        today = clock.now().date()
        role = session.user.role if session.user else ""
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.daily_button = QPushButton(self.tr("Daily summary (PDF)…"))
        self.daily_button.clicked.connect(self.make_daily)
        self.month = _month_edit(today.replace(day=1) - timedelta(days=1))
        self.month.dateChanged.connect(self._month_changed)
        self.pdf_button = QPushButton(self.tr("Monthly report (PDF)…"))
        self.pdf_button.clicked.connect(self.make_monthly_pdf)
        self.xlsx_button = QPushButton(self.tr("Monthly workbook (Excel)…"))
        self.xlsx_button.clicked.connect(self.make_monthly_xlsx)
        self.saved_note = plain_label()
        self.saved_note.setWordWrap(True)
        for button in (self.daily_button, self.pdf_button, self.xlsx_button):
            button.setEnabled(allowed(role, "export"))

        self.actions_title = plain_label()
        self.actions = long_text()
        self.actions.setObjectName("corrective_actions")
        self.actions.setPlaceholderText(self.tr("What the studio will change because of this month's complaints"))
        self.can_write = allowed(role, "monthly_review")
        self.actions.setReadOnly(not self.can_write)
        self.save_button = QPushButton(self.tr("Save corrective actions"))
        self.save_button.setVisible(self.can_write)
        self.save_button.clicked.connect(self.save_actions)
        self.status = plain_label()
        self.error = error_label()
        self._loaded_at: datetime | None = None
        self._shown_month = self.month_text()
        self.saving = False  # corrective actions are being saved

        daily = QGroupBox(self.tr("Daily meeting"))
        daily_form = QFormLayout(daily)
        daily_form.addRow(self.tr("Day"), self._row(self.day, self.daily_button))
        monthly = QGroupBox(self.tr("Monthly analysis report"))
        monthly_layout = QVBoxLayout(monthly)
        monthly_form = QFormLayout()
        monthly_form.addRow(self.tr("Month"), self._row(self.month, self.pdf_button, self.xlsx_button))
        monthly_layout.addLayout(monthly_form)
        monthly_layout.addWidget(self.saved_note)
        monthly_layout.addWidget(self.actions_title)
        monthly_layout.addWidget(self.actions, 1)
        monthly_layout.addWidget(self.error)
        monthly_layout.addLayout(self._row_layout(self.save_button, self.status))
        layout = QVBoxLayout(self)
        layout.addWidget(daily)
        layout.addWidget(monthly, 1)
        self.load_actions()

    def _row_layout(self, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _row(self, *widgets: QWidget) -> QWidget:
        holder = QWidget()
        holder.setLayout(self._row_layout(*widgets))
        return holder

    def month_text(self) -> str:
        return self.month.date().toString("yyyy-MM")

    # --- corrective actions ------------------------------------------------------------

    def load_actions(self) -> None:
        """Read the shown month's corrective actions; the editor waits, read-only, until they came."""
        month = self.month_text()
        self.actions_title.setText(
            self.tr("Corrective actions for %1 (printed in the monthly report)").replace("%1", month)
        )
        self.actions.setReadOnly(True)
        read_op(self, lambda: reviews.get_review(month)).background().disables(self.save_button).success(
            lambda review: self._show_actions(month, review)
        ).failure(lambda error: set_message(self.error, error_text(error))).run()

    def _show_actions(self, month: str, review: MonthlyReview | None) -> None:
        if month != self.month_text():
            return  # a late answer for a month no longer chosen; its own read follows
        self._loaded_at = review.updated_at if review else None
        self._shown_month = month
        self.actions.setPlainText(review.corrective_actions if review else "")
        self.actions.document().setModified(False)
        self.actions.setReadOnly(not self.can_write)
        set_message(self.error, "")
        self.status.setText("")

    def _month_changed(self) -> None:
        if self.actions.document().isModified() and self.month_text() != self._shown_month:
            answer = QMessageBox.question(
                self,
                self.tr("Corrective actions"),
                self.tr("The corrective actions for %1 were changed but not saved. Discard the changes?").replace(
                    "%1", self._shown_month
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.month.blockSignals(True)
                self.month.setDate(QDate.fromString(self._shown_month + "-01", "yyyy-MM-dd"))
                self.month.blockSignals(False)
                return
        self.load_actions()

    def save_actions(self) -> None:
        """Save off the GUI thread (it waits behind another desk's write lock); the button stays
        disabled meanwhile, so a double click saves once. A refusal appears above the button."""
        if self.saving:
            return
        user, month, text, loaded_at = self.session.user, self._shown_month, self.actions.toPlainText(), self._loaded_at
        self.saving = True
        op = write_op(self, self.session, lambda: reviews.save_review(user, month, text, expected_updated_at=loaded_at))
        op.disables(self.save_button).success(lambda review: self._saved_actions(month, text, review))
        op.failure(lambda error: set_message(self.error, error_text(error))).ended(self._save_ended).run()

    def _save_ended(self) -> None:
        self.saving = False

    def _saved_actions(self, month: str, text: str, review: MonthlyReview) -> None:
        if month != self._shown_month:
            return  # another month is shown by now
        self._loaded_at = review.updated_at
        # Typed on while it saved: those words are still to be saved.
        self.actions.document().setModified(self.actions.toPlainText() != text)
        set_message(self.error, "")
        self.status.setText(self.tr("Saved at %1").replace("%1", review.updated_at.strftime("%H:%M")))

    # --- papers -----------------------------------------------------------------------

    def _generate(
        self, title: str, button: QPushButton, make: Callable[[Progress], Path], done: Callable[[Path], object]
    ) -> None:
        """Make the paper off the GUI thread; ``done`` gets its path (unless the tab was closed)."""
        self.last_output = self.last_preview = None

        def made(path: Path) -> None:
            self.last_output = path
            done(path)

        progress_op(self, make).with_progress(title).disables(button).success(made).run()

    def _preview(self, path: Path) -> None:
        self.last_preview = preview(self, path)

    def make_daily(self) -> None:
        from studio_desk.reports.daily import write_daily_summary

        user, day = self.session.user, _to_date(self.day.date())
        path = paper_folder() / f"每日工作小结-{day:%Y-%m-%d}.pdf"
        self._generate(
            self.tr("Daily summary"),
            self.daily_button,
            lambda p: write_daily_summary(user, day, path, p),
            self._preview,
        )

    def make_monthly_pdf(self) -> None:
        from studio_desk.reports.monthly import write_monthly_report

        user, month = self.session.user, self.month_text()
        path = paper_folder() / f"客户投诉统计分析表-{month}.pdf"
        self._generate(
            self.tr("Monthly report"),
            self.pdf_button,
            lambda p: write_monthly_report(user, month, path, p),
            self._preview,
        )

    def make_monthly_xlsx(self) -> None:
        from studio_desk.reports.monthly import write_monthly_workbook

        user, month = self.session.user, self.month_text()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the monthly workbook"),
            str(Path(folder) / f"客户投诉统计分析表-{month}.xlsx"),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        self._generate(
            self.tr("Monthly workbook"),
            self.xlsx_button,
            lambda p: write_monthly_workbook(user, month, path, p),
            self._saved,
        )

    def _saved(self, path: Path) -> None:
        self.saved_note.setText(self.tr("The workbook was saved to %1").replace("%1", str(path)))
