"""The shipped scripts: valid, linked to the catalogue, and written for the person asked."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from interview_app import paths
from interview_app.cli import main
from interview_app.domain.forms import check_forms, script_paths
from interview_app.domain.indicators import load_catalogue
from interview_app.domain.model import ConsentPurpose, Form, Item, ItemKind
from tests.forms.walking import FORM_IDS, script

MAX_PROMPT_WORDS = 25  # the aim is under 20; nothing read aloud may run past 25
# Words no text said or shown to the person may use: no labels, no judgements of belief.
NEVER_TO_THE_PERSON = re.compile(r"\b(victim|credib\w*|liar|lying|lies|verdict|score)\b", re.I)


def _forms() -> Iterator[Form]:
    for form_id in FORM_IDS:
        yield script(form_id)


def _spoken(form: Form) -> Iterator[tuple[Item | None, str]]:
    """Every text the interviewee hears or sees (observations excluded), with its item."""
    for section in form.sections:
        yield None, section.title
        for item in form.all_items():
            if item.section_id != section.id or item.observation:
                continue
            yield item, item.prompt
            for text in (
                item.sensitive,
                item.unit,
                item.min_label,
                item.max_label,
                item.instance_label,
            ):
                if text:
                    yield item, text
            yield from ((item, option.label) for option in item.options)
            yield from ((item, entry.text) for entry in item.checklist)


def test_the_forms_folder_holds_exactly_the_shipped_scripts() -> None:
    names = {p.stem for p in script_paths([paths.FORMS_DIR])}
    assert names == set(FORM_IDS)
    assert {form.id for form in _forms()} == set(FORM_IDS)


def test_forms_check_passes_on_the_whole_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_forms([paths.FORMS_DIR]) == []
    assert main(["forms", "check", str(paths.FORMS_DIR)]) == 0
    assert capsys.readouterr().out == f"{len(FORM_IDS)} scripts valid\n"


def test_every_indicator_named_by_a_script_is_in_the_catalogue() -> None:
    catalogue = load_catalogue(paths.INDICATOR_CATALOGUE)
    used = {i for form in _forms() for item in form.all_items() for i in item.indicators}
    assert len(used) > 80
    assert {i for i in used if not catalogue.has(i)} == set()
    # Every form of exploitation has at least one question pointing to its own cues.
    groups = {i.split(".")[0] for i in used}
    assert {
        "sexual_exploitation",
        "labour_exploitation",
        "domestic_servitude",
        "forced_begging",
        "criminal_activities",
        "forced_marriage",
        "organ_removal",
    } <= groups


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_prompts_are_short_enough_to_say_in_one_breath(form_id: str) -> None:
    form = script(form_id)
    too_long = [
        f"{item.id}: {len(item.prompt.split())} words"
        for item in form.all_items()
        if len(item.prompt.split()) > MAX_PROMPT_WORDS
    ]
    assert too_long == []
    checklist = [e.text for i in form.all_items() for e in i.checklist]
    assert all(len(text.split()) <= MAX_PROMPT_WORDS for text in checklist)
    questions = [i for i in form.all_items() if i.is_question and i.kind is not ItemKind.GATE]
    average = sum(len(i.prompt.split()) for i in questions) / len(questions)
    assert average < 14


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_a_question_asks_one_thing(form_id: str) -> None:
    # One question mark per question: two questions in one prompt are two items.
    for item in script(form_id).all_items():
        if item.is_question and item.kind is not ItemKind.GATE:
            assert item.prompt.count("?") <= 1, item.id


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_what_the_person_hears_is_addressed_to_them_and_never_labels_or_judges(
    form_id: str,
) -> None:
    for item, text in _spoken(script(form_id)):
        where = item.id if item else "section title"
        assert not NEVER_TO_THE_PERSON.search(text), f"{where}: {text}"
        if item is not None and item.kind is not ItemKind.NOTE:
            # Spoken to the person, so never about "the person" or "the child" in the third
            # person ("the person who came with you" is someone else).
            third_person = r"\bthe (person(?! who)|child|interviewee)\b"
            assert not re.search(third_person, text, re.I), f"{where}: {text}"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_observations_are_written_for_the_interviewer(form_id: str) -> None:
    for item in script(form_id).all_items():
        if item.observation:
            assert item.kind not in (ItemKind.GATE, ItemKind.REPEAT)
            assert item.consent is None


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_guidance_is_there_where_a_professional_needs_it(form_id: str) -> None:
    """Our rule: a gate, an urgent question and every consent to share outside the care
    organisations carry guidance; so does every sensitive question unless its section has it."""
    form = script(form_id)
    needs_word = {
        ConsentPurpose.INTERVIEW,
        ConsentPurpose.KEEP_RECORD,
        ConsentPurpose.SHARE_POLICE,
        ConsentPurpose.SHARE_CHILD_PROTECTION,
        ConsentPurpose.CONTACT_ORIGIN_COUNTRY,
        ConsentPurpose.SHARE_RETURN_PROGRAMME,
        ConsentPurpose.SHARE_LABOUR_INSPECTORATE,
    }
    for item in form.all_items():
        section = form.section(item.section_id)
        needs = (
            (item.kind is ItemKind.GATE and item.gate is not None and item.gate.value != "consent")
            or item.urgent_if is not None
            or item.consent in needs_word
            or (item.sensitive is not None and section.guidance is None)
        )
        if needs:
            assert item.guidance, f"{form_id}: {item.id} needs interviewer guidance"


def test_consent_script_asks_every_purpose_once() -> None:
    purposes = [i.consent for i in script("consent_rights").all_items() if i.consent]
    assert sorted(purposes) == sorted(ConsentPurpose)


def test_rights_checklist_covers_every_right_and_never_states_a_period_length() -> None:
    form = script("consent_rights")
    told = {e.id for i in form.all_items() if i.kind is ItemKind.GATE for e in i.checklist}
    assert {
        "help_unconditional",
        "reflection_period",
        "non_punishment",
        "confidential",
        "confidentiality_limits",
        "legal_aid",
        "compensation",
        "residence",
        "testifying_risks",
        "interviewer_role",
    } <= told
    texts = [e.text for i in form.all_items() for e in i.checklist]
    # The period's length is set per jurisdiction in configuration, never in the text.
    assert not any(re.search(r"\d|\bdays?\b|\bweeks?\b|\bmonths?\b", t) for t in texts)


def test_sharing_consents_come_after_the_rights_that_inform_them() -> None:
    order = [str(i.id) for i in script("consent_rights").all_items()]
    assert order.index("rights_legal") < order.index("consent_share_police")
    assert order.index("rights_basic") < order.index("consent_interview")


def test_later_scripts_ask_whether_the_person_is_presumed_a_child() -> None:
    for form_id in ("identification", "statement", "shelter_intake", "risk_assessment"):
        form = script(form_id)
        status = form.item("child_status")
        assert status.observation
        assert status.required
        assert {o.value for o in status.options} == {"adult", "child", "uncertain"}
    for form_id in ("identification", "statement"):
        gate = script(form_id).item("child_check")
        assert gate.kind is ItemKind.GATE
        assert gate.show_if is not None


def test_identification_offers_every_form_of_exploitation_and_several_at_once() -> None:
    form = script("identification")
    forms = form.item("exploitation_forms")
    assert forms.kind is ItemKind.MULTI_CHOICE
    assert {o.value for o in forms.options} >= {
        "sexual_exploitation",
        "forced_labour",
        "domestic_servitude",
        "forced_begging",
        "forced_criminality",
        "forced_marriage",
        "organ_removal",
    }
    activities = form.item("activities")
    assert activities.kind is ItemKind.MULTI_CHOICE
    assert len(activities.options) >= 12  # sectors of labour each have their own option
