"""The interview view driven through its real widgets; every check reads the vault back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from interview_app.domain.answer_validation import approximate_date
from interview_app.domain.forms import load_form_text
from interview_app.domain.indicators import load_catalogue
from interview_app.domain.model import Answer, ItemRef, NonResponse, QuestionId
from interview_app.errors import StorageFull
from interview_app.interview_session import InterviewSession
from interview_app.paths import INDICATOR_CATALOGUE
from interview_app.storage.repository import IndicatorSource
from interview_app.ui.choice_answer import ChoiceAnswer
from interview_app.ui.date_answer import DateAnswer
from interview_app.ui.group_answers import GateAnswer, RepeatAnswer
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.narrative_answer import NarrativeAnswer
from interview_app.ui.shortcuts import Shortcut
from interview_app.ui.widgets import PlainLabel
from tests.interview_support import INTERPRETER, Harness, click, start_session, type_text

pytestmark = pytest.mark.gui


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness.create(tmp_path)
    yield made
    made.vault.lock()


def open_view(qtbot: QtBot, session: InterviewSession) -> InterviewView:
    view = InterviewView(session)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def stored(harness: Harness, session: InterviewSession) -> dict[ItemRef, Answer]:
    return harness.repository.answers_for_session(session.session_id)


def press(qtbot: QtBot, view: InterviewView, shortcut: Shortcut) -> None:
    """Press a shortcut where the keyboard is, as a person would."""
    target = view.focusWidget() or view
    keys = shortcut.sequence[0]  # type: ignore[index]  # PySide6 indexes, its stubs do not
    qtbot.keyClick(target, keys.key(), keys.keyboardModifiers())


def click_next(qtbot: QtBot, view: InterviewView) -> None:
    click(qtbot, view.question.next_button)


def tick_gate(qtbot: QtBot, view: InterviewView) -> None:
    """Tick every point of the gate on screen, one click each, then go on."""
    widget = view.answer_widget
    assert isinstance(widget, GateAnswer)
    for entry_id in list(widget.boxes):
        box = view.answer_widget.boxes[entry_id]  # type: ignore[union-attr]
        click(qtbot, box)
    click_next(qtbot, view)


def through_gates(qtbot: QtBot, view: InterviewView) -> None:
    click_next(qtbot, view)  # the welcome note, read aloud
    tick_gate(qtbot, view)
    view.answer_widget.no.setChecked(True)  # type: ignore[union-attr]
    click_next(qtbot, view)
    tick_gate(qtbot, view)
    tick_gate(qtbot, view)


def test_note_gates_and_yes_no_are_saved_as_they_are_given(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    assert view.prompt is not None
    assert view.prompt.ref == ref("welcome")
    assert "Offer water" in view.guidance.item_guidance.text()
    click_next(qtbot, view)
    assert stored(harness, session)[ref("welcome")].value is True

    widget = view.answer_widget
    assert isinstance(widget, GateAnswer)
    box = widget.boxes["private_room"]
    click(qtbot, box)
    assert stored(harness, session)[ref("safety_check")].value == ["private_room"]
    click_next(qtbot, view)  # not every point is confirmed: refused in words
    assert view.prompt.ref == ref("safety_check")
    assert "Confirm every point" in view.question.hint.text()
    box = view.answer_widget.boxes["no_companion"]  # type: ignore[union-attr]
    click(qtbot, box)
    click_next(qtbot, view)

    assert view.prompt.ref == ref("urgent_medical")
    click(qtbot, view.answer_widget.yes)  # type: ignore[union-attr]
    click_next(qtbot, view)
    assert stored(harness, session)[ref("urgent_medical")].value is True
    assert view.prompt.ref == ref("consent_interview")


def test_gates_block_what_follows_and_the_view_says_why(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    view.go_to_section("work")
    assert view.prompt is not None
    assert view.prompt.ref == ref("welcome")
    assert "This opens once every point of this step is confirmed" in view.question.hint.text()
    assert "make sure this place is safe" in view.question.hint.text()

    click_next(qtbot, view)
    press(qtbot, view, Shortcut.DECLINED)  # the person declines the safety check
    assert stored(harness, session)[ref("safety_check")].non_response is NonResponse.DECLINED
    assert view.pages.currentWidget() is view.stopped
    assert "declined this step" in view.stopped.text.text()


def test_date_number_scale_and_choices_through_their_widgets(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("ar")
    view = open_view(qtbot, session)
    through_gates(qtbot, view)

    date = view.answer_widget
    assert isinstance(date, DateAnswer)
    qtbot.keyClicks(date.year, "1994")
    date.month.setCurrentIndex(5)
    click(qtbot, date.about)
    click_next(qtbot, view)
    assert stored(harness, session)[ref("birth_date")].value == approximate_date(
        1994, 5, about=True
    )

    assert view.pages.currentWidget() is view.warning  # the work section is sensitive
    assert view.interviewee_window.texts() == ["الأسئلة التالية عن عملك. خذ كل الوقت الذي تحتاجه."]
    click(qtbot, view.warning.continue_button)

    choices = view.answer_widget
    assert isinstance(choices, ChoiceAnswer)
    for value in ("domestic", "other"):
        button = choices.option_button(value)
        click(qtbot, button)
    assert choices.specify.isVisible()
    click_next(qtbot, view)  # "other" needs its words first
    assert ref("sectors") not in stored(harness, session)
    type_text(choices.specify, "بيع في السوق")
    click_next(qtbot, view)
    assert stored(harness, session)[ref("sectors")].value == {
        "options": ["domestic", "other"], "specify": "بيع في السوق",
    }

    number = view.answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    qtbot.keyClicks(number, "14")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert stored(harness, session)[ref("hours_per_day")].value == 14

    points = view.answer_widget.findChildren(QRadioButton)  # type: ignore[union-attr]
    click(qtbot, points[1])
    click_next(qtbot, view)
    assert stored(harness, session)[ref("rest_days")].value == 2

    single = view.answer_widget
    assert isinstance(single, ChoiceAnswer)
    click(qtbot, single.option_button("employer"))
    click_next(qtbot, view)
    assert stored(harness, session)[ref("documents_taken")].value == {"option": "employer"}


def test_repeat_group_narrative_and_text_in_arabic_and_chinese(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("ar")
    view = open_view(qtbot, session)
    through_gates(qtbot, view)
    for _question in ("birth_date", "sectors", "documents_taken"):
        press(qtbot, view, Shortcut.DECLINED)
    view.submit()  # past the section's warning
    press(qtbot, view, Shortcut.DECLINED)
    press(qtbot, view, Shortcut.DECLINED)

    group = view.answer_widget
    assert isinstance(group, RepeatAnswer)
    type_text(group.label, "河边的农场")
    click(qtbot, group.add)
    assert [i.label for i in session.instances("workplaces")] == ["河边的农场"]
    assert view.prompt is not None
    assert view.prompt.ref == ref("workplace_sector", 1)
    assert "河边的农场" in view.question.prompt_panel.context.text()
    first = view.answer_widget
    assert isinstance(first, ChoiceAnswer)
    click(qtbot, first.option_button("agriculture"))
    click_next(qtbot, view)
    assert view.prompt.ref == ref("workplaces")  # another place?
    assert "河边的农场" in view.answer_widget.list.item(0).text()  # type: ignore[union-attr]
    click_next(qtbot, view)  # no more places

    assert view.pages.currentWidget() is view.warning  # the story may bring back memories
    view.submit()
    story = view.answer_widget
    assert isinstance(story, NarrativeAnswer)
    assert story.original.layoutDirection() == Qt.LayoutDirection.RightToLeft
    type_text(story.original, "غادرت في الليل مع صديقتي")
    qtbot.keyClicks(story.translation, "I left at night with my friend")
    assert story.translated_by.currentText() == INTERPRETER
    press(qtbot, view, Shortcut.NEXT)
    saved = harness.repository.current_revisions(session.session_id)[ref("story")]
    assert saved.answer.value == {
        "original": "غادرت في الليل مع صديقتي",
        "translation": "I left at night with my friend",
        "translated_by": INTERPRETER,
    }
    interpreter = next(p for p in session.participants() if p.name == INTERPRETER)
    assert (saved.text, saved.translated_by) == ("غادرت في الليل مع صديقتي", interpreter.id)

    contact = view.answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    assert isinstance(contact, QLineEdit)
    assert view.question.non_response_buttons[NonResponse.DONT_KNOW].isEnabled() is False
    type_text(contact, "李明")
    qtbot.keyClick(contact, Qt.Key.Key_Return)
    assert stored(harness, session)[ref("contact_name")].value == "李明"

    controls = view.answer_widget
    assert isinstance(controls, ChoiceAnswer)
    click(qtbot, controls.option_button("threats"))
    finished: list[bool] = []
    view.finished.connect(lambda: finished.append(True))
    none = controls.option_button("none_of_these")
    click(qtbot, none)
    assert not controls.option_button("threats").isChecked()  # "none of these" stands alone
    click_next(qtbot, view)
    assert stored(harness, session)[ref("controls")].value == {"options": ["none_of_these"]}
    assert finished == [True]
    assert view.pages.currentWidget() is view.stopped


def test_declined_and_dont_know_are_one_key_away_even_inside_a_field(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    through_gates(qtbot, view)
    date = view.answer_widget
    assert isinstance(date, DateAnswer)
    qtbot.keyClicks(date.year, "19")
    assert view.focusWidget() is date.year
    press(qtbot, view, Shortcut.DONT_KNOW)
    assert stored(harness, session)[ref("birth_date")].non_response is NonResponse.DONT_KNOW

    assert view.prompt is not None
    assert view.prompt.ref == ref("age_years")
    field = view.answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    qtbot.keyClicks(field, "4")
    press(qtbot, view, Shortcut.DECLINED)
    assert stored(harness, session)[ref("age_years")].non_response is NonResponse.DECLINED
    press(qtbot, view, Shortcut.NOT_ASKED)
    assert stored(harness, session)[ref("age_band")].non_response is NonResponse.NOT_ASKED


def test_changing_an_answer_asks_why_and_keeps_the_reason(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    through_gates(qtbot, view)
    press(qtbot, view, Shortcut.DECLINED)  # birth date declined
    press(qtbot, view, Shortcut.BACK)
    assert view.prompt is not None
    assert view.prompt.ref == ref("birth_date")
    assert view.question.recorded.text() == "On record: Declined"
    date = view.answer_widget
    assert isinstance(date, DateAnswer)
    qtbot.keyClicks(date.year, "1988")
    click_next(qtbot, view)
    dialog = view.flow.reason_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.ok.isEnabled()
    assert stored(harness, session)[ref("birth_date")].non_response is NonResponse.DECLINED

    # Cancelling changes nothing and keeps what was typed.
    dialog.reject()
    assert date.year.text() == "1988"
    click_next(qtbot, view)
    dialog = view.flow.reason_dialog
    assert dialog is not None
    type_text(dialog.field, "she remembered the year")
    click(qtbot, dialog.ok)
    history = harness.repository.answer_history(session.session_id, ref("birth_date"))
    assert [r.answer.value for r in history] == [None, approximate_date(1988)]
    assert history[-1].reason == "she remembered the year"
    assert view.pages.currentWidget() is view.warning  # on to the sensitive work section


def test_a_failed_write_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    through_gates(qtbot, view)
    date = view.answer_widget
    assert isinstance(date, DateAnswer)
    qtbot.keyClicks(date.year, "1990")

    def full(*_args: object, **_kwargs: object) -> None:
        raise StorageFull

    monkeypatch.setattr(harness.repository, "save_answer", full)
    click_next(qtbot, view)
    assert view.error.isVisible()
    assert view.error.text() == StorageFull.message
    assert view.prompt is not None
    assert view.prompt.ref == ref("birth_date")
    assert view.answer_widget is date
    assert date.year.text() == "1990"
    monkeypatch.undo()
    click_next(qtbot, view)
    assert stored(harness, session)[ref("birth_date")].value == approximate_date(1990)
    assert not view.error.isVisible()


def test_an_observation_is_saved_with_its_source(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    press(qtbot, view, Shortcut.OBSERVATION)
    dialog = view.flow.observation_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.ok.isEnabled()  # a source is needed
    dialog.indicators.setCurrentText("control.documents_withheld")
    dialog.source_buttons[IndicatorSource.OBSERVED].setChecked(True)
    type_text(dialog.note_field, "Holds a photocopy of her passport only")
    click(qtbot, dialog.ok)
    [observation] = harness.repository.indicator_observations(session.case_id)
    assert observation.indicator_id == "control.documents_withheld"
    assert observation.source is IndicatorSource.OBSERVED
    assert observation.note == "Holds a photocopy of her passport only"
    assert view.question.hint.text() == "Observation saved."


def test_arabic_prompt_runs_right_to_left_with_the_english_beneath(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("ar")
    view = open_view(qtbot, session)
    panel = view.question.prompt_panel
    assert panel.spoken.text().startswith("اسمي مكتوب")
    assert panel.spoken.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.interface.text().startswith("My name is on my badge")
    assert panel.interface.isVisibleTo(view)
    assert not panel.draft_mark.isVisibleTo(view)
    assert panel.spoken.textFormat() == Qt.TextFormat.PlainText

    through_gates(qtbot, view)
    view.go_to(ref("story"))  # the one item whose translation is a draft
    view.submit()  # the section's warning
    view.submit()  # the question's own warning
    assert view.prompt is not None
    assert view.prompt.ref == ref("story")
    assert panel.draft_mark.isVisibleTo(view)
    draft_note = "Draft translation: confirm the wording with the interpreter."
    window = view.interviewee_window
    window.show_prompt(view.prompt)
    assert window.texts()[-1] == draft_note, "the person's screen carries the mark too"
    window.show_prompt(session.prompt(ref("welcome")))
    assert draft_note not in window.texts()


def test_choices_echo_the_interface_wording_under_each_option(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("fr")
    view = open_view(qtbot, session)
    through_gates(qtbot, view)
    view.go_to_section("work")
    view.submit()  # past the warning
    widget = view.answer_widget
    assert isinstance(widget, ChoiceAnswer)
    assert [b.text() for b in widget.findChildren(QCheckBox)][:2] == [
        "Ferme ou agriculture", "Chantier",
    ]
    echoes = [label.text() for label in widget.findChildren(PlainLabel)]
    assert echoes[:2] == ["Farm or agriculture", "Building site"]


URGENT = """
form: {id: urgent, version: "1", title: Urgent, purpose: Test, language: en}
sections:
  - id: start
    title: Start
    items:
      - id: safe_tonight
        kind: yes_no
        prompt: Do you have a safe place to sleep tonight?
        guidance: If not, call the shelter hotline before going on.
        urgent_if: {equals: {question: safe_tonight, value: false}}
      - {id: name, kind: text, prompt: What would you like us to call you?}
