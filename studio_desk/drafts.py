"""Autosaved drafts (草稿), so a crash, a power cut or an automatic sign-out never loses what
the customer has just told the receptionist, or what a manager was typing into a dialog.

Each draft is one JSON file in the database's data folder (``<db stem>_files/drafts/``). It is
written to a temporary file, synced and renamed over the old one (exports' atomic_output),
so the file on disk is always either the previous draft or the new one, never a torn mix.

Intake drafts are one file per complaint being typed: a draft recovered after a crash is kept
while the receptionist serves the next customer, whose typing is autosaved to its own file.
A dialog's draft has one fixed file per user, case and action (:func:`dialog_path`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

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
    path: Path


def _folder() -> Path:
    return files_root() / "drafts"


def new_intake_path(user: User) -> Path:
    """A file for the complaint now being typed, beside (never over) the user's other drafts."""
    return _folder() / f"intake-{user.id}-{uuid4().hex[:12]}.json"


def dialog_path(user: User, case_id: int, action: str) -> Path:
    """The one draft file of ``action``'s dialog on one case, for one user."""
    return _folder() / f"dialog-{user.id}-{case_id}-{action}.json"


def save(user: User, data: dict[str, Any], path: Path | None = None) -> Path:
    """Replace the draft at ``path`` (None: a new intake draft) with ``data`` (JSON values only);
    raises DomainError if the disk refuses."""
    path = path or new_intake_path(user)
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


def read(path: Path) -> Draft | None:
    """The draft at ``path``, or None when there is none or it cannot be read back."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or not isinstance(raw.get("data"), dict):
            return None
        return Draft(raw["data"], datetime.fromisoformat(raw["saved_at"]), path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def intake_drafts(user: User) -> list[Draft]:
    """``user``'s unfinished complaints, newest first (``intake-<id>.json`` is an older desk's one draft)."""
    folder = _folder()
    try:
        paths = [*folder.glob(f"intake-{user.id}-*.json"), folder / f"intake-{user.id}.json"]
    except OSError:
        return []
    found = [draft for draft in map(read, paths) if draft is not None]
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def load(user: User) -> Draft | None:
    """``user``'s newest unfinished complaint, or None."""
    found = intake_drafts(user)
    return found[0] if found else None


def discard(path: Path) -> None:
    """Forget one draft (after a successful save, or when the user declines to restore it)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise DomainError(f"草稿无法删除：{exc.strerror or exc}") from exc
