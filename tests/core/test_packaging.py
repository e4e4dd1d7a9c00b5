"""The packaging files agree with the program: the Windows setup installs the programs the spec
builds, keeps the folder where the program keeps its data, and finds its icon; the spec ships
every translation. (The bundle itself is built and run by .ci/run through .ci/bundle_check.py.)"""

from __future__ import annotations

import re
from pathlib import Path

from studio_desk.db import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "resources" / "packaging"


def _iss() -> str:
    return (PACKAGING / "studiodesk.iss").read_text(encoding="utf-8-sig")


def test_the_setup_installs_the_programs_the_spec_builds():
    spec = (PACKAGING / "studiodesk.spec").read_text(encoding="utf-8")
    built = set(re.findall(r'\("([\w-]+)", (?:True|False)\)', spec))
    assert built == {"StudioDesk", "studiodesk-cli"}
    iss = _iss()
    for program in built:
        assert f"{{app}}\\{program}.exe" in iss
    assert 'Filename: "{app}\\StudioDesk.exe"' in iss.split("[Icons]")[1]  # the Start-menu shortcut


def test_the_uninstaller_keeps_the_data_folder():
    iss = _iss()
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)  # only what the setup installed is removed
    assert f"{{localappdata}}\\{APP_NAME}" in iss  # platformdirs' user_data_dir on Windows
    install_delete = iss.split("[InstallDelete]")[1].split("\n[")[0]
    assert all("{app}" in line for line in install_delete.splitlines() if line.startswith("Type:"))


def test_the_setup_finds_its_icon_and_every_upgrade_keeps_one_app_id():
    iss = _iss()
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.M)[1].strip()
    assert (PACKAGING / icon.replace("\\", "/")).resolve() == ROOT / "resources" / "icon" / "studiodesk.ico"
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M)
    assert (PACKAGING / "studiodesk.iss").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 for Inno Setup 6


def test_packaging_tools_are_pinned():
    pins = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller==[\d.]+$", pins, re.M)
    assert re.search(r"^pyinstaller-hooks-contrib==[\d.]+$", pins, re.M)
