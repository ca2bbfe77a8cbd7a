"""The clock going backwards: order comes from the vault's sequence, never from timestamps."""

# A dead clock battery, a wrong manual setting, a time zone mix-up corrected by hand.

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.documents.case_data import consent_events_of_case
from interview_app.domain.consent import ConsentState, Recipient, consent_state, sharing_check
from interview_app.domain.model import Answer, ConsentPurpose, DataClass, ItemRef, QuestionId
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import ConsentStatus, Repository
from interview_app.storage.vault import Vault
from tests.interview_support import SteppedClock, create_vault
from tests.script_sessions import consents, drive, open_script_session, start
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

HOUR = dt.timedelta(hours=1)


class BackwardsClock:
    """Each reading an hour earlier than the one before."""

    def __init__(self) -> None:
        self.now = dt.datetime(2027, 1, 1, 3, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now -= HOUR
        return self.now


@pytest.fixture
def backwards(tmp_path: Path) -> Iterator[Vault]:
    clock = BackwardsClock()
    vault_module.create(tmp_path / "vault", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF,
                        clock=clock)[0].lock()
    with vault_module.unlock(tmp_path / "vault", SUPERVISOR, PASSPHRASE, clock=clock,
                             sleep=lambda _s: None) as vault:
        yield vault


def test_the_last_revision_saved_is_the_current_one_whatever_its_time(backwards: Vault) -> None:
    repo = backwards.repository
    case = repo.create_case("Clock")
    session = repo.start_session(case.id, "f", "1", interface_language="en",
                                 interview_language="en")
    ref = ItemRef(QuestionId("where"))
    for number, words in enumerate(("first words", "second words", "third words")):
        repo.save_answer(session.id, Answer(ref, value=words), data_class=DataClass.STATEMENT,
                         reason=None if number == 0 else "the person corrected it")
    history = repo.answer_history(session.id, ref)
    assert [r.revision for r in history] == [1, 2, 3]
    assert [r.recorded_at for r in history] == sorted(r.recorded_at for r in history)[::-1]
    assert repo.answers_for_session(session.id)[ref].value == "third words"
    assert repo.current_revisions(session.id)[ref].revision == 3


def test_the_audit_chain_keeps_its_order_and_verifies(backwards: Vault) -> None:
    repo = backwards.repository
    for number in range(5):
        repo.create_case(f"case {number}")
    entries = repo.audit_entries()
    assert [e.id for e in entries] == list(range(1, len(entries) + 1))
    times = [e.at for e in entries]
    assert times == sorted(times, reverse=True)  # every entry earlier than the one before
    assert repo.verify_audit() is None


def test_case_codes_stay_unique_across_a_year_the_clock_fell_back_over(backwards: Vault) -> None:
    repo = backwards.repository
    made = [repo.create_case(f"case {n}") for n in range(4)]  # 2026-12-31, after 2027 ones
    codes = [case.code for case in made]
    assert len(set(codes)) == len(codes)
    assert [c.id for c in repo.cases()] == [c.id for c in reversed(made)]  # newest first, by id


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def repo(tmp_path: Path, clock: SteppedClock) -> Iterator[Repository]:
    vault = create_vault(tmp_path / "vault", clock)
    yield vault.repository
    vault.lock()


def test_a_no_given_while_the_clock_is_behind_still_withdraws_consent(
    repo: Repository, clock: SteppedClock
) -> None:
    """The person agreed to sharing with the police, then (the clock now two hours behind)
    changed their mind. The decision made last is the one that stands: nothing goes out."""
    case = repo.create_case()
    session = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(session, consents())
    clock.advance(hours=-2)
    police = ItemRef(QuestionId("consent_share_police"))
    session.go_to(police)
    session.answer(police, False, reason="the person changed their mind")
    current = repo.current_consents(case.id)[("share_police", "police")]
    assert current.status is ConsentStatus.WITHDRAWN
    events = consent_events_of_case(repo, case.id)
    assert consent_state(events, ConsentPurpose.SHARE_POLICE) is ConsentState.WITHDRAWN
    assert not sharing_check(DataClass.STATEMENT, Recipient.POLICE, events).allowed


def test_a_yes_given_again_while_the_clock_is_behind_gives_consent_again(
    repo: Repository, clock: SteppedClock
) -> None:
    case = repo.create_case()
    session = open_script_session(repo, start(repo, case.id, "consent_rights"), clock)
    drive(session, consents(consent_share_shelter=False))
    clock.advance(hours=-2)
    shelter = ItemRef(QuestionId("consent_share_shelter"))
    session.go_to(shelter)
    session.answer(shelter, True, reason="the person agreed after all")
    events = consent_events_of_case(repo, case.id)
    assert consent_state(events, ConsentPurpose.SHARE_SHELTER) is ConsentState.GIVEN


def test_a_decision_recorded_later_for_an_earlier_day_keeps_its_day(
    repo: Repository, clock: SteppedClock
) -> None:
    """Backdating is not a clock fault: a consent signed on paper last week and typed in
    today counts as of last week, so a withdrawal made since still stands."""
    case = repo.create_case()
    repo.record_consent(case.id, "share_police", ConsentStatus.WITHDRAWN, language="en",
                        recipient="police")
    repo.record_consent(case.id, "share_police", ConsentStatus.GIVEN, language="en",
                        recipient="police", given_at=clock.now - dt.timedelta(days=7))
    events = consent_events_of_case(repo, case.id)
    assert consent_state(events, ConsentPurpose.SHARE_POLICE) is ConsentState.WITHDRAWN
