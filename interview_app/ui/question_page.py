"""The question page: prompt in both languages, the answer widget, and the answer buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from interview_app.domain.model import NonResponse
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_text import non_response_names
from interview_app.ui.answer_widgets import AnswerWidget
from interview_app.ui.prompt_panel import PromptPanel
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.widgets import PlainLabel

NON_RESPONSE_KEYS = {
    NonResponse.DECLINED: Shortcut.DECLINED,
    NonResponse.DONT_KNOW: Shortcut.DONT_KNOW,
    NonResponse.NOT_ASKED: Shortcut.NOT_ASKED,
    NonResponse.NOT_APPLICABLE: Shortcut.NOT_APPLICABLE,
}


def shortcut_text(shortcut: Shortcut) -> str:
    return shortcut.sequence.toString(shortcut.sequence.SequenceFormat.NativeText)


class QuestionPage(QWidget):
    """Lays out one item; the buttons only report what was pressed (the view records it).

    Every non-response button carries its key, so "declined" is visibly one key away.
    """

    next_clicked = Signal()
    back_clicked = Signal()
    non_response_clicked = Signal(object)

    def __init__(self, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_panel = PromptPanel(rtl)
        self.answer_area = QScrollArea()
        self.answer_area.setWidgetResizable(True)
        self.answer_area.setFrameShape(QFrame.Shape.NoFrame)
        self.hint = PlainLabel()
        self.hint.setObjectName("interviewHint")
        self.recorded = PlainLabel()
        self.recorded.setObjectName("recordedAnswer")
        self.recorded.hide()
        self.reused = PlainLabel()
        self.reused.setObjectName("reusedAnswer")
        self.reused.setAccessibleName(_("Reused answer"))
        self.reused.hide()
        self.back_button = QPushButton(_("Back"))
        self.back_button.setToolTip(shortcut_text(Shortcut.BACK))
        self.next_button = QPushButton(_("Next"))
        self.next_button.setToolTip(shortcut_text(Shortcut.NEXT))
        self.next_button.setDefault(True)
        self.non_response_buttons: dict[NonResponse, QPushButton] = {}
        # Non-responses on a row of their own: beside Back and Next they would make the page
        # wider than a 1024-pixel screen.
        non_responses = QHBoxLayout()
        for kind, name in non_response_names().items():
            button = QPushButton(f"{name}  {shortcut_text(NON_RESPONSE_KEYS[kind])}")
            button.setAccessibleName(name)
            button.clicked.connect(
                lambda _checked=False, k=kind: self.non_response_clicked.emit(k)
            )
            self.non_response_buttons[kind] = button
            non_responses.addWidget(button)
        non_responses.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt_panel)
        layout.addSpacing(12)
        layout.addWidget(self.answer_area, 1)
        layout.addWidget(self.reused)
        layout.addWidget(self.recorded)
        layout.addWidget(self.hint)
        layout.addLayout(non_responses)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self.back_clicked)
        self.next_button.clicked.connect(self.next_clicked)

    def show_prompt(
        self,
        prompt: Prompt,
        allowed: frozenset[NonResponse],
        recorded: str | None = None,
        reused: str | None = None,
    ) -> None:
        """``recorded`` is the answer on record, in words, when the item is seen again;
        ``reused`` says where it came from when an earlier session's answer was taken over."""
        self.prompt_panel.show_prompt(prompt)
        self.recorded.setText(_("On record: {answer}").format(answer=recorded or ""))
        self.recorded.setVisible(recorded is not None)
        self.reused.setText(reused or "")
        self.reused.setVisible(reused is not None)
        for kind, button in self.non_response_buttons.items():
            button.setEnabled(kind in allowed)

    def set_answer_widget(self, widget: AnswerWidget) -> None:
        old = self.answer_area.takeWidget()
        if old is not None:
            old.deleteLater()
        # At the top of the area, the rest left empty: the answer sits right under the prompt.
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(widget)
        holder_layout.addStretch(1)
        self.answer_area.setWidget(holder)
        widget.changed.connect(lambda: self.hint.setText(""))
        (widget.first_input() or self.next_button).setFocus()
