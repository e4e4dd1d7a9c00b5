"""Attachments on a shared PostgreSQL database live in the database: a photo added at the front
desk is opened and printed at the office PC, a large scan is stored in pieces, the same content is
stored once, and the per-file limit is a setting."""

from __future__ import annotations

import hashlib
import os

import pdfplumber
import pytest

from studio_desk import attachment_chunks, attachments
from studio_desk.db import current_database, is_sqlite
from studio_desk.errors import DomainError
from studio_desk.exports.case_sheet import write_case_sheet
from studio_desk.models import Attachment, AttachmentChunk
from studio_desk.services.admin import update_settings
from tests.board_factory import register
from tests.core.test_attachments import write_png
from tests.core.test_two_desks import on_other_desk


@pytest.fixture
def shared(studio, monkeypatch, tmp_path):
    if is_sqlite():
        pytest.skip("the shared database's attachments: PostgreSQL only")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "office-pc"))  # this desk's own data folder
    return studio


def test_a_photo_added_at_the_front_desk_is_opened_and_printed_at_the_office(shared, tmp_path):
    case = register(shared["front"])
    photo = write_png(tmp_path / "相册破损.png", 40, 30)
    scan = tmp_path / "订单扫描.pdf"
    scan.write_bytes(os.urandom(2 * attachment_chunks.CHUNK + 7))

    added = on_other_desk(lambda: [attachments.attach_file(shared["front"], case.id, f).id for f in (photo, scan)])

    rows = [Attachment.get_by_id(i) for i in added]
    assert not attachments.files_root().exists(), "nothing was written into this desk's folder by the other desk"
    for row, original in zip(rows, (photo, scan), strict=True):
        opened = attachments.attachment_path(row)
        assert opened.read_bytes() == original.read_bytes()
    assert AttachmentChunk.select().where(AttachmentChunk.sha256 == rows[1].sha256).count() == 3
    sheet = write_case_sheet(shared["manager"], case.id, tmp_path / "处理单.pdf")
    with pdfplumber.open(sheet) as pdf:
        assert any(page.images for page in pdf.pages), "the photo is printed on the case sheet"


def test_the_same_content_is_stored_once_and_a_changed_copy_is_fetched_again(shared, tmp_path):
    first, second = register(shared["front"]), register(shared["front"])
    photo = write_png(tmp_path / "a.png")
    a = attachments.attach_file(shared["front"], first.id, photo)
    b = on_other_desk(lambda: attachments.attach_file(shared["service"], second.id, photo))
    assert a.sha256 == b.sha256 and AttachmentChunk.select().count() == 1
    local = attachments.attachment_path(b)
    local.unlink()  # this desk's copy is only a copy
    assert hashlib.sha256(attachments.attachment_path(a).read_bytes()).hexdigest() == a.sha256


def test_the_size_limit_per_file_is_a_setting(shared, tmp_path):
    case = register(shared["front"])
    update_settings(shared["manager"], {"attachment_max_mb": 1})
    big = tmp_path / "视频截图.jpg"
    big.write_bytes(os.urandom(attachment_chunks.CHUNK + 1))
    with pytest.raises(DomainError, match="超过 1 MB"):
        attachments.attach_file(shared["front"], case.id, big)
    assert AttachmentChunk.select().count() == 0 and Attachment.select().count() == 0
    with pytest.raises(DomainError, match="1 到 1024"):
        update_settings(shared["manager"], {"attachment_max_mb": 0})
    assert current_database().in_transaction() is False


def test_the_full_check_finds_the_content_in_the_database_without_fetching_it(shared, tmp_path):
    from studio_desk import integrity

    case = register(shared["front"])
    on_other_desk(lambda: attachments.attach_file(shared["front"], case.id, write_png(tmp_path / "b.png")))
    assert integrity.check_database(full=True).missing_files == ()
    assert not attachments.files_root().exists()
    AttachmentChunk.delete().execute()
    assert len(integrity.check_database(full=True).missing_files) == 1
