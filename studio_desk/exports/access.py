"""Who may export what, and the audit event every export leaves (导出记录)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_desk import audit
from studio_desk.db import write_transaction
from studio_desk.models import Complaint, User
from studio_desk.permissions import require
from studio_desk.services.common import load_case


def case_for_export(user: User, case_ref: int | str) -> Complaint:
    """The case to print, after checking the user may export at all."""
    require(user, "export")
    return load_case(case_ref)


def record_export(user: User, kind: str, path: Path, case: Complaint | None = None, **details: Any) -> None:
    with write_transaction():
        audit.record("export", user, case, kind=kind, file=Path(path).name, **details)
