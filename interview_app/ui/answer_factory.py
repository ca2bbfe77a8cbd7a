"""Picks the answer widget for an item's kind and gives it what it needs from the session."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from interview_app.domain.model import ItemKind
from interview_app.interview_session import InterviewSession
from interview_app.interview_text import Prompt
from interview_app.storage.repository import ParticipantRole
from interview_app.ui.answer_widgets import SIMPLE_WIDGETS, AnswerWidget
from interview_app.ui.choice_answer import ChoiceAnswer
from interview_app.ui.date_answer import DateAnswer
from interview_app.ui.group_answers import GateAnswer, RepeatAnswer
from interview_app.ui.narrative_answer import NarrativeAnswer


def make_answer_widget(
    session: InterviewSession, prompt: Prompt, parent: QWidget | None = None
) -> AnswerWidget:
    kind = prompt.item.kind
    rtl = prompt.spoken_rtl  # an observation is the interviewer's: in their direction
    widget: AnswerWidget
    if kind in SIMPLE_WIDGETS:
        widget = SIMPLE_WIDGETS[kind](prompt, rtl, parent)
    elif kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE):
        widget = ChoiceAnswer(prompt, rtl, parent)
    elif kind is ItemKind.DATE:
        widget = DateAnswer(prompt, rtl, parent)
    elif kind is ItemKind.NARRATIVE:
        # Interpreters first: they translate; anyone else in the room may have helped.
        people = sorted(
            session.participants(), key=lambda p: p.role is not ParticipantRole.INTERPRETER
        )
        translators = [(p.id, p.name) for p in people]
        differ = (session.interview_language != session.interface_language
                  and not prompt.item.observation)
        widget = NarrativeAnswer(prompt, rtl, translators, differ, parent)
    elif kind is ItemKind.GATE:
        widget = GateAnswer(prompt, rtl, parent)
    else:
        widget = RepeatAnswer(prompt, rtl, session.instances(prompt.item.id), parent)
    widget.set_answer(session.state(prompt.ref).answer)
    return widget
