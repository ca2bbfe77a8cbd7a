"""Small shared widgets; anything that shows user text shows it as plain text, never markup."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class PlainLabel(QLabel):
    """A label that never interprets its text as HTML (user text can look like markup)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)


def leading_edge() -> Qt.AlignmentFlag:
    """The side where lines start in the window's direction, as a physical side.

    A plain-text label otherwise aligns by its own text's direction, so an English sentence
    on a mirrored (Arabic) page would sit on the left.
    """
    if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute


class InterfaceLabel(PlainLabel):
    """A plain-text label of the interface: it starts where the window's lines start."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAlignment(leading_edge() | Qt.AlignmentFlag.AlignVCenter)


class Heading(InterfaceLabel):
    """A page title: bold and half as large again as the application font, and it follows
    the text-size setting (a font set once on a widget would not)."""

    SCALE = 1.5

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAccessibleName(text)
        self._follow_application_font()

    def _follow_application_font(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.SCALE)
        font.setBold(True)
        self.setFont(font)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._follow_application_font()
        return super().event(event)


def centre_panel(page: QWidget, panel: QWidget, max_width: int = 640) -> None:
    """Lay ``panel`` out in the middle of ``page``, at most ``max_width`` wide.

    Stretches, not an alignment flag: an aligned widget gets its size hint, which cuts
    word-wrapped labels short; here the panel takes its width first and then its height.
    """
    panel.setMaximumWidth(max_width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(panel, 4)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
