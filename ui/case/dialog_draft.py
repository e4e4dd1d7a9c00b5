"""What a half-filled action dialog (评估, 方案 …) held when the desk signed its user out, kept as
a draft (:func:`studio_desk.drafts.dialog_path`) and put back when the same user opens the same
action on the same case again. A dialog the user cancels leaves no draft."""

from __future__ import annotations

import json
from typing import Any

from studio_desk import drafts
from studio_desk.errors import DomainError
from studio_desk.models import User
from ui.case.inputs import translate
from ui.session import Session


class DialogDraft:
    """The draft of one action on one case, for the user who opens it."""

    def __init__(self, session: Session, case_id: int, action: str) -> None:
        self.session = session
        self.user: User | None = session.user
        self.path = drafts.dialog_path(self.user, case_id, action) if self.user is not None else None

    def restore(self, values: dict[str, Any]) -> str:
        """Put the kept answers into ``values``; returns a line telling the user so ('' when none)."""
        draft = drafts.read(self.path) if self.path is not None else None
        if draft is None:
            return ""
        values.update(draft.data)
        return translate("CaseActions", "Restored what you had typed before being signed out at %1.").replace(
            "%1", draft.saved_at.strftime("%H:%M")
        )

    def signed_out(self) -> bool:
        """The dialog closed because its user is no longer signed in (idle sign-out, switch user)."""
        return self.user is not None and self.session.user is not self.user

    def keep(self, answers: dict[str, Any]) -> None:
        if self.path is None:
            return
        try:
            drafts.save(self.user, json.loads(json.dumps(answers, default=str)), self.path)
        except DomainError:
            pass  # nobody is signed in to be told; the dialog's answers are lost as before

    def discard(self) -> None:
        if self.path is not None:
            try:
                drafts.discard(self.path)
            except DomainError:
                pass  # an old draft offered once more is harmless
