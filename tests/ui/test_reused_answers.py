"""A reused answer on screen: marked with where it came from, confirmed with Next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.domain.model import ItemRef, QuestionId
from interview_app.session_reuse import REASON_REUSE_CONFIRMED
from interview_app.storage.repository import Repository
from interview_app.storage.vault import Vault
from interview_app.ui.interview_view import InterviewView
from tests.forms.walking import script
from tests.interview_support import SteppedClock, click, create_vault
from tests.script_sessions import drive, open_script_session
from tests.test_session_reuse import earlier_case, start_intake

pytestmark = pytest.mark.gui
CHILD_STATUS = ItemRef(QuestionId("child_status"))


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def repo(tmp_path: Path, clock: SteppedClock) -> Iterator[Repository]:
    vault: Vault = create_vault(tmp_path / "vault", clock)
    yield vault.repository
    vault.lock()


def test_a_reused_answer_says_where_it_came_from_and_next_confirms_it(
    qtbot: QtBot, repo: Repository, clock: SteppedClock
) -> None:
    intake = start_intake(repo, earlier_case(repo, clock).case_id)
    session = open_script_session(repo, intake, clock)
    drive(session, {}, until="child_status")
    titles = {form_id: script(form_id).title for form_id in ("identification", "first_contact")}
    view = InterviewView(session, script_titles=titles)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)

    assert view.session.current == CHILD_STATUS
    assert view.question.reused.isVisible()
    assert view.question.reused.text().startswith(
        "Reused from an earlier session (Mar 1, 2026, Identification interview)")
    assert view.question.recorded.isVisible()  # and what it says, as on record

    click(qtbot, view.question.next_button)
    assert view.flow.reason_dialog is None  # confirming is not a correction: no reason asked
    assert repo.answer_history(intake, CHILD_STATUS)[-1].reason == REASON_REUSE_CONFIRMED
    assert view.session.current == ItemRef(QuestionId("preferred_name"))
    assert not view.question.reused.isVisible()
