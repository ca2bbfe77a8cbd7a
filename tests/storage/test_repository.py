"""The repository: cases, sessions, answer revisions, consents and the other case records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interview_app.domain.model import (
    Answer,
    DataClass,
    ItemRef,
    JsonValue,
    NonResponse,
    QuestionId,
)
from interview_app.errors import (
    NotFound,
    ReasonRequired,
    SessionFinalised,
    SessionOpen,
)
from interview_app.storage import vault as vault_module
from interview_app.storage.db import DB_FILE, open_database
from interview_app.storage.repository import (
    CaseStatus,
    ConsentStatus,
    IndicatorSource,
    ParticipantRole,
    ReferralStatus,
    Repository,
    RiskLevel,
    Session,
)
from interview_app.storage.vault import Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, FakeClock, Sleeps

Q1, Q2 = ItemRef(QuestionId("q1")), ItemRef(QuestionId("place"), 2)


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


@pytest.fixture
def session(repo: Repository) -> Session:
    case = repo.create_case("Mira")
    return repo.start_session(
        case.id, "victim_interview", "1.2", interface_language="en", interview_language="ti"
    )


def _save(repo: Repository, session: Session, value: JsonValue, reason: str | None = None,
          ref: ItemRef = Q1) -> int:
    return repo.save_answer(
        session.id, Answer(ref, value=value), data_class=DataClass.STATEMENT, reason=reason
    ).id


def test_case_codes_count_per_year(vault: Vault, vault_dir: Path, sleeps: Sleeps) -> None:
    vault.lock()
    clock = FakeClock(now=dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC), step=dt.timedelta())
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps, clock=clock) as v:
        codes = [v.repository.create_case().code, v.repository.create_case().code]
        clock.now = dt.datetime(2027, 1, 1, 0, 1, tzinfo=dt.UTC)
        codes.append(v.repository.create_case().code)
    assert codes == ["C-2026-0001", "C-2026-0002", "C-2027-0001"]


def test_cases_are_found_by_id_and_code_and_listed_newest_first(repo: Repository) -> None:
    first, second = repo.create_case("A"), repo.create_case("B")
    assert repo.case(first.id) == first
    assert repo.case_by_code(f" {first.code.lower()} ") == first
    assert repo.cases() == [second, first]
    repo.set_pseudonym(first.id, "A2")
    repo.set_case_status(first.id, CaseStatus.CLOSED)
    assert (repo.case(first.id).pseudonym, repo.case(first.id).status) == ("A2", CaseStatus.CLOSED)
    with pytest.raises(NotFound):
        repo.case(999)
    with pytest.raises(NotFound):
        repo.set_pseudonym(999, "x")


def test_a_saved_answer_is_committed_with_its_audit_entry_before_save_returns(
    vault: Vault, repo: Repository, session: Session, vault_dir: Path
) -> None:
    answer_id = _save(repo, session, "at the farm")
    # A second, independent connection sees both rows: the transaction has committed.
    other = open_database(vault_dir / DB_FILE, bytearray(vault._live_key()))
    try:
        assert other.execute("SELECT value FROM answers WHERE id = ?", (answer_id,)).fetchone()
        row = other.execute("SELECT action, target_id FROM audit ORDER BY id DESC LIMIT 1")
        assert row.fetchone() == ("answer.saved", answer_id)
    finally:
        other.close()


def test_a_failed_save_writes_neither_answer_nor_audit(
    repo: Repository, session: Session
) -> None:
    head = repo.audit_head()
    with pytest.raises(NotFound):
        repo.save_answer(999, Answer(Q1, value=1), data_class=DataClass.STATEMENT)
    with pytest.raises(NotFound):  # translator who is not a participant: FK fails mid-write
        repo.save_answer(session.id, Answer(Q1, value=1), data_class=DataClass.STATEMENT,
                         translation="t", translated_by=999)
    assert repo.audit_head() == head
    assert repo.answers_for_session(session.id) == {}


def test_changes_are_new_revisions_with_a_reason(repo: Repository, session: Session) -> None:
    _save(repo, session, "first")
    with pytest.raises(ReasonRequired):
        _save(repo, session, "second")
    with pytest.raises(ReasonRequired):
        _save(repo, session, "second", reason="   ")
    _save(repo, session, "second", reason="interpreter corrected a word")
    repo.save_answer(session.id, Answer(Q1, non_response=NonResponse.DECLINED),
                     data_class=DataClass.STATEMENT, reason="person withdrew the answer")
    history = repo.answer_history(session.id, Q1)
    assert [(r.revision, r.reason) for r in history] == [
        (1, None), (2, "interpreter corrected a word"), (3, "person withdrew the answer"),
    ]
    assert [r.answer for r in history] == [
        Answer(Q1, value="first"), Answer(Q1, value="second"),
        Answer(Q1, non_response=NonResponse.DECLINED),
    ]
    assert repo.answers_for_session(session.id) == {
        Q1: Answer(Q1, non_response=NonResponse.DECLINED)
    }


def test_saving_the_same_answer_again_writes_nothing(repo: Repository, session: Session) -> None:
    first = _save(repo, session, {"option": "yes"})
    head = repo.audit_head()
    assert _save(repo, session, {"option": "yes"}) == first
    assert repo.audit_head() == head


@pytest.mark.parametrize(
    "value",
    [True, False, 0, -3, 2.5, "Ğül Nguyễn ค้ามนุษย์ 人口贩卖 ትግርኛ", ["a", "b"],
     {"year": 2019, "month": 3, "about": True}, {"original": "كلام", "translation": "words"},
     [{"instance": 1, "label": "Farm"}]],
)
def test_every_kind_of_value_round_trips(
    repo: Repository, session: Session, value: JsonValue
) -> None:
    _save(repo, session, value)
    assert repo.answers_for_session(session.id)[Q1].value == value


def test_answers_for_session_rebuilds_every_item_and_instance(
    repo: Repository, session: Session
) -> None:
    _save(repo, session, "x")
    _save(repo, session, "farm", ref=ItemRef(QuestionId("place"), 1))
    _save(repo, session, "port", ref=Q2)
    _save(repo, session, "harbour", ref=Q2, reason="clarified")
    answers = repo.answers_for_session(session.id)
    assert answers == {
        Q1: Answer(Q1, value="x"),
        ItemRef(QuestionId("place"), 1): Answer(ItemRef(QuestionId("place"), 1), value="farm"),
        Q2: Answer(Q2, value="harbour"),
    }
    assert list(answers) == sorted(answers)


def test_text_translation_and_translator_are_kept(repo: Repository, session: Session) -> None:
    interpreter = repo.add_participant(
        session.id, ParticipantRole.INTERPRETER, "Interpreter A", language="ti", dialect="Asmara",
        no_conflict=True, confidentiality=True,
    )
    repo.save_answer(session.id, Answer(Q1, value={"original": "ሰናይ"}),
                     data_class=DataClass.STATEMENT, text="ሰናይ", translation="good",
                     translated_by=interpreter.id)
    revision = repo.current_revisions(session.id)[Q1]
    assert (revision.text, revision.translation, revision.translated_by) == (
        "ሰናይ", "good", interpreter.id
    )
    assert revision.recorded_by == repo.user.id


def test_participants_breaks_and_end(repo: Repository, session: Session) -> None:
    lead = repo.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, "Lead",
                                user_id=repo.user.id)
    interpreter = repo.add_participant(session.id, ParticipantRole.INTERPRETER, "I",
                                       language="ar")
    repo.record_declarations(interpreter.id, no_conflict=True, confidentiality=True)
    assert [p.role for p in repo.participants(session.id)] == [
        ParticipantRole.LEAD_INTERVIEWER, ParticipantRole.INTERPRETER,
    ]
    assert repo.participant(interpreter.id).declared_confidentiality
    assert lead.user_id == repo.user.id
    pause = repo.start_break(session.id)
    repo.end_break(pause.id)
    with pytest.raises(NotFound):
        repo.end_break(pause.id)
    assert repo.breaks(session.id)[0].ended_at is not None
    repo.end_session(session.id)
    repo.end_session(session.id)
    assert repo.session(session.id).ended_at is not None


def test_an_interpreter_needs_a_language(repo: Repository, session: Session) -> None:
    with pytest.raises(Exception, match="."):
        repo.add_participant(session.id, ParticipantRole.INTERPRETER, "I")


def test_a_finalised_session_takes_corrections_only_as_addenda(
    repo: Repository, session: Session
) -> None:
    _save(repo, session, "first")
    with pytest.raises(SessionOpen):
        repo.open_addendum(session.id)
    fingerprint = repo.finalise_session(session.id)
    assert len(fingerprint) == 64
    assert repo.session(session.id).fingerprint == fingerprint
    with pytest.raises(SessionFinalised):
        _save(repo, session, "changed", reason="late correction")
    with pytest.raises(SessionFinalised):
        repo.finalise_session(session.id)
    with pytest.raises(SessionFinalised):
        repo.add_participant(session.id, ParticipantRole.SECOND_INTERVIEWER, "late")
    addendum = repo.open_addendum(session.id)
    assert (addendum.addendum_to, addendum.form_id, addendum.interview_language) == (
        session.id, session.form_id, session.interview_language,
    )
    repo.save_answer(addendum.id, Answer(Q1, value="changed"), data_class=DataClass.STATEMENT)
    assert repo.answers_for_session(session.id) == {Q1: Answer(Q1, value="first")}
    assert repo.addenda(session.id) == [addendum]


def test_the_fingerprint_depends_on_every_revision(repo: Repository) -> None:
    def finalised(*values: str) -> str:
        case = repo.create_case()
        s = repo.start_session(case.id, "f", "1", interface_language="en",
                               interview_language="en")
        for number, value in enumerate(values):
            _save(repo, s, value, reason=f"change {number}" if number else None)
        return repo.finalise_session(s.id)

    assert finalised("a") != finalised("b")
    assert finalised("a", "b") != finalised("b")


def test_identity_annex_keeps_every_revision(repo: Repository) -> None:
    case = repo.create_case()
    repo.record_identity(case.id, "full_name", "Amina")
    repo.record_identity(case.id, "date_of_birth", {"year": 2001, "about": True})
    repo.record_identity(case.id, "full_name", "Amina K.", reason="spelling")
    assert repo.identity(case.id) == {
        "full_name": "Amina K.", "date_of_birth": {"year": 2001, "about": True}
    }
    assert [v.reason for v in repo.identity_history(case.id)] == [None, None, "spelling"]


def test_changing_an_identity_field_needs_a_reason(repo: Repository) -> None:
    case = repo.create_case()
    repo.record_identity(case.id, "full_name", "Amina")
    with pytest.raises(ReasonRequired):
        repo.record_identity(case.id, "full_name", "Someone Else")
    with pytest.raises(ReasonRequired):
        repo.record_identity(case.id, "full_name", "Someone Else", reason="  ")
    assert repo.identity(case.id) == {"full_name": "Amina"}
    repo.record_identity(case.id, "full_name", "Amina")  # the same value again: no change
    assert len(repo.identity_history(case.id)) == 2


def test_consent_history_and_current_decision(repo: Repository) -> None:
    case = repo.create_case()
    given = repo.record_consent(case.id, "referral", ConsentStatus.GIVEN, language="ti",
                                recipient="shelter", witnessed_by="Interpreter A",
                                given_at=dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC))
    repo.record_consent(case.id, "referral", ConsentStatus.WITHDRAWN, language="ti",
                        recipient="shelter")
    repo.record_consent(case.id, "statistics", ConsentStatus.REFUSED, language="ti")
    assert given.given_at == "2026-03-01T10:00:00.000000Z"
    assert [c.status for c in repo.consent_history(case.id)] == [
        ConsentStatus.GIVEN, ConsentStatus.WITHDRAWN, ConsentStatus.REFUSED,
    ]
    current = repo.current_consents(case.id)
    assert current[("referral", "shelter")].status is ConsentStatus.WITHDRAWN
    assert current[("statistics", None)].status is ConsentStatus.REFUSED


def test_rights_indicators_and_risks(repo: Repository, session: Session) -> None:
    case_id = session.case_id
    repo.record_rights_given(case_id, "reflection_period", language="ti", session_id=session.id)
    assert [r.item for r in repo.rights_given(case_id)] == ["reflection_period"]
    seen = repo.observe_indicator(case_id, "documents_withheld", IndicatorSource.STATED,
                                  note="passport kept by employer")
    repo.observe_indicator(case_id, "documents_withheld", IndicatorSource.STATED,
                           retracts=seen.id, note="misunderstood")
    observations = repo.indicator_observations(case_id)
    assert [(o.source, o.retracts) for o in observations] == [
        (IndicatorSource.STATED, None), (IndicatorSource.STATED, seen.id),
    ]
    repo.assess_risk(case_id, "retaliation", RiskLevel.HIGH, note="threats by phone")
    assert repo.risk_assessments(case_id)[0].level is RiskLevel.HIGH


def test_directory_referrals_and_export_register(repo: Repository) -> None:
    case = repo.create_case()
    shelter = repo.add_directory_entry("Safe House", "shelter", contact={"phone": "+000"},
                                       languages=["en", "ti"])
    consent = repo.record_consent(case.id, "referral", ConsentStatus.GIVEN, language="ti",
                                  recipient=str(shelter.id))
    referral = repo.create_referral(case.id, shelter.id, ["needs", "languages"],
                                    consent_id=consent.id)
    assert referral.status is ReferralStatus.SENT
    repo.set_referral_status(referral.id, ReferralStatus.ACKNOWLEDGED)
    repo.set_referral_status(referral.id, ReferralStatus.CLOSED)
    assert repo.referrals(case.id)[0].status is ReferralStatus.CLOSED
    assert repo.referrals(case.id)[0].fields_shared == ("needs", "languages")
    repo.update_directory_entry(shelter.id, name="Safe House", kind="shelter", contact={},
                                languages=["en"], notes="", active=False)
    assert repo.directory() == []
    assert repo.directory(include_inactive=True)[0].languages == ("en",)
    record = repo.register_export("doc-1", "referral", "AB" * 32, case_id=case.id,
                                  recipient="Safe House")
    assert repo.export_register(case.id) == [record]
    assert repo.audit_entries()[-1].action == "export"


def test_a_session_records_where_it_takes_place(repo: Repository) -> None:
    case = repo.create_case()
    there = repo.start_session(case.id, "first_contact", "1.0.0", interface_language="en",
                               interview_language="ro", place="other",
                               place_detail="a bus station waiting room")
    unknown = repo.start_session(case.id, "first_contact", "1.0.0", interface_language="en",
                                 interview_language="ro")
    assert (there.place, there.place_detail) == ("other", "a bus station waiting room")
    assert (unknown.place, unknown.place_detail) == (None, None)
    assert [s.place for s in repo.sessions_for_case(case.id)] == ["other", None]
