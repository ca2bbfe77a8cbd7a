"""A shelter intake reuses what earlier sessions recorded, where the person agreed, and says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_app import session_plan
from interview_app.domain.answer_validation import choice
from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.interview_session import InterviewSession
from interview_app.session_plan import SessionPlan
from interview_app.session_reuse import (
    REASON_REUSE_CHANGED,
    REASON_REUSE_CONFIRMED,
    reuse_earlier_answers,
)
from interview_app.storage.repository import Repository
from interview_app.storage.vault import Vault
from tests.forms.test_walks import ADULT_FIRST_CONTACT, LABOUR_IDENTIFICATION
from tests.forms.walking import script
from tests.interview_support import SteppedClock, create_vault
from tests.script_sessions import consents, drive, open_script_session, start, store_walk

TODAY = dt.date(2026, 3, 20)
# Everything the intake may take over from first contact and identification, and from where.
REUSED = {
    "child_status": "identification.child_status",
    "age_years": "first_contact.age_years",
    "origin_country": "identification.origin_country",
    "language_main": "first_contact.language_main",
    "language_dialect": "first_contact.language_dialect",
    "language_other": "first_contact.language_other",
    "interpreter_gender": "first_contact.interpreter_gender",
    "medicine_needed": "first_contact.medicine_needed",
    "children_with_you": "first_contact.children_with_you",
}


def ref(question_id: str) -> ItemRef:
    return ItemRef(QuestionId(question_id))


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def repo(tmp_path: Path, clock: SteppedClock) -> Iterator[Repository]:
    vault: Vault = create_vault(tmp_path / "vault", clock)
    yield vault.repository
    vault.lock()


@dataclass
class EarlierCase:
    case_id: int
    first_contact: int
    identification: int


def earlier_case(repo: Repository, clock: SteppedClock, **decisions: object) -> EarlierCase:
    """First contact (the interviewer's gender declined), identification, then consents."""
    case = repo.create_case()
    first = store_walk(repo, case.id, "first_contact",
                       {**ADULT_FIRST_CONTACT, "interviewer_gender": NonResponse.DECLINED})
    identification = store_walk(repo, case.id, "identification", LABOUR_IDENTIFICATION)
    drive(open_script_session(repo, start(repo, case.id, "consent_rights"), clock),
          consents(**decisions))
    clock.advance(days=5)
    return EarlierCase(case.id, first, identification)


def start_intake(repo: Repository, case_id: int) -> int:
    plan = SessionPlan(case_id=case_id, form=script("shelter_intake"), interface_language="en",
                       interview_language="en", lead="Ana")
    return session_plan.start(repo, plan, TODAY).id


def test_the_intake_starts_with_what_the_person_agreed_to_share_with_a_shelter(
    repo: Repository, clock: SteppedClock
) -> None:
    earlier = earlier_case(repo, clock)
    intake = start_intake(repo, earlier.case_id)
    revisions = repo.current_revisions(intake)
    sessions = {"first_contact": earlier.first_contact,
                "identification": earlier.identification}
    assert {r.question_id: revisions[r].reason for r in revisions} == {
        question: f"reused from session {sessions[source.split('.')[0]]}: {source}"
        for question, source in REUSED.items()
    }
    assert revisions[ref("language_main")].answer.value == "Romanian"
    assert revisions[ref("child_status")].answer.value == choice("adult")

    # The declined answer is asked again, with the reason why; nothing else was held back.
    again = reuse_earlier_answers(repo, intake, script("shelter_intake"), TODAY)
    assert [(n.ref, n.reason) for n in again.not_reused] == [
        (ref("staff_gender"), "the earlier answer was a non-response; ask again")]
    assert len(repo.current_revisions(intake)) == len(REUSED)  # already filled: left alone


def test_without_consent_to_share_with_a_shelter_nothing_is_reused(
    repo: Repository, clock: SteppedClock
) -> None:
    earlier = earlier_case(repo, clock, consent_share_shelter=False)
    intake = start_intake(repo, earlier.case_id)
    assert repo.current_revisions(intake) == {}
    why = reuse_earlier_answers(repo, intake, script("shelter_intake"), TODAY).not_reused
    assert {n.ref.question_id for n in why} == {*REUSED, "staff_gender"}
    assert {n.reason for n in why} >= {"the person refused sharing with shelter"}


def test_each_reused_answer_is_read_back_then_confirmed_or_changed(
    repo: Repository, clock: SteppedClock
) -> None:
    earlier = earlier_case(repo, clock)
    intake = start_intake(repo, earlier.case_id)
    session = open_script_session(repo, intake, clock)
    assert set(session.reused) == {ref(q) for q in REUSED}
    reused = session.reused[ref("language_main")]
    assert (reused.source, reused.session_id, reused.form_id, reused.started_on) == (
        "first_contact.language_main", earlier.first_contact, "first_contact", "2026-03-01")

    drive(session, {}, until="child_status")  # the welcome and the intake's consent gate
    assert session.current == ref("child_status")  # answered, but read back before going on
    assert not session.needs_reason(ref("child_status"))  # the read-back gives the reason
    session.answer(ref("child_status"), choice("adult"))
    assert session.current == ref("preferred_name")  # not reused: asked
    session.answer(ref("preferred_name"), "Ion")
    assert session.current == ref("age_years")
    session.answer(ref("age_years"), 35)
    history = repo.answer_history(intake, ref("child_status"))
    assert [(r.answer.value, r.reason) for r in history][1:] == [
        (choice("adult"), REASON_REUSE_CONFIRMED)]
    assert repo.answer_history(intake, ref("age_years"))[-1].reason == REASON_REUSE_CHANGED
    assert ref("child_status") not in session.reused

    # A reopened session still knows which answers are only reused, and resumes at the next.
    again = open_script_session(repo, intake, clock)
    assert set(again.reused) == {ref(q) for q in REUSED} - {ref("child_status"),
                                                              ref("age_years")}
    assert again.current == ref("origin_country")
    again.non_response(ref("origin_country"), NonResponse.DECLINED)
    assert repo.answer_history(intake, ref("origin_country"))[-1].reason == (
        REASON_REUSE_CHANGED)


def test_a_session_with_nothing_to_reuse_starts_empty(
    repo: Repository, clock: SteppedClock
) -> None:
    case = repo.create_case()
    intake = start_intake(repo, case.id)
    session: InterviewSession = open_script_session(repo, intake, clock)
    assert session.reused == {}
    assert session.current == ref("welcome")
