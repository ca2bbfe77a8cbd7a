"""reportlab.graphics for what Qt lacks: the verification QR code and charts, painted by QtGui."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath
from PySide6.QtSvg import QSvgRenderer
from reportlab.graphics import renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

QR_PREFIX = "IAPP1"


def qr_payload(document_id: str, fingerprint: str) -> str:
    """What the QR code carries: a version tag, the document id and the full fingerprint.

    All in upper case: QR's alphanumeric mode then holds it in a 33-module code, smaller and
    quicker to scan than the 41 modules byte mode needs.
    """
    return f"{QR_PREFIX} {document_id} {fingerprint}".upper()


def parse_qr_payload(payload: str) -> tuple[str, str] | None:
    parts = payload.split()
    if len(parts) != 3 or parts[0] != QR_PREFIX or len(parts[2]) != 64:
        return None
    return parts[1], parts[2].lower()


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR matrix reportlab's encoder makes (error correction M), dark modules True."""
    code = QrCodeWidget(payload, barLevel="M").qr
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


def qr_path(rect: QRectF, modules: list[list[bool]]) -> QPainterPath:
    """Vector modules, one rectangle per horizontal run of dark modules (a few hundred, not
    thousands), inside ``rect`` with the quiet zone the standard asks for (4 modules).
    Built once per document and filled on every page."""
    count = len(modules)
    quiet = 4
    size = min(rect.width(), rect.height()) / (count + 2 * quiet)
    left, top = rect.left() + quiet * size, rect.top() + quiet * size
    path = QPainterPath()
    for row, line in enumerate(modules):
        col = 0
        while col < count:
            if not line[col]:
                col += 1
                continue
            start = col
            while col < count and line[col]:
                col += 1
            # A hair of overlap so viewers show no seams between adjacent rows.
            path.addRect(QRectF(left + start * size, top + row * size,
                                (col - start) * size, size * 1.02))
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


def paint_qr(painter: QPainter, path: QPainterPath) -> None:
    """One path, one fill: a single drawing operation per page."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("black")))
    painter.drawPath(path)
    painter.restore()


def drawing_svg(drawing: Drawing) -> bytes:
    """A reportlab drawing (e.g. a chart) as SVG bytes, for a document Figure."""
    data = renderSVG.drawToString(drawing)
    return data.encode() if isinstance(data, str) else bytes(data)


def svg_image(svg: bytes, width_px: int, height_px: int) -> QImage:
    """SVG rasterised at the given size (white background): Figures go into the text flow as
    images, which QTextDocument can paginate."""
    image = QImage(max(1, width_px), max(1, height_px), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    renderer = QSvgRenderer(QByteArray(svg))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, width_px, height_px))
    finally:
        painter.end()
    return image
