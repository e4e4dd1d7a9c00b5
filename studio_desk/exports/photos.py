"""Attached photos as thumbnails on the case sheet; a missing or unreadable file becomes a
note on the sheet instead of stopping the export."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Table, TableStyle

from studio_desk.attachments import attachment_path, is_image
from studio_desk.exports.pdf_layout import PLAIN, Styles, para
from studio_desk.models import Attachment

PER_ROW = 3
THUMB_HEIGHT = 42 * mm


def _thumbnail(path, max_width: float) -> Image:
    reader = ImageReader(str(path))
    width, height = reader.getSize()
    scale = min(max_width / width, THUMB_HEIGHT / height)
    return Image(str(path), width=width * scale, height=height * scale)


def thumbnails(attachments: list[Attachment], s: Styles, width: float) -> list[Flowable]:
    """A grid of image thumbnails with file names, then a line for each other or missing file."""
    cell_width = width / PER_ROW
    cells: list[list[Flowable]] = []
    notes: list[Flowable] = []
    for attachment in attachments:
        path = attachment_path(attachment)
        if not path.is_file():
            missing = f"附件文件缺失：{attachment.filename}（数据文件夹中找不到，可能已被移动或删除）"
            notes.append(para(missing, s.small))
        elif not is_image(attachment):
            notes.append(para(f"附件（非图片）：{attachment.filename}", s.small))
        else:
            try:
                image = _thumbnail(path, cell_width - 4 * mm)
            except Exception:  # PIL raises many kinds for damaged files; the sheet must still print
                notes.append(para(f"附件图片无法显示（文件可能已损坏）：{attachment.filename}", s.small))
                continue
            cells.append([image, para(attachment.filename, s.small)])
    if not cells and not notes:
        return [para("（无附件）", s.small)]
    out: list[Flowable] = []
    if cells:
        rows = [cells[i:i + PER_ROW] for i in range(0, len(cells), PER_ROW)]
        rows = [row + [""] * (PER_ROW - len(row)) for row in rows]
        table = Table(rows, colWidths=[cell_width] * PER_ROW, hAlign="LEFT")
        table.setStyle(PLAIN)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        out.append(table)
    return out + notes
