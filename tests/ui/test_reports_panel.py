"""The corrective actions (整改措施) of the 统计 tab's papers panel are read and saved off the GUI
thread: the window keeps painting while another desk holds the database, the answer arrives
after, and a late answer for a month no longer chosen is not shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio_desk.models import AuditEvent
from studio_desk.services import reviews
from ui.ops import runner
from ui.stats.reports_panel import ReportsPanel


def _panel(qtbot, session) -> ReportsPanel:
    panel = ReportsPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_month_is_read_while_the_window_keeps_painting(qtbot, sign_in, held, keeps_ticking):
    manager = sign_in("manager").user
    reviews.save_review(manager, "2026-10", "每周例会复盘", expected_updated_at=None)
    gate, calls = held(reviews, "get_review")
    panel = _panel(qtbot, sign_in("manager"))
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    keeps_ticking()
    assert panel.actions.isReadOnly() and not panel.save_button.isEnabled(), "nothing to type over yet"
    gate.set()
    assert runner().wait_idle()
    assert panel.actions.toPlainText() == "每周例会复盘" and not panel.actions.isReadOnly()
    assert panel.save_button.isEnabled()


def test_a_late_answer_for_another_month_is_not_shown(qtbot, sign_in, held):
    manager = sign_in("manager").user
    reviews.save_review(manager, "2026-10", "十月的", expected_updated_at=None)
    reviews.save_review(manager, "2026-09", "九月的", expected_updated_at=None)
    panel = _panel(qtbot, sign_in("manager"))
    assert runner().wait_idle()
    gate, calls = held(reviews, "get_review")
    panel.month.setDate(panel.month.date().addMonths(-1))  # 2026-09, still being read …
    panel.month.setDate(panel.month.date().addMonths(1))  # … when 2026-10 is chosen again
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
    gate.set()  # the two answers come in either order
    assert runner().wait_idle()
    assert sorted(c[0] for c in calls) == ["2026-09", "2026-10"]
    assert panel.month_text() == "2026-10" and panel.actions.toPlainText() == "十月的"
    assert "2026-10" in panel.actions_title.text()


def test_saving_waits_off_the_gui_thread_with_the_button_disabled(qtbot, sign_in, held, keeps_ticking):
    panel = _panel(qtbot, sign_in("manager"))
    assert runner().wait_idle()
    gate, calls = held(reviews, "save_review")
    panel.actions.setPlainText("修图师每周培训")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    assert not panel.save_button.isEnabled()
    panel.save_actions()  # asked again while it waits: nothing more is saved
    keeps_ticking()
    assert panel.status.text() == "" and reviews.corrective_actions("2026-10") == ""
    with qtbot.waitSignal(panel.session.data_changed):
        gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and reviews.corrective_actions("2026-10") == "修图师每周培训"
    assert panel.status.text().startswith("已于") and panel.save_button.isEnabled()
    assert not panel.actions.document().isModified()
    assert AuditEvent.select().where(AuditEvent.action == "monthly_review").count() == 1
