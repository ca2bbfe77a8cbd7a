"""The review lists every answer and non-response; finalising locks the session for good."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from interview_app.domain.answer_validation import approximate_date, choices
from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.errors import SessionFinalised
from interview_app.interview_session import InterviewSession
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.review_view import REF_ROLE, ReviewView
from tests.interview_support import Harness, click

pytestmark = pytest.mark.gui


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness.create(tmp_path)
    yield made
    made.vault.lock()


def answered(session: InterviewSession) -> None:
    """Through the gates, an answer, two non-responses, and a kept not-applicable answer."""
    session.answer(ref("welcome"), True)
    for gate, entries in (
        ("safety_check", ("private_room", "no_companion")),
        ("consent_interview", ("purpose_explained", "agrees")),
        ("rights_told", ("support_unconditional", "may_decline")),
    ):
        if gate == "consent_interview":
            session.non_response(ref("urgent_medical"), NonResponse.DONT_KNOW)
        for entry in entries:
            session.confirm_gate_entry(ref(gate), entry)
        session.resume()
    session.non_response(ref("birth_date"), NonResponse.DECLINED)
    session.answer(ref("age_years"), 30)
    session.answer(ref("birth_date"), approximate_date(1990), reason="remembered")
    session.answer(ref("sectors"), choices(["construction"]))


def rows(view: ReviewView) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for i in range(view.tree.topLevelItemCount()):
        section = view.tree.topLevelItem(i)
        assert section is not None
        for j in range(section.childCount()):
            row: QTreeWidgetItem | None = section.child(j)
            assert row is not None
            key = str(row.data(0, REF_ROLE))
            found[key] = (row.text(1), row.text(2))
    return found


def test_review_lists_answers_non_responses_and_kept_answers(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    answered(session)
    view = ReviewView(session)
    qtbot.addWidget(view)
    found = rows(view)
    assert found["welcome"] == ("Read aloud", "")
    assert found["safety_check"] == ("2 of 2 confirmed", "")
    assert found["urgent_medical"] == ("Don't know", "")
    assert found["birth_date"] == ("1990", "")
    assert found["age_years"] == ("30 years", "Kept, no longer applicable")
    assert found["sectors"] == ("Building site", "")
    assert found["hours_per_day"] == ("No answer yet", "Still to ask")
    assert "age_band" not in found  # never asked, never applicable: not listed
    assert "questions still have no answer" in view.status.text()


def test_finalise_asks_first_then_locks_the_session(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session()
    answered(session)
    view = ReviewView(session)
    qtbot.addWidget(view)
    click(qtbot, view.finalise_button)
    box = view.confirm
    assert box is not None
    assert box.isVisible()
    assert "questions have no answer" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not harness.repository.session(session.session_id).is_finalised

    fingerprints: list[str] = []
    view.finalised.connect(fingerprints.append)
    click(qtbot, view.finalise_button)
    assert view.confirm is not None
    view.confirm.button(QMessageBox.StandardButton.Yes).click()
    record = harness.repository.session(session.session_id)
    assert record.is_finalised
    assert fingerprints == [record.fingerprint]
    assert record.fingerprint in view.status.text()
    assert not view.finalise_button.isEnabled()
    assert not view.addendum_button.isHidden()

    with pytest.raises(SessionFinalised):
        session.answer(ref("hours_per_day"), 8)
    interview = InterviewView(session)
    qtbot.addWidget(interview)
    assert interview.pages.currentWidget() is interview.stopped
    assert "finalised" in interview.stopped.text.text()

    opened: list[int] = []
    view.addendum_opened.connect(opened.append)
    view.open_addendum()
    [addendum] = harness.repository.addenda(session.session_id)
    assert opened == [addendum.id]


def test_opening_a_row_asks_to_change_that_answer(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session()
    answered(session)
    view = ReviewView(session)
    qtbot.addWidget(view)
    wanted: list[object] = []
    view.change_requested.connect(wanted.append)
    section = view.tree.topLevelItem(0)
    assert section is not None
    row = section.child(2)
    assert row is not None
    view.tree.itemActivated.emit(row, 0)
    assert wanted == [ref("urgent_medical")]
