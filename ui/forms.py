"""Inline validation: the core's Chinese message shown under the field it is about.

A form registers each input with :meth:`FieldErrors.wrap` under the field name the core
service uses (``studio_name``, ``password`` …); :meth:`FieldErrors.show` then places every
problem of a :class:`~studio_desk.errors.ValidationError` (or the ``field`` of another
DomainError) next to its input and focuses the first one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio_desk.errors import DomainError, ValidationError
from ui.ops import error_text
from ui.plain import plain_label
from ui.style import ERROR_COLOR


def error_label() -> QLabel:
    label = plain_label()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.hide()
    return label


def set_message(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class FieldErrors:
    def __init__(self, general: QLabel | None = None) -> None:
        self.general = general or error_label()
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """The input with its (hidden until needed) error label below, for a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = error_label()
        label.setObjectName(f"error_{field}")
        layout.addWidget(label)
        self._fields[field] = (widget, label)
        changed = _change_signal(widget)
        if changed is not None:  # the message goes once the user changes the field it is about
            changed.connect(lambda *_args, lbl=label: set_message(lbl, ""))
        return box

    def message(self, field: str) -> str:
        return self._fields[field][1].text() if field in self._fields else ""

    def clear(self) -> None:
        for _, label in self._fields.values():
            set_message(label, "")
        set_message(self.general, "")

    def set(self, field: str, message: str) -> None:
        """One message at ``field`` (or the general label for a field this form does not show)."""
        target = self._fields.get(field)
        set_message(target[1] if target else self.general, message)

    def show(self, error: DomainError) -> None:
        self.clear()
        problems = error.problems if isinstance(error, ValidationError) else {error.field or "": error.message}
        for field, message in problems.items():
            self.set(field, message)
        # Focus the topmost field with a problem (fields register in form order).
        first = next((widget for field, (widget, _label) in self._fields.items() if field in problems), None)
        if first is not None:
            first.setFocus()

    def show_failure(self, error: Exception) -> None:
        """An op's failure: a refusal next to its fields, a database out of reach below the form."""
        if isinstance(error, DomainError):
            self.show(error)
        else:
            self.set("", error_text(error))


# The signal each kind of input emits when its value changes, most specific first.
_CHANGE_SIGNALS = ("textEdited", "textChanged", "currentIndexChanged", "toggled", "valueChanged", "dateTimeChanged")


def _change_signal(widget: QWidget):
    name = next((n for n in _CHANGE_SIGNALS if hasattr(widget, n)), None)
    if name is not None:
        return getattr(widget, name)
    model = getattr(widget, "model", None)  # a table of lines (补偿明细): its model says when it changes
    return model.dataChanged if model is not None and hasattr(model, "dataChanged") else None


def dialog_buttons(dialog: QDialog, on_accept: Callable[[], None], accept_text: str = "",
                   reject_text: str = "") -> tuple[QDialogButtonBox, QPushButton]:
    """OK/Cancel (or the given texts) for a dialog whose OK first asks the core: ``on_accept``
    calls ``dialog.accept()`` only when the service agreed. Returns the box and its default button."""
    box = QDialogButtonBox()
    if accept_text:
        ok = box.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    else:
        ok = box.addButton(QDialogButtonBox.StandardButton.Ok)
    if reject_text:
        box.addButton(reject_text, QDialogButtonBox.ButtonRole.RejectRole)
    else:
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
    ok.setDefault(True)
    box.accepted.connect(on_accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def button_row(buttons: Iterable[tuple[str, Callable[[], object]]]) -> QHBoxLayout:
    """A left-aligned row of push buttons, each running its function when clicked."""
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row
