"""Printing, PDF preview and the Excel register in and out (导出/导入/打印) for the desk.

The main window, the board and the case view call these entry points; the documents
themselves are made by :mod:`studio_desk.exports`.
"""

from ui.exports.import_wizard import import_register_wizard
from ui.exports.pdf_preview import preview_pdf, save_pdf_as
from ui.exports.printing import print_case_sheet, print_meeting_pack, print_slip
from ui.exports.register_dialog import export_register_dialog

__all__ = [
    "export_register_dialog",
    "import_register_wizard",
    "preview_pdf",
    "print_case_sheet",
    "print_meeting_pack",
    "print_slip",
    "save_pdf_as",
]
