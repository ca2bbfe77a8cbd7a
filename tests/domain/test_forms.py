"""Loading scripts: the sample's structure, and one located message per semantic mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.domain.conditions import AgeUnder, Answered, AnyOf, GreaterThan, In, Not
from interview_app.domain.forms import check_forms, load_form, script_paths
from interview_app.domain.model import (
    ALL_NON_RESPONSES,
    DataClass,
    GateKind,
    ItemKind,
    NonResponse,
)
from interview_app.domain.model import QuestionId as Q
from tests.domain.forms_helpers import (
    NAME,
    SAMPLE_PATH,
    assert_problem,
    line_of,
    load,
    mutate,
    mutated,
    only_problem,
    problems,
    sample_text,
)

# -- the sample ---------------------------------------------------------------------------


def test_sample_loads_with_its_header_and_sections() -> None:
    form = load_form(SAMPLE_PATH)
    assert form.id == "sample"
    assert form.version == "1.0.0"
    assert form.title == "Sample interview"
    assert form.language == "en"
    assert form.sources == ("Test data only; wording written for this project.",)
    assert form.path == str(SAMPLE_PATH)
    assert [s.id for s in form.sections] == ["safety", "consent", "about_you", "work"]
    assert [s.topic for s in form.sections] == ["safety", "consent", "identity", "exploitation"]
    work = form.section("work")
    assert work.sensitive is not None
    assert work.sensitive.startswith("The next questions")
    assert work.line == line_of(sample_text(), "  - id: work")


def test_sample_items_carry_kinds_sections_lines_and_defaults() -> None:
    form = load(sample_text())
    text = sample_text()
    ids = [item.id for item in form.all_items()]
    assert ids[:3] == ["welcome", "safety_check", "urgent_medical"]
    assert ids.index(Q("workplace_sector")) == ids.index(Q("workplaces")) + 1
    assert len(ids) == 19
    hours = form.item("hours_per_day")
    assert hours.kind is ItemKind.NUMBER
    assert hours.section_id == "work"
    assert hours.topic == "exploitation"  # inherited from the section
    assert hours.line == line_of(text, "- id: hours_per_day")
    assert (hours.minimum, hours.maximum, hours.integer, hours.unit) == (0, 24, True, "hours")
    assert hours.indicators == ("labour.excessive_hours",)
    assert hours.data_class is DataClass.STATEMENT
    assert hours.non_responses == ALL_NON_RESPONSES
    assert hours.show_if == Answered(Q("sectors"))
    contact = form.item("contact_name")
    assert contact.non_responses == {NonResponse.DECLINED, NonResponse.NOT_ASKED}
    assert contact.data_class is DataClass.IDENTITY
    assert contact.max_length == 200
    assert (
        form.item("welcome").guidance
        == "Sit at the same level as the person. Offer water before you start."
    )
    assert form.item("story").sensitive == "This question may bring back painful memories."
    assert form.item("guardian_present").required is True
    assert form.item("urgent_medical").htcds == "needs_medical"


def test_sample_conditions_are_parsed() -> None:
    form = load(sample_text())
    assert form.item("age_years").show_if == Not(Answered(Q("birth_date")))
    guardian = form.item("guardian_present").show_if
    assert isinstance(guardian, AnyOf)
    assert guardian.conditions[0] == AgeUnder(Q("birth_date"), 18)
    assert form.item("rest_days").show_if == GreaterThan(Q("hours_per_day"), 10.0)
    assert form.item("documents_taken").require_if == In(Q("sectors"), ("domestic", "construction"))


def test_sample_options_gates_scales_and_repeat_groups() -> None:
    form = load(sample_text())
    text = sample_text()
    sectors = form.item("sectors").options
    assert [o.value for o in sectors] == ["agriculture", "construction", "domestic", "other"]
    assert all(o.source_list == "sectors" for o in sectors)
    assert sectors[3].specify is True
    assert sectors[0].line == line_of(text, "value: agriculture")
    inline = form.item("documents_taken").options
    assert [o.source_list for o in inline] == [None, None, None]
    assert inline[1].label == "The employer or someone working for them"
    bands = form.item("age_band").options
    assert [(o.low, o.high) for o in bands] == [(0, 17), (18, 59), (60, 130)]
    gate = form.item("safety_check")
    assert gate.kind is ItemKind.GATE
    assert gate.gate is GateKind.SAFETY
    assert [c.id for c in gate.checklist] == ["private_room", "no_companion"]
    assert gate.checklist[0].line == line_of(text, "id: private_room")
    assert form.item("rights_told").gate is GateKind.RIGHTS
    scale = form.item("rest_days")
    assert (scale.minimum, scale.maximum, scale.min_label) == (1, 5, "Never")
    group = form.item("workplaces")
    assert [c.id for c in group.items] == ["workplace_sector", "workplace_locked"]
    assert all(c.group_id == "workplaces" and c.section_id == "work" for c in group.items)
    assert group.group_id is None
    assert group.instance_label == "A short name for this place"
    assert (group.minimum, group.maximum) == (0, 10)


def test_topic_defaults_to_the_section_id_and_an_item_may_override_it() -> None:
    text = mutated("    topic: safety\n", "")
    text = mutate(
        text,
        "        htcds: needs_medical\n",
        "        htcds: needs_medical\n        topic: health\n",
    )
    form = load(text)
    assert form.section("safety").topic == "safety"
    assert form.item("welcome").topic == "safety"
    assert form.item("urgent_medical").topic == "health"


def test_a_utf8_bom_is_accepted() -> None:
    form = load(b"\xef\xbb\xbf" + sample_text().encode("utf-8"))
    assert form.id == "sample"
    assert form.item("hours_per_day").line == line_of(sample_text(), "- id: hours_per_day")


def test_check_forms_and_script_paths(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(sample_text(), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutated("{answered: sectors}", "{answered: sectorz}"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a script", encoding="utf-8")
    assert script_paths([tmp_path]) == [bad, good]
    assert check_forms([good]) == []
    found = check_forms([tmp_path])
    assert [(p.path, p.line) for p in found] == [(str(bad), 120)]


def test_a_missing_file_is_a_form_error(tmp_path: Path) -> None:
    found = check_forms([tmp_path / "absent.yaml"])
    assert len(found) == 1
    assert found[0].line == 1
    assert "cannot read" in found[0].message


# -- identifiers --------------------------------------------------------------------------


def test_duplicate_item_id() -> None:
    text = mutated("      - id: story\n", "      - id: sectors\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, "prompt: In your own words") - 2
    first = line_of(text, "prompt: What kind of work did you do?") - 2
    assert problem.message == f"id 'sectors' is used twice (first at line {first})"


def test_a_section_and_an_item_may_not_share_an_id() -> None:
    text = mutated("      - id: contact_name\n", "      - id: work\n")
    problem = problems(text)[0]
    assert problem.line == line_of(text, "      - id: work")
    assert "id 'work' is used twice" in problem.message


def test_ids_must_be_lower_case_identifiers() -> None:
    text = mutated("- id: story\n", "- id: Story\n")
    assert_problem(text, "- id: Story", "'Story'", "lower-case")


# -- conditions ---------------------------------------------------------------------------


def test_condition_naming_an_unknown_question() -> None:
    text = mutated("show_if: {answered: sectors}", "show_if: {answered: sectorz}")
    problem = assert_problem(
        text, "{answered: sectorz}", "'hours_per_day'", "unknown question 'sectorz'"
    )
    assert problem.line == 120


def test_nested_condition_error_points_at_its_own_line() -> None:
    text = mutated("- lt: {question: age_years, value: 18}", "- lt: {question: age_yrs, value: 18}")
    assert_problem(text, "age_yrs", "'guardian_present'", "'age_yrs'")


def test_equals_with_a_value_the_choice_does_not_offer() -> None:
    text = mutated(
        "- equals: {question: age_band, value: under_18}",
        "- equals: {question: age_band, value: child}",
    )
    assert_problem(text, "value: child", "'age_band'", "'child'", "under_18, adult, older")


def test_in_with_a_value_the_choice_does_not_offer() -> None:
    text = mutated("values: [domestic, construction]", "values: [domestic, mining]")
    assert_problem(text, "values: [domestic, mining]", "'documents_taken'", "'mining'")


def test_equals_on_yes_no_needs_true_or_false() -> None:
    text = mutated(
        "show_if: {equals: {question: workplace_sector, value: domestic}}",
        "show_if: {equals: {question: urgent_medical, value: 'yes'}}",
    )
    assert_problem(text, "urgent_medical, value", "'urgent_medical'", "true or false")


def test_lt_on_a_choice_question_is_an_error() -> None:
    text = mutated(
        "- lt: {question: age_years, value: 18}", "- lt: {question: age_band, value: 18}"
    )
    assert_problem(text, "lt: {question: age_band", "'lt'", "'age_band'", "single_choice")


def test_gt_on_a_text_question_is_an_error() -> None:
    text = mutated(
        "show_if: {gt: {question: hours_per_day, value: 10}}",
        "show_if: {gt: {question: sectors, value: 10}}",
    )
    assert_problem(text, "gt: {question: sectors", "'rest_days'", "'gt'", "number or scale")


def test_age_under_on_a_yes_no_question_is_an_error() -> None:
    text = mutated(
        "age_under: {question: birth_date, years: 18}",
        "age_under: {question: urgent_medical, years: 18}",
    )
    assert_problem(text, "age_under", "'age_under'", "'urgent_medical'", "number or date")


def test_a_condition_may_not_depend_on_its_own_item() -> None:
    text = mutated("show_if: {answered: sectors}", "show_if: {answered: hours_per_day}")
    assert_problem(text, "{answered: hours_per_day}", "'hours_per_day'", "itself")


def test_a_condition_may_not_look_forward() -> None:
    text = mutated("show_if: {answered: sectors}", "show_if: {answered: story}")
    assert_problem(text, "{answered: story}", "'hours_per_day'", "'story'", "later")


def test_two_items_depending_on_each_other_are_caught_as_a_forward_reference() -> None:
    # rest_days already depends on hours_per_day; the other direction would close a cycle.
    text = mutated("show_if: {answered: sectors}", "show_if: {answered: rest_days}")
    assert_problem(text, "{answered: rest_days}", "'hours_per_day'", "'rest_days'", "later")


def test_a_section_condition_may_look_back_but_not_into_itself() -> None:
    back = mutated(
        "    topic: exploitation\n",
        "    topic: exploitation\n    show_if: {answered: urgent_medical}\n",
    )
    assert load(back).section("work").show_if == Answered(Q("urgent_medical"))
    inside = mutated(
        "    topic: exploitation\n", "    topic: exploitation\n    show_if: {answered: sectors}\n"
    )
    assert_problem(inside, "    show_if: {answered: sectors}", "'work'", "later")


def test_outside_items_may_not_read_a_repeat_group_question() -> None:
    text = mutated(
        "        max_length: 20000\n",
        "        max_length: 20000\n        show_if: {answered: workplace_locked}\n",
    )
    assert_problem(text, "{answered: workplace_locked}", "'story'", "'workplaces'")


def test_group_questions_may_read_earlier_ones_of_their_group_and_outside_ones() -> None:
    text = mutated(
        "show_if: {equals: {question: workplace_sector, value: domestic}}",
        "show_if: {all: [{equals: {question: workplace_sector, value: domestic}},"
        " {answered: sectors}]}",
    )
    assert load(text).item("workplace_locked").show_if is not None


def test_a_group_question_may_not_read_a_later_one_of_its_group() -> None:
    text = mutated(
        "            options: sectors\n",
        "            options: sectors\n            show_if: {answered: workplace_locked}\n",
    )
    assert_problem(text, "{answered: workplace_locked}", "'workplace_sector'", "later")


def test_condition_with_two_operators() -> None:
    text = mutated(
        "show_if: {answered: sectors}", "show_if: {answered: sectors, not: {answered: birth_date}}"
    )
    assert_problem(
        text, "show_if: {answered: sectors, not", "exactly one operator", "'hours_per_day'"
    )


def test_misspelt_operator_is_named_with_a_suggestion() -> None:
    text = mutated("show_if: {answered: sectors}", "show_if: {answerd: sectors}")
    assert_problem(text, "{answerd: sectors}", "'answerd'", "did you mean 'answered'")


# -- options and bands --------------------------------------------------------------------


def test_unknown_option_list() -> None:
    text = mutated("options: age_bands", "options: age_brackets")
    found = problems(text)
    # The list no longer used is reported too: it hints at the name that was meant.
    assert [p.line for p in found] == [line_of(text, "  age_bands:"), line_of(text, "age_brackets")]
    assert "'age_bands' is not used" in found[0].message
    assert "'age_band'" in found[1].message
    assert "'age_brackets'" in found[1].message


def test_unused_option_list() -> None:
    text = mutated("option_lists:\n", "option_lists:\n  spare:\n    - {value: a, label: A}\n")
    assert_problem(text, "  spare:", "'spare'", "not used")


def test_duplicate_option_value_and_label() -> None:
    text = mutated("- {value: employer, label:", "- {value: self, label:")
    assert_problem(text, "{value: self, label: The employer", "'documents_taken'", "'self'")
    text = mutated("label: I never had one}", "label: I kept it myself}")
    assert_problem(text, "{value: none, label: I kept it myself}", "'documents_taken'", "label")


def test_option_values_in_a_shared_list_must_be_unique() -> None:
    extra = "    - {value: agriculture, label: Fields}\n"
    text = mutated(
        "    - {value: other, label: Other work, specify: true}\n",
        "    - {value: other, label: Other work, specify: true}\n" + extra,
    )
    assert_problem(text, "label: Fields", "'sectors'", "'agriculture'", "twice")


def test_bands_that_overlap() -> None:
    text = mutated(
        "{value: adult, label: 18 to 59, low: 18, high: 59}",
        "{value: adult, label: 18 to 59, low: 17, high: 59}",
    )
    assert_problem(text, "value: adult", "'age_bands'", "'under_18'", "'adult'", "overlap")


def test_bands_are_inclusive_so_touching_ends_overlap() -> None:
    text = mutated(
        "{value: adult, label: 18 to 59, low: 18, high: 59}",
        "{value: adult, label: 18 to 59, low: 18, high: 60}",
    )
    assert_problem(text, "value: older", "'adult'", "'older'", "overlap")


def test_band_with_low_above_high() -> None:
    text = mutated("low: 60, high: 130}", "low: 60, high: 30}")
    assert_problem(text, "value: older", "'older'", "low above high")


def test_exclusive_option_in_a_single_choice() -> None:
    text = mutated("label: I never had one}", "label: I never had one, exclusive: true}")
    assert_problem(
        text, "I never had one, exclusive: true", "'documents_taken'", "'none'", "exclusive"
    )


def test_exclusive_option_reached_through_a_shared_list() -> None:
    text = mutated(
        "label: Other work, specify: true}", "label: Other work, specify: true, exclusive: true}"
    )
    problem = problems(text)
    assert [p.line for p in problem] == [line_of(text, "            options: sectors")]
    assert "'workplace_sector'" in problem[0].message
    assert "'other'" in problem[0].message


def test_choice_without_options_is_a_schema_error() -> None:
    text = mutated("        options: age_bands\n", "")
    assert_problem(text, "- id: age_band", "'age_band'", "'options'")


# -- numbers, scales, text ----------------------------------------------------------------


def test_minimum_above_maximum() -> None:
    text = mutated(
        "        minimum: 0\n        maximum: 130\n", "        minimum: 140\n        maximum: 130\n"
    )
    assert_problem(text, "minimum: 140", "'age_years'", "minimum above maximum")


def test_scale_needs_both_bounds() -> None:
    text = mutated("        maximum: 5\n", "")
    assert_problem(text, "- id: rest_days", "'rest_days'", "'maximum'", "scale")


def test_scale_needs_two_points_and_not_too_many() -> None:
    one = mutated("        maximum: 5\n", "        maximum: 1\n")
    problem = only_problem(one)
    assert problem.line == line_of(one, "min_label") - 2  # the minimum of rest_days
    assert "'rest_days'" in problem.message
    assert "two points" in problem.message
    many = mutated("        maximum: 5\n", "        maximum: 500\n")
    assert_problem(many, "maximum: 500", "'rest_days'", "points")


def test_scale_bounds_are_whole_numbers() -> None:
    text = mutated("        maximum: 5\n", "        maximum: 5.5\n")
    assert_problem(text, "maximum: 5.5", "'rest_days'", "whole number")


def test_key_that_does_not_apply_to_the_kind() -> None:
    text = mutated("        max_length: 200\n", "        max_length: 200\n        unit: letters\n")
    assert_problem(text, "unit: letters", "'contact_name'", "'unit'", "text item")


def test_unknown_key_with_a_suggestion() -> None:
    text = mutated("        max_length: 200\n", "        max_lenght: 200\n")
    assert_problem(text, "max_lenght", "'contact_name'", "did you mean 'max_length'")


def test_version_that_is_a_number_asks_for_quotes() -> None:
    text = mutated('version: "1.0.0"', "version: 1.0")
    assert_problem(text, "version: 1.0", "'version'", "quotes")


def test_unknown_kind() -> None:
    text = mutated("kind: narrative", "kind: narative")
    assert_problem(text, "kind: narative", "'story'", "'narative'")


# -- required and non-responses -----------------------------------------------------------


def test_required_question_that_cannot_be_declined() -> None:
    text = mutated(
        "        non_responses: [declined, not_asked]\n",
        "        non_responses: [not_asked]\n        required: true\n",
    )
    assert_problem(text, "non_responses: [not_asked]", "'contact_name'", "declined")


def test_required_question_with_an_own_choice_left_is_fine() -> None:
    text = mutated(
        "        non_responses: [declined, not_asked]\n",
        "        non_responses: [dont_know]\n        required: true\n",
    )
    assert load(text).item("contact_name").non_responses == {NonResponse.DONT_KNOW}


def test_require_if_counts_as_required_and_cannot_be_combined_with_required() -> None:
    text = mutated(
        "        max_length: 200\n",
        "        max_length: 200\n        non_responses: []\n"
        "        require_if: {answered: story}\n",
    )
    text = mutate(text, "        non_responses: [declined, not_asked]\n", "")
    assert_problem(text, "non_responses: []", "'contact_name'", "decline")
    both = mutated(
        "        indicators: [control.documents_withheld]\n",
        "        indicators: [control.documents_withheld]\n        required: true\n",
    )
    assert_problem(both, "        require_if:", "'documents_taken'", "require_if")


def test_unknown_non_response() -> None:
    text = mutated("non_responses: [declined, not_asked]", "non_responses: [declined, refused]")
    assert_problem(text, "refused", "'refused'", "dont_know")


# -- gates, sections, indicators ----------------------------------------------------------


def test_gate_with_nothing_after_it() -> None:
    gate = (
        "      - id: closing\n        kind: gate\n        gate: consent\n"
        "        prompt: Is it all right to keep what you told me?\n"
        "        checklist:\n          - {id: keep, text: The person agrees we keep the answers.}\n"
    )
    text = sample_text() + gate
    assert_problem(text, "- id: closing", "'closing'", "blocks nothing")


def test_gate_needs_a_kind_and_a_non_empty_checklist() -> None:
    text = mutated("        gate: rights\n", "")
    assert_problem(text, "- id: rights_told", "'rights_told'", "'gate'")
    empty = mutate(
        sample_text().replace(
            "          - {id: private_room, text: We are in a private place"
            " where nobody else can hear us.}\n",
            "",
        ),
        "          - {id: no_companion, text: The person who came with you is not in the room.}\n",
        "",
    )
    empty = mutate(
        empty,
        "        data_class: assistance\n        checklist:\n",
        "        data_class: assistance\n        checklist: []\n",
    )
    assert_problem(empty, "checklist: []", "'safety_check'", "empty")


def test_checklist_ids_are_unique_within_a_gate() -> None:
    text = mutated("{id: no_companion, text:", "{id: private_room, text:")
    assert_problem(
        text, "{id: private_room, text: The person who came", "'safety_check'", "'private_room'"
    )


def test_empty_section() -> None:
    start = sample_text().index("    items:\n      - id: consent_interview")
    end = sample_text().index("  - id: about_you")
    text = sample_text()[:start] + "    items: []\n\n" + sample_text()[end:]
    assert_problem(text, "items: []", "section 'consent'", "no items")


def test_repeat_groups_do_not_nest() -> None:
    text = mutated("            kind: yes_no\n", "            kind: repeat\n")
    assert_problem(text, "            kind: repeat", "'workplace_locked'", "repeat group")


def test_indicator_ids_must_be_non_empty() -> None:
    text = mutated("indicators: [labour.sector]", "indicators: ['']")
    assert_problem(text, "indicators: ['']", "'sectors'", "indicator")


# -- every problem, in order --------------------------------------------------------------


def test_all_semantic_problems_are_reported_in_file_order() -> None:
    text = mutated("show_if: {answered: sectors}", "show_if: {answered: sectorz}")
    text = mutate(
        text,
        "        minimum: 0\n        maximum: 130\n",
        "        minimum: 140\n        maximum: 130\n",
    )
    found = problems(text)
    assert [p.line for p in found] == [line_of(text, "minimum: 140"), line_of(text, "sectorz")]
    assert str(found[0]).startswith(f"{NAME}:{found[0].line}: ")


def test_all_schema_problems_are_reported_in_file_order() -> None:
    text = mutated("kind: narrative", "kind: narative")
    text = mutate(text, 'version: "1.0.0"', "version: 1.0")
    found = problems(text)
    assert [p.line for p in found] == [line_of(text, "version: 1.0"), line_of(text, "narative")]


@pytest.mark.parametrize("kind", ["section", "item"])
def test_messages_never_contain_python_reprs(kind: str) -> None:
    old, new = (
        ("    title: Your work\n", "    title: [Your, work]\n")
        if kind == "section"
        else (
            "kind: yes_no\n        prompt: Do you",
            "kind: yes_no\n        prompt: 12\n        guidance: Do you",
        )
    )
    found = problems(mutated(old, new))
    assert found
    for problem in found:
        assert "[" not in problem.message, str(problem)
        assert "{" not in problem.message, str(problem)
