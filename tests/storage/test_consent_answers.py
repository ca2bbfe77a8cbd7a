"""A consent answer and its consent record: one transaction, and retractions of errors."""

from __future__ import annotations

from typing import cast

import pytest

from interview_app.domain.model import Answer, DataClass, ItemRef, NonResponse, QuestionId
from interview_app.errors import StorageWriteFailed
from interview_app.storage.db import IntegrityError
from interview_app.storage.repository import (
    ConsentDecision,
    ConsentStatus,
    Repository,
    Session,
)
from interview_app.storage.vault import Vault

POLICE = ItemRef(QuestionId("consent_share_police"))


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


@pytest.fixture
def session(repo: Repository) -> Session:
    case = repo.create_case()
    return repo.start_session(case.id, "consent_rights", "1.0.0", interface_language="en",
                              interview_language="ti")


def _decide(
    repo: Repository, session: Session, value: bool | NonResponse, status: ConsentStatus | None,
    reason: str | None = None,
) -> None:
    answer = (Answer(POLICE, non_response=value) if isinstance(value, NonResponse)
              else Answer(POLICE, value))
    decision = ConsentDecision("share_police", status, "ti", "police", "Ana; Samira")
    repo.save_answer(session.id, answer, data_class=DataClass.ASSISTANCE, reason=reason,
                     consent=decision)


def test_the_answer_and_its_consent_are_written_together(
    repo: Repository, session: Session
) -> None:
    _decide(repo, session, True, ConsentStatus.GIVEN)
    [consent] = repo.consent_history(session.case_id)
    assert (consent.session_id, consent.purpose, consent.recipient, consent.status,
            consent.language, consent.witnessed_by) == (
        session.id, "share_police", "police", ConsentStatus.GIVEN, "ti", "Ana; Samira")
    [revision] = repo.answer_history(session.id, POLICE)
    assert consent.given_at == consent.recorded_at == revision.recorded_at
    actions = [e.action for e in repo.audit_entries()][-2:]
    assert actions == ["answer.saved", "consent.recorded"]


def test_a_consent_that_cannot_be_written_takes_its_answer_with_it(
    repo: Repository, session: Session
) -> None:
    broken = ConsentDecision("share_police", ConsentStatus.GIVEN, cast(str, None))  # NOT NULL
    with pytest.raises(StorageWriteFailed):
        repo.save_answer(session.id, Answer(POLICE, True), data_class=DataClass.ASSISTANCE,
                         consent=broken)
    assert repo.answers_for_session(session.id) == {}
    assert repo.consent_history(session.case_id) == []


def test_an_answer_corrected_to_a_non_response_retracts_what_the_session_decided(
    repo: Repository, session: Session
) -> None:
    earlier = repo.start_session(session.case_id, "first_contact", "1.0.0",
                                 interface_language="en", interview_language="ti")
    repo.save_answer(earlier.id, Answer(POLICE, False), data_class=DataClass.ASSISTANCE,
                     consent=ConsentDecision("share_police", ConsentStatus.REFUSED, "ti",
                                             "police"))
    _decide(repo, session, True, ConsentStatus.GIVEN)
    _decide(repo, session, False, ConsentStatus.WITHDRAWN, reason="the person changed it")
    assert repo.current_consents(session.case_id)[("share_police", "police")].status is (
        ConsentStatus.WITHDRAWN)

    _decide(repo, session, NonResponse.DECLINED, None, reason="wrong button")
    history = repo.consent_history(session.case_id)
    refused, given, withdrawn, *retractions = history
    assert [(r.retracts, r.status) for r in retractions] == [
        (given.id, ConsentStatus.WITHDRAWN), (withdrawn.id, ConsentStatus.WITHDRAWN)]
    # As before this session: the earlier refusal stands again. (A retraction is never
    # "given", so a reader that takes the latest row without knowing retractions errs safe.)
    assert repo.current_consents(session.case_id)[("share_police", "police")] == refused

    # Nothing left to retract: a second non-response writes no consent row.
    _decide(repo, session, NonResponse.DONT_KNOW, None, reason="asked again")
    assert len(repo.consent_history(session.case_id)) == len(history)


def test_a_retraction_must_name_a_live_decision_of_its_own_purpose(
    repo: Repository, session: Session, vault: Vault
) -> None:
    _decide(repo, session, True, ConsentStatus.GIVEN)
    _decide(repo, session, NonResponse.DECLINED, None, reason="wrong button")
    given, retraction = repo.consent_history(session.case_id)
    insert = (
        "INSERT INTO consents (case_id, session_id, purpose, recipient, status, given_at,"
        " language, recorded_at, recorded_by, retracts) VALUES (?, ?, ?, ?, 'given', 't', 'ti',"
        " 't', 1, ?)"
    )
    connection = vault._live_connection()  # the schema's own guard is what is tested
    for purpose, recipient, retracts in (
        ("share_police", "police", given.id),  # already retracted
        ("share_police", "police", retraction.id),  # a retraction is not a decision
        ("share_shelter", "police", given.id),  # another purpose
        ("share_police", None, given.id),  # another recipient
    ):
        with pytest.raises(IntegrityError, match="retraction"):
            connection.execute(insert, (session.case_id, session.id, purpose, recipient,
                                        retracts))
