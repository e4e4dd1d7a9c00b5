"""Moving a case to another stage, from the case view or the board: one dialog per move that
asks exactly what that move's rule needs, then :func:`studio_desk.services.cases.move_case`.

The fields asked follow the workflow's guards (:mod:`studio_desk.workflow`); when the core
still refuses, its ``TransitionRefused.problems`` are shown at (or add) the fields concerned.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from studio_desk import workflow
from studio_desk.errors import TransitionRefused
from studio_desk.models import Complaint
from studio_desk.permissions import require
from studio_desk.services import actions
from studio_desk.services.cases import move_case
from studio_desk.services.common import load_case
from ui.case.action_dialog import ask, fixable_fields
from ui.case.field_inputs import case_values
from ui.case.inputs import translate, vocab_label
from ui.session import Session


class CaseRef(Protocol):
    """A Complaint or the board's CaseRow: which case, at which version, in which stage."""

    id: int
    version: int
    stage: str



def move_fields(t: workflow.Transition) -> tuple[list[str], tuple[str, ...]]:
    """(fields to ask, which of them the rule requires) for transition ``t``."""
    if t.kind in ("back", "reopen", "send_back", "retry"):
        return ["reason"], ("reason",)
    if t.kind == "close_invalid":
        return ["validity", "cause", "invalid_explanation"], ("validity", "invalid_explanation")
    if t.kind == "approve":
        return ["approval_note"], ()
    if t.target == "remedy":
        return ["validity", "solvability", "cause", "department", "responsible_staff"], ("validity", "cause",
                                                                                          "department")
    if t.source == "remedy":
        return ["remedy_type", "remedy_plan", "compensation_lines"], ("remedy_type", "remedy_plan")
    if t.target == "follow_up":
        return ["customer_accepted", "acceptance_note"], ("customer_accepted",)
    if t.target == "closed":
        return ["close_reason"], ()
    return [], ()


def _defaults(t: workflow.Transition, case: Complaint) -> dict[str, Any]:
    values = case_values(case)
    if t.kind == "close_invalid":
        values["validity"] = "invalid"
    elif t.target == "remedy" and t.kind == "forward" and not values.get("validity"):
        values["validity"] = "valid"
    if t.target == "follow_up":
        values["customer_accepted"] = True
    return values


def _submit(session: Session, case_id: int, version: int, t: workflow.Transition):
    def submit(values: dict[str, Any]) -> Complaint:
        if t.kind == "send_back":
            return actions.send_back(session.user, case_id, version, values.get("reason", ""))
        return move_case(session.user, case_id, t.target, version, values)
    return submit


def _title(t: workflow.Transition, case_no: str) -> str:
    title = translate("Transitions", "%1: %2 → %3")
    return title.replace("%1", case_no).replace("%2", vocab_label("stage", t.source)) \
        .replace("%3", vocab_label("stage", t.target))


def ask_and_move(session: Session, case: CaseRef, target_stage: str, parent: QWidget | None) -> Complaint | None:
    """Ask what moving ``case`` to ``target_stage`` needs and move it; None if the user cancelled.

    ``case.version`` is the version the user was looking at, so a move on stale data is refused.
    A refusal the dialog cannot fix (no such move, no right, someone else saved first) is
    raised as the core's DomainError for the caller to show (the board shows it on the board,
    the case view in a message box). On success the session announces the change.
    """
    t = workflow.find_transition(case.stage, target_stage)
    if t is None:
        raise TransitionRefused(workflow.not_allowed_message(case.stage, target_stage))
    require(session.user, t.right)
    full = load_case(case.id)
    fields, required = move_fields(t)
    submit = _submit(session, case.id, case.version, t)
    error: TransitionRefused | None = None
    if not fields:  # nothing to ask unless the core says otherwise
        try:
            moved = submit({})
        except TransitionRefused as refusal:
            fields = fixable_fields(refusal) or []
            if not fields:
                raise
            error = refusal
        else:
            session.changed()
            return moved
    moved = ask(_title(t, full.case_no), fields, submit, values=_defaults(t, full), required=required, error=error,
                parent=parent)
    if moved is not None:
        session.changed()
    return moved
