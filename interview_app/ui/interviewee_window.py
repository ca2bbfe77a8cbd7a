"""The window turned towards the person: the current prompt and its choices, nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from interview_app.domain.model import ItemKind
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import direction
from interview_app.ui.reading_aid import ReadingAid
from interview_app.ui.reading_label import ReadingLabel

PROMPT_SCALE = 3.0
CHOICE_SCALE = 2.2
DRAFT_SCALE = 0.9  # relative to the application font: a note, not part of the question


class IntervieweeWindow(QWidget):
    """A separate top-level window for a second screen, or for turning the laptop round.

    It shows only what is said to the person, in the interview language and very large: the
    prompt, and the options, checklist points or scale ends that go with it. Never guidance,
    notes, answers, names or case codes. It follows the interview view, which feeds it.

    Reading aid: :meth:`set_reading` sets the text size and line spacing; for a person who
    reads the interface language better, :meth:`set_interface_language` shows the same
    prompt from the interface-language text of the script instead (still never guidance).
    """

    def __init__(
        self,
        rtl: bool,
        parent: QWidget | None = None,
        *,
        interface_rtl: bool = False,
        reading: ReadingAid | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Interviewee screen"))
        self.setObjectName("intervieweeWindow")
        self._rtl = {False: rtl, True: interface_rtl}
        self.reading = reading or ReadingAid()
        self.in_interface_language = False
        self._prompt: Prompt | None = None
        self._words: tuple[str, str] | None = None
        self.setLayoutDirection(direction(rtl))
        self.resize(1024, 700)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(48, 40, 48, 40)
        self.body_layout.setSpacing(18)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._clear()

    def _clear(self) -> None:
        self._labels: list[ReadingLabel] = []
        while self.body_layout.count():
            entry = self.body_layout.takeAt(0)
            widget = entry.widget() if entry is not None else None
            if widget is not None:
                widget.hide()  # gone now, not at the next turn of the event loop
                widget.setParent(None)
                widget.deleteLater()

    def _add(self, text: str, scale: float, *, bold: bool = False, tile: bool = False) -> None:
        label = ReadingLabel(scale * self.reading.scale, bold=bold, text=text,
                             spacing=self.reading.spacing)
        if tile:
            label.setObjectName("choiceTile")
            label.setStyleSheet(
                "#choiceTile { border: 2px solid palette(mid); border-radius: 8px;"
                " padding: 10px 16px; }"
            )
        self.body_layout.addWidget(label)
        self._labels.append(label)

    def set_reading(self, reading: ReadingAid) -> None:
        self.reading = reading
        self._render()

    def set_interface_language(self, on: bool) -> None:
        """Show the interface-language text (True) or the interview language's (False)."""
        self.in_interface_language = on
        self.setLayoutDirection(direction(self._rtl[on]))
        self._render()

    def _render(self) -> None:
        if self._words is not None:
            self.show_words(*self._words)
        else:
            self.show_prompt(self._prompt)

    def show_prompt(self, prompt: Prompt | None) -> None:
        """The spoken side of ``prompt``; None leaves a calm, empty screen."""
        self._clear()
        self._prompt, self._words = prompt, None
        if prompt is None or prompt.item.observation:
            # The interviewer's own observation: nothing of it is shown to the person.
            self.body_layout.addStretch(1)
            return
        # The interface side is the same item in the other language: prompt, options,
        # checklist and unit only, as on the spoken side; its guidance is never read here.
        spoken = prompt.item if self.in_interface_language else prompt.spoken
        self.setLayoutDirection(direction(
            prompt.interface_rtl if self.in_interface_language else prompt.spoken_rtl))
        self._add(spoken.prompt, PROMPT_SCALE, bold=True)
        if spoken.kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE):
            for option in spoken.options:
                self._add(option.label, CHOICE_SCALE, tile=True)
        elif spoken.kind is ItemKind.GATE:
            for entry in spoken.checklist:
                self._add(entry.text, CHOICE_SCALE, tile=True)
        elif spoken.kind is ItemKind.SCALE:
            low = int(spoken.minimum if spoken.minimum is not None else 1)
            high = int(spoken.maximum if spoken.maximum is not None else 5)
            ends = {low: spoken.min_label, high: spoken.max_label}
            for point in range(low, high + 1):
                end = ends.get(point)
                self._add(f"{point}  {end}" if end else str(point), CHOICE_SCALE, tile=True)
        elif spoken.kind is ItemKind.NUMBER and spoken.unit:
            self._add(spoken.unit, CHOICE_SCALE)
        self.body_layout.addStretch(1)
        if prompt.draft and not self.in_interface_language:
            # Small and last: the interpreter sees that this wording is unreviewed before the
            # person relies on it (the same words as on the interviewer's page).
            self._add(_("Draft translation: confirm the wording with the interpreter."),
                      DRAFT_SCALE)

    def show_words(self, spoken: str, interface: str = "") -> None:
        """Words said before a sensitive question, in place of a prompt; ``interface`` is the
        same in the interface language, for the interface-language reading."""
        self._clear()
        self._prompt, self._words = None, (spoken, interface)
        self._add(interface if self.in_interface_language and interface else spoken,
                  PROMPT_SCALE)
        self.body_layout.addStretch(1)

    def show_pause(self) -> None:
        """During a break: nothing at all, so nothing is read over a shoulder."""
        self.show_prompt(None)

    def texts(self) -> list[str]:
        """Every text the window shows now (tests check nothing private is among them)."""
        return [label.text() for label in self._labels]
