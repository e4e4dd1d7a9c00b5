"""Attachments in the case view: a real photo stored once by its hash, thumbnails, preview."""

from __future__ import annotations

import hashlib
import logging

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox

from studio_desk import attachments
from studio_desk.models import Attachment
from tests.board_factory import register
from tests.ui.intake_fixtures import answering_modal, press, write_image
from ui.case.attachments_view import ImagePreview
from ui.case.window import open_case
from ui.ops import runner


def test_photo_added_stored_by_hash_shown_and_previewed(qtbot, sign_in, sqlite_studio, frozen_now, tmp_path):
    case = register(sqlite_studio["front"])
    window = open_case(sign_in("front"), case.id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    panel = window.attachments
    photo = write_image(tmp_path / "划痕照片.jpg", 3000, 2000)

    panel.add_files([photo])
    assert not panel.add_button.isEnabled(), "no second batch while one is stored"
    assert runner().wait_idle()

    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = tmp_path / "studio_files" / "attachments" / sha[:2] / f"{sha}.jpg"
    assert stored.read_bytes() == photo.read_bytes()
    assert panel.model.rowCount() == 1 and panel.model.index(0).data() == "划痕照片.jpg"
    icon: QIcon = panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    thumb = icon.pixmap(96, 96)
    colour = thumb.toImage().pixelColor(40, 30)
    assert (thumb.width(), thumb.height()) == (96, 64) and colour.red() > 180 and colour.green() < 80  # JPEG
    assert "添加附件" in window.timeline.rows[0][0] and "划痕照片.jpg" in window.timeline.rows[0][1]

    copy = tmp_path / "again.jpg"
    copy.write_bytes(photo.read_bytes())
    panel.add_files([copy])
    assert runner().wait_idle()
    assert panel.model.rowCount() == 1 and Attachment.select().count() == 1, "the same photo is not added twice"
    assert len([p for p in (tmp_path / "studio_files" / "attachments").rglob("*") if p.is_file()]) == 1

    panel.view.activated.emit(panel.model.index(0))
    assert runner().wait_idle()  # the file is found and the photo scaled off the GUI thread
    preview = panel.previews[0]
    assert isinstance(preview, ImagePreview) and preview.isVisible()
    shown = preview.image.pixmap()
    assert (shown.width(), shown.height()) == (1000, 666), "a big photo is scaled down for the screen"
    preview.close()
    window.close()


def test_missing_file_is_reported_and_nothing_added(qtbot, sign_in, sqlite_studio, frozen_now, tmp_path):
    case = register(sqlite_studio["front"])
    window = open_case(sign_in("front"), case.id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    with answering_modal(press(), of=QMessageBox) as seen:
        window.attachments.add_files([tmp_path / "不存在.png"])
        assert runner().wait_idle()
    assert len(seen.texts) == 1, "the refusal is shown once"
    assert "找不到文件“不存在.png”" in seen.texts[0]
    assert window.attachments.model.rowCount() == 0 and not attachments.list_attachments(case.id)
    window.close()


def test_files_dropped_twice_are_stored_once_and_closing_the_case_meanwhile_is_safe(
    qtbot, sign_in, sqlite_studio, frozen_now, tmp_path, held
):
    gate, calls = held(attachments, "attach_file")  # the other desk holds the write lock
    case = register(sqlite_studio["front"])
    window = open_case(sign_in("front"), case.id)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    panel = window.attachments
    photo = write_image(tmp_path / "划痕照片.jpg", 300, 200)
    panel.add_files([photo])
    panel.add_files([photo])  # the same drop again while the first is stored
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel), timeout=5_000)
    gate.set()
    assert runner().wait_idle()
    assert len(calls) == 1 and [a.filename for a in attachments.list_attachments(case.id)] == ["划痕照片.jpg"]


def test_the_list_is_read_off_the_gui_thread_and_a_late_one_for_another_case_is_dropped(
    qtbot, sign_in, sqlite_studio, frozen_now, tmp_path, held, keeps_ticking, caplog
):
    front = sqlite_studio["front"]
    first, second = register(front), register(front)
    attachments.attach_file(front, first.id, write_image(tmp_path / "第一件.jpg", 60, 40))
    attachments.attach_file(front, second.id, write_image(tmp_path / "第二件.jpg", 60, 40))
    window = open_case(sign_in("front"), first.id)
    qtbot.addWidget(window)
    assert runner().wait_idle()  # the case arrives off the GUI thread
    panel = window.attachments
    assert runner().wait_idle()
    gate, calls = held(attachments, "list_attachments")
    panel.show_case(first)  # shown again (a reload) while the other desk holds the database …
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    keeps_ticking()
    panel.show_case(second)  # … and meanwhile the panel moved on to another case
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
    gate.set()
    assert runner().wait_idle()
    assert [panel.model.index(r).data() for r in range(panel.model.rowCount())] == ["第二件.jpg"]
    with caplog.at_level(logging.DEBUG, logger="peewee"):  # peewee logs each query it runs there
        tip = panel.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "李前台" in tip and not caplog.records, "the tooltip names who added it without a query"
    window.close()


def test_thumbnails_and_the_preview_are_read_while_the_window_keeps_painting(
    qtbot, sign_in, sqlite_studio, frozen_now, tmp_path, held, keeps_ticking
):
    """On the shared database a desk fetches a file's content from the database the first time
    (attachment_path); held here, as behind a slow server, the window keeps painting."""
    front = sqlite_studio["front"]
    case = register(front)
    attachments.attach_file(front, case.id, write_image(tmp_path / "划痕照片.jpg", 3000, 2000))
    gate, calls = held(attachments, "attachment_path")
    window = open_case(sign_in("front"), case.id)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None)  # the case arrives off the GUI thread
    panel = window.attachments
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    keeps_ticking()
    assert panel.model.rowCount() == 0
    gate.set()
    assert runner().wait_idle()
    thumb = panel.model.index(0).data(Qt.ItemDataRole.DecorationRole).pixmap(96, 96)
    assert (thumb.width(), thumb.height()) == (96, 64)

    gate.clear()
    panel.view.activated.emit(panel.model.index(0))
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
    keeps_ticking()
    assert panel.previews == []
    gate.set()
    assert runner().wait_idle()
    assert panel.previews[0].isVisible() and panel.previews[0].image.pixmap().width() == 1000
    panel.previews[0].close()
    window.close()
