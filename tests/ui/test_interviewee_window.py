"""The interviewee window shows what is said to the person, and never guidance or case data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from interview_app.domain.forms import load_form_text
from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.interview_session import InterviewSession
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.widgets import PlainLabel
from tests.interview_support import Harness, click, start_session

pytestmark = pytest.mark.gui


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness.create(tmp_path)
    yield made
    made.vault.lock()


def all_text(window: QWidget) -> str:
    """Every string the window could show: labels, buttons, its title."""
    texts = [window.windowTitle()]
    texts += [w.text() for w in window.findChildren(PlainLabel)]
    return "\n".join(texts)


def test_it_follows_the_interview_and_never_shows_guidance_or_the_case(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("ar")
    case = harness.repository.case(session.case_id)
    view = InterviewView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)

    qtbot.keyClick(view.focusWidget() or view,
                   Shortcut.INTERVIEWEE_WINDOW.sequence[0].key(),  # type: ignore[index]
                   Shortcut.INTERVIEWEE_WINDOW.sequence[0].keyboardModifiers())  # type: ignore[index]
    window = view.interviewee_window
    assert window.isVisible()
    assert window.isWindow()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    seen: list[str] = []
    for _step in range(40):
        text = all_text(window)
        seen.append(text)
        prompt = view.prompt
        if prompt is not None and view.pages.currentWidget() is view.question:
            assert prompt.spoken.prompt in text
            assert prompt.item.prompt not in text  # the interface language stays on our side
        for private in (*view.guidance.texts(), case.code, case.pseudonym, session.form.title):
            assert not private or private not in text
        if view.pages.currentWidget() is view.stopped:
            break
        if view.pages.currentWidget() is view.warning:
            view.submit()
            continue
        gate = view.answer_widget
        if prompt is not None and prompt.item.kind.value == "gate":
            for box in gate.boxes.values():  # type: ignore[union-attr]
                click(qtbot, box)
            view.submit()
        else:
            view.record_non_response(NonResponse.DECLINED)
    joined = "\n".join(seen)
    assert "ما نوع العمل الذي قمت به؟" in joined  # a question reached deep in the script
    assert "مزرعة أو زراعة" in joined  # with its options
    for guidance in ("Offer water", "Never press", "Do not interrupt", "Child pathway"):
        assert guidance not in joined


def test_the_window_shows_options_and_is_blank_during_a_break(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("fr")
    view = InterviewView(session)
    qtbot.addWidget(view)
    session.answer(ItemRef(QuestionId("welcome")), True)
    view.refresh()
    assert view.interviewee_window.texts() == [
        "Avant de parler, vérifions ensemble que cet endroit est sûr pour vous.",
        *[entry.text for entry in session.text.interview.item("safety_check").checklist],
    ]
    view.start_break()
    assert view.interviewee_window.texts() == []
    view.end_break()
    assert len(view.interviewee_window.texts()) == 3


def test_hide_windows_takes_the_interviewee_window_away(qtbot: QtBot, harness: Harness) -> None:
    view = InterviewView(harness.session())
    qtbot.addWidget(view)
    view.bar.window_button.setChecked(True)
    assert view.interviewee_window.isVisible()
    view.hide_windows()
    assert not view.interviewee_window.isVisible()
    assert not view.bar.window_button.isChecked()


OBSERVED = """
form: {id: observed, version: "1", title: Observed, purpose: Test, language: en}
sections:
  - id: start
    title: Start
    items:
      - {id: hello, kind: note, prompt: Hello and welcome.}
      - id: seemed_afraid
        kind: yes_no
        prompt: Did the person seem afraid of someone outside the room?
        observation: true
      - {id: name, kind: text, prompt: What would you like us to call you?}
"""


def test_an_observation_item_is_never_on_the_interviewee_screen(
    qtbot: QtBot, harness: Harness
) -> None:
    form = load_form_text(OBSERVED, "observed.yaml")
    session_id = start_session(harness.repository, "en")
    session = InterviewSession(harness.repository, session_id, form, clock=harness.clock,
                               translations_root=harness.translations)
    view = InterviewView(session)
    qtbot.addWidget(view)
    assert view.interviewee_window.texts() == ["Hello and welcome."]
    view.submit()  # the note
    assert view.prompt is not None
    assert view.prompt.ref == ItemRef(QuestionId("seemed_afraid"))
    panel = view.question.prompt_panel
    assert panel.private_mark.isVisibleTo(view)
    assert panel.spoken.text() == "Did the person seem afraid of someone outside the room?"
    assert view.interviewee_window.texts() == []
    assert "afraid" not in all_text(view.interviewee_window)
