"""Backups in the desk: the 数据 menu entries, the restore dialog (what a backup holds, confirm,
restore), the full check from the menu, and the start-up checks that offer the newest backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from studio_desk import backup, clock
from studio_desk.db import close_database, refuse_writes, sqlite_path, writes_refused
from studio_desk.models import AuditEvent, Complaint
from tests.board_factory import register
from tests.core.safetykit import damage
from tests.ui.intake_fixtures import answering_modal
from ui.backup.recovery import startup_checks
from ui.backup.restore_dialog import RestoreDialog
from ui.ops import runner
from ui.session import Session


@pytest.fixture(autouse=True)
def _writes_allowed_afterwards():
    yield
    refuse_writes(None)


@pytest.fixture
def boxes(monkeypatch):
    """Static message boxes recorded instead of shown; questions answered Yes."""
    seen: list[str] = []

    def record(parent, title, text, *args, **kwargs):
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return seen


def click(text: str):
    """An answer for a QMessageBox with custom buttons: click the one labelled ``text``."""

    def answer(box):
        next(b for b in box.buttons() if b.text() == text).click()

    return answer


@pytest.fixture
def backed_up(sqlite_studio):
    """Two cases, backed up on 2026-11-20 at 18:00."""
    with clock.frozen(datetime(2026, 11, 20, 18, 0)):
        register(sqlite_studio["front"])
        register(sqlite_studio["front"])
        return backup.create_backup(sqlite_path(), kind="auto")


def data_actions(window) -> dict[str, object]:
    return {a.objectName(): a for a in window.menu("data").actions()}


def checked_at_start(session: Session) -> bool:
    """The start-up checks as the program runs them, waited for: their outcome."""
    outcome: list[bool] = []
    recovery = startup_checks(session, None, outcome.append)
    assert runner().wait_idle() and recovery is not None
    return outcome == [True]


def test_data_menu_entries_follow_the_role(make_window):
    window = make_window("manager")
    actions = data_actions(window)
    assert [actions[n].text() for n in ("backup_now", "restore_backup", "check_database")] == [
        "立即备份",
        "从备份恢复…",
        "检查数据库",
    ]
    assert all(a.isEnabled() for a in actions.values())
    window.session.sign_in(window.session.user.__class__.get(username="front"))
    assert not actions["backup_now"].isEnabled() and not actions["restore_backup"].isEnabled()
    assert actions["check_database"].isEnabled()


def test_back_up_now_from_the_menu(main_window, boxes, tmp_path):
    data_actions(main_window)["backup_now"].trigger()
    assert runner().wait_idle()
    (archive,) = (tmp_path / "backups").glob("studio_*_manual.zip")
    assert "备份已完成并通过校验" in boxes[-1] and str(archive) in boxes[-1]
    assert AuditEvent.select().order_by(AuditEvent.id.desc()).first().action == "backup"


def test_restore_dialog_shows_the_backup_and_restores_it(qtbot, sign_in, backed_up, boxes, tmp_path, frozen_now):
    session = sign_in("manager")
    register(session.user)
    dialog = RestoreDialog(sqlite_path(), session.user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)  # read off the GUI thread
    assert dialog.model.cell(dialog.model.rows[0], 0) == "2026-11-20 18:00"
    assert dialog.details.text().startswith("2026-11-20 18:00 的备份（每日自动）：案件 2 件")
    dialog.grab().save(str(tmp_path / "restore_dialog.png"))

    dialog.confirm_and_restore()
    assert runner().wait_idle()

    assert dialog.restored and Complaint.select().count() == 2
    assert "用 2026-11-20 18:00 的备份（案件 2 件）替换当前数据（案件 3 件）吗？" in boxes[0]
    assert "已恢复 2026-11-20 18:00 的备份" in boxes[-1]


def test_restore_from_the_menu_signs_out(main_window, backed_up, boxes, qtbot):
    session = main_window.session

    def restore(dialog):
        qtbot.waitUntil(lambda: dialog.selected() is not None)
        dialog.confirm_and_restore()

    with answering_modal(restore, of=RestoreDialog):
        data_actions(main_window)["restore_backup"].trigger()
        qtbot.waitUntil(lambda: session.user is None, timeout=10_000)
    assert session.user is None and Complaint.select().count() == 2


def test_full_check_from_the_menu(main_window, boxes):
    data_actions(main_window)["check_database"].trigger()
    assert runner().wait_idle()
    assert boxes[-1] == "数据库完整检查通过，数据完好。"


def test_start_up_on_a_healthy_file_makes_the_daily_backup(qtbot, desk_session, boxes, tmp_path):
    with clock.frozen(datetime(2026, 11, 23, 8, 30)):
        assert checked_at_start(desk_session)
        assert checked_at_start(desk_session)  # the second start of the day adds nothing
    assert len(list((tmp_path / "backups").glob("studio_20261123-*_auto.zip"))) == 1
    assert checked_at_start(Session(None, "postgresql://server/studio", None))


def test_start_up_on_a_damaged_file_offers_the_newest_backup(qtbot, backed_up, desk_session, boxes, tmp_path):
    register_count = 2
    damage(sqlite_path(), "complaint")
    with answering_modal(click("暂不恢复"), of=QMessageBox) as seen:
        assert not checked_at_start(desk_session)
    assert "数据库文件已损坏" in seen.texts[0] and writes_refused()

    shown: list[str] = []

    def restore_newest(box):
        shown.append(box.informativeText())
        box.grab().save(str(tmp_path / "damaged_box.png"))
        click("恢复最近的备份")(box)

    with answering_modal(restore_newest, of=QMessageBox):
        assert checked_at_start(desk_session)
    assert "最近的备份是 2026-11-20 18:00 的（案件 2 件）" in shown[0]
    assert writes_refused() is None
    close_database()
    from studio_desk.opening import open_database

    open_database(Path(desk_session.db_path))
    assert Complaint.select().count() == register_count
    assert list((tmp_path / "backups").glob("studio_*_damaged.zip"))  # the damaged file is kept


def test_start_up_on_a_damaged_file_restores_a_backup_chosen_in_the_dialog(qtbot, backed_up, desk_session, boxes):
    damage(sqlite_path(), "complaint")
    outcome: list[bool] = []

    def restore_in_dialog(dialog):
        assert isinstance(dialog, RestoreDialog)
        qtbot.waitUntil(lambda: dialog.selected() is not None)
        dialog.confirm_and_restore()

    with answering_modal(click("选择备份…"), restore_in_dialog):
        recovery = startup_checks(desk_session, None, outcome.append)
        qtbot.waitUntil(lambda: bool(outcome), timeout=15_000)
    assert outcome == [True] and recovery.dialog.restored and writes_refused() is None
    assert "已恢复 2026-11-20 18:00 的备份" in boxes[-1]


def test_a_chosen_file_that_is_no_backup_is_told_once(qtbot, sign_in, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    session = sign_in("manager")
    not_a_backup = tmp_path / "holiday.zip"
    not_a_backup.write_bytes(b"PK not really")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(not_a_backup), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or QMessageBox.StandardButton.Ok)
    dialog = RestoreDialog(sqlite_path(), session.user)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.where.text() == "正在读取备份文件夹…"
    qtbot.waitUntil(lambda: dialog.where.text().startswith("备份文件夹："))
    dialog.choose_file()
    assert runner().wait_idle()
    assert len(told) == 1 and dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert dialog.isEnabled()


def test_the_menu_check_finds_damage_and_restores_the_newest_backup(main_window, backed_up, boxes, qtbot):
    session = main_window.session
    damage(sqlite_path(), "complaint")
    offered: list[str] = []

    def restore_newest(box):
        offered.append(box.informativeText())
        click("恢复最近的备份")(box)

    with answering_modal(restore_newest, of=QMessageBox) as seen:
        data_actions(main_window)["check_database"].trigger()
        qtbot.waitUntil(lambda: session.user is None, timeout=15_000)  # signed out on the restored data
    assert "数据库文件已损坏" in seen.texts[0] and "最近的备份是 2026-11-20 18:00 的（案件 2 件）" in offered[0]
    assert "已恢复 2026-11-20 18:00 的备份" in boxes[-1]
    assert writes_refused() is None and Complaint.select().count() == 2
