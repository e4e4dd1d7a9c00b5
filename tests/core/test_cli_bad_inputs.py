"""Every subcommand against every kind of bad database (issue 20): missing, another program's,
empty, damaged, read-only, locked by the other desk, on a full disk. Each either works or
refuses with one line on stderr starting with 错误, never a traceback, and the database is
byte-identical afterwards (on a full disk: intact, nothing lost). Nothing is created where
nothing was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from studio_desk import db as db_module
from studio_desk.backup import create_backup
from studio_desk.cli import main
from studio_desk.db import close_database
from studio_desk.demo import build_demo
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import Complaint, User
from tests.core.safetykit import damage, fill_up, mounted_tmpfs, remount_read_only

DAY = date(2026, 11, 20)


@dataclass
class Studio:
    """A small demo database built once, as bytes, with what the commands need beside it."""

    data: bytes
    case_no: str
    archive: Path
    register: Path


@pytest.fixture(scope="module")
def studio(tmp_path_factory) -> Studio:
    folder = tmp_path_factory.mktemp("good")
    path = folder / "studio.sqlite3"
    build_demo(path, cases=12, seed=3, today=DAY)
    case_no = Complaint.select().order_by(Complaint.id).first().case_no
    register = folder / "登记表.xlsx"
    export_register(User.get(User.username == "manager"), register)
    close_database()
    archive = create_backup(path, folder / "backups").path
    return Studio(path.read_bytes(), case_no, archive, register)


def commands(studio: Studio, out: Path) -> dict[str, list[str]]:
    """Each subcommand as a user would type it, writing into ``out``."""
    return {
        "stats": ["stats", "--from", "2026-01-01"],
        "report daily": ["report", "daily", "--date", "2026-11-20", "-o", str(out / "小结.pdf")],
        "report monthly": ["report", "monthly", "--month", "2026-10", "-o", str(out / "分析表.xlsx")],
        "export register": ["export", "register", "-o", str(out / "登记表.xlsx")],
        "export case": ["export", "case", studio.case_no, "-o", str(out / "处理单.pdf")],
        "export slip": ["export", "slip", studio.case_no, "-o", str(out / "回执.pdf")],
        "export meeting": ["export", "meeting", "--open", "-o", str(out / "会议资料.pdf")],
        "import register": ["import", "register", str(studio.register)],
        "screenshot": ["screenshot", "--view", "board", "-o", str(out / "看板.png")],
        "backup": ["backup", "-o", str(out / "备份")],
        "check": ["check", "--full"],
        "restore": ["restore", str(studio.archive), "--yes"],
        "notify add": ["notify", "add", "wecom", "--url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"],
        "notify list": ["notify", "list"],
        "notify send-pending": ["notify", "send-pending"],
    }


@dataclass
class Case:
    """One kind of bad database: where it is, and which commands may rightly succeed on it."""

    db: Path
    may_succeed: set[str] = field(default_factory=set)
    skip: set[str] = field(default_factory=set)
    byte_identical: bool = True


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused_properly(name: str, code: int, err: str) -> None:
    assert code != 0, f"{name}: exit 0 on a bad database"
    assert "Traceback" not in err, f"{name}: {err}"
    assert err.startswith("错误：") and err.count("\n") == 1, f"{name}: {err!r}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_every_command(capsys, studio: Studio, case: Case, out: Path) -> None:
    before = digest(case.db) if case.db.exists() else None
    for name, argv in commands(studio, out).items():
        if name in case.skip:
            continue
        code, _, err = run(capsys, [*argv, "--db", str(case.db)])
        if code != 0 or name not in case.may_succeed:
            assert_refused_properly(name, code, err)
        if case.byte_identical and before is not None:
            assert digest(case.db) == before, f"{name} changed the database"
        leftovers = [p.name for p in out.glob(".*")] if out.exists() else []
        assert not leftovers, f"{name} left {leftovers}"


def test_a_missing_database_is_never_created(capsys, studio, tmp_path):
    typo = tmp_path / "typo" / "studio.sqlite3"
    check_every_command(capsys, studio, Case(typo), tmp_path / "out")
    assert not typo.parent.exists()  # neither the file nor its folder


def test_another_programs_database_gets_nothing_written(capsys, studio, tmp_path):
    foreign = tmp_path / "contacts.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contact VALUES ('王', '13800000000')")
    conn.close()
    check_every_command(capsys, studio, Case(foreign), tmp_path / "out")
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["contact"]
    conn.close()


def test_an_empty_file_is_not_a_database(capsys, studio, tmp_path):
    empty = tmp_path / "studio.sqlite3"
    empty.touch()
    # Restoring onto an empty file is restoring onto a new computer: nothing to keep.
    check_every_command(capsys, studio, Case(empty, skip={"restore"}), tmp_path / "out")
    assert empty.stat().st_size == 0
    assert not (tmp_path / "out" / "备份").exists()


def test_a_damaged_database_is_neither_read_nor_written(capsys, studio, tmp_path):
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    damage(path, "complaint")
    # Restoring over a damaged file is what it is for (tests/core/test_restore.py).
    check_every_command(capsys, studio, Case(path, skip={"restore"}), tmp_path / "out")
    code, _, err = run(capsys, ["export", "register", "--db", str(path), "-o", str(tmp_path / "r.xlsx")])
    assert code == 1 and "已损坏" in err and "从最近的备份恢复" in err
    assert not (tmp_path / "r.xlsx").exists()


def test_a_stale_wal_of_another_file_blocks_the_export(capsys, studio, tmp_path):
    """Issue 20 item 5: a -wal left from another database; the desk's quick check refuses it."""
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE junk (x)")
        conn.executemany("INSERT INTO junk VALUES (?)", [(b"\xa5" * 3000,)] * 200)
        shutil.copyfile(f"{other}-wal", f"{path}-wal")
    conn.close()
    before = digest(path), digest(Path(f"{path}-wal"))
    code, _, err = run(capsys, ["export", "register", "--db", str(path), "-o", str(tmp_path / "r.xlsx")])
    assert_refused_properly("export register", code, err)
    assert "-wal 日志文件不属于这个数据库" in err
    assert (digest(path), digest(Path(f"{path}-wal"))) == before and not (tmp_path / "r.xlsx").exists()


