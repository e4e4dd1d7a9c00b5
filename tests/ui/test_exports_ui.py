"""Printing and the Excel register in the desk: print preview of generated PDFs, save as PDF,
the export dialog (full phones only for those allowed) and the import wizard."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWizard

from studio_desk.models import Complaint
from tests.core import exportkit, importkit
from tests.core.exportkit import PHONE, ink_variance, pdf_pages, rendered_pages
from ui import plain
from ui.case.window import open_case
from ui.exports import print_case_sheet, print_meeting_pack, print_slip, save_pdf_as
from ui.exports.import_wizard import ImportWizard
from ui.exports.pdf_preview import render_pages
from ui.exports.printing import MeetingPackDialog
from ui.exports.register_dialog import ExportRegisterDialog
from ui.ops import runner


@pytest.fixture
def messages(monkeypatch):
    """Message boxes recorded instead of shown (they are modal and would wait for a click)."""
    seen: list[str] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda parent, title, text, *a, **k: seen.append(text))
    monkeypatch.setattr(plain, "message", lambda parent, icon, title, text, *a, **k: seen.append(text))
    return seen


def shown_preview(qtbot, start):
    """Start a print; returns its preview once the PDF was made off the GUI thread."""
    previews = []
    start(previews.append)
    qtbot.waitUntil(lambda: bool(previews), timeout=30_000)
    return previews[0]  # the test closes it (it deletes itself on close)


def test_case_sheet_preview_prints_every_page(qtbot, sign_in, category, tmp_path, frozen_now):
    session = sign_in("manager")
    case = exportkit.registered_case(
        {"front": session.user}, category(), description="很长的描述。" * 800, customer_wish="希望尽快解决。" * 600
    )
    dialog = shown_preview(qtbot, lambda shown: print_case_sheet(session, case.id, shown=shown))
    assert dialog.page_count() >= 3 and dialog.isVisible()
    assert dialog.save_action.text() == "另存为 PDF…"
    dialog.grab().save(str(tmp_path / "preview.png"))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0))
    render_pages(dialog.document, printer)
    printed = rendered_pages(tmp_path / "printed.pdf", tmp_path / "png")
    assert len(printed) == dialog.page_count() and all(ink_variance(p) > 50 for p in printed)
    saved = save_pdf_as(None, dialog.pdf_path, tmp_path / "copy.pdf")
    assert saved and pdf_pages(saved)[0] == pdf_pages(dialog.pdf_path)[0]
    dialog.close()


def test_slip_preview_is_one_small_page(qtbot, sign_in, category, frozen_now):
    session = sign_in("front")
    case = exportkit.registered_case({"front": session.user}, category())
    dialog = shown_preview(qtbot, lambda shown: print_slip(session, case.id, shown=shown))
    assert dialog.page_count() == 1
    size = dialog.printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (105, 148)
    dialog.close()


def test_meeting_pack_choice_and_preview(qtbot, sign_in, category, frozen_now):
    session = sign_in("manager")
    exportkit.registered_case({"front": session.user}, category())
    chooser = MeetingPackDialog()
    qtbot.addWidget(chooser)
    assert chooser.choice()[1] is False
    chooser.open_cases.setChecked(True)
    assert chooser.choice() == (None, True) and not chooser.day.isEnabled()
    dialog = shown_preview(
        qtbot, lambda shown: print_meeting_pack(session, None, choice=(date(2026, 11, 23), False), shown=shown)
    )
    assert dialog.page_count() >= 2
    dialog.close()


def test_export_dialog_offers_full_phones_only_to_managers(
    qtbot, sign_in, sqlite_studio, category, tmp_path, messages, frozen_now
):
    exportkit.registered_case(sqlite_studio, category())
    front_dialog = ExportRegisterDialog(sign_in("front"))
    qtbot.addWidget(front_dialog)
    assert not front_dialog.may_show_full
    dialog = ExportRegisterDialog(sign_in("manager"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.full_phone.isVisible()
    dialog.full_phone.setChecked(True)
    dialog.date_from.setDate(dialog.date_to.date().addDays(1))
    dialog.accept()
    assert messages == ["开始日期晚于结束日期。"] and dialog.result_path is None
    dialog.all_dates.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "r.xlsx"))
    dialog.grab().save(str(tmp_path / "export_dialog.png"))
    dialog.accept()
    assert dialog.isVisible() and not dialog.ok_button.isEnabled(), "open, with Export disabled, while it runs"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert dialog.result_path == tmp_path / "r.xlsx"
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["投诉登记表"]["G3"].value == PHONE


def _old_sheet(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "姓名", "电话", "类型", "客人原话", "环节"])
    ws.append([datetime(2026, 11, 20, 9), "赵女士", "13812340000", "服务态度", "前台不耐烦", "门市接待/接单"])
    ws.append([datetime(2026, 11, 21, 9), "钱先生", "13812340001", "修图质量", "修图太假", "数码后期/修图"])
    ws.append([datetime(2026, 11, 21, 9), "孙先生", "12", "修图质量", "电话不对", "数码后期/修图"])
    wb.save(path)
    return path


def next_page(qtbot, wizard):
    """Next, and wait until the wizard has read the file (off the GUI thread) and gone on."""
    page = wizard.currentPage()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is not page, timeout=30_000)


def finish(qtbot, wizard):
    """Import, and wait until it is done and the wizard closed."""
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result is not None and not wizard.isVisible(), timeout=30_000)


def test_import_wizard_maps_previews_and_imports_every_complaint(qtbot, sign_in, tmp_path, messages, frozen_now):
    session = sign_in("manager")
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(_old_sheet(tmp_path / "old.xlsx")))
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.mapping_page
    assert "投诉内容" in wizard.mapping_page.missing.text()
    model = wizard.mapping_page.model
    row = [r[1] for r in model.rows].index("客人原话")
    model.setData(model.index(row, 1), "description")
    assert model.data(model.index(row, 1)) == "投诉内容"
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.values_page
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    page = wizard.preview_page
    assert page.model.rowCount() == 3 and "电话号码格式不对" in page.model.cell(page.model.rows[0], 4)
    assert "3 个投诉" in page.summary.text() and "历史导入" in page.summary.text()
    wizard.grab().save(str(tmp_path / "import_preview.png"))
    finish(qtbot, wizard)
    assert wizard.result.imported == 3 and Complaint.select().count() == 3


def test_the_register_of_issue_13_through_the_wizard(qtbot, sign_in, tmp_path, messages, frozen_now):
    session = sign_in("manager")
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    register = importkit.converted(importkit.old_register_xlsx(tmp_path / "r.xlsx"), "xls")
    wizard.file_page.path_edit.setText(str(register))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    page = wizard.values_page
    words = {(r.field, r.word): n for n, r in enumerate(page.model.rows)}
    assert page.model.cell(page.model.rows[words[("channel", "大众点评")]], 3) == "网络/在线"
    index = page.model.index(words[("category", "选片")], 3)
    page.view.edit(index)  # the drop-down offers to create the category
    combo = page.view.indexWidget(index)
    assert combo.itemText(combo.count() - 1) == "新建“选片”"
    combo.setCurrentIndex(combo.count() - 1)
    page.view.commitData(combo)
    wizard.grab().save("/tmp/h13/import_values.png")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page and "9 个投诉" in wizard.preview_page.summary.text()
    wizard.grab().save(str(tmp_path / "import_issue13_preview.png"))
    finish(qtbot, wizard)
    assert wizard.result.imported == 9 and wizard.result.history == 9
    cases = Complaint.select().order_by(Complaint.received_at)
    expected = [e[:5] for e in importkit.EXPECTED]
    expected[4] = (*expected[4][:3], "选片", expected[4][4])
    assert [(c.channel, c.channel_detail, c.chain_step, c.category.name, c.stage) for c in cases] == expected
    assert [str(c.compensation_total) for c in cases] == [e[5] for e in importkit.EXPECTED]
    window = open_case(session, cases[1].id)  # the case view says where the case came from
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    assert "历史导入" in window.badges.text()


def test_import_wizard_keeps_painting_while_the_import_waits_and_imports_once(
    qtbot, sign_in, tmp_path, messages, frozen_now, held, ticks
):
    from ui.exports import import_wizard

    gate, calls = held(import_wizard, "import_register")  # the other desk holds the write lock
    wizard = ImportWizard(sign_in("manager"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(_old_sheet(tmp_path / "old.xlsx")))
    for _ in range(3):
        next_page(qtbot, wizard)
    buttons = [
        wizard.button(b)
        for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)
    ]
    try:
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
        assert not wizard.preview_page.validatePage()  # Enter, or a click that got through
        qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
        seen = ticks[0]
        qtbot.waitUntil(lambda: ticks[0] >= seen + 10, timeout=5_000)  # painting while the import waits
        assert not any(b.isEnabled() for b in buttons)
        wizard.reject()  # Esc or the close button
        assert wizard.isVisible() and wizard.currentPage() is wizard.preview_page, "not closed half-way"
        qtbot.waitUntil(lambda: any(d.isVisible() for d in wizard.findChildren(QProgressDialog)), timeout=5_000)
    finally:
        gate.set()
    # The import's progress reports and its end arrive together (as on a busy desk): the end may be
    # delivered inside the progress dialog's own setValue().
    assert runner().wait_idle()
    assert (
        not wizard.isVisible() and len(calls) == 1 and wizard.result.imported == 3 and Complaint.select().count() == 3
    )
    assert messages == []


def test_import_wizard_reads_again_what_changed_and_shows_a_refusal_once(
    qtbot, sign_in, tmp_path, messages, frozen_now
):
    wizard = ImportWizard(sign_in("manager"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(tmp_path / "没有这个文件.xlsx"))
    wizard.next()
    assert runner().wait_idle()
    assert wizard.currentPage() is wizard.file_page and len(messages) == 1 and "没有这个文件" in messages[0]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled() and not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    wizard.file_page.path_edit.setText(str(_old_sheet(tmp_path / "old.xlsx")))
    next_page(qtbot, wizard)
    assert "客人原话" in [row[0] for row in wizard.mapping_page.model.rows]
    wizard.back()
    other = openpyxl.Workbook()
    other.active.append(["登记日期", "顾客", "联系电话", "投诉内容"])
    other.active.append([datetime(2026, 11, 20, 9), "赵女士", "13812340000", "前台不耐烦"])
    other.save(tmp_path / "other.xlsx")
    wizard.file_page.path_edit.setText(str(tmp_path / "other.xlsx"))
    next_page(qtbot, wizard)
    assert [row[0] for row in wizard.mapping_page.model.rows] == ["登记日期", "顾客", "联系电话", "投诉内容"]
    assert len(messages) == 1


def test_export_dialog_writes_the_printed_register_as_pdf(
    qtbot, sign_in, sqlite_studio, category, tmp_path, messages, frozen_now
):
    case = exportkit.registered_case(sqlite_studio, category())
    dialog = ExportRegisterDialog(sign_in("manager"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.all_dates.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "登记表.xlsx"))
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    assert dialog.path_edit.text() == str(tmp_path / "登记表.pdf") and dialog.full_phone.isHidden()
    dialog.grab().save(str(tmp_path / "export_dialog_pdf.png"))
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=30_000)
    assert dialog.result_path == tmp_path / "登记表.pdf"
    assert case.case_no in "".join(pdf_pages(tmp_path / "登记表.pdf")[0].split())
    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    assert dialog.path_edit.text() == str(tmp_path / "登记表.xlsx") and not dialog.full_phone.isHidden()


@pytest.fixture
def held_export(held):
    """The register export waits at its start until the test opens the gate."""
    from studio_desk.exports import register_xlsx

    return held(register_xlsx, "export_register")


def test_export_dialog_keeps_painting_and_exports_once_however_often_ok_is_pressed(
    qtbot, sign_in, sqlite_studio, category, tmp_path, messages, frozen_now, held_export, ticks
):
    gate, calls = held_export
    exportkit.registered_case(sqlite_studio, category())
    dialog = ExportRegisterDialog(sign_in("manager"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.all_dates.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "r.xlsx"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    dialog.accept()  # Enter
    # Every press returned at once, while the export still waits; the window keeps painting.
    seen = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= seen + 10, timeout=5_000)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled() and len(calls) == 1
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert dialog.result_path == tmp_path / "r.xlsx" and len(calls) == 1 and messages == []


def test_export_dialog_closed_while_exporting_writes_nothing(
    qtbot, sign_in, sqlite_studio, category, tmp_path, messages, frozen_now, held_export
):
    gate, calls = held_export
    exportkit.registered_case(sqlite_studio, category())
    dialog = ExportRegisterDialog(sign_in("manager"))
    dialog.show()
    dialog.all_dates.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "r.xlsx"))
    dialog.accept()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    dialog.reject()  # the dialog's Cancel
    assert not dialog.isVisible()
    dialog.deleteLater()  # and the dialog is gone before the export notices
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5_000)
    gate.set()
    assert runner().wait_idle()
    assert not (tmp_path / "r.xlsx").exists() and not list(tmp_path.glob("*.xlsx*"))
    assert messages == [], "a cancelled export is not an error"
