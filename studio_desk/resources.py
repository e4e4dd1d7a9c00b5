"""Where the program's own files (translations, icon) are: beside the sources, or in the bundle.

Run from the source tree they are in ``resources/`` at its top. In the packaged program
(PyInstaller one-folder) the spec copies them to ``resources/`` inside the bundle's folder,
which PyInstaller names in ``sys._MEIPASS`` — its documented way for a frozen program to find
its data files.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys._MEIPASS) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
