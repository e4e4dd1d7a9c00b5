"""Keep Python alive despite a PySide6 6.12 bug on Python 3.11.

Each time Qt calls a Python model's ``data()`` or ``headerData()`` and gets ``None`` back
(no value for that role — the normal answer for most roles), PySide releases one reference
to ``None`` too many. Views ask for a dozen roles per cell per paint, so after some thousand
paints the count reaches zero and Python aborts ("none_dealloc: deallocating None").

The same release of PySide drops a reference to ``True`` on every ``Signal.emit()`` made
from Python (emit returns ``True`` without owning it), so ``True`` and ``False`` get the same
spare references.

Python 3.12 made ``None`` immortal, so nothing is needed there. On 3.11 ``None`` is never
freed anyway, so giving it a huge spare reference count once means the extra releases can
never bring it to zero. Called when the ``ui`` package is imported, before any model exists.
"""

from __future__ import annotations

import ctypes
import sys

SPARE_REFERENCES = 1 << 40  # more releases than a desk could make in centuries

_done = [False]


def protect_none() -> None:
    if _done[0] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):  # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(singleton)).value += SPARE_REFERENCES
    _done[0] = True
