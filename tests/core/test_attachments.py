"""Attachments: stored once by SHA-256 next to the database, audited, with Chinese refusals."""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from studio_desk import attachments
from studio_desk.errors import DomainError, PermissionDenied
from studio_desk.models import Attachment, AuditEvent, User
from tests.board_factory import register


def write_png(path: Path, width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> Path:
    """A real (tiny) PNG image, written byte by byte."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))
    return path


def test_stored_by_hash_next_to_the_database(sqlite_studio, frozen_now, tmp_path):
    case = register(sqlite_studio["front"])
    photo = write_png(tmp_path / "照片 𠀀.PNG")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()

    att = attachments.attach_file(sqlite_studio["front"], case.case_no, photo)

    stored = tmp_path / "studio_files" / "attachments" / sha[:2] / f"{sha}.png"
    assert attachments.attachment_path(att) == stored
    assert stored.read_bytes() == photo.read_bytes()
    assert (att.filename, att.mime, att.size, att.sha256) == ("照片 𠀀.PNG", "image/png", photo.stat().st_size, sha)
    assert attachments.is_image(att)
    event = AuditEvent.get(AuditEvent.action == "attach")
    assert event.case_id == case.id and event.details["sha256"] == sha
    assert not list((stored.parent.parent).glob(".incoming-*")), "no temporary file is left behind"


def test_same_file_twice_is_stored_once(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    first, second = register(front), register(front)
    photo = write_png(tmp_path / "a.png")
    copy = tmp_path / "copy-of-a.jpeg.png"
    copy.write_bytes(photo.read_bytes())

    a1 = attachments.attach_file(front, first.id, photo)
    again = attachments.attach_file(front, first.id, copy)
    a2 = attachments.attach_file(front, second.id, photo)

    assert again.id == a1.id, "the same file on the same case is not added twice"
    assert a2.id != a1.id and a2.sha256 == a1.sha256
    stored = [p for p in (tmp_path / "studio_files" / "attachments").rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert attachments.attachment_path(a2) == stored[0]
    assert [a.id for a in attachments.list_attachments(first.case_no)] == [a1.id]
    assert Attachment.select().count() == 2


def test_different_files_are_kept_apart(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    case = register(front)
    red = attachments.attach_file(front, case.id, write_png(tmp_path / "red.png"))
    blue = attachments.attach_file(front, case.id, write_png(tmp_path / "blue.png", rgb=(0, 0, 255)))
    scan = tmp_path / "订单扫描.pdf"
    scan.write_bytes(b"%PDF-1.4\n% not really a pdf but bytes all the same\n")
    pdf = attachments.attach_file(front, case.id, scan)
    assert len({red.sha256, blue.sha256, pdf.sha256}) == 3
    assert pdf.mime == "application/pdf" and not attachments.is_image(pdf)
    assert [a.filename for a in attachments.list_attachments(case.id)] == ["red.png", "blue.png", "订单扫描.pdf"]


def test_missing_unreadable_and_empty_files_are_refused_in_chinese(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    case = register(front)
    with pytest.raises(DomainError, match="找不到文件“gone.png”"):
        attachments.attach_file(front, case.id, tmp_path / "gone.png")
    with pytest.raises(DomainError, match="是一个文件夹"):
        attachments.attach_file(front, case.id, tmp_path)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(DomainError, match="是空的"):
        attachments.attach_file(front, case.id, empty)
    if os.geteuid() != 0:  # root reads everything
        secret = write_png(tmp_path / "secret.png")
        secret.chmod(0)
        with pytest.raises(DomainError, match="没有权限读取"):
            attachments.attach_file(front, case.id, secret)
    assert Attachment.select().count() == 0
    assert not [p for p in (tmp_path / "studio_files").rglob("*") if p.is_file()]


def test_attach_needs_a_signed_in_active_user(sqlite_studio, frozen_now, tmp_path):
    front = sqlite_studio["front"]
    case = register(front)
    User.update(active=False).where(User.id == front.id).execute()
    with pytest.raises(PermissionDenied):
        attachments.attach_file(User.get_by_id(front.id), case.id, write_png(tmp_path / "x.png"))


def test_full_disk_gives_a_clear_message_and_leaves_nothing(sqlite_studio, frozen_now, tmp_path):
    """A real write failure: the child process may not write files over 64 KiB (RLIMIT_FSIZE)."""
    register(sqlite_studio["front"])
    big = tmp_path / "scan.tif"
    big.write_bytes(os.urandom(300_000))
    script = textwrap.dedent(f"""
        import resource, signal
        from studio_desk.opening import open_database
        from studio_desk.models import User
        from studio_desk import attachments
        from studio_desk.errors import DomainError
        open_database({str(tmp_path / "studio.sqlite3")!r})
        front = User.get(User.username == "front")
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        try:
            attachments.attach_file(front, 1, {str(big)!r})
        except DomainError as exc:
            print(exc.message)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert "磁盘空间已满，附件没有保存" in done.stdout, done.stderr
    assert Attachment.select().count() == 0
    assert not [p for p in (tmp_path / "studio_files").rglob("*") if p.is_file()]
