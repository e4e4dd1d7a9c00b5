"""A model answering None (no value for a role) tens of thousands of times must not abort Python
(PySide6 6.12 on Python 3.11 over-releases None on each such answer; ui.none_guard protects it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import ui
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

class Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

model = Empty()
index = model.index(0, 0)
for _ in range(60000):
    index.data(Qt.ItemDataRole.FontRole)
print("alive")
"""


def test_many_none_answers_do_not_abort():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
