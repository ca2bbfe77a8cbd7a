"""Consent per purpose, latest decision wins, and what may go to which recipient."""

from __future__ import annotations

import datetime as dt

import pytest

from interview_app.domain.consent import (
    ALLOWED_CLASSES,
    SHARING_PURPOSE,
    ConsentEvent,
    ConsentState,
    Recipient,
    consent_events,
    consent_state,
    may_share,
    record_kept,
    sharing_check,
)
from interview_app.domain.model import (
    Answer,
    ConsentPurpose,
    DataClass,
    Form,
    FormId,
    ItemRef,
    NonResponse,
    QuestionId,
)
from tests.domain.test_engine_support import item, section

P = ConsentPurpose
MONDAY = dt.datetime(2025, 6, 16, 10, 0)


def _at(hours: int) -> dt.datetime:
    return MONDAY + dt.timedelta(hours=hours)


def everything_but_police() -> list[ConsentEvent]:
    events = [ConsentEvent(P.KEEP_RECORD, True, MONDAY)]
    for recipient, purpose in SHARING_PURPOSE.items():
        events.append(ConsentEvent(purpose, recipient is not Recipient.POLICE, MONDAY))
    return events


def test_every_recipient_has_its_own_purpose_and_data_limits() -> None:
    assert set(SHARING_PURPOSE) == set(Recipient)
    assert len(set(SHARING_PURPOSE.values())) == len(Recipient)
    assert set(ALLOWED_CLASSES) == set(Recipient)


def test_no_decision_means_not_asked_and_nothing_is_shared() -> None:
    assert consent_state([], P.SHARE_SHELTER) is ConsentState.NOT_ASKED
    check = sharing_check(DataClass.ASSISTANCE, Recipient.SHELTER, [])
    assert not check
    assert check.reason == "the person was not asked about sharing with shelter"


def test_the_latest_decision_wins_and_a_later_no_is_a_withdrawal() -> None:
    given = ConsentEvent(P.SHARE_MEDICAL, True, _at(1))
    withdrawn = ConsentEvent(P.SHARE_MEDICAL, False, _at(2))
    again = ConsentEvent(P.SHARE_MEDICAL, True, _at(3))
    assert consent_state([given], P.SHARE_MEDICAL) is ConsentState.GIVEN
    assert consent_state([withdrawn, given], P.SHARE_MEDICAL) is ConsentState.WITHDRAWN
    assert consent_state([again, withdrawn, given], P.SHARE_MEDICAL) is ConsentState.GIVEN
    refused = ConsentEvent(P.SHARE_MEDICAL, False, _at(1))
    assert consent_state([refused], P.SHARE_MEDICAL) is ConsentState.REFUSED


def test_decisions_at_the_same_moment_count_in_the_order_given() -> None:
    yes = ConsentEvent(P.SHARE_POLICE, True, MONDAY)
    no = ConsentEvent(P.SHARE_POLICE, False, MONDAY)
    assert consent_state([yes, no], P.SHARE_POLICE) is ConsentState.WITHDRAWN
    assert consent_state([no, yes], P.SHARE_POLICE) is ConsentState.GIVEN


def test_refusing_the_police_blocks_the_police_referral_and_allows_the_others() -> None:
    events = everything_but_police()
    police = sharing_check(DataClass.STATEMENT, Recipient.POLICE, events)
    assert not police.allowed
    assert police.reason == "the person refused sharing with police"
    assert may_share(DataClass.ASSISTANCE, Recipient.SHELTER, events)
    assert may_share(DataClass.IDENTITY, Recipient.MEDICAL, events)
    assert may_share(DataClass.STATEMENT, Recipient.LEGAL_AID, events)
    assert may_share(DataClass.STATEMENT, Recipient.COORDINATOR, events)
    assert may_share(DataClass.INTELLIGENCE, Recipient.LABOUR_INSPECTORATE, events)


def test_withdrawing_stops_later_sharing() -> None:
    events = [
        ConsentEvent(P.KEEP_RECORD, True, _at(0)),
        ConsentEvent(P.SHARE_POLICE, True, _at(1)),
    ]
    assert may_share(DataClass.STATEMENT, Recipient.POLICE, events)
    events.append(ConsentEvent(P.SHARE_POLICE, False, _at(5), source="session 2"))
    check = sharing_check(DataClass.STATEMENT, Recipient.POLICE, events)
    assert check.reason == "the person withdrew sharing with police"


@pytest.mark.parametrize(
    ("data_class", "recipient"),
    [
        (DataClass.STATEMENT, Recipient.SHELTER),
        (DataClass.INTELLIGENCE, Recipient.SHELTER),
        (DataClass.STATEMENT, Recipient.MEDICAL),
        (DataClass.ASSISTANCE, Recipient.POLICE),
        (DataClass.INTELLIGENCE, Recipient.LEGAL_AID),
        (DataClass.ASSISTANCE, Recipient.ORIGIN_COUNTRY),
        (DataClass.STATEMENT, Recipient.ORIGIN_COUNTRY),
    ],
)
def test_consent_does_not_widen_what_a_kind_of_recipient_may_receive(
    data_class: DataClass, recipient: Recipient
) -> None:
    events = [ConsentEvent(P.KEEP_RECORD, True, MONDAY)] + [
        ConsentEvent(purpose, True, MONDAY) for purpose in SHARING_PURPOSE.values()
    ]
    check = sharing_check(data_class, recipient, events)
    assert not check
    assert check.reason == f"{recipient.value} never receives {data_class.value} data"


def test_without_the_record_nothing_is_shared() -> None:
    events = [
        ConsentEvent(P.KEEP_RECORD, False, MONDAY),
        ConsentEvent(P.SHARE_SHELTER, True, MONDAY),
    ]
    assert not record_kept(events)
    check = sharing_check(DataClass.ASSISTANCE, Recipient.SHELTER, events)
    assert check.reason == "the person did not agree to keep the record"
    assert record_kept([])  # not yet asked is not a refusal


def test_a_question_is_judged_by_its_data_class() -> None:
    events = everything_but_police()
    needs = item("needs", "yes_no", data_class=DataClass.ASSISTANCE)
    offender = item("offender_phone", "text", data_class=DataClass.INTELLIGENCE)
    assert may_share(needs, Recipient.SHELTER, events)
    assert not may_share(offender, Recipient.SHELTER, events)


def test_consent_questions_become_events_and_non_responses_decide_nothing() -> None:
    form = Form(
        FormId("consents"),
        "1",
        "Consents",
        "Test",
        (
            section(
                "s",
                [
                    item("c_police", "yes_no", consent=P.SHARE_POLICE),
                    item("c_shelter", "yes_no", consent=P.SHARE_SHELTER),
                    item("c_medical", "yes_no", consent=P.SHARE_MEDICAL),
                    item("plain", "yes_no"),
                ],
            ),
        ),
    )

    def ref(name: str) -> ItemRef:
        return ItemRef(QuestionId(name))

    answers = {
        ref("c_police"): Answer(ref("c_police"), False),
        ref("c_shelter"): Answer(ref("c_shelter"), True),
        ref("c_medical"): Answer(ref("c_medical"), non_response=NonResponse.DECLINED),
        ref("plain"): Answer(ref("plain"), True),
    }
    events = consent_events(form, answers, MONDAY, source="first contact")
    assert events == [
        ConsentEvent(P.SHARE_POLICE, False, MONDAY, "first contact"),
        ConsentEvent(P.SHARE_SHELTER, True, MONDAY, "first contact"),
    ]
    assert consent_state(events, P.SHARE_MEDICAL) is ConsentState.NOT_ASKED
