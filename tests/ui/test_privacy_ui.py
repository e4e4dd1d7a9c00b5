"""Settings → 顾客个人信息: the retention list and its confirmation, finding one customer, her
personal-data copy and the erasure, whose confirmation names the backups that still hold the data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio_desk import clock
from studio_desk.models import AuditEvent, Customer
from studio_desk.services import privacy
from tests.board_factory import advance, register
from tests.core.exportkit import pdf_pages
from tests.ui.intake_fixtures import answering_modal, press
from ui.ops import runner
from ui.settings.page import SECTIONS
from ui.settings.privacy import PrivacySection


@pytest.fixture
def section(qtbot, main_window) -> PrivacySection:
    page = main_window.show_page("settings")
    section = page.show_section("privacy")
    assert isinstance(section, PrivacySection)
    return section


def test_customers_due_are_listed_and_anonymised_when_the_manager_confirms(qtbot, sqlite_studio, main_window):
    with clock.frozen(clock.now() - timedelta(days=4 * 365)):
        old = advance(
            register(sqlite_studio["front"], phone="13911112222", customer_name="旧顾客"), "closed", sqlite_studio
        )
    advance(register(sqlite_studio["front"], phone="13933334444", customer_name="新顾客"), "closed", sqlite_studio)
    page = main_window.show_page("settings")
    section = page.show_section("privacy")
    assert [row.name for row in section.due_model.rows] == ["旧顾客"] and section.anonymise_button.isEnabled()
    warned = page._icons[True].cacheKey()
    assert page.nav_model.item(SECTIONS.index("privacy")).icon().cacheKey() == warned, "some are due"
    with answering_modal(press(QMessageBox.StandardButton.Cancel), of=QMessageBox) as seen:
        section.anonymise_button.click()
    assert "备份" in seen.texts[0] and Customer.get_by_id(old.customer_id).name == "旧顾客"
    with answering_modal(press(QMessageBox.StandardButton.Yes), of=QMessageBox):
        section.anonymise_button.click()
        assert not section.anonymise_button.isEnabled(), "one click anonymises once"
        assert runner().wait_idle()
    assert Customer.get_by_id(old.customer_id).name == privacy.ERASED_NAME
    assert section.due_model.rows == [] and not section.anonymise_button.isEnabled()
    assert page.nav_model.item(SECTIONS.index("privacy")).icon().cacheKey() == page._icons[False].cacheKey()
    assert AuditEvent.select().where(AuditEvent.action == "retention_anonymise").count() == 1


def test_one_customer_found_copied_and_erased(qtbot, sqlite_studio, section, tmp_path, monkeypatch):
    case = register(sqlite_studio["front"], phone="13955556666", customer_name="林小姐")
    section.query.setText("139 5555 6666")
    section.find()
    assert [row.name for row in section.found_model.rows] == ["林小姐"]
    target = tmp_path / "副本.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with answering_modal(press(), of=QMessageBox) as seen:
        section.export_copy()
        assert runner().wait_idle()
    assert seen.texts == [f"已保存到 {target}"]
    assert "林小姐" in pdf_pages(target)[0]
    section.with_attachments.setChecked(True)
    with answering_modal(press(QMessageBox.StandardButton.Yes), press(), of=QMessageBox) as seen:
        section.erase_button.click()
        assert runner().wait_idle()
    assert "林小姐" in seen.texts[0] and case.case_no in seen.texts[0] and "备份" in seen.texts[0]
    assert Customer.get_by_id(case.customer_id).name == privacy.ERASED_NAME and section.found_model.rows == []
    section.find()
    assert section.found_model.rows == [] and section.message.isVisible()
