"""Inline validation: the core's Chinese message shown under the field it is about.

A form registers each input with :meth:`FieldErrors.wrap` under the field name the core
service uses (``studio_name``, ``password`` …); :meth:`FieldErrors.show` then places every
problem of a :class:`~studio_desk.errors.ValidationError` (or the ``field`` of another
DomainError) next to its input and focuses the first one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio_desk.errors import DomainError, ValidationError
from ui.style import ERROR_COLOR


def error_label() -> QLabel:
    label = QLabel()
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
        first: QWidget | None = None
        for field, message in problems.items():
            self.set(field, message)
            if first is None and field in self._fields:
                first = self._fields[field][0]
        if first is not None:
            first.setFocus()
