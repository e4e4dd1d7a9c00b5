"""打印: the case sheet, the customer's slip and the meeting pack, each generated off the GUI
thread with a progress dialog and then shown in the print preview.

Each ``print_*`` returns at once with the running op; the preview opens when the PDF is ready
and is handed to ``shown`` (a caller that keeps it). ``button`` is disabled meanwhile, so a
second click does not make a second PDF."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio_desk.models import Complaint
from studio_desk.progress import Progress
from ui.exports.pdf_preview import PdfPreviewDialog, preview_pdf
from ui.ops import Op, progress_op
from ui.session import Session

Shown = Callable[[PdfPreviewDialog], object] | None


def print_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "studiodesk-print"
    folder.mkdir(exist_ok=True)
    return folder


def _generate_and_preview(
    parent: QWidget | None, title: str, make: Callable[[Progress], Path], shown: Shown, button: QWidget | None
) -> Op[Path]:
    """Make the PDF off the GUI thread, then preview it (unless its window was closed meanwhile)."""

    def done(path: Path) -> None:
        dialog = preview_pdf(parent, path)
        if shown is not None:
            shown(dialog)

    op = progress_op(parent, make).with_progress(title).success(done)
    if button is not None:
        op.disables(button)
    return op.run()


def _case_no(case_id: int) -> str:
    """For the file name; read on the op's thread."""
    case = Complaint.get_or_none(Complaint.id == case_id)
    return case.case_no if case else str(case_id)


def print_case_sheet(
    session: Session, case_id: int, parent: QWidget | None = None, *, shown: Shown = None, button: QWidget | None = None
) -> Op[Path]:
    """投诉处理单 of one case in the print preview."""
    from studio_desk.exports.case_sheet import write_case_sheet

    user = session.user

    def make(progress: Progress) -> Path:
        return write_case_sheet(user, case_id, print_folder() / f"投诉处理单-{_case_no(case_id)}.pdf", progress)

    title = QCoreApplication.translate("Exports", "Case sheet")
    return _generate_and_preview(parent, title, make, shown, button)


def print_slip(
    session: Session, case_id: int, parent: QWidget | None = None, *, shown: Shown = None, button: QWidget | None = None
) -> Op[Path]:
    """回执 for the customer in the print preview."""
    from studio_desk.exports.slip import write_slip

    user = session.user

    def make(_progress: Progress) -> Path:
        return write_slip(user, case_id, print_folder() / f"回执-{_case_no(case_id)}.pdf")

    title = QCoreApplication.translate("Exports", "Acknowledgement slip")
    return _generate_and_preview(parent, title, make, shown, button)


class MeetingPackDialog(QDialog):
    """Which cases go into the meeting pack: those received on one day, or every open case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Meeting pack"))
        self.by_day = QRadioButton(self.tr("Cases received on"))
        self.open_cases = QRadioButton(self.tr("All open cases (overdue first)"))
        self.by_day.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_day)
        group.addButton(self.open_cases)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.open_cases.toggled.connect(lambda on: self.day.setEnabled(not on))
        grid = QGridLayout()
        grid.addWidget(self.by_day, 0, 0)
        grid.addWidget(self.day, 0, 1)
        grid.addWidget(self.open_cases, 1, 0, 1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make pack"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def choice(self) -> tuple[date | None, bool]:
        """(day, open_only) as write_meeting_pack takes them."""
        if self.open_cases.isChecked():
            return None, True
        return self.day.date().toPython(), False


def print_meeting_pack(
    session: Session,
    parent: QWidget | None = None,
    choice: tuple[date | None, bool] | None = None,
    *,
    shown: Shown = None,
) -> Op[Path] | None:
    """Ask which cases (unless ``choice`` is given), make the meeting pack and preview it;
    None when the user did not choose."""
    from studio_desk.exports.meeting import write_meeting_pack

    if choice is None:
        dialog = MeetingPackDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
    day, open_only = choice
    user = session.user
    name = "会议资料-未结案件.pdf" if open_only else f"会议资料-{day:%Y%m%d}.pdf"
    path = print_folder() / name
    title = QCoreApplication.translate("Exports", "Meeting pack")
    return _generate_and_preview(
        parent,
        title,
        lambda progress: write_meeting_pack(user, path, day=day, open_only=open_only, progress=progress),
        shown,
        None,
    )
