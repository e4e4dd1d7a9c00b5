"""A crash or power cut while a complaint is half typed: the next start offers the draft."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studio_desk import drafts
from studio_desk.db import sqlite_path
from studio_desk.models import Complaint, User
from tests.ui.intake_fixtures import saved, type_text
from ui.intake.form import AUTOSAVE_MS, IntakeForm
from ui.ops import runner

ROOT = Path(__file__).resolve().parents[2]

# The desk in another process: the receptionist types, the autosave runs, then the power goes.
CHILD = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from studio_desk import drafts
from studio_desk.opening import open_database
from studio_desk.models import User
from tests.ui.intake_fixtures import type_text
from ui.intake.form import IntakeForm
from ui.session import Session

open_database(sys.argv[1])
session = Session()
session.sign_in(User.get(User.username == "front"))
form = IntakeForm(session)
form.show()
type_text(form.entry.phone, "13812345678")
type_text(form.entry.customer_name, "断电的顾客𠀀")
form.entry.chain_step.set_value("retouch")
type_text(form.entry.description, "说到一半停电了😡")
form.entry.flags["media_exposure"].setChecked(True)
while drafts.load(session.user) is None:
    QTest.qWait(50)
print("AUTOSAVED", flush=True)
QTest.qWait(60_000)  # killed long before this ends
"""


@pytest.fixture
def crashed_desk(sqlite_studio):
    """Run the child desk until its draft is on disk, then kill it with SIGKILL."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(sqlite_path())], cwd=ROOT, text=True, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = child.stdout.readline()
        assert line.strip() == "AUTOSAVED", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return sqlite_studio


def make_form(qtbot, session) -> IntakeForm:
    form = IntakeForm(session)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert runner().wait_idle()  # the category list is read off the GUI thread
    return form


def test_draft_offered_and_restored_after_a_crash(qtbot, crashed_desk, sign_in):
    form = make_form(qtbot, sign_in("front"))
    assert form.banner.isVisible()
    assert "断电的顾客𠀀" in form.banner_text.text() and "要恢复吗" in form.banner_text.text()
    assert form.entry.is_blank(), "nothing is filled in before the user says so"

    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)

    entry = form.entry
    assert not form.banner.isVisible()
    assert (entry.phone.text(), entry.customer_name.text()) == ("13812345678", "断电的顾客𠀀")
    assert entry.description.toPlainText() == "说到一半停电了😡"
    assert entry.chain_step.value() == "retouch" and entry.flags["media_exposure"].isChecked()
    qtbot.waitUntil(lambda: form.severity_panel.code == "major")  # after the customer's lookup (off the GUI thread)
    entry.category_id.setCurrentIndex(1)
    case = saved(form)
    assert case is not None and case.description == "说到一半停电了😡"
    assert drafts.load(User.get(User.username == "front")) is None, "a saved complaint leaves no draft"


def test_draft_can_be_discarded_and_is_only_offered_to_its_user(qtbot, crashed_desk, sign_in):
    other = make_form(qtbot, sign_in("service"))
    assert not other.banner.isVisible()
    form = make_form(qtbot, sign_in("front"))
    assert form.banner.isVisible()
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    assert not form.banner.isVisible() and drafts.load(form.session.user) is None
    assert Complaint.select().count() == 0


def test_autosave_writes_only_after_a_change(qtbot, sign_in, sqlite_studio):
    form = make_form(qtbot, sign_in("front"))
    user = form.session.user
    qtbot.wait(AUTOSAVE_MS + 300)
    assert drafts.load(user) is None, "an untouched form leaves no draft"
    form.entry.customer_name.setText("李")
    form.entry.customer_name.textEdited.emit("李")
    qtbot.waitUntil(lambda: drafts.load(user) is not None, timeout=AUTOSAVE_MS + 2000)
    assert drafts.load(user).data["customer_name"] == "李"
    assert "自动保存" in form.autosave_status.text()


def test_recovered_draft_survives_serving_the_next_customer(qtbot, crashed_desk, sign_in):
    """The banner waits while the next customer is served: the new typing is autosaved on its own,
    saving it leaves the recovered draft alone, and 恢复草稿 then brings the crashed complaint back."""
    form = make_form(qtbot, sign_in("front"))
    user = form.session.user
    assert form.banner.isVisible()
    entry = form.entry
    type_text(entry.phone, "13900001111")
    type_text(entry.customer_name, "下一位顾客")
    entry.chain_step.set_value("album")
    entry.category_id.setCurrentIndex(1)
    type_text(entry.description, "相册做错了")
    qtbot.waitUntil(lambda: len(drafts.intake_drafts(user)) == 2, timeout=AUTOSAVE_MS + 2000)
    assert {d.data["customer_name"] for d in drafts.intake_drafts(user)} == {"断电的顾客𠀀", "下一位顾客"}
    assert "自动保存" in form.autosave_status.text()
    case = saved(form)
    assert case is not None and case.customer.name == "下一位顾客"
    assert [d.data["customer_name"] for d in drafts.intake_drafts(user)] == ["断电的顾客𠀀"]
    assert form.banner.isVisible() and "断电的顾客𠀀" in form.banner_text.text()
    qtbot.mouseClick(form.done_page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert (entry.phone.text(), entry.customer_name.text()) == ("13812345678", "断电的顾客𠀀")
    assert entry.description.toPlainText() == "说到一半停电了😡"
    assert not form.banner.isVisible()


def test_restoring_while_typing_keeps_the_typing_as_a_draft(qtbot, crashed_desk, sign_in):
    form = make_form(qtbot, sign_in("front"))
    type_text(form.entry.customer_name, "正在登记的顾客")
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert form.entry.customer_name.text() == "断电的顾客𠀀"
    assert form.banner.isVisible() and "正在登记的顾客" in form.banner_text.text()  # offered back in turn
    qtbot.mouseClick(form.restore_button, Qt.MouseButton.LeftButton)
    assert form.entry.customer_name.text() == "正在登记的顾客"
    assert "断电的顾客𠀀" in form.banner_text.text()
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    assert not form.banner.isVisible()
    assert [d.data["customer_name"] for d in drafts.intake_drafts(form.session.user)] == ["正在登记的顾客"]
