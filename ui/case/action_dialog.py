"""A small dialog that asks for exactly the fields one action needs, and :func:`ask`, which
calls the action's core service with the answers. When the core refuses in a way the user
can fix (a field invalid or missing), the dialog opens again with the core's Chinese message
at that field — adding the field if the dialog did not ask for it yet. Any other refusal
(no right, someone else saved first) is raised for the caller to show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from studio_desk.errors import DomainError, TransitionRefused, ValidationError
from studio_desk.services.case_view import CaseForm
from ui.case.dialog_draft import DialogDraft
from ui.case.field_inputs import BOOL_FIELDS, FieldInput, field_label, has_input, make_input
from ui.forms import FieldErrors
from ui.plain import plain_label


class ActionDialog(QDialog):
    """The inputs of one action, pre-filled from ``values``; ``error`` is shown at its fields.
    ``form`` is the case as read off the GUI thread: its lists fill the choices."""

    def __init__(self, title: str, fields: list[str], *, form: CaseForm, values: dict[str, Any] | None = None,
                 required: tuple[str, ...] = (), intro: str = "", error: DomainError | None = None,
                 submit: Callable[[dict[str, Any]], Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.outcome: Any = None
        self.refusal: DomainError | None = None  # the core's refusal of the answers given
        self._busy = False
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.case_form = form
        self.values = values or {}
        self.required = set(required)
        self.inputs: dict[str, FieldInput] = {}
        self.errors = FieldErrors()
        self.form = QFormLayout()
        intro_label = plain_label(intro)
        intro_label.setObjectName("dialog_intro")
        intro_label.setWordWrap(True)
        intro_label.setVisible(bool(intro))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        for name in fields:
            self.add_field(name)
        if error is not None:
            self.show_error(error)

    def add_field(self, name: str) -> FieldInput:
        """The input for ``name`` (created once, pre-filled from ``values``)."""
        if name not in self.inputs:
            field = make_input(name, self.values.get(name), self.case_form)
            self.inputs[name] = field
            text = "" if name in BOOL_FIELDS else field_label(name) + (" *" if name in self.required else "")
            self.form.addRow(text, self.errors.wrap(name, field.widget))
            if len(self.inputs) == 1:
                field.widget.setFocus()
        return self.inputs[name]

    def collect(self) -> dict[str, Any]:
        return {name: field.get() for name, field in self.inputs.items()}

    def show_error(self, error: DomainError) -> None:
        """Each problem at its field (the first one focused); what is not a field goes on top."""
        self.errors.show(_as_problems(error))

    def accept(self) -> None:
        """OK: ``submit`` runs off the GUI thread while the dialog stays open, its buttons off."""
        if self.submit is None:
            super().accept()
            return
        from ui.ops import show_error, write_op

        answers, submit = self.collect(), self.submit
        self._busy = True
        write_op(self, None, lambda: submit(answers)).disables(self.buttons).success(self._submitted).failure(
            lambda error: self._refused(error) if isinstance(error, DomainError) else show_error(self, error)).ended(
            self._ended).run()

    def reject(self) -> None:
        if not self._busy:  # Esc while the answers are being saved: wait for the outcome
            super().reject()

    def _ended(self) -> None:
        self._busy = False

    def _submitted(self, outcome: Any) -> None:
        self._busy = False
        self.outcome = outcome
        super().accept()

    def _refused(self, error: DomainError) -> None:
        self._busy = False
        self.refusal = error
        self.reject()


def _as_problems(error: DomainError) -> DomainError:
    """A move's refusal as per-field problems, like a ValidationError."""
    if isinstance(error, TransitionRefused):
        return ValidationError(dict(error.problems) or {"": error.message})
    return error


def fixable_fields(error: DomainError) -> list[str] | None:
    """The fields the user can fix for this refusal, or None when asking again cannot help."""
    if isinstance(error, TransitionRefused):
        names = list(error.problems or error.missing)
    elif isinstance(error, ValidationError):
        names = list(error.problems)
    else:
        return None
    return [n for n in names if has_input(n)] if names else None


def ask(title: str, fields: list[str], submit: Callable[[dict[str, Any]], Any], *, form: CaseForm,
        values: dict[str, Any], required: tuple[str, ...] = (), intro: str = "", error: DomainError | None = None,
        parent: QWidget | None = None, draft: DialogDraft | None = None) -> Any:
    """Ask, call ``submit(answers)`` (off the GUI thread, the dialog open meanwhile), and ask
    again while the core's refusal is fixable.

    Returns ``submit``'s result, or None if the user cancelled; other refusals are raised.
    With ``draft``, answers left when the user is signed out are kept and offered next time.
    """
    values = dict(values)
    fields = list(fields)
    restored = draft.restore(values) if draft is not None else ""
    intro = "\n".join(filter(None, (intro, restored)))
    while True:
        dialog = ActionDialog(title, fields, form=form, values=values, required=required, intro=intro, error=error,
                              submit=submit, parent=parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            outcome, refusal, answers = dialog.outcome, dialog.refusal, dialog.collect()
        finally:
            # Gone now, on the GUI thread, like a dialog on the stack in C++: kept by a refusal's
            # traceback it would be left to whichever thread collects the cycle.
            shiboken6.delete(dialog)
        if accepted:
            if draft is not None:
                draft.discard()
            return outcome
        if refusal is None:  # cancelled, or closed because its user was signed out
            if draft is not None:
                draft.keep(answers) if draft.signed_out() else draft.discard()
            return None
        extra = fixable_fields(refusal)
        if extra is None:
            raise refusal
        values.update(answers)
        fields += [name for name in extra if name not in fields]
        error = refusal
