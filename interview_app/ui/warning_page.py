"""The pause before a sensitive section or question: words to say first, then continue."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui.prompt_panel import PromptPanel
from interview_app.ui.widgets import PlainLabel


class WarningPage(QWidget):
    """Shows the script's warning in both languages; the question comes after ``Continue``."""

    continue_clicked = Signal()

    def __init__(self, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = PromptPanel(rtl)
        self.continue_button = QPushButton(_("Continue"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(PlainLabel(_("Before the next questions, say this:")))
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTrailing)
        self.continue_button.clicked.connect(self.continue_clicked)

    def show_warning(self, spoken: str, interface: str, interface_rtl: bool) -> None:
        self.panel.draft_mark.hide()
        self.panel.context.hide()
        self.panel.show_texts(spoken, interface, interface_rtl)
        self.continue_button.setFocus()
