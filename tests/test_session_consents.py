"""Consent questions answered in an interview land in the consents table with their answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.errors import StorageFull
from interview_app.storage.repository import ConsentStatus, Repository
from interview_app.storage.vault import Vault
from tests.interview_support import INTERPRETER, SteppedClock, create_vault
from tests.script_sessions import consents, drive, open_script_session, start

GIVEN, REFUSED, WITHDRAWN = ConsentStatus.GIVEN, ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN


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


def _current(repo: Repository, case_id: int) -> dict[str, ConsentStatus]:
    return {purpose: c.status for (purpose, _), c in repo.current_consents(case_id).items()}


def test_each_consent_answer_is_a_decision_in_the_consents_table(
    repo: Repository, clock: SteppedClock
) -> None:
    case = repo.create_case()
    session = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    plan = consents(
        consent_share_medical=NonResponse.DONT_KNOW,  # decides nothing
        consent_share_return=NonResponse.NOT_ASKED,
        consent_contact_origin=NonResponse.NOT_ASKED,
    )
    drive(session, plan, until="consent_share_police")
    assert _current(repo, case.id) == {
        "interview": GIVEN, "keep_record": GIVEN, "share_shelter": GIVEN,
        "share_legal_aid": GIVEN, "share_child_protection": GIVEN, "share_coordinator": GIVEN,
        "share_labour_inspectorate": GIVEN,
    }
    clock.advance(minutes=5)
    session.answer(ref("consent_share_police"), False)
    police = repo.current_consents(case.id)[("share_police", "police")]
    assert police.status is REFUSED
    assert (police.session_id, police.language) == (session.session_id, "en")
    assert police.witnessed_by == f"Ana; {INTERPRETER}"
    assert police.given_at == "2026-03-01T09:05:00.000000Z"
    assert repo.current_consents(case.id)[("keep_record", None)].recipient is None
    assert ("share_medical", "medical") not in repo.current_consents(case.id)


def test_a_changed_answer_withdraws_and_a_correction_to_a_non_response_retracts(
    repo: Repository, clock: SteppedClock
) -> None:
    case = repo.create_case()
    session = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(session, consents())
    session.go_to(ref("consent_share_shelter"))
    session.answer(ref("consent_share_shelter"), False, reason="the person changed their mind")
    assert _current(repo, case.id)["share_shelter"] is WITHDRAWN

    session.go_to(ref("consent_share_police"))
    session.non_response(ref("consent_share_police"), NonResponse.DECLINED,
                         reason="pressed yes by mistake")
    assert "share_police" not in _current(repo, case.id)  # as if never decided: not given
    statuses = [(c.status, c.retracts is not None) for c in repo.consent_history(case.id)
                if c.purpose == "share_police"]
    assert statuses == [(GIVEN, False), (WITHDRAWN, True)]


def test_a_later_session_withdraws_or_gives_again(
    repo: Repository, clock: SteppedClock
) -> None:
    case = repo.create_case()
    first = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(first, consents(consent_share_police=False))
    repo.finalise_session(first.session_id)

    clock.advance(days=7)
    later = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(later, consents(consent_share_shelter=False))
    current = _current(repo, case.id)
    assert (current["share_shelter"], current["share_police"]) == (WITHDRAWN, GIVEN)
    assert current["share_medical"] is GIVEN  # decided again, the same way


def test_an_answer_that_is_not_saved_records_no_consent_either(
    repo: Repository, clock: SteppedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = repo.create_case()
    session = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(session, {}, until="consent_interview")

    def full(*_args: object, **_kwargs: object) -> None:
        raise StorageFull

    monkeypatch.setattr(repo, "save_answer", full)
    with pytest.raises(StorageFull):
        session.answer(ref("consent_interview"), True)
    assert repo.consent_history(case.id) == []
    assert session.current == ref("consent_interview")