def test_read_only_media_are_told_apart_from_damage(capsys, studio, tmp_path):
    with mounted_tmpfs(tmp_path / "stick", size_kb=4096) as stick:
        path = stick / "studio.sqlite3"
        path.write_bytes(studio.data)
        remount_read_only(stick)
        out = tmp_path / "out"
        # Reading a read-only stick is fine: the check and a backup onto another disk work.
        check_every_command(capsys, studio, Case(path, may_succeed={"check", "backup"}, skip={"screenshot"}), out)
        code, _, err = run(capsys, ["export", "register", "--db", str(path), "-o", str(out / "r.xlsx")])
        assert "只读" in err and "已损坏" not in err and "恢复" not in err.split("不需要恢复")[0]
        assert not (out / "r.xlsx").exists()  # the audit event was refused, so no file either
        assert run(capsys, ["check", "--db", str(path)])[0] == 0


def test_read_only_for_a_normal_user(studio):
    """As the staff's own account (not root): a folder and file they may not write to."""
    root = Path(__file__).resolve().parents[2]
    probe = [sys.executable, "-c", "import studio_desk.cli"]
    if (
        shutil.which("runuser") is None
        or os.geteuid() != 0
        or subprocess.run(["runuser", "-u", "nobody", "--", *probe], cwd=root, capture_output=True).returncode
    ):
        pytest.skip("cannot run the program as another user here (needs root, runuser, a Python they may run)")
    top = Path(tempfile.mkdtemp(prefix="studiodesk-ro-"))  # pytest's own folders are root's alone
    try:
        top.chmod(0o755)
        folder = top / "shared"
        folder.mkdir()
        path = folder / "studio.sqlite3"
        path.write_bytes(studio.data)
        path.chmod(0o444)
        folder.chmod(0o555)
        before = digest(path)
        out = top / "out"
        out.mkdir(mode=0o777)
        out.chmod(0o777)
        for argv in (
            ["export", "register", "-o", str(out / "r.xlsx")],
            ["stats"],
            ["report", "daily", "-o", str(out / "d.pdf")],
        ):
            done = subprocess.run(
                ["runuser", "-u", "nobody", "--", sys.executable, str(root / "main.py"), *argv, "--db", str(path)],
                capture_output=True,
                text=True,
                cwd=root,
                timeout=120,
            )
            assert_refused_properly(argv[0], done.returncode, done.stderr)
            assert "只读" in done.stderr and "已损坏" not in done.stderr, done.stderr
        assert digest(path) == before and not list(out.iterdir())
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_other_desk_holding_the_lock(capsys, studio, tmp_path, monkeypatch):
    """Another desk is in the middle of a long write (an import): reading works, writing says
    数据库正忙 after the wait, and nothing is lost (the wait is shortened for the test)."""
    monkeypatch.setitem(db_module.SQLITE_PRAGMAS, "busy_timeout", 300)
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sqlite3, sys\n"
                f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "c.execute('PRAGMA journal_mode=wal'); c.execute('BEGIN IMMEDIATE')\n"
                "print('locked', flush=True); sys.stdin.read(); c.execute('ROLLBACK')\n"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        reads = {"stats", "check", "backup", "notify list", "notify send-pending"}  # nothing is due: only reads
        check_every_command(capsys, studio, Case(path, may_succeed=reads, skip={"screenshot"}), tmp_path / "out")
        code, _, err = run(capsys, ["export", "slip", studio.case_no, "--db", str(path), "-o", str(tmp_path / "s.pdf")])
        assert code == 1 and "数据库正忙" in err and not (tmp_path / "s.pdf").exists()
    finally:
        holder.communicate("", timeout=30)


