"""Printing, PDF preview and the Excel register in and out (导出/导入/打印) for the desk.

The main window, the board and the case view call these entry points; the documents
themselves are made by :mod:`studio_desk.exports`. They are imported on first use, so that
starting the desk does not load openpyxl or reportlab.
"""

from importlib import import_module

_ENTRY_POINTS = {
    "export_register_dialog": "ui.exports.register_dialog",
    "import_register_wizard": "ui.exports.import_wizard",
    "preview_pdf": "ui.exports.pdf_preview",
    "save_pdf_as": "ui.exports.pdf_preview",
    "print_case_sheet": "ui.exports.printing",
    "print_meeting_pack": "ui.exports.printing",
    "print_slip": "ui.exports.printing",
}
__all__ = sorted(_ENTRY_POINTS)


def __getattr__(name: str):
    if name not in _ENTRY_POINTS:
        raise AttributeError(f"module 'ui.exports' has no attribute {name!r}")
    return getattr(import_module(_ENTRY_POINTS[name]), name)
