"""A large plain-text label with adjustable line spacing, for the interviewee screen."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from interview_app.ui.prompt_panel import ScaledLabel

MIN_WIDTH = 120


class ReadingLabel(ScaledLabel):
    """A :class:`ScaledLabel` laid out by a QTextDocument, because a QLabel has no line height.

    The text goes in as plain text (never markup); each paragraph takes the direction of its
    own words and starts on that side, so Arabic runs from the right in any window.
    """

    def __init__(
        self,
        scale: float,
        *,
        bold: bool = False,
        text: str = "",
        spacing: int = 100,
        parent: QWidget | None = None,
    ) -> None:
        self._spacing = spacing
        self._document = QTextDocument()
        self._document.setDocumentMargin(0)
        super().__init__(scale, bold=bold, text=text, parent=parent)
        self._relayout()

    @property
    def spacing(self) -> int:
        return self._spacing

    def set_spacing(self, spacing: int) -> None:
        self._spacing = spacing
        self._relayout()

    def setText(self, text: str) -> None:
        super().setText(text)
        if hasattr(self, "_document"):  # QLabel's constructor sets text before ours runs
            self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._relayout()

    def _relayout(self) -> None:
        document = self._document
        document.setDefaultFont(self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Not absolute: "left" means each paragraph's own start (right for Arabic and Farsi).
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)
        document.setDefaultTextOption(option)
        document.setPlainText(self.text())
        block = QTextBlockFormat()
        block.setLineHeight(float(self._spacing),
                            QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        self.updateGeometry()
        self.update()

    def _extra(self) -> QSize:
        # Border and padding as the style lays them out (a style sheet's included).
        return self.size() - self.contentsRect().size()

    def _height_at(self, text_width: int) -> int:
        self._document.setTextWidth(max(text_width, MIN_WIDTH))
        return math.ceil(self._document.size().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        extra = self._extra()
        return self._height_at(width - extra.width()) + extra.height()

    def sizeHint(self) -> QSize:
        extra = self._extra()
        self._document.setTextWidth(-1)
        ideal = min(math.ceil(self._document.idealWidth()), 900)
        return QSize(ideal + extra.width(), self._height_at(ideal) + extra.height())

    def minimumSizeHint(self) -> QSize:
        # One line: the layout asks heightForWidth for the rest. A minimum measured at the
        # width of the moment would keep the height of a narrow first layout.
        extra = self._extra()
        return QSize(MIN_WIDTH + extra.width(), self.fontMetrics().lineSpacing() + extra.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.drawFrame(painter)  # a tile's border, from its style sheet
        area = self.contentsRect()
        self._document.setTextWidth(max(area.width(), MIN_WIDTH))
        painter.translate(area.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = self.palette()  # the window's text colour, not the document's black
        self._document.documentLayout().draw(painter, context)
        painter.end()
