"""A whole interview through the real widgets, from a new vault to a finalised session.

Then the vault is opened again, as someone would the next day, and every record is read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from interview_app import app as app_module
from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.storage import vault as vaults
from interview_app.storage.repository import ParticipantRole
from interview_app.ui import fonts
from interview_app.ui.choice_answer import ChoiceAnswer
from interview_app.ui.group_answers import GateAnswer, RepeatAnswer
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.main_window import MainWindow
from interview_app.ui.narrative_answer import NarrativeAnswer
from interview_app.ui.shortcuts import Shortcut
from tests.interview_support import write_arabic_catalogue
from tests.shell_support import (
    PASSPHRASE,
    SUPERVISOR,
    click,
    create_vault_through_ui,
    press,
    shell_config,
    tick,
    type_text,
    unlock_through_ui,
)

pytestmark = [pytest.mark.gui, pytest.mark.slow]

INTERPRETER = "سميرة حداد"
STORY = "غادرت في الليل مع صديقتي"
STORY_TRANSLATION = "I left at night with my friend"
PLACE = "河边的农场"
CONTACT = "李明"


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[MainWindow]:
    """The window as the app builds it, with its idle lock and clipboard guard."""
    config = shell_config(tmp_path, write_arabic_catalogue(tmp_path / "translations"))
    shell = app_module.build_window(qapp, config)
    qtbot.addWidget(shell)
    qtbot.addWidget(shell.neutral)
    shell.show()
    qtbot.waitExposed(shell)
    yield shell
    fonts.apply_scale(1.0)
    for watcher in (shell.idle, shell.clipboard):
        if watcher is not None:
            qapp.removeEventFilter(watcher)


def shortcut(qtbot: QtBot, window: MainWindow, key: Shortcut) -> None:
    """Press a shortcut where the keyboard is, as a person would."""
    target = QApplication.focusWidget() or window
    combination = key.sequence[0]  # type: ignore[index]  # PySide6 indexes, its stubs do not
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def interview(window: MainWindow) -> InterviewView:
    view = window.session_page
    assert view is not None
    return view


def next_item(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, interview(window).question.next_button)


def tick_gate(qtbot: QtBot, window: MainWindow) -> None:
    gate = interview(window).answer_widget
    assert isinstance(gate, GateAnswer)
    for entry_id in list(gate.boxes):
        # Each tick is saved at once and the gate drawn again, so look the box up each time.
        gate = interview(window).answer_widget
        assert isinstance(gate, GateAnswer)
        click(qtbot, gate.boxes[entry_id])
    next_item(qtbot, window)


def current(window: MainWindow) -> ItemRef:
    prompt = interview(window).prompt
    assert prompt is not None
    return prompt.ref


def set_up_session(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(  # the pseudonym dialog is modal; the test answers it
        "interview_app.ui.workspace.QInputDialog.getText", lambda *_a, **_k: ("Amal", True)
    )
    shortcut(qtbot, window, Shortcut.NEW_CASE)
    page = window.case_page
    assert page is not None
    click(qtbot, page.new_session_button)
    setup = window.session_setup
    assert setup is not None
    setup.interview_language.setCurrentIndex(setup.interview_language.findData("ar"))
    setup.interpreter.setChecked(True)
    type_text(setup.interpreter_name, INTERPRETER)
    type_text(setup.dialect, "Levantine")
    assert not setup.start_button.isEnabled()  # the declarations are still missing
    tick(qtbot, setup.no_conflict)
    tick(qtbot, setup.confidentiality)
    setup.place.setCurrentIndex(setup.place.findData("shelter"))
    setup.age.setCurrentIndex(setup.age.findData("adult"))
    assert setup.problems.text() == ""
    click(qtbot, setup.start_button)
    assert current(window) == ref("welcome")


def gates_and_first_answers(qtbot: QtBot, window: MainWindow) -> None:
    next_item(qtbot, window)  # the welcome note, read aloud
    tick_gate(qtbot, window)  # safety
    answer = interview(window).answer_widget
    click(qtbot, answer.no)  # type: ignore[union-attr]  # no doctor needed now
    next_item(qtbot, window)
    tick_gate(qtbot, window)  # consent
    tick_gate(qtbot, window)  # rights
    assert current(window) == ref("birth_date")
    shortcut(qtbot, window, Shortcut.DECLINED)  # the person would rather not say
    assert current(window) == ref("age_years")  # so the script asks the age instead
    age = interview(window).answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    qtbot.keyClicks(age, "34")
    qtbot.keyClick(age, Qt.Key.Key_Return)
    view = interview(window)
    assert view.pages.currentWidget() is view.warning  # the work section is sensitive
    click(qtbot, view.warning.continue_button)
    sectors = view.answer_widget
    assert isinstance(sectors, ChoiceAnswer)
    click(qtbot, sectors.option_button("domestic"))
    next_item(qtbot, window)
    hours = interview(window).answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    qtbot.keyClicks(hours, "14")
    qtbot.keyClick(hours, Qt.Key.Key_Return)
    points = interview(window).answer_widget.findChildren(QRadioButton)  # type: ignore[union-attr]
    click(qtbot, points[1])
    next_item(qtbot, window)
    documents = interview(window).answer_widget
    assert isinstance(documents, ChoiceAnswer)
    click(qtbot, documents.option_button("employer"))
    next_item(qtbot, window)


def take_a_break(qtbot: QtBot, window: MainWindow) -> None:
    view = interview(window)
    shortcut(qtbot, window, Shortcut.BREAK)
    assert view.stack.currentWidget() is view.break_screen
    click(qtbot, view.break_screen.resume)
    assert view.stack.currentIndex() == 0


def workplace(qtbot: QtBot, window: MainWindow) -> None:
    group = interview(window).answer_widget
    assert isinstance(group, RepeatAnswer)
    type_text(group.label, PLACE)
    click(qtbot, group.add)
    sector = interview(window).answer_widget
    assert isinstance(sector, ChoiceAnswer)
    click(qtbot, sector.option_button("domestic"))
    next_item(qtbot, window)
    locked = interview(window).answer_widget
    click(qtbot, locked.no)  # type: ignore[union-attr]
    next_item(qtbot, window)
    assert current(window) == ref("workplaces")  # another place?
    next_item(qtbot, window)  # no
    view = interview(window)
    assert view.pages.currentWidget() is view.warning  # the story may bring back memories
    click(qtbot, view.warning.continue_button)
    assert current(window) == ref("story")


def hide_and_come_back(qtbot: QtBot, window: MainWindow) -> None:
    """Quick-hide mid-answer: everything goes, the vault locks; unlocking resumes here."""
    story = interview(window).answer_widget
    assert isinstance(story, NarrativeAnswer)
    type_text(story.original, "half a sentence")
    interviewee = interview(window).interviewee_window
    click(qtbot, interview(window).bar.window_button)
    assert interviewee.isVisible()

    press(window, Qt.Key.Key_F12)
    assert window.neutral.isVisible()
    assert not window.isVisible()
    assert not interviewee.isVisible()
    assert window.vault is None
    assert window.session_page is None

    press(window.neutral, Qt.Key.Key_F12)
    assert window.pages.currentWidget() is window.start.unlock_view
    unlock_through_ui(qtbot, window)
    view = interview(window)
    assert current(window) == ref("story")  # where it was
    warnings = 0
    while view.pages.currentWidget() is view.warning:  # the section's and the story's, again
        click(qtbot, view.warning.continue_button)
        warnings += 1
    assert warnings == 2
    story = view.answer_widget
    assert isinstance(story, NarrativeAnswer)
    assert story.original.toPlainText() == ""  # unsaved words went with the lock


def story_contact_controls(qtbot: QtBot, window: MainWindow) -> None:
    story = interview(window).answer_widget
    assert isinstance(story, NarrativeAnswer)
    type_text(story.original, STORY)
    story.original.selectAll()
    qtbot.keySequence(story.original, QKeySequence.StandardKey.Copy)
    assert QApplication.clipboard().text() == ""  # interview content never reaches it
    qtbot.keyClicks(story.translation, STORY_TRANSLATION)
    shortcut(qtbot, window, Shortcut.NEXT)
    contact = interview(window).answer_widget.findChild(QLineEdit)  # type: ignore[union-attr]
    assert isinstance(contact, QLineEdit)
    type_text(contact, CONTACT)
    qtbot.keyClick(contact, Qt.Key.Key_Return)
    controls = interview(window).answer_widget
    assert isinstance(controls, ChoiceAnswer)
    click(qtbot, controls.option_button("threats"))
    click(qtbot, controls.option_button("debt"))
    next_item(qtbot, window)


def review_and_finalise(qtbot: QtBot, window: MainWindow) -> str:
    review = window.review_page
    assert review is not None  # the end of the script opens the review
    assert window.pages.currentWidget() is review
    click(qtbot, review.finalise_button)
    assert review.confirm is not None
    fingerprints: list[str] = []
    review.finalised.connect(fingerprints.append)
    review.confirm.button(QMessageBox.StandardButton.Yes).click()
    assert len(fingerprints) == 1
    return fingerprints[0]


def test_a_whole_interview_is_recorded_as_it_was_given(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery_key = create_vault_through_ui(qtbot, window)
    shortcut(qtbot, window, Shortcut.ZOOM_IN)  # larger text, kept in the settings file
    set_up_session(qtbot, window, monkeypatch)
    gates_and_first_answers(qtbot, window)
    take_a_break(qtbot, window)
    workplace(qtbot, window)
    hide_and_come_back(qtbot, window)
    story_contact_controls(qtbot, window)
    fingerprint = review_and_finalise(qtbot, window)
    window.lock()

    with vaults.unlock(tmp_path / "vault", SUPERVISOR, PASSPHRASE) as vault:
        check_records(vault.repository, fingerprint)
    assert len(recovery_key.replace("\n", "-").split("-")) == 8
    window.config.settings.sync()
    settings = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "text_scale" in settings
    for content in ("Amal", STORY, STORY_TRANSLATION, PLACE, CONTACT, INTERPRETER, SUPERVISOR):
        assert content not in settings  # preferences hold no case content, no names


def check_records(repository: object, fingerprint: str) -> None:
    from interview_app.storage.repository import Repository  # noqa: PLC0415

    assert isinstance(repository, Repository)
    (case,) = repository.cases()
    assert case.pseudonym == "Amal"
    (session,) = repository.sessions_for_case(case.id)
    assert (session.form_id, session.interview_language, session.interface_language) == (
        "sample", "ar", "en"
    )
    assert session.is_finalised
    assert session.fingerprint == fingerprint
    people = repository.participants(session.id)
    assert [(p.role, p.name) for p in people] == [
        (ParticipantRole.LEAD_INTERVIEWER, SUPERVISOR),
        (ParticipantRole.INTERPRETER, INTERPRETER),
    ]
    interpreter = people[1]
    assert (interpreter.language, interpreter.dialect) == ("ar", "Levantine")
    assert interpreter.declared_no_conflict
    assert interpreter.declared_confidentiality

    answers = repository.answers_for_session(session.id)
    assert answers[ref("welcome")].value is True
    assert sorted(answers[ref("safety_check")].value) == ["no_companion", "private_room"]
    assert answers[ref("urgent_medical")].value is False
    assert sorted(answers[ref("consent_interview")].value) == ["agrees", "purpose_explained"]
    assert sorted(answers[ref("rights_told")].value) == ["may_decline", "support_unconditional"]
    assert answers[ref("birth_date")].non_response is NonResponse.DECLINED
    assert answers[ref("age_years")].value == 34
    assert answers[ref("sectors")].value == {"options": ["domestic"]}
    assert answers[ref("hours_per_day")].value == 14
    assert answers[ref("rest_days")].value == 2
    assert answers[ref("documents_taken")].value == {"option": "employer"}
    assert answers[ref("workplaces")].value == [{"instance": 1, "label": PLACE}]
    assert answers[ref("workplace_sector", 1)].value == {"option": "domestic"}
    assert answers[ref("workplace_locked", 1)].value is False
    assert answers[ref("story")].value == {
        "original": STORY, "translation": STORY_TRANSLATION, "translated_by": INTERPRETER,
    }
    story = repository.current_revisions(session.id)[ref("story")]
    assert (story.text, story.translation, story.translated_by) == (
        STORY, STORY_TRANSLATION, interpreter.id
    )
    assert answers[ref("contact_name")].value == CONTACT
    assert answers[ref("controls")].value == {"options": ["threats", "debt"]}

    (pause,) = repository.breaks(session.id)
    assert pause.ended_at is not None
    actions = [entry.action for entry in repository.audit_entries()]
    assert actions.count("vault.locked") >= 2  # quick-hide, then the end of the test
    assert "session.finalised" in actions
    assert "session.break_started" in actions
    assert repository.verify_audit() is None
