"""The studio's current time. Tests and the demo generator pin it with :func:`frozen`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

_fixed: datetime | None = None


def now() -> datetime:
    """Local time without microseconds: case times are shown and compared to the second."""
    return (_fixed or datetime.now()).replace(microsecond=0)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    global _fixed
    previous, _fixed = _fixed, at
    try:
        yield
    finally:
        _fixed = previous
