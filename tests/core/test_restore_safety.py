"""Restore and backup under pressure (issue 20): another desk committing while a restore runs,
archives whose database is no StudioDesk database, restore onto a folder or a full disk, two
backups in the same second, and a backup stopped with SIGTERM."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from studio_desk import clock
from studio_desk.backup import create_backup
from studio_desk.cli import main
from studio_desk.db import close_database, sqlite_path
from studio_desk.errors import DomainError
from studio_desk.migrations import LATEST_VERSION
from studio_desk.restore import restore_backup
from tests.board_factory import register
from tests.core.safetykit import fill_up, mounted_tmpfs

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import os, sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
i = 0
while not os.path.exists(sys.argv[2]):
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (f"probe-{i}",))
    conn.execute("COMMIT")
    print(i, flush=True)
    i += 1
    time.sleep(0.002)
"""


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def archive(sqlite_studio, tmp_path):
    """A studio with two cases, backed up on 2026-11-20, and one case registered after."""
    with clock.frozen(datetime(2026, 11, 20, 9, 0)):
        register(sqlite_studio["front"])
        register(sqlite_studio["front"])
        info = create_backup(sqlite_path(), tmp_path / "saved")
    register(sqlite_studio["front"])
    close_database()
    return info.path


def probes(path: Path) -> set[int]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT key FROM setting WHERE key LIKE 'probe-%'").fetchall()
    conn.close()
    return {int(key.split("-")[1]) for (key,) in rows}


def safety_database(safety: Path, where: Path) -> Path:
    with zipfile.ZipFile(safety) as zf:
        zf.extract("database.sqlite3", where)
    return where / "database.sqlite3"


