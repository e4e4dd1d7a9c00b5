"""Draw StudioDesk's icon with QPainter: studiodesk.png (256 px, the window icon) and
studiodesk.ico (16–256 px, the Windows program, shortcut and setup icon).

A white speech bubble — a customer's word — with a tick — the case resolved — on the studio's
blue. Run after changing the drawing; both files are committed:

    QT_QPA_PLATFORM=offscreen python resources/icon/draw_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
BLUE = QColor("#2e6fa7")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)  # drawn on a 256 grid, at each size for crisp edges
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(40, 52, 176, 124), 36, 36)
    tail = QPainterPath()
    tail.moveTo(72, 160)
    tail.lineTo(62, 212)
    tail.lineTo(120, 168)
    tail.closeSubpath()
    painter.setBrush(QColor("white"))
    painter.drawPath(bubble.united(tail))
    tick = QPen(BLUE, 22, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(tick)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline([QPointF(90, 114), QPointF(118, 140), QPointF(168, 88)])
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """An ICO file whose entries are PNGs (read by Windows Vista and later, and by Inno Setup)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def main() -> int:
    QGuiApplication(sys.argv[:1])
    (HERE / "studiodesk.png").write_bytes(png_bytes(draw(256)))
    (HERE / "studiodesk.ico").write_bytes(ico_bytes([(size, png_bytes(draw(size))) for size in ICO_SIZES]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
