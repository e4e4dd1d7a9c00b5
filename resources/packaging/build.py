"""Build the packaged program — one command, on Linux and on Windows:

    python resources/packaging/build.py

1. PyInstaller builds dist/StudioDesk/ from studiodesk.spec (one folder: StudioDesk and
   studiodesk-cli, with everything they load).
2. On Linux it packs that folder as dist/StudioDesk-<version>-linux-<machine>.tar.gz.
   On Windows, when Inno Setup 6 is installed, ISCC makes dist/StudioDesk-<version>-setup.exe
   from studiodesk.iss (otherwise it says what to install).

The version comes from studio_desk.__version__, the one place it is written.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIST = ROOT / "dist"
ISCC_PLACES = (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe", r"C:\Program Files\Inno Setup 6\ISCC.exe")


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from studio_desk import __version__

    return __version__


def bundle() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(HERE / "studiodesk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / "StudioDesk"


def linux_archive(folder: Path, ver: str) -> Path:
    out = DIST / f"StudioDesk-{ver}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=f"StudioDesk-{ver}")
    return out


def windows_setup(ver: str) -> Path | None:
    iscc = shutil.which("ISCC") or next((p for p in ISCC_PLACES if Path(p).is_file()), None)
    if iscc is None:
        print(
            "Inno Setup 6 was not found (ISCC.exe): install it from jrsoftware.org to make the setup program. "
            "The program itself is in dist\\StudioDesk."
        )
        return None
    subprocess.run(
        [iscc, f"/DAppVersion={ver}", f"/DSourceDir={DIST / 'StudioDesk'}", f"/O{DIST}", str(HERE / "studiodesk.iss")],
        check=True,
        cwd=HERE,
    )
    return DIST / f"StudioDesk-{ver}-setup.exe"


def main() -> int:
    ver = version()
    folder = bundle()
    print(f"Built {folder}")
    made = windows_setup(ver) if os.name == "nt" else linux_archive(folder, ver)
    if made:
        print(f"Built {made}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