def test_restore_under_a_concurrent_writer_loses_nothing(archive, tmp_path):
    """The other desk commits every few milliseconds before, during and after the restore."""
    db_path, stop = tmp_path / "studio.sqlite3", tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(stop)], stdout=subprocess.PIPE, text=True
    )
    committed: list[int] = []
    reader = threading.Thread(target=lambda: committed.extend(int(line) for line in writer.stdout))
    reader.start()
    try:
        wait_for(lambda: len(committed) >= 30)
        result = restore_backup(archive, db_path, folder=tmp_path / "safety")
        done_by_then = len(committed)
        wait_for(lambda: len(committed) >= done_by_then + 30)
    finally:
        stop.touch()
        writer.wait(timeout=60)
        reader.join()
    assert writer.returncode == 0
    before, after = probes(safety_database(result.safety_backup.path, tmp_path / "x")), probes(db_path)
    assert before | after == set(committed)  # every commit is in the safety backup or on the restored data
    assert before and after and max(before) < min(after)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0] == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def crafted(archive: Path, target: Path, database: bytes | None = None, manifest_change=None) -> Path:
    """A copy of ``archive`` with another database member (its SHA-256 in the manifest, so
    only the database itself is wrong) or a changed manifest."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    if database is not None:
        members["database.sqlite3"] = database
        manifest["files"]["database.sqlite3"] = {"sha256": hashlib.sha256(database).hexdigest(), "size": len(database)}
    if manifest_change:
        manifest_change(manifest)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps(manifest))
    return target


def sqlite_bytes(tmp_path: Path, name: str, *sql: str) -> bytes:
    path = tmp_path / name
    with sqlite3.connect(path) as conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()
    return path.read_bytes()


def newer_schema(tmp_path: Path, archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as zf:
        zf.extract("database.sqlite3", tmp_path / "newer")
    path = tmp_path / "newer" / "database.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_info SET version = 999")
    conn.close()
    return path.read_bytes()


def test_no_archive_replaces_the_live_database_with_something_that_does_not_open(archive, tmp_path, capsys):
    db_path = tmp_path / "studio.sqlite3"
    flipped = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("database.sqlite3")
    start = info.header_offset + 30 + len(info.filename) + 200
    flipped[start : start + 8] = bytes(b ^ 0xFF for b in flipped[start : start + 8])
    (tmp_path / "flipped.zip").write_bytes(bytes(flipped))
    bad = {
        "0 字节": crafted(archive, tmp_path / "empty.zip", b""),
        "其他程序": crafted(archive, tmp_path / "foreign.zip", sqlite_bytes(tmp_path, "f.db", "CREATE TABLE t (x)")),
        "空的 SQLite": crafted(
            archive, tmp_path / "blank.zip", sqlite_bytes(tmp_path, "b.db", "PRAGMA user_version=1")
        ),
        "更新版本": crafted(archive, tmp_path / "newer.zip", newer_schema(tmp_path, archive)),
        "不是数据库": crafted(archive, tmp_path / "junk.zip", b"PK\x03\x04 not a database" * 100),
        "已损坏": tmp_path / "flipped.zip",
        "备份文件": crafted(
            archive, tmp_path / "typed.zip", None, lambda m: m["files"].update({"database.sqlite3": "abc"})
        ),
    }
    before = db_path.read_bytes()
    for words, path in bad.items():
        code = main(["restore", str(path), "--db", str(db_path), "--yes"])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("错误：") and err.count("\n") == 1 and "Traceback" not in err, err
        assert words in err, (words, err)
        assert db_path.read_bytes() == before
    assert not (tmp_path / "backups").exists()  # refused before any safety backup was needed
    assert [p.name for p in tmp_path.glob(".studio_*")] == []


def test_restore_onto_a_folder_or_a_full_disk(archive, tmp_path, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["restore", str(archive), "--db", str(folder), "--yes"]) == 1
    assert "是一个文件夹" in capsys.readouterr().err
    with mounted_tmpfs(tmp_path / "disk", size_kb=2048) as disk:
        db_path = disk / "studio.sqlite3"
        db_path.write_bytes((tmp_path / "studio.sqlite3").read_bytes())
        fill_up(disk)
        before = db_path.read_bytes()
        code = main(["restore", str(archive), "--db", str(db_path), "--yes"])
        err = capsys.readouterr().err
        assert code == 1 and err.count("\n") == 1, err
        assert "磁盘空间" in err and "_restoring" not in err and "备份没有完成" not in err, err
        assert db_path.read_bytes() == before
        assert [p.name for p in disk.glob(".*")] == []


def test_restore_of_an_older_schema_is_migrated_before_the_swap(sqlite_studio, tmp_path):
    from tests.core.safetykit import make_v1_database

    old = tmp_path / "old" / "legacy.sqlite3"
    old.parent.mkdir()
    make_v1_database(old)
    archive = create_backup(old, tmp_path / "old" / "backups").path
    db_path = sqlite_path()
    close_database()
    restore_backup(archive, db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version FROM schema_info").fetchone()[0] == LATEST_VERSION
        assert conn.execute("SELECT action FROM audit_event ORDER BY id DESC").fetchone()[0] == "restore"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_refused_restore_says_so_and_the_live_database_is_unchanged(archive, tmp_path):
    db_path = tmp_path / "studio.sqlite3"
    foreign = tmp_path / "contacts.db"
    foreign.write_bytes(sqlite_bytes(tmp_path, "c.db", "CREATE TABLE contact (name)"))
    with pytest.raises(DomainError, match="其他程序"):
        restore_backup(archive, foreign)
    assert foreign.read_bytes() == (tmp_path / "c.db").read_bytes()
    assert db_path.exists()


def test_two_backups_in_the_same_second(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    made: list = []
    errors: list = []

    def one() -> None:
        try:
            # Not pruned: one backup per day is kept, which would remove two of the three.
            made.append(create_backup(db_path, tmp_path / "b", prune_old=False).path)
        except DomainError as exc:  # pragma: no cover — the failure this test is about
            errors.append(exc.message)

    with clock.frozen(datetime(2026, 11, 23, 10, 0, 0)):
        threads = [threading.Thread(target=one) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == [] and len(set(made)) == 3
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(p.name for p in made)


def test_a_backup_stopped_with_sigterm_leaves_no_work_folder(sqlite_studio, tmp_path):
    db_path = sqlite_path()
    files = db_path.with_name("studio_files")
    files.mkdir(exist_ok=True)
    with open(files / "big.bin", "wb") as f:  # incompressible, so that packing takes a moment
        f.write(hashlib.sha256(b"x").digest() * (3 * 1024 * 1024 // 32) * 8)
    close_database()
    out = tmp_path / "backups"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "backup", "--db", str(db_path), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: list(out.glob(".studio_*")) or proc.poll() is not None)
    if proc.poll() is not None:
        pytest.skip("the backup finished before it could be stopped")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "Traceback" not in err, err
    assert [p.name for p in out.iterdir()] == []


def test_a_swap_that_fails_half_way_leaves_everything_as_it_was(sqlite_studio, tmp_path):
    """The disk fills up while the restored rows are written: the transaction rolls back, the
    attachments are renamed back, and the message names the safety backup."""
    from studio_desk import attachments
    from tests.core.test_attachments import write_png

    with clock.frozen(datetime(2026, 11, 20, 9, 0)):
        for _ in range(30):
            register(sqlite_studio["front"], description="备份里的案件 " * 40)
        archive = create_backup(sqlite_path(), tmp_path / "saved").path
    case = register(sqlite_studio["front"])
    attachments.attach_file(sqlite_studio["front"], case.case_no, write_png(tmp_path / "a.png"))
    close_database()
    live = tmp_path / "studio.sqlite3"
    size = live.stat().st_size
    with mounted_tmpfs(tmp_path / "disk", size_kb=(2 * size + size // 3) // 1024) as disk:
        db_path = disk / "studio.sqlite3"
        db_path.write_bytes(live.read_bytes())
        shutil.copytree(tmp_path / "studio_files", disk / "studio_files")
        files_before = sorted(p.relative_to(disk) for p in (disk / "studio_files").rglob("*"))
        with pytest.raises(DomainError) as refused:
            restore_backup(archive, db_path, folder=tmp_path / "safety")
        message = refused.value.message
        assert "当前数据保持原样" in message and "磁盘空间" in message and str(tmp_path / "safety") in message
        assert sorted(p.relative_to(disk) for p in (disk / "studio_files").rglob("*")) == files_before
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0] == 31
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        assert [p.name for p in disk.glob(".*")] == []
