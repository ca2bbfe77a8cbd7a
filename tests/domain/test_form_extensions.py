"""Script keys for the field scripts: observation, urgent_if, consent and reuse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interview_app.commands.forms import outline
from interview_app.domain.alerts import urgent_items
from interview_app.domain.answer_validation import choice
from interview_app.domain.conditions import Equals
from interview_app.domain.engine import Engine
from interview_app.domain.forms import check_forms
from interview_app.domain.model import ConsentPurpose, ItemRef, JsonValue, NonResponse
from interview_app.domain.model import QuestionId as Q
from tests.domain.forms_helpers import (
    assert_problem,
    line_of,
    load,
    mutate,
    mutated,
    problems,
    sample_text,
)

TODAY = dt.date(2025, 6, 15)
URGENT = """        htcds: needs_medical
"""
URGENT_SELF = """        htcds: needs_medical
        urgent_if: {equals: {question: urgent_medical, value: true}}
"""


def _walk_to_urgent_medical(engine: Engine) -> None:
    engine.answer(ItemRef(Q("welcome")), True)
    engine.answer(ItemRef(Q("safety_check")), ["private_room", "no_companion"])


def test_observation_defaults_to_false_and_loads_on_questions_and_notes() -> None:
    text = mutated(
        "        data_class: assistance\n        htcds: needs_medical\n",
        "        data_class: assistance\n        htcds: needs_medical\n        observation: true\n",
    )
    text = mutate(
        text,
        "        guidance: Sit at the same level",
        "        observation: true\n        guidance: Sit at the same level",
    )
    form = load(text)
    assert form.item("urgent_medical").observation is True
    assert form.item("welcome").observation is True
    assert load(sample_text()).item("urgent_medical").observation is False


def test_observation_does_not_apply_to_a_gate() -> None:
    text = mutated("        gate: safety\n", "        gate: safety\n        observation: true\n")
    assert_problem(text, "observation: true", "'observation' does not apply to a gate item")


def test_urgent_if_may_name_the_question_itself_and_raises_an_alert() -> None:
    form = load(mutated(URGENT, URGENT_SELF))
    condition = form.item("urgent_medical").urgent_if
    assert isinstance(condition, Equals)
    engine = Engine(form, {}, TODAY)
    _walk_to_urgent_medical(engine)
    assert urgent_items(engine) == ()
    engine.answer(ItemRef(Q("urgent_medical")), True)
    assert urgent_items(engine) == (ItemRef(Q("urgent_medical")),)
    engine.answer(ItemRef(Q("urgent_medical")), False)
    assert urgent_items(engine) == ()


def test_a_declined_urgent_question_raises_no_alert() -> None:
    engine = Engine(load(mutated(URGENT, URGENT_SELF)), {}, TODAY)
    _walk_to_urgent_medical(engine)
    engine.non_response(ItemRef(Q("urgent_medical")), NonResponse.DECLINED)
    assert urgent_items(engine) == ()


def test_urgent_if_inside_a_group_reads_its_own_instance() -> None:
    text = mutated(
        "            indicators: [control.movement_restricted]\n",
        "            indicators: [control.movement_restricted]\n"
        "            urgent_if: {equals: {question: workplace_locked, value: false}}\n",
    )
    form = load(text)
    answers: dict[ItemRef, JsonValue] = {
        ItemRef(Q("welcome")): True,
        ItemRef(Q("safety_check")): ["private_room", "no_companion"],
        ItemRef(Q("consent_interview")): ["purpose_explained", "agrees"],
        ItemRef(Q("rights_told")): ["support_unconditional", "may_decline"],
    }
    engine = Engine(form, {}, TODAY)
    for ref, value in answers.items():
        engine.answer(ref, value)
    engine.non_response(ItemRef(Q("urgent_medical")), NonResponse.DECLINED)
    engine.answer(ItemRef(Q("birth_date")), {"year": 1990})
    engine.answer(ItemRef(Q("sectors")), {"options": ["domestic"]})
    first, _ = engine.add_instance("workplaces", "House on the hill")
    second, _ = engine.add_instance("workplaces", "Flat in town")
    for number in (first, second):
        engine.answer(ItemRef(Q("workplace_sector"), number), choice("domestic"))
    engine.answer(ItemRef(Q("workplace_locked"), first), True)
    engine.answer(ItemRef(Q("workplace_locked"), second), False)
    assert urgent_items(engine) == (ItemRef(Q("workplace_locked"), second),)


def test_urgent_if_may_not_look_forward() -> None:
    text = mutated(URGENT, URGENT + "        urgent_if: {answered: birth_date}\n")
    assert_problem(text, "urgent_if: {answered: birth_date}", "comes later in the script")


def test_consent_marks_a_yes_no_question_with_its_purpose() -> None:
    form = load(mutated(URGENT, URGENT + "        consent: share_medical\n"))
    assert form.item("urgent_medical").consent is ConsentPurpose.SHARE_MEDICAL


def test_consent_only_applies_to_yes_no_questions() -> None:
    text = mutated(
        "        options: age_bands\n",
        "        options: age_bands\n        consent: share_police\n",
    )
    assert_problem(text, "consent: share_police", "'consent' does not apply to a single_choice")


def test_an_unknown_consent_purpose_is_refused() -> None:
    text = mutated(URGENT, URGENT + "        consent: share_everyone\n")
    assert_problem(text, "consent: share_everyone", "'share_everyone' is not a valid consent")


def test_a_consent_purpose_is_asked_once_per_script() -> None:
    text = mutated(URGENT, URGENT + "        consent: keep_record\n")
    text = mutate(
        text, "        required: true\n", "        required: true\n        consent: keep_record\n"
    )
    (problem,) = problems(text)
    assert problem.line == line_of(text, "        required: true") + 1
    assert "consent 'keep_record' is asked twice (first at line" in problem.message


def test_reuse_lists_earlier_answers_by_script_and_question() -> None:
    text = mutated(
        "        htcds: date_of_birth\n",
        "        htcds: date_of_birth\n        reuse: [intake.birth_date, sample.birth_date]\n",
    )
    assert load(text).item("birth_date").reuse == ("intake.birth_date", "sample.birth_date")


def test_reuse_needs_form_and_question() -> None:
    text = mutated(
        "        htcds: date_of_birth\n",
        "        htcds: date_of_birth\n        reuse: [birth_date]\n",
    )
    assert_problem(text, "reuse: [birth_date]", "not a valid entry 1 of reuse")


def test_reuse_inside_a_repeat_group_is_refused() -> None:
    text = mutated(
        "            indicators: [control.movement_restricted]\n",
        "            indicators: [control.movement_restricted]\n"
        "            reuse: [sample.workplace_locked]\n",
    )
    assert_problem(text, "reuse: [sample.workplace_locked]", "cannot be reused")


def test_outline_shows_the_new_keys() -> None:
    text = mutated(
        URGENT, URGENT_SELF + "        consent: share_medical\n        observation: true\n"
    )
    text = mutate(
        text,
        "        htcds: date_of_birth\n",
        "        htcds: date_of_birth\n        reuse: [sample.birth_date]\n",
    )
    lines = list(outline(load(text)))
    assert "  urgent_medical  yes_no  (observation; consent: share_medical)" in lines
    assert "      urgent_if: urgent_medical = true" in lines
    assert "      reuse: sample.birth_date" in lines


# -- checks across the scripts of a folder --------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _with_id(text: str, form_id: str) -> str:
    return mutate(text, "  id: sample\n", f"  id: {form_id}\n")


REUSE_AT = "        htcds: date_of_birth\n"


def test_reuse_sources_resolve_against_scripts_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path, "earlier.yaml", _with_id(sample_text(), "earlier"))
    good = mutated(REUSE_AT, REUSE_AT + "        reuse: [earlier.birth_date]\n")
    path = _write(tmp_path, "later.yaml", good)
    assert check_forms([path]) == []  # the sibling is found although only one was named


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("nowhere.birth_date", "no script beside it has the id 'nowhere'"),
        ("earlier.birth_day", "script 'earlier' has no 'birth_day'"),
        ("earlier.age_years", "is a date and cannot reuse 'earlier.age_years', a number"),
        ("earlier.welcome", "not a question outside a repeat group"),
        ("earlier.workplace_sector", "not a question outside a repeat group"),
    ],
)
def test_reuse_source_problems_are_reported_at_the_item(
    tmp_path: Path, source: str, words: str
) -> None:
    _write(tmp_path, "earlier.yaml", _with_id(sample_text(), "earlier"))
    text = mutated(REUSE_AT, REUSE_AT + f"        reuse: [{source}]\n")
    path = _write(tmp_path, "later.yaml", text)
    (problem,) = check_forms([path])
    assert problem.path == str(path)
    assert problem.line == text.splitlines().index("      - id: birth_date") + 1
    assert words in problem.message


def test_a_reused_choice_must_offer_every_earlier_option(tmp_path: Path) -> None:
    earlier = _with_id(sample_text(), "earlier")
    _write(tmp_path, "earlier.yaml", earlier)
    later = mutated("          - {value: none, label: I never had one}\n", "")
    later = mutate(
        later,
        "        indicators: [control.documents_withheld]\n",
        "        indicators: [control.documents_withheld]\n"
        "        reuse: [earlier.documents_taken]\n",
    )
    path = _write(tmp_path, "later.yaml", later)
    (problem,) = check_forms([path])
    assert "lacks options that 'earlier.documents_taken' may hold: none" in problem.message


def test_indicator_ids_are_checked_against_the_catalogue_beside_the_scripts(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "sample.yaml", sample_text())
    assert check_forms([path]) == []  # no catalogue here: nothing to check against
    (tmp_path / "indicators").mkdir()
    catalogue = tmp_path / "indicators" / "catalogue.yaml"
    catalogue.write_text(
        "catalogue: {version: '1', title: T, sources: {s: A seed}}\n"
        "forms: {any: Any form}\n"
        "groups:\n"
        "  - id: control\n    title: Control\n    purpose: identification\n"
        "    source_kind: list\n    seed: s\n    lines: 1-9\n    indicators:\n"
        "      - {id: documents_withheld, label: Papers kept, forms: [any], line: 3}\n"
        "      - {id: movement_restricted, label: Cannot leave, forms: [any], line: 4}\n"
        "      - {id: threats, label: Threats, forms: [any], line: 5}\n"
        "      - {id: debt_bondage, label: Debt, forms: [any], line: 6}\n",
        encoding="utf-8",
    )
    found = check_forms([path])
    unknown = {p.message.split("'")[3] for p in found}
    assert unknown == {"labour.sector", "labour.excessive_hours"}
    assert all("catalogue does not define" in p.message for p in found)
    catalogue.write_text("catalogue: []\n", encoding="utf-8")
    assert any(p.path == str(catalogue) for p in check_forms([path]))
