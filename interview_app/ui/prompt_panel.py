"""The prompt as said to the person, large and in its own direction, with the interface echo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import direction, quiet
from interview_app.ui.formatting import number
from interview_app.ui.widgets import PlainLabel


class ScaledLabel(PlainLabel):
    """Plain text at a multiple of the application font, following the text-size setting."""

    def __init__(
        self, scale: float, *, bold: bool = False, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self._scale = scale
        self._bold = bold
        # Leading: the start of the text's own direction (right for Arabic, left for English).
        self.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._follow_application_font()

    def _follow_application_font(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(self._bold)
        self.setFont(font)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._follow_application_font()
        return super().event(event)


class PromptPanel(QWidget):
    """What to say now: the interview-language prompt first and largest, then the interface one.

    A draft translation carries a visible mark, so the interpreter checks it before it is read.
    """

    def __init__(self, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rtl = rtl
        self.draft_mark = PlainLabel(
            _("Draft translation: confirm the wording with the interpreter.")
        )
        self.draft_mark.setObjectName("draftMark")
        self.draft_mark.setStyleSheet(
            "#draftMark { border: 1px solid palette(mid); border-radius: 3px; padding: 4px; }"
        )
        self.private_mark = PlainLabel(
            _("For you only: not read aloud and not shown on the interviewee screen.")
        )
        self.private_mark.setObjectName("privateMark")
        self.private_mark.hide()
        self.context = PlainLabel()
        self.context.setObjectName("promptContext")
        self.spoken = ScaledLabel(1.8)
        self.spoken.setObjectName("spokenPrompt")
        self.spoken.setLayoutDirection(direction(rtl))
        self.interface = ScaledLabel(1.15)
        self.interface.setObjectName("interfacePrompt")
        quiet(self.interface)
        # Under the spoken prompt, on its side, so the two read as one block.
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        self.interface.setAlignment(
            side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self.draft_mark, self.private_mark, self.context, self.spoken,
                       self.interface):
            layout.addWidget(widget)

    def show_prompt(self, prompt: Prompt) -> None:
        self.draft_mark.setVisible(prompt.draft)
        self.private_mark.setVisible(prompt.item.observation)
        self.spoken.setLayoutDirection(direction(prompt.spoken_rtl))
        context = prompt.section.title
        if prompt.instance_number is not None:
            entry = _("entry {number}").format(number=number(prompt.instance_number))
            if prompt.instance_label:
                entry = f"{entry}: {prompt.instance_label}"
            context = f"{context} · {entry}"
        self.context.setText(context)
        self.show_texts(prompt.spoken.prompt, prompt.item.prompt, prompt.interface_rtl)

    def show_texts(self, spoken: str, interface: str, interface_rtl: bool = False) -> None:
        self.interface.setLayoutDirection(direction(interface_rtl))
        self.spoken.setText(spoken)
        self.spoken.setAccessibleName(spoken)
        self.interface.setText(interface)
        self.interface.setVisible(interface != spoken)
