"""Moving a case to another stage, from the case view or the board: one dialog per move that
asks exactly what that move's rule needs, then :func:`studio_desk.services.cases.move_case`.

The fields asked follow the workflow's guards (:mod:`studio_desk.workflow`); when the core
still refuses, its ``TransitionRefused.problems`` are shown at (or add) the fields concerned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from studio_desk import workflow
from studio_desk.errors import DomainError, StaleEdit, TransitionRefused
from studio_desk.models import Complaint
from studio_desk.permissions import require
from studio_desk.services import actions
from studio_desk.services.case_view import CaseForm, case_form
from studio_desk.services.cases import check_approval_right, move_case
from studio_desk.validation import mask_phone
from ui.case.action_dialog import ask, fixable_fields
from ui.case.dialog_draft import DialogDraft
from ui.case.field_inputs import case_values
from ui.case.inputs import translate, vocab_label
from ui.ops import read_op, show_error, write_op
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


def _defaults(t: workflow.Transition, form: CaseForm) -> dict[str, Any]:
    values = case_values(form)
    if t.kind == "close_invalid":
        values["validity"] = "invalid"
    elif t.target == "remedy" and t.kind == "forward" and not values.get("validity"):
        values["validity"] = "valid"
    if t.target == "follow_up":  # ticked by the user who saw the customer sign, never in advance
        values["customer_accepted"] = False
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


def _summary(case: Complaint) -> str:
    """What the case is about, to decide the move on without opening it."""
    story = " ".join(case.description.split())
    story = story if len(story) <= 80 else story[:80] + "…"
    who = f"{case.customer.name} {mask_phone(case.customer.phone)}".strip()
    text = translate("Transitions", "%1 · %2: %3").replace("%1", who).replace("%2", case.category.name) \
        .replace("%3", story)
    if case.compensation_total:
        amount = f"{case.compensation_total:,.2f}"
        text += "\n" + translate("Transitions", "Compensation: %1 yuan").replace("%1", amount)
    return text


def ask_and_move(session: Session, case: CaseRef, target_stage: str, parent: QWidget | None, *,
                 moved: Callable[[Complaint], Any] | None = None,
                 refused: Callable[[DomainError], Any] | None = None) -> None:
    """Ask what moving ``case`` to ``target_stage`` needs and move it, off the GUI thread.

    ``case.version`` is the version the user was looking at, so a move on stale data is refused.
    A move that needs nothing is tried at once; when the core asks for information, or the move
    needs some, a dialog asks for it. ``moved(case)`` is called after a move (the session has
    announced the change); a refusal no dialog can fix (no such move, no right, someone else saved
    first) goes to ``refused``, or to the standard message when there is none. Nothing is called
    when the user cancels.
    """
    t = workflow.find_transition(case.stage, target_stage)
    if t is None:
        raise TransitionRefused(workflow.not_allowed_message(case.stage, target_stage))
    require(session.user, t.right)
    fields, required = move_fields(t)
    submit = _submit(session, case.id, case.version, t)
    user = session.user

    def read_form() -> CaseForm:
        """Off the GUI thread: the case as it is now, and (for an approval) whether this user may
        approve its amount, before a word of the note is typed."""
        form = case_form(case.id)
        if t.kind == "approve":
            check_approval_right(user, form.case.compensation_total)
        return form

    def ask_fields(fields: list[str], error: TransitionRefused | None) -> None:
        read_op(parent, read_form).success(lambda form: show_dialog(form, fields, error)).failure(
            lambda refusal: _refused(refusal) if isinstance(refusal, DomainError) else show_error(parent, refusal)
        ).run()

    def show_dialog(form: CaseForm, fields: list[str], error: TransitionRefused | None) -> None:
        full = form.case
        intro = _summary(full)
        if t.kind == "approve":  # the amount is said with who may approve it
            intro = intro.rsplit("\n", 1)[0] if full.compensation_total else intro
            intro += "\n" + form.approval_summary
        try:
            done = ask(_title(t, full.case_no), fields, submit, form=form, values=_defaults(t, form),
                       required=required, error=error, intro=intro, parent=parent,
                       draft=DialogDraft(session, case.id, f"move-{t.source}-{t.target}"))
        except DomainError as refusal:
            # Its traceback would keep this frame, and the read op that called it, alive with the
            # refusal (a caller may keep that): let go of it here, on the GUI thread.
            _refused(refusal.with_traceback(None))
            if isinstance(refusal, StaleEdit):
                session.changed()  # someone else saved first: every view reloads
            return
        if done is not None:
            session.changed()
            if moved is not None:
                moved(done)

    def _refused(error: DomainError) -> None:
        if refused is not None:
            refused(error)
        else:
            show_error(parent, error)

    def first_try_refused(error: DomainError) -> None:
        fixable = fixable_fields(error) if isinstance(error, TransitionRefused) else None
        if fixable:
            ask_fields(fixable, error)
        else:
            _refused(error)

    if fields:
        ask_fields(fields, None)
    else:  # nothing to ask unless the core says otherwise
        op = write_op(parent, session, lambda: submit({})).failure(first_try_refused)
        if moved is not None:
            op.success(moved)
        op.run()
