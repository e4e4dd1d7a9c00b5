"""Progress reporting and cancellation for long work (exports, reports, backups, imports).

Core functions take a :class:`Progress` and call :meth:`Progress.update` now and then; the
GUI's worker connects it to a progress bar and a Cancel button, the CLI ignores it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from studio_desk.errors import DomainError


class Cancelled(DomainError):
    def __init__(self) -> None:
        super().__init__("操作已取消，没有留下不完整的文件。")


@dataclass
class Progress:
    report: Callable[[int, int, str], None] | None = None
    cancelled: Callable[[], bool] | None = None

    def update(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total``; raises Cancelled if the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.report is not None:
            self.report(done, total, message)


NO_PROGRESS = Progress()
