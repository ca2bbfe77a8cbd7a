"""InterviewSession: every step saved in a real vault before the interview moves on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.domain.answer_validation import approximate_date, choices, narrative
from interview_app.domain.model import Answer, ItemRef, NonResponse, QuestionId
from interview_app.errors import (
    AnswerError,
    ReasonRequired,
    SessionFinalised,
    StorageFull,
)
from interview_app.interview_session import (
    REASON_GATE_CONFIRMED,
    REASON_INSTANCE_ADDED,
    InterviewSession,
)
from interview_app.storage.repository import IndicatorSource, Repository
from interview_app.storage.vault import Vault
from tests.interview_support import (
    SAMPLE_TRANSLATIONS,
    SteppedClock,
    create_vault,
    open_session,
    start_session,
    write_arabic_catalogue,
)


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def vault(tmp_path: Path, clock: SteppedClock) -> Iterator[Vault]:
    opened = create_vault(tmp_path / "vault", clock)
    yield opened
    opened.lock()


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


@pytest.fixture
def session(repo: Repository, clock: SteppedClock) -> InterviewSession:
    return open_session(repo, start_session(repo), clock, SAMPLE_TRANSLATIONS)


def through_gates(session: InterviewSession) -> None:
    """Welcome, safety gate, medical question and both consent/rights gates."""
    session.answer(ref("welcome"), True)
    for gate, entries in (
        ("safety_check", ("private_room", "no_companion")),
        ("consent_interview", ("purpose_explained", "agrees")),
        ("rights_told", ("support_unconditional", "may_decline")),
    ):
        if gate == "consent_interview":
            session.answer(ref("urgent_medical"), False)
        assert session.current == ref(gate)
        for entry in entries:
            session.confirm_gate_entry(ref(gate), entry)
        assert session.current == ref(gate)  # stays until the interviewer moves on
        session.resume()


def test_each_answer_is_in_the_vault_and_a_new_session_resumes_at_the_same_item(
    session: InterviewSession, repo: Repository, clock: SteppedClock
) -> None:
    through_gates(session)
    session.answer(ref("birth_date"), approximate_date(1990, about=True))
    assert session.current == ref("sectors")  # an adult: no guardian question

    stored = repo.answers_for_session(session.session_id)
    assert stored[ref("welcome")] == Answer(ref("welcome"), True)
    assert stored[ref("birth_date")].value == {"year": 1990, "about": True}
    assert stored[ref("rights_told")].value == ["support_unconditional", "may_decline"]

    again = open_session(repo, session.session_id, clock, SAMPLE_TRANSLATIONS)
    assert again.current == session.current == ref("sectors")


def test_gate_ticks_are_revisions_with_a_fixed_reason(
    session: InterviewSession, repo: Repository
) -> None:
    session.answer(ref("welcome"), True)
    session.confirm_gate_entry(ref("safety_check"), "private_room")
    assert not session.gate_is_complete(ref("safety_check"))
    assert session.blocking_gate() == ref("safety_check")
    session.confirm_gate_entry(ref("safety_check"), "no_companion")
    assert session.gate_is_complete(ref("safety_check"))

    history = repo.answer_history(session.session_id, ref("safety_check"))
    assert [r.answer.value for r in history] == [["private_room"], ["private_room", "no_companion"]]
    assert [r.reason for r in history] == [None, REASON_GATE_CONFIRMED]

    with pytest.raises(ReasonRequired):
        session.withdraw_gate_entry(ref("safety_check"), "no_companion", "")
    session.withdraw_gate_entry(ref("safety_check"), "no_companion", "ticked by mistake")
    assert repo.answer_history(session.session_id, ref("safety_check"))[-1].reason == (
        "ticked by mistake"
    )


def test_a_declined_gate_stops_the_walk_and_says_which_gate(session: InterviewSession) -> None:
    session.answer(ref("welcome"), True)
    session.non_response(ref("safety_check"), NonResponse.DECLINED)
    assert session.current is None
    assert session.refused_gate == ref("safety_check")
    assert not session.is_done


def test_changing_an_answer_needs_a_reason_and_keeps_the_history(
    session: InterviewSession, repo: Repository
) -> None:
    through_gates(session)
    session.answer(ref("birth_date"), approximate_date(1990))
    assert session.back() == ref("birth_date")
    assert session.needs_reason(ref("birth_date"))

    with pytest.raises(ReasonRequired):
        session.answer(ref("birth_date"), approximate_date(1991))
    assert session.current == ref("birth_date")  # nothing moved
    assert session.state(ref("birth_date")).answer == Answer(
        ref("birth_date"), approximate_date(1990)
    )

    session.answer(ref("birth_date"), approximate_date(1991), reason="the person corrected it")
    history = repo.answer_history(session.session_id, ref("birth_date"))
    assert [(r.revision, r.reason) for r in history] == [(1, None), (2, "the person corrected it")]
    assert session.current == ref("sectors")

    # Saying the same again is not a change: no reason, no new revision.
    session.go_to(ref("birth_date"))
    session.answer(ref("birth_date"), approximate_date(1991))
    assert len(repo.answer_history(session.session_id, ref("birth_date"))) == 2


def test_a_failed_write_leaves_the_interview_where_it_was(
    session: InterviewSession, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_gates(session)
    before = session.current

    def full(*_args: object, **_kwargs: object) -> None:
        raise StorageFull

    monkeypatch.setattr(repo, "save_answer", full)
    with pytest.raises(StorageFull):
        session.answer(ref("birth_date"), approximate_date(1990))
    assert session.current == before == ref("birth_date")
    assert session.state(ref("birth_date")).answer is None
    monkeypatch.undo()
    session.answer(ref("birth_date"), approximate_date(1990))
    assert session.current == ref("sectors")


def test_a_failed_write_after_back_keeps_the_cursor(
    session: InterviewSession, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    through_gates(session)
    session.answer(ref("birth_date"), approximate_date(1990))
    session.back()

    def full(*_args: object, **_kwargs: object) -> None:
        raise StorageFull

    monkeypatch.setattr(repo, "save_answer", full)
    with pytest.raises(StorageFull):
        session.answer(ref("birth_date"), approximate_date(1992), reason="typo")
    assert session.current == ref("birth_date")
    assert not session.following


def test_an_invalid_value_is_refused_before_anything_is_written(
    session: InterviewSession, repo: Repository
) -> None:
    with pytest.raises(AnswerError):
        session.answer(ref("welcome"), "yes")
    assert repo.answers_for_session(session.session_id) == {}
    assert session.current == ref("welcome")


def test_non_responses_follow_the_item_and_whether_it_is_required(
    session: InterviewSession,
) -> None:
    assert session.allowed_non_responses(ref("welcome")) == frozenset(NonResponse)
    assert session.allowed_non_responses(ref("contact_name")) == {
        NonResponse.DECLINED, NonResponse.NOT_ASKED,
    }
    through_gates(session)
    session.answer(ref("birth_date"), approximate_date(2015))
    assert session.current == ref("guardian_present")
    assert session.allowed_non_responses(ref("guardian_present")) == {
        NonResponse.DECLINED, NonResponse.DONT_KNOW,
    }
    session.non_response(ref("guardian_present"), NonResponse.DONT_KNOW)
    assert session.state(ref("guardian_present")).answer == Answer(
        ref("guardian_present"), non_response=NonResponse.DONT_KNOW
    )


def test_repeat_group_instances_are_saved_and_the_group_is_offered_again(
    session: InterviewSession, repo: Repository
) -> None:
    through_gates(session)
    session.answer(ref("birth_date"), approximate_date(1990))
    session.answer(ref("sectors"), choices(["agriculture"]))
    session.answer(ref("hours_per_day"), 8)
    session.answer(ref("documents_taken"), {"option": "self"})
    assert session.current == ref("workplaces")

    first = session.add_instance("workplaces", "Farm near the river")
    assert session.current == ref("workplace_sector", first)
    assert session.prompt().instance_label == "Farm near the river"  # type: ignore[union-attr]
    session.answer(ref("workplace_sector", first), {"option": "domestic"})
    session.answer(ref("workplace_locked", first), False)
    assert session.current == ref("workplaces")  # another place?

    second = session.add_instance("workplaces", "Kitchen")
    assert second == first + 1
    history = repo.answer_history(session.session_id, ref("workplaces"))
    assert [r.reason for r in history] == [None, REASON_INSTANCE_ADDED]
    session.non_response(ref("workplace_sector", second), NonResponse.DONT_KNOW)
    assert session.current == ref("workplaces")

    with pytest.raises(ReasonRequired):
        session.remove_instance("workplaces", second, "")
    session.remove_instance("workplaces", second, "added by mistake")
    assert [i.label for i in session.instances("workplaces")] == ["Farm near the river"]
    assert session.current == ref("workplaces")
    session.resume()
    assert session.current == ref("story")
    kept = session.state(ref("workplace_sector", second))
    assert kept.not_applicable_kept


def test_a_group_with_no_instances_is_recorded_as_none(
    session: InterviewSession, repo: Repository
) -> None:
    through_gates(session)
    while session.current != ref("workplaces"):
        session.non_response(session.current, NonResponse.DECLINED)  # type: ignore[arg-type]
    assert session.current == ref("workplaces")
    session.finish_group("workplaces")
    assert repo.answers_for_session(session.session_id)[ref("workplaces")].value == []
    assert session.current == ref("story")


def test_narrative_keeps_words_translation_and_interpreter(
    session: InterviewSession, repo: Repository
) -> None:
    through_gates(session)
    interpreter = session.interpreters()[0]
    session.go_to(ref("story"))
    session.answer(
        ref("story"),
        narrative("غادرت في الليل", "I left at night", interpreter.name),
        text="غادرت في الليل", translation="I left at night", translated_by=interpreter.id,
    )
    saved = repo.current_revisions(session.session_id)[ref("story")]
    assert (saved.text, saved.translation, saved.translated_by) == (
        "غادرت في الليل", "I left at night", interpreter.id,
    )
    assert saved.answer.value == {
        "original": "غادرت في الليل", "translation": "I left at night",
        "translated_by": interpreter.name,
    }


def test_session_clock_leaves_breaks_out_and_suggests_a_break(
    session: InterviewSession, repo: Repository, clock: SteppedClock
) -> None:
    clock.advance(minutes=30)
    assert session.elapsed() == dt.timedelta(minutes=30)
    assert not session.break_due()
    clock.advance(minutes=15)
    assert session.break_due()
    session.postpone_break_reminder()
    assert not session.break_due()

    session.start_break()
    assert session.on_break
    clock.advance(minutes=20)
    assert session.elapsed() == dt.timedelta(minutes=45)
    assert not session.break_due()
    session.end_break()
    clock.advance(minutes=5)
    assert session.elapsed() == dt.timedelta(minutes=50)
    assert session.since_rest() == dt.timedelta(minutes=5)

    breaks = repo.breaks(session.session_id)
    assert len(breaks) == 1
    assert breaks[0].ended_at is not None

    # A session reopened during a break knows it is on a break.
    session.start_break()
    again = open_session(repo, session.session_id, clock, SAMPLE_TRANSLATIONS)
    assert again.on_break


def test_prompt_in_both_languages(repo: Repository, clock: SteppedClock) -> None:
    french = open_session(repo, start_session(repo, "fr"), clock, SAMPLE_TRANSLATIONS)
    prompt = french.prompt()
    assert prompt is not None
    assert prompt.item.prompt.startswith("My name is on my badge")
    assert prompt.spoken.prompt.startswith("Mon nom est écrit")
    assert prompt.spoken_section.title == "D’abord, votre sécurité"
    assert not prompt.draft
    english = open_session(repo, start_session(repo, "en"), clock, SAMPLE_TRANSLATIONS)
    assert english.prompt().spoken == english.prompt().item  # type: ignore[union-attr]


def test_draft_translations_are_flagged_per_item(
    repo: Repository, clock: SteppedClock, tmp_path: Path
) -> None:
    root = write_arabic_catalogue(tmp_path / "translations")
    arabic = open_session(repo, start_session(repo, "ar"), clock, root)
    assert not arabic.prompt().draft  # type: ignore[union-attr]
    assert arabic.prompt(ref("story")).draft  # type: ignore[union-attr]
    assert arabic.prompt(ref("story")).spoken.prompt.startswith("بكلماتك")  # type: ignore[union-attr]


def test_observations_are_saved_with_their_source(
    session: InterviewSession, repo: Repository
) -> None:
    assert session.indicator_ids(ref("controls"))[:3] == [
        "control.threats", "control.debt_bondage", "control.movement_restricted",
    ]
    session.record_observation("control.documents_withheld", IndicatorSource.DOCUMENT, "copy only")
    [observation] = repo.indicator_observations(session.case_id)
    assert (observation.indicator_id, observation.source, observation.note) == (
        "control.documents_withheld", IndicatorSource.DOCUMENT, "copy only",
    )
    assert observation.session_id == session.session_id


def test_finalise_locks_the_session(session: InterviewSession, repo: Repository) -> None:
    session.answer(ref("welcome"), True)
    fingerprint = session.finalise()
    assert len(fingerprint) == 64
    assert session.is_finalised
    with pytest.raises(SessionFinalised):
        session.confirm_gate_entry(ref("safety_check"), "private_room")
    assert session.current == ref("safety_check")
    addendum = session.open_addendum()
    assert addendum.addendum_to == session.session_id
