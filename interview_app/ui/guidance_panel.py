"""The interviewer's side panel: script guidance, never shown to the person being interviewed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from interview_app.domain.model import ItemKind
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.widgets import PlainLabel


class GuidancePanel(QFrame):
    """Advice from the script in the interface language, the item's indicators, and the way to
    note an observation. Nothing here is ever sent to the interviewee window."""

    observation_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Guidance for the interviewer"))
        title = PlainLabel(_("For the interviewer"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.section_guidance = PlainLabel()
        self.section_guidance.setObjectName("sectionGuidance")
        self.item_guidance = PlainLabel()
        self.item_guidance.setObjectName("itemGuidance")
        self.required = PlainLabel(
            _("This question needs an answer, or 'declined' or 'don't know'.")
        )
        self.gate = PlainLabel(
            _("Read each point and tick it once it is done; each tick is saved. Nothing after "
              "this step can be asked until every point is confirmed. If the person says no, "
              "record 'Declined'.")
        )
        self.indicators = PlainLabel()
        self.indicators.setObjectName("indicators")
        self.observe = QPushButton(_("Note an observation…"))
        self.observe.clicked.connect(self.observation_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        for widget in (self.section_guidance, self.item_guidance, self.gate, self.required,
                       self.indicators):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.observe)

    def show_prompt(self, prompt: Prompt | None, required: bool = False) -> None:
        section = prompt.section.guidance if prompt is not None else None
        item = prompt.item.guidance if prompt is not None else None
        self.section_guidance.setText(section or "")
        self.section_guidance.setVisible(bool(section))
        self.item_guidance.setText(item or "")
        self.item_guidance.setVisible(bool(item))
        self.required.setVisible(required)
        self.gate.setVisible(prompt is not None and prompt.item.kind is ItemKind.GATE)
        indicators = prompt.item.indicators if prompt is not None else ()
        self.indicators.setText(
            _("Indicators this question may show: {ids}").format(ids=", ".join(indicators))
            if indicators else ""
        )
        self.indicators.setVisible(bool(indicators))

    def texts(self) -> list[str]:
        """Everything the panel shows, for tests that check it never leaks elsewhere."""
        return [self.section_guidance.text(), self.item_guidance.text()]