def test_a_full_disk_loses_nothing(capsys, studio, tmp_path):
    with mounted_tmpfs(tmp_path / "disk", size_kb=1024) as disk:
        path = disk / "studio.sqlite3"
        path.write_bytes(studio.data)
        with sqlite3.connect(path) as conn:
            cases = conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0]
        conn.close()
        fill_up(disk)
        out = disk / "out"
        anything = set(commands(studio, out)) - {"screenshot"}
        check_every_command(
            capsys, studio, Case(path, may_succeed=anything, skip={"screenshot"}, byte_identical=False), out
        )
        assert not [p for p in disk.rglob("*") if p.suffix in (".pdf", ".xlsx", ".png", ".zip")]
        code, _, err = run(capsys, ["export", "register", "--db", str(path), "-o", str(out / "r.xlsx")])
        assert "磁盘空间已满" in err and "已损坏" not in err
        (disk / "filler").unlink()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0] == cases
        conn.close()


def test_no_output_over_the_database_its_wal_or_a_backup(capsys, studio, tmp_path):
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    disguised = tmp_path / "studio.xlsx"
    disguised.write_bytes(studio.data)
    backup_copy = tmp_path / "备份.xlsx"
    shutil.copyfile(studio.archive, backup_copy)
    targets = {
        "register": [path, Path(f"{path}-wal"), Path(f"{path}-shm"), disguised, backup_copy, tmp_path],
        "slip": [path, Path(f"{path}-wal"), disguised.with_suffix(".pdf")],
    }
    disguised.with_suffix(".pdf").write_bytes(studio.data)
    before = {p: digest(p) for p in (path, disguised, backup_copy)}
    for kind, outputs in targets.items():
        for target in outputs:
            extra = [studio.case_no] if kind == "slip" else []
            code, _, err = run(capsys, ["export", kind, *extra, "--db", str(path), "-o", str(target)])
            assert_refused_properly(f"export {kind} -o {target.name}", code, err)
    code, _, err = run(capsys, ["screenshot", "--view", "board", "--db", str(path), "-o", str(tmp_path / "s.txt")])
    assert_refused_properly("screenshot -o s.txt", code, err)
    assert {p: digest(p) for p in before} == before


def test_exports_follow_the_umask(capsys, studio, tmp_path):
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    old = os.umask(0o022)
    try:
        assert run(capsys, ["export", "register", "--db", str(path), "-o", str(tmp_path / "r.xlsx")])[0] == 0
    finally:
        os.umask(old)
    assert (tmp_path / "r.xlsx").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["demo", "--today", "2026-02-30"], "日期“2026-02-30”无效"),
        (["stats", "--from", "9999-12-31"], "超出范围"),
        (["stats", "--from", "0001-01-01"], "超出范围"),
        (["report", "daily", "--date", "9999-12-31", "-o", "x.pdf"], "超出范围"),
        (["report", "monthly", "--month", "9999-12", "-o", "x.pdf"], "月份“9999-12”无效"),
        (["stats", "--database-url", "postgresql://[::1"], "格式不对"),
        (["stats", "--bogus"], "无法识别的参数"),
        (["export", "register"], "缺少参数：-o/--output"),
        (["demo", "--cases", "many"], "必须是整数"),
        (["report", "daily", "--date"], "后面要跟一个值"),
    ],
)
def test_usage_and_value_errors_are_one_chinese_line(capsys, studio, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)
    db = (
        []
        if "--database-url" in argv or "--db" in argv
        else ["--db", str(tmp_path / "new.sqlite3" if argv[0] == "demo" else path)]
    )
    code, _, err = run(capsys, [*argv, *db])
    assert_refused_properly(" ".join(argv), code, err)
    assert words in err, err


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_documents_onto_a_full_disk(capsys, studio, tmp_path):
    """The database is fine; the USB stick the documents go to is full. Each export fails with
    one line, leaves no file (not even a hidden temporary one) and records no export."""
    path = tmp_path / "studio.sqlite3"
    path.write_bytes(studio.data)

    def exports() -> int:
        with sqlite3.connect(path) as conn:
            count = conn.execute("SELECT COUNT(*) FROM audit_event WHERE action = 'export'").fetchone()[0]
        conn.close()
        return count

    before = exports()
    with mounted_tmpfs(tmp_path / "stick", size_kb=256) as stick:
        fill_up(stick)
        for name, argv in commands(studio, stick).items():
            if "-o" not in argv or name == "screenshot":
                continue
            code, _, err = run(capsys, [*argv, "--db", str(path)])
            assert_refused_properly(name, code, err)
            assert "磁盘空间已满" in err, f"{name}: {err}"
            assert [p.name for p in stick.rglob("*") if p.is_file()] == ["filler"], name
    assert exports() == before
