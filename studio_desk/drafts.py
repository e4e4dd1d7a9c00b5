"""Autosaved drafts of the intake form (登记草稿), so a crash or a power cut never loses
what the customer has just told the receptionist.

One JSON file per user in the database's data folder (``<db stem>_files/drafts/``). It is
written to a temporary file, synced and renamed over the old one (exports' atomic_output),
so the file on disk is always either the previous draft or the new one, never a torn mix.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from studio_desk import clock
from studio_desk.attachments import files_root
from studio_desk.errors import DomainError
from studio_desk.exports.files import atomic_output
from studio_desk.models import User

FORMAT = 1


@dataclass(frozen=True)
class Draft:
    data: dict[str, Any]
    saved_at: datetime


def draft_path(user: User) -> Path:
    return files_root() / "drafts" / f"intake-{user.id}.json"


def save(user: User, data: dict[str, Any]) -> Path:
    """Replace ``user``'s draft with ``data`` (JSON values only); raises DomainError if the disk refuses."""
    path = draft_path(user)
    payload = json.dumps({"format": FORMAT, "user": user.username, "saved_at": clock.now().isoformat(),
                          "data": data}, ensure_ascii=False)
    try:
        with atomic_output(path, (".json",)) as temp, temp.open("w", encoding="utf-8") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename, so a power cut leaves old or new
    except OSError as exc:
        raise DomainError(f"草稿无法自动保存：{exc.strerror or exc}") from exc
    except DomainError as exc:
        raise DomainError(f"草稿无法自动保存：{exc.message}") from exc
    return path


def load(user: User) -> Draft | None:
    """``user``'s draft, or None when there is none or it cannot be read back."""
    try:
        raw = json.loads(draft_path(user).read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or not isinstance(raw.get("data"), dict):
            return None
        return Draft(raw["data"], datetime.fromisoformat(raw["saved_at"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def discard(user: User) -> None:
    """Forget the draft (after a successful save, or when the user declines to restore it)."""
    try:
        draft_path(user).unlink(missing_ok=True)
    except OSError as exc:
        raise DomainError(f"草稿无法删除：{exc.strerror or exc}") from exc
