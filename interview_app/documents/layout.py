"""The document model as a QTextDocument, built only with QTextCursor: user text is never markup."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QPageSize,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)

from interview_app.documents import graphics
from interview_app.documents.bidi import LRI, PDI, visible_text
from interview_app.documents.fonts import document_font
from interview_app.documents.model import (
    AnnexTitle,
    BilingualBlock,
    Block,
    Direction,
    Document,
    Figure,
    Heading,
    KeyValueTable,
    Layout,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Style,
    Table,
    Text,
    direction_for,
    strong_directions,
)

FIGURE_DPI = 200  # charts are rasterised; 200 dpi prints sharply and keeps files small
BASE_PT = 10.0
# Millimetres. The bottom margin holds the footer: page x of y, id, fingerprint, QR code.
MARGIN_LEFT = MARGIN_RIGHT = 18.0
MARGIN_TOP = 16.0
MARGIN_BOTTOM = 34.0
MUTED = QColor(85, 85, 85)
RULE = QColor(150, 150, 150)
NOTICE_BACKGROUND = QColor(238, 238, 238)

def qt_direction(direction: Direction) -> Qt.LayoutDirection:
    return {
        Direction.LTR: Qt.LayoutDirection.LeftToRight,
        Direction.RTL: Qt.LayoutDirection.RightToLeft,
        Direction.AUTO: Qt.LayoutDirection.LayoutDirectionAuto,
    }[direction]


@dataclass(frozen=True)
class Geometry:
    """Page measures in device pixels of the writer (``mm``), and lengths for text formats.

    QTextDocumentLayout reads margins, padding, borders and image sizes of formats as
    96-dpi pixels and scales them to the paint device itself, so those go through
    ``fmt_mm``/``fmt_pt``; the page size and our own painting are in device pixels.
    """

    dpi: int

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0

    @staticmethod
    def fmt_mm(value: float) -> float:
        return value * 96.0 / 25.4

    @staticmethod
    def fmt_pt(value: float) -> float:
        return value * 96.0 / 72.0

    @property
    def paper(self) -> QSizeF:
        size = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
        return QSizeF(self.mm(size.width()), self.mm(size.height()))


class _Builder:
    """Appends blocks at the end of a QTextDocument; text only ever through insertText."""

    def __init__(self, document: QTextDocument, geometry: Geometry, base: Direction) -> None:
        self.doc = document
        self.g = geometry
        self.base = base if base is not Direction.AUTO else Direction.LTR
        self.cursor = QTextCursor(document)
        self._fresh = True  # the document's first (empty) block has not been used yet
        self._images = 0
        self._chars: dict[tuple[Style, float, bool], QTextCharFormat] = {}

    # -- formats -----------------------------------------------------------------------------

    def char_format(self, style: Style = Style.NORMAL, *, size: float = BASE_PT,
                    bold: bool = False) -> QTextCharFormat:
        """One format per look, made once: a statement has hundreds of blocks in a few."""
        key = (style, size, bold)
        cached = self._chars.get(key)
        if cached is None:
            cached = self._chars[key] = self._new_char_format(style, size=size, bold=bold)
        return cached

    def _new_char_format(self, style: Style, *, size: float, bold: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if style is Style.MUTED:
            size, fmt_color = size * 0.88, MUTED
            fmt.setForeground(fmt_color)
        fmt.setFont(document_font(size, bold=bold or style is Style.LABEL),
                    QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
        return fmt

    def block_format(self, direction: Direction, *, before: float = 0.0, after: float = 3.0,
                     indent_mm: float = 0.0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLayoutDirection(qt_direction(direction))
        fmt.setTopMargin(self.g.fmt_pt(before))
        fmt.setBottomMargin(self.g.fmt_pt(after))
        if indent_mm:
            # Leading side: left in a left-to-right block, right in a right-to-left one.
            if direction is Direction.RTL:
                fmt.setRightMargin(self.g.fmt_mm(indent_mm))
            else:
                fmt.setLeftMargin(self.g.fmt_mm(indent_mm))
        return fmt

    # -- primitives --------------------------------------------------------------------------

    def new_block(self, block: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self._fresh:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self._fresh = False
        else:
            self.cursor.insertBlock(block, char)

    def resolve(self, text: str, direction: Direction) -> Direction:
        """The direction a block really gets: AUTO follows the first letter (the document's
        direction without one), and a text whose letters all run the other way flips."""
        if direction is Direction.AUTO:
            ltr, rtl = strong_directions(text)
            return direction_for(text, Direction.AUTO) if ltr or rtl else self.base
        return direction_for(text, direction)

    def write(self, cursor: QTextCursor, text: str, char: QTextCharFormat,
              direction: Direction = Direction.LTR) -> None:
        """Plain text, never parsed; hidden characters shown as codes in the muted colour.

        Letterless text in a right-to-left block (``2026-03-01 12:05``) is isolated as
        left-to-right, or its number groups would come in reverse order.
        """
        code = QTextCharFormat(char)
        code.setForeground(MUTED)
        isolate = direction is Direction.RTL and not any(strong_directions(text))
        if isolate:
            cursor.insertText(LRI, char)
        for piece, hidden in visible_text(text):
            cursor.insertText(piece, code if hidden else char)
        if isolate:
            cursor.insertText(PDI, char)

    def paragraph(self, text: str, direction: Direction, char: QTextCharFormat,
                  block: QTextBlockFormat | None = None) -> None:
        """``block``, when given, was made for ``direction`` already resolved."""
        if block is None:
            direction = self.resolve(text, direction)
            block = self.block_format(direction)
        self.new_block(block, char)
        self.write(self.cursor, text, char, direction)

    def text(self, item: Text, *, indent_mm: float = 0.0, after: float = 3.0) -> None:
        direction = self.resolve(item.text, item.direction)
        block = self.block_format(direction, indent_mm=indent_mm, after=after)
        if item.style is Style.NOTICE:
            block.setBackground(NOTICE_BACKGROUND)
            block.setTopMargin(self.g.fmt_pt(4))
            block.setBottomMargin(self.g.fmt_pt(6))
        self.paragraph(item.text, direction, self.char_format(item.style), block)

    def _after_table(self) -> None:
        # insertTable leaves the cursor in the table; the empty block after it is reused.
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self._fresh = True

    def table(self, columns: int, rows: int, *, widths: tuple[int, ...] = (),
              direction: Direction = Direction.AUTO, border: bool = True,
              header_rows: int = 0) -> QTextTableFormat:
        """A table format; a right-to-left table gets its columns in reverse by ``grid``
        (QTextDocument lays columns out left to right whatever the direction)."""
        if direction is Direction.RTL:
            widths = tuple(reversed(widths))
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        if widths and len(widths) == columns:
            fmt.setColumnWidthConstraints(
                [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.g.fmt_pt(3))
        fmt.setBorderCollapse(True)
        fmt.setBorder(1.0 if border else 0)  # one 96-dpi pixel: Qt rounds thinner to none
        fmt.setBorderBrush(RULE)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid if border
                           else QTextFrameFormat.BorderStyle.BorderStyle_None)
        fmt.setHeaderRowCount(header_rows)
        fmt.setTopMargin(self.g.fmt_pt(2))
        fmt.setBottomMargin(self.g.fmt_pt(6))
        if direction is not Direction.AUTO:
            fmt.setLayoutDirection(qt_direction(direction))
        return fmt

    @staticmethod
    def right_to_left(fmt: QTextTableFormat) -> bool:
        return fmt.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def grid(self, rows: list[list[Text]], fmt: QTextTableFormat, *,
             bold_rows: int = 0) -> None:
        if not rows:
            return
        if self._fresh:
            # A table cannot take the place of the first block; give it an empty one.
            self.new_block(self.block_format(Direction.AUTO, after=0), self.char_format())
        if self.right_to_left(fmt):
            rows = [list(reversed(row)) for row in rows]
        table = self.cursor.insertTable(len(rows), len(rows[0]), fmt)
        for r, row in enumerate(rows):
            for c, item in enumerate(row):
                cell = table.cellAt(r, c).firstCursorPosition()
                direction = self.resolve(item.text, item.direction)
                cell.setBlockFormat(self.block_format(direction, after=0))
                char = self.char_format(item.style, bold=r < bold_rows)
                cell.setBlockCharFormat(char)
                self.write(cell, item.text, char, direction)
        self._after_table()

    def image(self, figure: Figure) -> None:
        width = round(figure.width_mm / 25.4 * FIGURE_DPI)
        height = round(figure.height_mm / 25.4 * FIGURE_DPI)
        self._images += 1
        name = f"figure-{self._images}"
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                             graphics.svg_image(figure.svg, width, height))
        fmt = QTextImageFormat()
        fmt.setName(name)
        fmt.setWidth(self.g.fmt_mm(figure.width_mm))
        fmt.setHeight(self.g.fmt_mm(figure.height_mm))
        self.new_block(self.block_format(Direction.AUTO), self.char_format())
        self.cursor.insertImage(fmt)
        if figure.caption is not None:
            self.text(figure.caption)


def _add(builder: _Builder, block: Block) -> None:
    if isinstance(block, Heading | AnnexTitle):
        level = 1 if isinstance(block, AnnexTitle) else max(1, min(3, block.level))
        size = {1: 15.0, 2: 12.5, 3: 11.0}[level]
        direction = builder.resolve(block.text, block.direction)
        fmt = builder.block_format(direction, before={1: 10, 2: 9, 3: 6}[level], after=4)
        fmt.setHeadingLevel(level)
        if isinstance(block, AnnexTitle):
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            fmt.setTopMargin(0)
        builder.paragraph(block.text, direction, builder.char_format(size=size, bold=True), fmt)
    elif isinstance(block, Paragraph):
        builder.text(Text(block.text, block.direction, block.style))
    elif isinstance(block, KeyValueTable):
        rows = [[key, value] for key, value in block.rows]
        builder.grid(rows, builder.table(2, len(rows), widths=(32, 68),
                                         direction=block.direction))
    elif isinstance(block, Table):
        rows = ([list(block.header)] if block.header else []) + [list(r) for r in block.rows]
        width = max((len(r) for r in rows), default=0)
        rows = [r + [Text("")] * (width - len(r)) for r in rows]
        grid = builder.table(width, len(rows), widths=block.widths, direction=block.direction,
                             header_rows=1 if block.header else 0)
        builder.grid(rows, grid, bold_rows=1 if block.header else 0)
    elif isinstance(block, BilingualBlock):
        _bilingual(builder, block)
    elif isinstance(block, SignatureBlock):
        _signatures(builder, block)
    elif isinstance(block, Figure):
        builder.image(block)
    elif isinstance(block, PageBreak):
        fmt = builder.block_format(Direction.AUTO, after=0)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
        builder.new_block(fmt, builder.char_format(size=2))
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(type(block).__name__)


def _bilingual(builder: _Builder, block: BilingualBlock) -> None:
    if block.label is not None:
        builder.text(block.label, after=1)
    if block.layout is Layout.SIDE_BY_SIDE:
        fmt = builder.table(2, 1, widths=(50, 50), border=False)
        fmt.setCellPadding(builder.g.fmt_pt(1))
        builder.grid([[block.first, block.second]], fmt)
        return
    builder.text(block.first, after=1.5)
    builder.text(block.second, indent_mm=4)


def _signatures(builder: _Builder, block: SignatureBlock) -> None:
    rows: list[list[Text]] = []
    for line in block.lines:
        who = line.role.text if line.name is None else f"{line.role.text}\n{line.name.text}"
        caption = line.caption or Text("")
        # Blank lines make room to sign; the caption sits under the space.
        rows.append([Text(who, line.role.direction, Style.LABEL),
                     Text("\n\n\n" + caption.text, caption.direction, Style.MUTED)])
    fmt = builder.table(2, len(rows), widths=(35, 65), direction=block.direction)
    builder.grid(rows, fmt)


def build_text_document(document: Document, device: QPaintDevice) -> QTextDocument:
    """The laid-out QTextDocument: page size the paper, root-frame margins the page margins,
    so Qt's own layout pushes each line and table row to the page where it fits."""
    g = Geometry(device.logicalDpiY())
    text = QTextDocument()
    text.documentLayout().setPaintDevice(device)  # or 10 pt comes out tiny at 600 dpi
    text.setDefaultFont(document_font(BASE_PT))
    text.setUndoRedoEnabled(False)
    text.setPageSize(g.paper)
    root = text.rootFrame().frameFormat()
    root.setLeftMargin(g.fmt_mm(MARGIN_LEFT))
    root.setRightMargin(g.fmt_mm(MARGIN_RIGHT))
    root.setTopMargin(g.fmt_mm(MARGIN_TOP))
    root.setBottomMargin(g.fmt_mm(MARGIN_BOTTOM))
    text.rootFrame().setFrameFormat(root)
    option = text.defaultTextOption()
    option.setTextDirection(qt_direction(document.direction))
    text.setDefaultTextOption(option)
    builder = _Builder(text, g, document.direction)
    builder.cursor.beginEditBlock()
    for block in document.blocks:
        _add(builder, block)
    builder.cursor.endEditBlock()
    return text
