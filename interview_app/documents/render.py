"""Document model -> PDF bytes in memory: laid out by Qt, painted page by page with our footer."""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from interview_app.documents import graphics
from interview_app.documents.fonts import document_font, register_fonts
from interview_app.documents.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    RULE,
    Geometry,
    build_text_document,
)
from interview_app.documents.model import Direction, Document, fingerprint, short_fingerprint

RESOLUTION = 600  # dots per inch of the PDF's coordinate space: fine positions, exact sizes
QR_MM = 22.0

_application: QGuiApplication | None = None


def ensure_application() -> QGuiApplication:
    """The running Qt application, or an offscreen one for a command-line export."""
    global _application  # noqa: PLW0603 - one per process, kept alive for Qt
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise RuntimeError("documents need a QGuiApplication, not a QCoreApplication")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication(["interview-app"])
    return _application


def _qr_rect(g: Geometry, rtl: bool) -> QRectF:
    """Where the QR code sits: the footer's outer corner (right, or left in a right-to-left
    document)."""
    paper = g.paper
    left, right = g.mm(MARGIN_LEFT), paper.width() - g.mm(MARGIN_RIGHT)
    top = paper.height() - g.mm(MARGIN_BOTTOM) + g.mm(6)
    return QRectF(left if rtl else right - g.mm(QR_MM), top + g.mm(1), g.mm(QR_MM), g.mm(QR_MM))


def _footer(painter: QPainter, g: Geometry, document: Document, print_id: str, *,
            qr: QPainterPath, page: int, pages: int) -> None:
    labels = document.footer
    rtl = labels.direction is Direction.RTL
    paper = g.paper
    left, right = g.mm(MARGIN_LEFT), paper.width() - g.mm(MARGIN_RIGHT)
    top = paper.height() - g.mm(MARGIN_BOTTOM) + g.mm(6)
    painter.save()
    painter.setPen(QPen(RULE, g.pt(0.5)))
    painter.drawLine(int(left), int(top), int(right), int(top))
    graphics.paint_qr(painter, qr)
    lines = [
        labels.page.replace("{pages}", str(pages)).replace("{page}", str(page)),
        f"{labels.document}: {document.document_id}",
        f"{labels.fingerprint}: {short_fingerprint(print_id)}",
    ]
    painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                               else Qt.LayoutDirection.LeftToRight)
    painter.setPen(QColor("black"))
    painter.setFont(document_font(8.0))
    line_height = g.pt(8.0 * 1.45)
    text_left = left if not rtl else left + g.mm(QR_MM + 2)
    width = right - left - g.mm(QR_MM + 2)
    align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    for i, line in enumerate(lines):
        painter.drawText(QRectF(text_left, top + g.mm(3) + i * line_height, width, line_height),
                         int(align | Qt.AlignmentFlag.AlignVCenter), line)
    painter.restore()


def render_pdf(document: Document, document_fingerprint: str | None = None, *,
               xmp: bytes | None = None) -> bytes:
    """The document as PDF bytes: built in a QBuffer, nothing written to disk.

    Pages are painted one by one with drawContents, so the footer (page x of y, document id,
    fingerprint, QR code with both) is ours on every page rather than print_()'s page number.
    """
    ensure_application()
    register_fonts()
    print_id = document_fingerprint or fingerprint(document)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(document.title)
    writer.setCreator("interview-app")
    if xmp is not None:
        writer.setDocumentXmpMetadata(QByteArray(xmp))
    g = Geometry(writer.resolution())
    text = build_text_document(document, writer)
    pages = max(1, text.pageCount())
    modules = graphics.qr_modules(graphics.qr_payload(document.document_id, print_id))
    qr = graphics.qr_path(_qr_rect(g, document.footer.direction is Direction.RTL), modules)
    paper = g.paper
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * paper.height())
            text.drawContents(painter, QRectF(0, index * paper.height(), paper.width(),
                                              paper.height()))
            painter.restore()
            _footer(painter, g, document, print_id, qr=qr, page=index + 1, pages=pages)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
