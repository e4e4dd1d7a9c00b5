"""Run the BUILT program (dist/StudioDesk), not the sources, through what a studio does with it.

    python .ci/bundle_check.py [dist/StudioDesk]

Each step runs the bundle's own executables in an empty folder with a fresh HOME, so nothing of
the source tree or of this machine's user can stand in for a file the bundle lacks. A module
left out of the bundle makes its step fail (ImportError → non-zero exit), and so does a missing
translation, plugin or font path. Exits 1 at the first failure; .ci/run stops there.

Steps: size; --version of both programs; every subcommand's help; a demo database; the desk
started to its sign-in dialog; the board,
statistics (QtCharts), case and 关于 views rendered to PNG; the case sheet PDF with its CJK font
embedded, a slip, the daily and monthly reports (PDF and Excel) and the meeting pack; the
register exported and imported into a new studio; backup, check and restore; a database of
schema version 1 backed up and upgraded; PostgreSQL
(psycopg2) when STUDIODESK_TEST_PG_URL names a server; every module loaded lazily is in it.
"""

from __future__ import annotations

import ast
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MAX_MB = 250
DEMO_CASES = 300
TODAY = "2026-11-20"  # the demo is built as of this day, so the report dates below have cases


def say(text: str) -> None:
    print(f"bundle_check: {text}", flush=True)


def fail(text: str) -> None:
    print(f"bundle_check: FAILED: {text}", file=sys.stderr, flush=True)
    sys.exit(1)