"""


def test_an_urgent_answer_raises_the_safety_prompt_until_it_changes(
    qtbot: QtBot, harness: Harness
) -> None:
    form = load_form_text(URGENT, "urgent.yaml")
    session = InterviewSession(harness.repository, start_session(harness.repository), form,
                               clock=harness.clock)
    view = open_view(qtbot, session)
    assert not view.safety.isVisible()
    click(qtbot, view.answer_widget.no)  # type: ignore[union-attr]
    click_next(qtbot, view)
    assert view.safety.isVisible()
    assert "call the shelter hotline" in view.safety.details.text()
    assert "hotline" not in "\n".join(view.interviewee_window.texts())

    press(qtbot, view, Shortcut.BACK)
    click(qtbot, view.answer_widget.yes)  # type: ignore[union-attr]
    click_next(qtbot, view)
    dialog = view.flow.reason_dialog
    assert dialog is not None
    type_text(dialog.field, "misheard the question")
    dialog.accept()
    assert not view.safety.isVisible()


def test_observations_offer_the_indicator_catalogue_by_name(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    view = InterviewView(session, indicators=load_catalogue(INDICATOR_CATALOGUE))
    qtbot.addWidget(view)
    view.open_observation()
    dialog = view.flow.observation_dialog
    assert dialog is not None
    dialog.indicators.setCurrentText("Has no passport or residence or identity papers")
    dialog.source_buttons[IndicatorSource.STATED].setChecked(True)
    dialog.accept()
    [observation] = harness.repository.indicator_observations(session.case_id)
    assert observation.indicator_id == "generic.lacks_identity_documents"
    assert observation.source is IndicatorSource.STATED
    assert observation.note is None
