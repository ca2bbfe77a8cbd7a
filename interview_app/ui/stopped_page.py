"""What the view shows when there is nothing to ask: done, a declined step, or finalised."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui.widgets import PlainLabel


class StoppedPage(QWidget):
    """A sentence saying why the interview stands still, with the ways on: back or review."""

    back_clicked = Signal()
    review_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = PlainLabel()
        self.text.setObjectName("stoppedText")
        self.back_button = QPushButton(_("Back"))
        self.review_button = QPushButton(_("Review answers"))
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(1)
        self.back_button.clicked.connect(self.back_clicked)
        self.review_button.clicked.connect(self.review_clicked)

    def show_text(self, text: str, can_go_back: bool) -> None:
        self.text.setText(text)
        self.back_button.setEnabled(can_go_back)
        self.review_button.setFocus()