class Bundle:
    def __init__(self, folder: Path, work: Path) -> None:
        self.folder = folder
        self.work = work
        home = work / "home"
        home.mkdir()
        keep = {"PATH", "LANG", "LC_ALL", "TZ", "STUDIODESK_TEST_PG_URL"}
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            QT_QPA_PLATFORM="offscreen",
        )

    def run(self, *args: str, program: str = "studiodesk-cli", expect: str = "") -> str:
        started = time.monotonic()
        result = subprocess.run(
            [str(self.folder / program), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        took = time.monotonic() - started
        shown = " ".join(args)[:90]
        if result.returncode != 0:
            fail(f"{program} {shown} → exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        if expect and expect not in result.stdout:
            fail(f"{program} {shown}: «{expect}» not in its output:\n{result.stdout}\n{result.stderr}")
        say(f"ok {took:5.1f} s  {program} {shown}")
        return result.stdout


def check_size(folder: Path) -> None:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    megabytes = total / 1e6
    if megabytes > MAX_MB:
        fail(f"the bundle is {megabytes:.0f} MB unpacked, more than {MAX_MB} MB")
    say(f"ok size {megabytes:.0f} MB unpacked (limit {MAX_MB} MB)")


def check_png(path: Path, size: tuple[int, int]) -> None:
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path.name} is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != size or len(data) < 20_000:  # a blank window compresses to a few KB
        fail(f"{path.name}: {width}x{height}, {len(data)} bytes — expected a painted {size[0]}x{size[1]} view")


def check_pdf(path: Path, *words: str) -> None:
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines()[2:] if "TrueType" in line and " yes yes yes " in line]
    if not embedded:
        fail(f"{path.name}: no embedded TrueType (CJK) font:\n{fonts}")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    missing = [word for word in words if word not in text]
    if missing:
        fail(f"{path.name}: {missing} not in its text")
    say(f"ok {path.name}: {embedded[0].split()[0]} embedded, Chinese text extracts")


def expected_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def check_program(bundle: Bundle) -> None:
    version = expected_version()
    for program in ("studiodesk-cli", "StudioDesk"):
        line = bundle.run("--version", program=program).strip()
        if not line.endswith(version) or "影楼客怨处理台" not in line:
            fail(f"{program} --version printed «{line}», expected version {version}")
    commands = ("demo", "stats", "report", "screenshot", "backup", "restore", "check", "export", "import")
    listed = bundle.run("--help")
    for command in commands:
        if command not in listed:
            fail(f"--help does not list {command}")
        bundle.run(command, "--help")


def check_desk_starts(bundle: Bundle, db: Path) -> None:
    """The desk itself, as a shortcut starts it: the start-up checks and the daily backup, then the
    sign-in dialog, which waits for a person. Alive with its backup made means it got there."""
    desk = subprocess.Popen(
        [str(bundle.folder / "StudioDesk"), "--db", str(db)],
        cwd=bundle.work,
        env=bundle.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    try:
        while time.monotonic() - started < 120:
            if desk.poll() is not None:
                fail(f"the desk ended at start (exit {desk.returncode}):\n{desk.stdout.read()}\n{desk.stderr.read()}")
            if time.monotonic() - started > 3 and list((db.parent / "backups").glob("*.zip")):
                say("ok desk started to the sign-in dialog, with its daily backup")
                return
            time.sleep(0.5)
        fail("the desk made no daily backup within 120 s of its start")
    finally:
        desk.terminate()
        desk.wait(timeout=30)


def attach_photo(db: Path, case_no: str) -> None:
    """A photo on the case, attached by the sources' core (there is no command for it), so the bundle's
    case sheet must read an image — with Pillow, through reportlab."""
    sys.path.insert(0, str(ROOT))
    from studio_desk.attachments import attach_file
    from studio_desk.db import close_database
    from studio_desk.models import User
    from studio_desk.opening import open_database

    open_database(db)
    try:
        attach_file(User.get(User.username == "manager"), case_no, ROOT / "resources" / "icon" / "studiodesk.png")
    finally:
        close_database()


def check_documents(bundle: Bundle, db: Path) -> None:
    w = bundle.work
    for view, size in (("board", (1280, 800)), ("stats", (1280, 800)), ("case", (1280, 800)), ("about", (720, 260))):
        bundle.run(
            "screenshot",
            "--db",
            str(db),
            "--view",
            view,
            "--size",
            "x".join(map(str, size)),
            "-o",
            str(w / f"{view}.png"),
            expect="已保存截图",
        )
        check_png(w / f"{view}.png", size)
    bundle.run("screenshot", "--db", str(db), "--view", "board", "-o", str(w / "desk.png"), program="StudioDesk")
    check_png(w / "desk.png", (1280, 800))
    with sqlite3.connect(db) as conn:
        case_no = conn.execute("SELECT case_no FROM complaint ORDER BY id DESC LIMIT 1").fetchone()[0]
    attach_photo(db, case_no)
    bundle.run("export", "case", case_no, "--db", str(db), "-o", str(w / "处理单.pdf"))
    check_pdf(w / "处理单.pdf", case_no, "投诉处理单")
    images = subprocess.run(["pdfimages", "-list", str(w / "处理单.pdf")], capture_output=True, text=True).stdout
    if len(images.splitlines()) < 3:  # two header lines, then one line per image
        fail(f"处理单.pdf: the attached photo is not on the sheet (Pillow missing?):\n{images}")
    bundle.run("export", "slip", case_no, "--db", str(db), "-o", str(w / "回执.pdf"))
    check_pdf(w / "回执.pdf", case_no)
    bundle.run("export", "meeting", "--db", str(db), "--open", "-o", str(w / "会议资料.pdf"))
    check_pdf(w / "会议资料.pdf")
    bundle.run("report", "daily", "--date", TODAY, "--db", str(db), "-o", str(w / "小结.pdf"))
    check_pdf(w / "小结.pdf")
    bundle.run("report", "monthly", "--month", TODAY[:7], "--db", str(db), "-o", str(w / "分析表.pdf"))
    check_pdf(w / "分析表.pdf", "客户投诉统计分析表")
    bundle.run("report", "monthly", "--month", TODAY[:7], "--db", str(db), "-o", str(w / "分析表.xlsx"))
    bundle.run("stats", "--db", str(db), "--from", "2026-01-01", "--to", TODAY, "--json", expect="{")


def check_register(bundle: Bundle, db: Path) -> None:
    """The Excel register written by the bundle is read back by the bundle into a new studio."""
    w = bundle.work
    bundle.run("export", "register", "--db", str(db), "--full-phone", "-o", str(w / "登记表.xlsx"))
    fresh = w / "fresh.sqlite3"
    bundle.run("demo", "--db", str(fresh), "--cases", "0")
    out = bundle.run("import", "register", str(w / "登记表.xlsx"), "--db", str(fresh))
    found = re.search(r"已导入 (\d+) 个案件.*跳过 (\d+) 行", out)
    with sqlite3.connect(fresh) as conn:
        stored = conn.execute("SELECT count(*) FROM complaint").fetchone()[0]
    if not found or int(found[1]) != stored or stored != DEMO_CASES:
        fail(f"register import: {stored} of {DEMO_CASES} cases stored\n{out}")


def check_backup(bundle: Bundle, db: Path) -> None:
    w = bundle.work
    out = bundle.run("backup", "--db", str(db), "-o", str(w / "备份"), expect="已通过校验")
    archive = next((w / "备份").glob("*.zip"), None) or fail(f"no backup archive:\n{out}")
    bundle.run("check", "--db", str(db), "--full")
    copy = w / "restored.sqlite3"
    bundle.run("restore", str(archive), "--db", str(copy), "--yes")
    bundle.run("check", "--db", str(copy))


def check_upgrade(bundle: Bundle) -> None:
    """A database of an older version (schema 1, the tests' file with a row in every table) is opened by
    the bundle: backed up first, then migrated, keeping its rows — what installing a newer setup does."""
    sys.path.insert(0, str(ROOT))
    from studio_desk.migrations import LATEST_VERSION
    from tests.core.test_migrations import build_v1

    old = bundle.work / "upgrade" / "studio.sqlite3"
    old.parent.mkdir()
    build_v1(old)
    bundle.run("stats", "--db", str(old), "--from", "2026-01-01", "--to", TODAY, "--json", expect="{")
    with sqlite3.connect(old) as conn:
        version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
        cases = conn.execute("SELECT count(*) FROM complaint").fetchone()[0]
    backups = list((old.parent / "backups").glob("*upgrade*.zip"))
    if version != LATEST_VERSION or cases != 1 or not backups:
        fail(f"upgrade: schema {version} (expected {LATEST_VERSION}), {cases} case(s), backups {backups}")
    say(f"ok upgrade from schema 1 to {version}, backed up first ({backups[0].name}), rows kept")


def check_postgresql(bundle: Bundle) -> None:
    url = os.environ.get("STUDIODESK_TEST_PG_URL")
    if not url:
        say("skipped PostgreSQL: STUDIODESK_TEST_PG_URL is not set (.ci/run sets it)")
        return
    import psycopg2  # the checker's own, only to make an empty database for the bundle

    name = f"studiodesk_bundle_{os.getpid()}"
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name}")
        cur.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    try:
        parts = urlsplit(url)
        db_url = urlunsplit(parts._replace(path=f"/{name}"))
        bundle.run("demo", "--database-url", db_url, "--cases", "50", "--today", TODAY)
        bundle.run("stats", "--database-url", db_url, "--from", "2026-01-01", "--to", TODAY, "--json", expect="{")
    finally:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.close()


def imported_by_us() -> set[str]:
    """Every module outside ours and the standard library that our code imports, at the top of a file
    or inside a function (what start-up loads later): psycopg2, openpyxl, PySide6.QtCharts, …
    A library added later (python-calamine, XlsxWriter) is checked the day an import of it lands."""
    found: set[str] = set()
    for path in [*(ROOT / "studio_desk").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
    return {
        name
        for name in found
        if name.split(".")[0] not in {"studio_desk", "ui", "__future__"}
        and name.split(".")[0] not in sys.stdlib_module_names
    }


def check_contents(folder: Path) -> None:
    """Every module of ours (many load by name, unseen by PyInstaller's scan) and every library
    our code imports, start-up's lazy ones included, is in the bundle."""
    viewer = [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b"]  # pyi-archive_viewer
    listing = subprocess.run(
        [*viewer, str(folder / "studiodesk-cli")], capture_output=True, text=True, check=True
    ).stdout
    archived = {line.strip() for line in listing.splitlines()}
    ours = {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("studio_desk", "ui")
        for p in (ROOT / package).rglob("*.py")
    }
    internal = folder / "_internal"
    libraries = imported_by_us() | {"PIL.Image"}  # reportlab reads the case sheet's photos with Pillow
    # A pure-Python module is in the archive; an extension module (PySide6.QtCharts) is a file beside it.
    missing = sorted(
        name for name in (ours | libraries) - archived if not list(internal.glob(name.replace(".", "/") + ".*"))
    )
    for pattern in (
        "psycopg2/_psycopg*",
        "resources/i18n/desk_zh_CN.qm",
        "resources/icon/studiodesk.png",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/*offscreen*",
        "PySide6/Qt/plugins/platforms/*xcb*",
        "PySide6/Qt/plugins/printsupport/*",
    ):
        if not list(internal.glob(pattern)):
            missing.append(pattern)
    shipped = {p.name for p in (internal / "resources" / "i18n").glob("*.qm")}
    missing += sorted({p.name for p in (ROOT / "resources" / "i18n").glob("*.qm")} - shipped)
    unwanted = [
        name
        for name in (
            "PySide6.QtWebEngineCore",
            "PySide6.QtQuick",
            "PySide6.QtMultimedia",
            "PySide6.Qt3DCore",
            "PySide6.QtQml",
            "tkinter",
            "numpy",
            "pytest",
        )
        if name in archived or list(internal.glob(name.replace(".", "/") + ".*"))
    ]
    if missing or unwanted:
        fail(f"missing from the bundle: {missing}; not wanted in it: {unwanted}")
    say(
        f"ok contents: {len(ours)} modules of ours, the {len(libraries)} library modules they import, "
        "translations, icon and Qt plugins"
    )


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "StudioDesk").resolve()
    if not (folder / "studiodesk-cli").is_file():
        fail(f"no bundle in {folder}: build it with python -m PyInstaller resources/packaging/studiodesk.spec")
    started = time.monotonic()
    check_size(folder)
    check_contents(folder)
    with tempfile.TemporaryDirectory(prefix="studiodesk-bundle-") as work:
        bundle = Bundle(folder, Path(work))
        check_program(bundle)
        db = bundle.work / "demo.sqlite3"
        bundle.run("demo", "--db", str(db), "--cases", str(DEMO_CASES), "--seed", "1", "--today", TODAY)
        check_desk_starts(bundle, db)
        check_documents(bundle, db)
        check_register(bundle, db)
        check_backup(bundle, db)
        check_upgrade(bundle)
        check_postgresql(bundle)
    say(f"all checks passed on the built program in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
