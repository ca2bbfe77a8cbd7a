"""The calm screen shown during a break: no case data, no questions, one way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.ui.prompt_panel import ScaledLabel


class BreakScreen(QWidget):
    """Neutral words and a resume button; the session clock is paused while it shows."""

    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breakScreen")
        self.setAccessibleName(_("Break"))
        title = ScaledLabel(2.0, text=_("Break"))
        words = ScaledLabel(1.2, text=_("Take the time you need. Nothing is lost."))
        self.resume = QPushButton(_("Resume the interview"))
        self.resume.setDefault(True)
        self.resume.clicked.connect(self.resume_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for label in (title, words):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            layout.addWidget(label)
        layout.addSpacing(24)
        layout.addWidget(self.resume, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def texts(self) -> list[str]:
        return [label.text() for label in self.findChildren(ScaledLabel)]
