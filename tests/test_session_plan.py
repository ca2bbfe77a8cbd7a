"""The rules of a session plan: an interpreter's declarations, a child's place, the records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interview_app import session_plan
from interview_app.domain.forms import load_form
from interview_app.session_plan import AgeGroup, InterpreterPlan, Place, SessionPlan
from interview_app.storage import vault as vaults
from interview_app.storage.repository import ParticipantRole
from tests.shell_support import PASSPHRASE, SUPERVISOR, TINY_KDF

INTERPRETER = InterpreterPlan("Samira", "ar", "Levantine", no_conflict=True, confidentiality=True)


@pytest.fixture
def plan(sample_form_path: Path) -> SessionPlan:
    return SessionPlan(case_id=1, form=load_form(sample_form_path), interface_language="en",
                       interview_language="en", lead="ana")


def test_a_plan_with_a_lead_may_start(plan: SessionPlan) -> None:
    assert session_plan.problems(plan) == []
    assert session_plan.warnings(plan) == []


def test_the_lead_interviewer_is_named(plan: SessionPlan) -> None:
    assert session_plan.problems(replace(plan, lead="  ")) == ["Name the lead interviewer."]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": ""}, "Name the interpreter."),
        ({"language": ""}, "Say which language the interpreter interprets."),
        ({"no_conflict": False}, "no relation to the person or to the suspects"),
        ({"confidentiality": False}, "confidential"),
    ],
)
def test_an_interpreter_needs_a_name_a_language_and_both_declarations(
    plan: SessionPlan, change: dict[str, object], expected: str
) -> None:
    found = session_plan.problems(replace(plan, interpreter=replace(INTERPRETER, **change)))
    assert len(found) == 1
    assert expected in found[0]


@pytest.mark.parametrize("place", [Place.POLICE_STATION, Place.PLACE_OF_EXPLOITATION])
@pytest.mark.parametrize("age", [AgeGroup.CHILD, AgeGroup.NOT_KNOWN])
def test_warns_for_a_child_at_a_police_station_or_the_place_of_exploitation(
    plan: SessionPlan, place: Place, age: AgeGroup
) -> None:
    warned = replace(plan, place=place, age=age)
    assert len(session_plan.warnings(warned)) == 1
    assert session_plan.problems(warned) == []  # a warning, not a refusal
    assert session_plan.warnings(replace(warned, age=AgeGroup.ADULT)) == []
    assert session_plan.warnings(replace(warned, place=Place.SHELTER)) == []


def test_start_records_the_session_and_everyone_in_the_room(
    plan: SessionPlan, tmp_path: Path
) -> None:
    vault, _key = vaults.create(tmp_path / "v", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    with vault:
        repository = vault.repository
        case = repository.create_case()
        full = replace(plan, case_id=case.id, lead=SUPERVISOR, second="Ben",
                       interpreter=INTERPRETER, interview_language="en")
        session = session_plan.start(repository, full)
        assert (session.form_id, session.form_version) == ("sample", "1.0.0")
        people = repository.participants(session.id)
        assert [(p.role, p.name) for p in people] == [
            (ParticipantRole.LEAD_INTERVIEWER, SUPERVISOR),
            (ParticipantRole.SECOND_INTERVIEWER, "Ben"),
            (ParticipantRole.INTERPRETER, "Samira"),
        ]
        assert people[0].user_id == vault.user.id
        interpreter = people[2]
        assert (interpreter.language, interpreter.dialect) == ("ar", "Levantine")
        assert interpreter.declared_no_conflict
        assert interpreter.declared_confidentiality
        with pytest.raises(ValueError, match="not complete"):
            session_plan.start(repository, replace(full, lead=""))


def test_somewhere_else_needs_a_few_words_and_the_place_is_recorded(
    plan: SessionPlan, tmp_path: Path
) -> None:
    elsewhere = replace(plan, place=Place.OTHER)
    assert session_plan.problems(elsewhere) == ["Say in a few words where the session takes place."]
    assert session_plan.problems(replace(elsewhere, place_detail="x" * 201)) == [
        "Describe the place in at most 200 characters."]
    vault, _key = vaults.create(tmp_path / "v", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    with vault:
        case = vault.repository.create_case()
        outreach = replace(plan, case_id=case.id, place=Place.OUTREACH,
                           place_detail="  night   bus  ")
        session = session_plan.start(vault.repository, outreach)
        assert (session.place, session.place_detail) == ("outreach", "night bus")
