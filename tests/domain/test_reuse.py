"""Pre-filling from earlier sessions: only real answers, only where consent allows, shown."""

from __future__ import annotations

import datetime as dt
from typing import cast

from interview_app.domain.answer_validation import choice
from interview_app.domain.consent import ConsentEvent, Recipient
from interview_app.domain.engine import Engine
from interview_app.domain.model import (
    Answer,
    ConsentPurpose,
    DataClass,
    Form,
    FormId,
    ItemRef,
    JsonValue,
    NonResponse,
    Option,
    QuestionId,
)
from interview_app.domain.reuse import NotReused, PriorAnswer, Reused, prefill
from tests.domain.test_engine_support import item, section

TODAY = dt.date(2025, 6, 15)
EARLIER = dt.datetime(2025, 6, 1, 9, 30)
P = ConsentPurpose


def _ref(name: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(name), instance)


def _intake() -> Form:
    gender = (Option("woman", "A woman"), Option("man", "A man"), Option("other", "Other"))
    return Form(
        FormId("intake"),
        "1",
        "Intake",
        "Test",
        (
            section(
                "s",
                [
                    item("language", "text", reuse=("first_contact.language",)),
                    item(
                        "staff_gender",
                        "single_choice",
                        options=gender,
                        reuse=("first_contact.interviewer_gender",),
                    ),
                    item(
                        "age",
                        "number",
                        integer=True,
                        minimum=0,
                        maximum=120,
                        reuse=("first_contact.age", "identification.age"),
                    ),
                    item("papers_taken", "yes_no", reuse=("identification.papers_taken",)),
                    item("diet", "text"),
                ],
            ),
        ),
    )


def _prior(
    source: str,
    value: object,
    data_class: DataClass = DataClass.ASSISTANCE,
    session: str = "first contact",
) -> PriorAnswer:
    ref = _ref(source.split(".")[1])
    answer = (
        Answer(ref, non_response=value)
        if isinstance(value, NonResponse)
        else Answer(ref, cast(JsonValue, value))
    )
    return PriorAnswer(source, answer, data_class, session, EARLIER)


def _consents(*purposes: ConsentPurpose) -> list[ConsentEvent]:
    return [ConsentEvent(P.KEEP_RECORD, True, EARLIER)] + [
        ConsentEvent(p, True, EARLIER) for p in purposes
    ]


PRIOR = {
    "first_contact.language": _prior("first_contact.language", "Romanian"),
    "first_contact.interviewer_gender": _prior("first_contact.interviewer_gender", choice("woman")),
    "first_contact.age": _prior("first_contact.age", NonResponse.DONT_KNOW),
    "identification.age": _prior("identification.age", 34, DataClass.IDENTITY, "identification"),
    "identification.papers_taken": _prior(
        "identification.papers_taken", True, DataClass.STATEMENT, "identification"
    ),
}


def test_consented_answers_are_reused_and_listed_with_where_they_came_from() -> None:
    result = prefill(
        _intake(), PRIOR, _consents(P.SHARE_SHELTER), recipient=Recipient.SHELTER, today=TODAY
    )
    assert result.answers == {
        _ref("language"): Answer(_ref("language"), "Romanian"),
        _ref("staff_gender"): Answer(_ref("staff_gender"), {"option": "woman"}),
        _ref("age"): Answer(_ref("age"), 34),
    }
    assert result.reused == (
        Reused(_ref("language"), "first_contact.language", "first contact", EARLIER),
        Reused(_ref("staff_gender"), "first_contact.interviewer_gender", "first contact", EARLIER),
        Reused(_ref("age"), "identification.age", "identification", EARLIER),
    )
    # The account of what happened goes to a shelter only as needs, never as the statement.
    assert result.not_reused == (
        NotReused(
            _ref("papers_taken"),
            "identification.papers_taken",
            "shelter never receives statement data",
        ),
    )


def test_nothing_is_reused_for_a_shelter_without_consent_to_share_with_it() -> None:
    result = prefill(
        _intake(), PRIOR, _consents(P.SHARE_POLICE), recipient=Recipient.SHELTER, today=TODAY
    )
    assert result.answers == {}
    assert result.reused == ()
    reasons = {str(n.ref.question_id): n.reason for n in result.not_reused}
    assert reasons["language"] == "the person was not asked about sharing with shelter"


def test_a_withdrawn_consent_stops_reuse() -> None:
    events = [
        *_consents(P.SHARE_SHELTER),
        ConsentEvent(P.SHARE_SHELTER, False, EARLIER + dt.timedelta(days=3)),
    ]
    result = prefill(_intake(), PRIOR, events, recipient=Recipient.SHELTER, today=TODAY)
    assert result.answers == {}
    assert {n.reason for n in result.not_reused} >= {"the person withdrew sharing with shelter"}


def test_within_the_same_organisation_only_the_record_consent_counts() -> None:
    result = prefill(_intake(), PRIOR, _consents(), recipient=None, today=TODAY)
    assert set(result.answers) == {
        _ref("language"),
        _ref("staff_gender"),
        _ref("age"),
        _ref("papers_taken"),
    }
    refused = [ConsentEvent(P.KEEP_RECORD, False, EARLIER)]
    none = prefill(_intake(), PRIOR, refused, recipient=None, today=TODAY)
    assert none.answers == {}


def test_a_non_response_or_an_answer_that_no_longer_fits_is_asked_again() -> None:
    prior = {
        "first_contact.age": _prior("first_contact.age", NonResponse.DECLINED),
        "first_contact.interviewer_gender": _prior(
            "first_contact.interviewer_gender", choice("no_preference")
        ),
    }
    result = prefill(
        _intake(), prior, _consents(P.SHARE_SHELTER), recipient=Recipient.SHELTER, today=TODAY
    )
    assert result.answers == {}
    assert result.not_reused == (
        NotReused(
            _ref("staff_gender"),
            "first_contact.interviewer_gender",
            "the earlier answer does not fit this question",
        ),
        NotReused(
            _ref("age"), "first_contact.age", "the earlier answer was a non-response; ask again"
        ),
    )


def test_the_engine_starts_after_the_reused_answers() -> None:
    result = prefill(
        _intake(), PRIOR, _consents(P.SHARE_SHELTER), recipient=Recipient.SHELTER, today=TODAY
    )
    engine = Engine(_intake(), result.answers, TODAY)
    assert engine.current == _ref("papers_taken")
    engine.answer(_ref("papers_taken"), False)
    assert engine.current == _ref("diet")
