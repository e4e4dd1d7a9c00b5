"""A small dialog that asks for exactly the fields one action needs, calls its core service,
and shows the core's Chinese refusal next to the field it is about (or adds the field when
the core says something the dialog did not ask for is missing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from studio_desk.errors import DomainError, StaleEdit, TransitionRefused
from ui.case.field_inputs import BOOL_FIELDS, FieldInput, field_label, has_input, make_input
from ui.forms import FieldErrors


class ActionDialog(QDialog):
    """``submit(values)`` does the work; its result is kept in ``result_value`` on success.

    ``stale`` is True when the case changed underneath (the caller reloads it).
    """

    def __init__(self, title: str, fields: list[str], submit: Callable[[dict[str, Any]], Any], *,
                 values: dict[str, Any] | None = None, required: tuple[str, ...] = (), intro: str = "",
                 ok_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.submit = submit
        self.values = values or {}
        self.required = set(required)
        self.inputs: dict[str, FieldInput] = {}
        self.result_value: Any = None
        self.stale = False
        self._busy = False
        self.errors = FieldErrors()
        self.form = QFormLayout()
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        intro_label.setVisible(bool(intro))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        for name in fields:
            self.add_field(name)

    def add_field(self, name: str) -> FieldInput:
        """The input for ``name`` (created once, pre-filled from ``values``)."""
        if name not in self.inputs:
            field = make_input(name, self.values.get(name))
            self.inputs[name] = field
            text = "" if name in BOOL_FIELDS else field_label(name) + (" *" if name in self.required else "")
            self.form.addRow(text, self.errors.wrap(name, field.widget))
            if len(self.inputs) == 1:
                field.widget.setFocus()
        return self.inputs[name]

    def collect(self) -> dict[str, Any]:
        return {name: field.get() for name, field in self.inputs.items()}

    def accept(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self.result_value = self.submit(self.collect())
        except StaleEdit as error:
            self.stale = True
            QMessageBox.warning(self, self.windowTitle(), error.message)
            super().reject()
            return
        except TransitionRefused as error:
            self._show_refusal(error)
            return
        except DomainError as error:  # ValidationError: each message at its field
            self.errors.show(error)
            return
        finally:
            self._busy = False
        super().accept()

    def _show_refusal(self, error: TransitionRefused) -> None:
        """Each missing field gets its own message; one the dialog lacks is added first."""
        problems = dict(error.problems) or {name: error.message for name in error.missing[:1]}
        for name in problems:
            if has_input(name):  # not a field (e.g. "approval"): its message goes to the top
                self.add_field(name)
        self.errors.clear()
        first: QWidget | None = None
        for name, message in problems.items():
            self.errors.set(name, message)
            if first is None and name in self.inputs:
                first = self.inputs[name].widget
        if not problems:
            self.errors.set("", error.message)
        if first is not None:
            first.setFocus()


def run_dialog(dialog: ActionDialog) -> Any:
    """Show ``dialog`` modally; the service's result, or None if cancelled or stale."""
    return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
