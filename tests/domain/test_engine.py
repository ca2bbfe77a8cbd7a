"""The interview engine's behaviour: walking a script, gates, conditions, navigation, progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from interview_app.domain.answer_validation import (
    approximate_date,
    choice,
    choices,
    confirmed,
    exact_date,
    narrative,
)
from interview_app.domain.engine import Engine, Progress
from interview_app.domain.model import Answer, Form, ItemRef, JsonValue, NonResponse
from interview_app.errors import AnswerError, NavigationError
from tests.domain.test_engine_support import TODAY, engine, form, item, ref, sample_form, section


@pytest.fixture
def sample() -> Form:
    return sample_form()


def opened(f: Form) -> Engine:
    """The sample engine with the note read and every gate completed."""
    e = engine(f)
    e.answer(ref("welcome"), True)
    e.answer(ref("safety_check"), confirmed("private_room", "no_companion"))
    e.answer(ref("urgent_medical"), False)
    e.answer(ref("consent_interview"), confirmed("purpose_explained", "agrees"))
    e.answer(ref("rights_told"), confirmed("support_unconditional", "may_decline"))
    return e


def current(e: Engine) -> ItemRef:
    here = e.current
    assert here is not None
    return here


# -- walking the sample ----------------------------------------------------------------------


def test_walking_the_whole_sample_visits_what_the_answers_call_for(sample: Form) -> None:
    e = engine(sample)
    steps: list[tuple[str, JsonValue]] = [
        ("welcome", True),
        ("safety_check", confirmed("private_room", "no_companion")),
        ("urgent_medical", False),
        ("consent_interview", confirmed("purpose_explained", "agrees")),
        ("rights_told", confirmed("may_decline", "support_unconditional")),
        ("birth_date", approximate_date(2009, about=True)),
        ("guardian_present", False),  # age_years and age_band are skipped: a birth date is known
        ("sectors", choices(["domestic", "other"], specify="Car wash")),
        ("hours_per_day", 14),
        ("rest_days", 1),
        ("documents_taken", choice("employer")),
    ]
    for question, value in steps:
        assert e.current == ref(question)
        e.answer(ref(question), value)
    assert e.current == ref("workplaces")
    assert e.add_instance("workplaces", "House in the city")[0] == 1
    assert e.current == ref("workplace_sector", 1)
    e.answer(ref("workplace_sector", 1), choice("domestic"))
    e.answer(current(e), False)
    assert e.current == ref("story")
    e.answer(ref("story"), narrative("No pude salir", "I could not leave", "Interpreter"))
    e.non_response(current(e), NonResponse.DECLINED)
    assert e.current == ref("controls")
    with pytest.raises(AnswerError, match="controls"):
        e.answer(ref("controls"), choices(["debt", "none_of_these"]))  # "none" stands alone
    e.answer(ref("controls"), choices(["none_of_these"]))
    assert e.next_open() is None
    assert e.progress() == Progress(answered=15, total=15)
    assert e.progress().fraction == 1.0


def test_the_sample_shows_the_age_fallbacks_only_when_earlier_ones_are_missing(
    sample: Form,
) -> None:
    e = opened(sample)
    assert e.current == ref("birth_date")
    e.non_response(ref("birth_date"), "dont_know")
    assert e.current == ref("age_years")
    e.non_response(ref("age_years"), "declined")
    assert e.current == ref("age_band")
    e.answer(ref("age_band"), choice("under_18"))
    assert e.current == ref("guardian_present")


# -- gates -----------------------------------------------------------------------------------


def test_a_gate_blocks_what_follows_until_every_entry_is_confirmed(sample: Form) -> None:
    e = engine(sample)
    e.answer(ref("welcome"), True)
    assert e.blocking_gate() == ref("safety_check")
    assert e.state(ref("urgent_medical")).blocked
    assert not e.state(ref("safety_check")).blocked
    with pytest.raises(NavigationError, match="blocked until gate safety_check"):
        e.answer(ref("urgent_medical"), True)
    e.answer(ref("safety_check"), confirmed("private_room"))
    assert e.current == ref("safety_check"), "a half-confirmed gate is still being asked"
    assert e.state(ref("story")).blocked
    e.answer(ref("safety_check"), confirmed("private_room", "no_companion"))
    assert e.current == ref("urgent_medical")
    assert not e.state(ref("urgent_medical")).blocked
    assert e.blocking_gate() == ref("consent_interview")


def test_withdrawing_a_confirmation_blocks_again_but_keeps_later_answers(sample: Form) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(1990))
    e.answer(ref("consent_interview"), confirmed("purpose_explained"))
    assert e.current == ref("consent_interview")
    state = e.state(ref("birth_date"))
    assert state.blocked
    assert state.answer is not None
    assert state.answer.value == {"year": 1990}
    # Blocked answers still count: they are visible, only out of reach until consent returns.
    assert e.progress() == Progress(answered=4, total=10)


def test_refused_consent_blocks_everything_after_it(sample: Form) -> None:
    e = engine(sample)
    e.answer(ref("welcome"), True)
    e.answer(ref("safety_check"), confirmed("private_room", "no_companion"))
    e.answer(ref("urgent_medical"), True)
    e.non_response(ref("consent_interview"), "declined")
    assert e.current is None
    assert e.blocking_gate() == ref("consent_interview")
    assert all(
        s.blocked
        for s in e.states()
        if s.ref > ref("consent_interview") and s.item.section_id != "safety"
    )
    with pytest.raises(NavigationError):
        e.go_to_section("work")
    with pytest.raises(NavigationError):
        e.answer(ref("rights_told"), confirmed("may_decline"))
    # The person changes their mind: consent is recorded and the interview goes on.
    e.answer(ref("consent_interview"), confirmed("purpose_explained", "agrees"))
    assert e.current == ref("rights_told")


# -- conditions ------------------------------------------------------------------------------


def gated(condition: object, source_kind: str = "number", **source: Any) -> Engine:
    """A two-question form: ``x`` of the given kind, then ``y`` shown when ``condition`` holds."""
    return engine(
        form(
            section(
                "s",
                [
                    item("x", source_kind, **source),
                    item("y", "yes_no", show_if=condition),
                ],
            )
        )
    )


@pytest.mark.parametrize(
    ("condition", "value", "shown"),
    [
        ({"answered": "x"}, 3, True),
        ({"equals": {"question": "x", "value": 3}}, 3, True),
        ({"equals": {"question": "x", "value": 3}}, 4, False),
        ({"in": {"question": "x", "values": [1, 2]}}, 2, True),
        ({"in": {"question": "x", "values": [1, 2]}}, 3, False),
        ({"lt": {"question": "x", "value": 18}}, 17.5, True),
        ({"lt": {"question": "x", "value": 18}}, 18, False),
        ({"gt": {"question": "x", "value": 10}}, 11, True),
        ({"gt": {"question": "x", "value": 10}}, 10, False),
        ({"not": {"equals": {"question": "x", "value": 3}}}, 4, True),
        (
            {"all": [{"gt": {"question": "x", "value": 1}}, {"lt": {"question": "x", "value": 5}}]},
            3,
            True,
        ),
        (
            {"all": [{"gt": {"question": "x", "value": 1}}, {"lt": {"question": "x", "value": 5}}]},
            6,
            False,
        ),
        (
            {"any": [{"lt": {"question": "x", "value": 1}}, {"gt": {"question": "x", "value": 5}}]},
            6,
            True,
        ),
        ({"age_under": {"question": "x", "years": 18}}, 17, True),
        ({"age_under": {"question": "x", "years": 18}}, 18, False),
    ],
)
def test_each_operator_shows_or_hides(condition: object, value: int, shown: bool) -> None:
    e = gated(condition)
    e.answer(ref("x"), value)
    assert e.state(ref("y")).visible is shown
    assert e.current == (ref("y") if shown else None)


def test_a_non_response_makes_every_comparison_false() -> None:
    e = gated({"not": {"answered": "x"}})
    e.non_response(ref("x"), "declined")
    assert e.state(ref("y")).visible


def test_equals_and_in_on_multiple_choice_look_among_the_chosen() -> None:
    e = gated({"in": {"question": "x", "values": ["b"]}}, "multi_choice", options=["a", "b"])
    e.answer(ref("x"), choices(["a", "b"]))
    assert e.state(ref("y")).visible
    e.answer(ref("x"), choices(["a"]))
    assert not e.state(ref("y")).visible


def test_yes_never_equals_one() -> None:
    e = gated({"equals": {"question": "x", "value": 1}}, "yes_no")
    e.answer(ref("x"), True)
    assert not e.state(ref("y")).visible


@pytest.mark.parametrize(
    ("birth", "may_be_under_18"),
    [
        (approximate_date(2007, 6, 15), False),  # 18 today
        (approximate_date(2007, 6, 16), True),  # 18 tomorrow
        (approximate_date(2007, 6), True),  # June 2007: may be born after 15 June
        (approximate_date(2007, 5), False),
        (approximate_date(2007), True),  # 2007: may be born in December
        (approximate_date(2006), False),
        (approximate_date(2006, about=True), True),  # about 2006 may be 2007
        (approximate_date(2005, about=True), False),
        (approximate_date(2000, 1, 1, about=True), False),
    ],
)
def test_age_under_presumes_minority_when_the_birth_date_allows_it(
    sample: Form, birth: JsonValue, may_be_under_18: bool
) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), birth)
    assert e.state(ref("guardian_present")).visible is may_be_under_18


def test_age_under_uses_the_injected_today() -> None:
    f = sample_form()
    answers = dict(opened(f).answers)
    e = Engine(f, answers, dt.date(2025, 6, 14))
    e.answer(ref("birth_date"), exact_date(dt.date(2007, 6, 15)))
    assert e.state(ref("guardian_present")).visible
    e = Engine(f, e.answers, dt.date(2025, 6, 15))
    assert not e.state(ref("guardian_present")).visible


def test_a_section_condition_hides_the_whole_section() -> None:
    f = form(
        section("a", [item("works", "yes_no")]),
        section(
            "b",
            [item("where", "text"), item("when", "date")],
            show_if={"equals": {"question": "works", "value": True}},
        ),
        section("c", [item("end", "note")]),
    )
    e = engine(f)
    e.answer(ref("works"), False)
    assert e.current == ref("end")
    with pytest.raises(NavigationError, match="section b: hidden"):
        e.go_to_section("b")
    e.answer(ref("works"), True)
    assert e.current == ref("where")
    assert e.progress("b") == Progress(0, 2)


# -- changing earlier answers ----------------------------------------------------------------


def test_a_hidden_answer_is_kept_as_not_applicable_and_returns_when_shown_again(
    sample: Form,
) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(2010))
    e.answer(ref("guardian_present"), True)
    e.answer(ref("birth_date"), approximate_date(1990))
    state = e.state(ref("guardian_present"))
    assert not state.visible
    assert state.not_applicable_kept
    assert e.answers[ref("guardian_present")].value is True
    assert e.current == ref("sectors")
    e.answer(ref("birth_date"), approximate_date(2010))
    state = e.state(ref("guardian_present"))
    assert state.visible
    assert not state.not_applicable_kept
    assert e.current == ref("sectors"), "the restored answer still counts"


def test_a_hidden_answer_is_invisible_to_conditions_downstream() -> None:
    f = form(
        section(
            "s",
            [
                item("a", "yes_no"),
                item("b", "number", show_if={"equals": {"question": "a", "value": True}}),
                item("c", "text", show_if={"gt": {"question": "b", "value": 5}}),
            ],
        )
    )
    e = engine(f)
    e.answer(ref("a"), True)
    e.answer(ref("b"), 9)
    e.answer(ref("c"), "kept")
    e.answer(ref("a"), False)
    assert [s.not_applicable_kept for s in e.states()] == [False, True, True]
    assert e.current is None
    assert e.progress() == Progress(1, 1)


# -- repeat groups ---------------------------------------------------------------------------


def test_repeat_instances_each_have_their_own_conditions(sample: Form) -> None:
    e = opened(sample)
    one, _ = e.add_instance("workplaces", "Farm")
    two, _ = e.add_instance("workplaces", "House")
    assert (one, two) == (1, 2)
    e.answer(ref("workplace_sector", one), choice("agriculture"))
    e.answer(ref("workplace_sector", two), choice("domestic"))
    assert not e.state(ref("workplace_locked", one)).visible
    assert e.state(ref("workplace_locked", two)).visible
    assert [i.label for i in e.instances("workplaces")] == ["Farm", "House"]
    with pytest.raises(NavigationError, match="hidden"):
        e.answer(ref("workplace_locked", one), True)


def test_removing_an_instance_keeps_its_answers_and_never_reuses_its_number(
    sample: Form,
) -> None:
    e = opened(sample)
    e.add_instance("workplaces", "Farm")
    e.add_instance("workplaces", "House")
    e.answer(ref("workplace_sector", 2), choice("domestic"))
    e.answer(ref("workplace_locked", 2), False)
    removed = e.remove_instance("workplaces", 2)
    assert removed.value == [{"instance": 1, "label": "Farm"}]
    kept = [s for s in e.states() if s.ref.instance == 2]
    assert [s.ref for s in kept] == [ref("workplace_sector", 2), ref("workplace_locked", 2)]
    assert all(s.not_applicable_kept for s in kept)
    with pytest.raises(NavigationError, match="no such instance"):
        e.answer(ref("workplace_sector", 2), choice("agriculture"))
    assert e.add_instance("workplaces", "Boat")[0] == 3
    with pytest.raises(AnswerError, match="never reused"):
        e.answer(ref("workplaces"), [{"instance": 2, "label": "Again"}])
    with pytest.raises(NavigationError, match="no such instance"):
        e.remove_instance("workplaces", 2)


def test_the_group_answer_is_what_add_instance_records(sample: Form) -> None:
    e = opened(sample)
    e.add_instance("workplaces", "Farm")
    assert e.answers[ref("workplaces")].value == [{"instance": 1, "label": "Farm"}]
    e.answer(ref("workplaces"), [{"instance": 1, "label": "Farm by the river"}])
    assert [i.label for i in e.instances("workplaces")] == ["Farm by the river"]


def test_a_group_with_no_instances_is_answered_with_an_empty_list(sample: Form) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(1990))
    for question in ("sectors", "documents_taken"):
        e.non_response(ref(question), "declined")
    assert e.current == ref("workplaces")
    e.answer(ref("workplaces"), [])
    assert e.current == ref("story")


def test_repeat_limits() -> None:
    f = form(
        section(
            "s",
            [
                item("people", "repeat", minimum=1, maximum=2, items=[item("name", "text")]),
            ],
        )
    )
    e = engine(f)
    with pytest.raises(AnswerError, match="at least 1"):
        e.answer(ref("people"), [])
    e.add_instance("people", "A")
    with pytest.raises(AnswerError, match="at least 1"):
        e.remove_instance("people", 1)
    e.add_instance("people", "B")
    with pytest.raises(AnswerError, match="more than 2"):
        e.add_instance("people", "C")
    with pytest.raises(AnswerError, match="label must be text"):
        e.add_instance("people", 3)  # type: ignore[arg-type]
    with pytest.raises(NavigationError, match="not a repeat group"):
        engine(form(section("s", [item("x", "text")]))).add_instance("x", "A")


def test_a_repeat_child_reads_siblings_in_its_instance_and_others_at_top_level() -> None:
    f = form(
        section(
            "s",
            [
                item("adult", "yes_no"),
                item(
                    "people",
                    "repeat",
                    items=[
                        item("age", "number"),
                        item(
                            "school",
                            "text",
                            show_if={
                                "any": [
                                    {"lt": {"question": "age", "value": 18}},
                                    {"equals": {"question": "adult", "value": False}},
                                ]
                            },
                        ),
                    ],
                ),
            ],
        )
    )
    e = engine(f)
    e.answer(ref("adult"), True)
    e.add_instance("people", "A")
    e.add_instance("people", "B")
    e.answer(ref("age", 1), 12)
    e.answer(ref("age", 2), 30)
    assert [e.state(ref("school", n)).visible for n in (1, 2)] == [True, False]
    e.answer(ref("adult"), False)
    assert [e.state(ref("school", n)).visible for n in (1, 2)] == [True, True]


def test_declining_a_group_makes_its_instances_not_applicable(sample: Form) -> None:
    e = opened(sample)
    e.add_instance("workplaces", "Farm")
    e.answer(ref("workplace_sector", 1), choice("agriculture"))
    e.non_response(ref("workplaces"), "declined")
    assert e.instances("workplaces") == ()
    assert e.state(ref("workplace_sector", 1)).not_applicable_kept
    assert e.add_instance("workplaces", "Again")[0] == 2


# -- required --------------------------------------------------------------------------------


def test_a_required_question_refuses_not_asked_but_accepts_the_persons_choice(
    sample: Form,
) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(2012))
    assert e.state(ref("guardian_present")).required
    for kind in ("not_asked", "not_applicable"):
        with pytest.raises(AnswerError, match="guardian_present: is required"):
            e.non_response(ref("guardian_present"), kind)
    e.non_response(ref("guardian_present"), "dont_know")
    assert e.current == ref("sectors")


def test_require_if_makes_a_question_required_only_when_it_holds(sample: Form) -> None:
    e = opened(sample)
    e.answer(ref("sectors"), choices(["agriculture"]))
    assert not e.state(ref("documents_taken")).required
    e.non_response(ref("documents_taken"), "not_asked")
    e.answer(ref("sectors"), choices(["domestic"]))
    assert e.state(ref("documents_taken")).required
    with pytest.raises(AnswerError, match="is required"):
        e.non_response(ref("documents_taken"), "not_asked")


def test_a_non_response_the_item_does_not_offer_is_refused(sample: Form) -> None:
    e = opened(sample)
    with pytest.raises(AnswerError, match="does not offer"):
        e.non_response(ref("contact_name"), "dont_know")


# -- progress and topics ---------------------------------------------------------------------


def test_progress_counts_visible_questions_and_repeat_children_per_instance(
    sample: Form,
) -> None:
    e = engine(sample)
    # Visible questions at the start: the safety gate and medical question (not the note), two
    # gates, birth date, age in years and age band (not the guardian question), then sectors,
    # documents, story, contact and controls (hours and rest days are hidden; a repeat header
    # is no question).
    assert e.progress() == Progress(0, 12)
    assert e.progress("safety") == Progress(0, 2)
    e = opened(sample)
    assert e.progress("safety") == Progress(2, 2)
    assert e.progress("consent") == Progress(2, 2)
    e.answer(ref("birth_date"), approximate_date(2010))
    assert e.progress("about_you") == Progress(1, 2)  # fallbacks hidden, guardian shown
    e.add_instance("workplaces", "A")
    e.add_instance("workplaces", "B")
    assert e.progress("work") == Progress(0, 7)  # 5 questions and one sector per instance
    e.answer(ref("workplace_sector", 1), choice("domestic"))
    assert e.progress("work") == Progress(1, 8)  # instance 1 now asks whether it was locked
    assert e.progress() == Progress(6, 14)
    with pytest.raises(NavigationError, match="not in script"):
        e.progress("nowhere")


def test_covered_topics_need_a_substantive_visible_answer(sample: Form) -> None:
    e = engine(sample)
    e.answer(ref("welcome"), True)
    assert e.covered_topics() == frozenset(), "reading a note covers nothing"
    e.answer(ref("safety_check"), confirmed("private_room"))
    assert e.covered_topics() == frozenset(), "a half-done gate covers nothing"
    e.answer(ref("safety_check"), confirmed("private_room", "no_companion"))
    e.non_response(ref("urgent_medical"), "declined")
    e.answer(ref("consent_interview"), confirmed("purpose_explained", "agrees"))
    e.answer(ref("rights_told"), confirmed("support_unconditional", "may_decline"))
    e.non_response(ref("birth_date"), "declined")
    assert e.covered_topics() == {"safety", "consent"}
    e.answer(ref("age_years"), 30)
    assert e.covered_topics() == {"safety", "consent", "identity"}
    e.answer(ref("birth_date"), approximate_date(1995))  # hides age_years; birth date covers
    assert e.covered_topics() == {"safety", "consent", "identity"}


# -- restart, back, sections -----------------------------------------------------------------


def test_an_engine_rebuilt_from_saved_answers_resumes_at_the_same_item(sample: Form) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(2011, 3))
    e.add_instance("workplaces", "Farm")
    saved = {r: a for r, a in e.answers.items()}
    again = Engine(sample, saved, TODAY)
    assert again.current == e.current == ref("guardian_present")
    assert again.progress() == e.progress()
    assert list(again.states()) == list(e.states())


def test_back_moves_to_the_previous_answered_item_until_the_next_answer(sample: Form) -> None:
    e = opened(sample)
    e.non_response(ref("birth_date"), "dont_know")
    assert e.current == ref("age_years")
    assert e.back() == ref("birth_date")
    assert e.current == ref("birth_date")
    assert e.back() == ref("rights_told")
    assert e.back() == ref("consent_interview")
    e.answer(ref("consent_interview"), confirmed("agrees", "purpose_explained"))
    assert e.current == ref("age_years"), "an answer drops the cursor"
    assert e.back() == ref("birth_date")
    assert e.resume() == ref("age_years")


def test_the_cursor_is_visible_and_the_next_answer_drops_it(sample: Form) -> None:
    def cursor(e: Engine) -> ItemRef | None:
        return e.cursor  # a call, so the type checker does not pin the property between steps

    e = opened(sample)
    assert cursor(e) is None
    e.back()
    assert cursor(e) == ref("rights_told")
    e.answer(ref("rights_told"), confirmed("may_decline", "support_unconditional"))
    assert cursor(e) is None
    assert e.current == ref("birth_date")


def test_back_at_the_start_stays_put(sample: Form) -> None:
    e = engine(sample)
    assert e.back() is None
    assert e.current == ref("welcome")


def test_back_from_the_end_goes_to_the_last_answer() -> None:
    e = engine(form(section("s", [item("a", "yes_no"), item("b", "yes_no")])))
    e.answer(ref("a"), True)
    e.answer(ref("b"), True)
    assert e.current is None
    assert e.back() == ref("b")


def test_go_to_section_picks_the_first_unanswered_else_the_first_visible(sample: Form) -> None:
    e = opened(sample)
    e.answer(ref("birth_date"), approximate_date(1990))
    assert e.go_to_section("work") == ref("sectors")
    assert e.current == ref("sectors")
    assert e.go_to_section("safety") == ref("welcome")
    e.answer(ref("sectors"), choices(["agriculture"]))  # drops the cursor
    assert e.current == ref("hours_per_day")
    assert e.go_to_section("about_you") == ref("birth_date")
    with pytest.raises(NavigationError, match="not in script"):
        e.go_to_section("nowhere")


def test_go_to_a_blocked_section_is_refused(sample: Form) -> None:
    e = engine(sample)
    with pytest.raises(NavigationError, match="section work: blocked"):
        e.go_to_section("work")
    assert e.go_to_section("safety") == ref("welcome")


def test_go_to_moves_the_cursor_to_any_reachable_item(sample: Form) -> None:
    e = opened(sample)
    assert e.go_to(ref("safety_check")) == ref("safety_check")
    assert e.current == ref("safety_check")
    with pytest.raises(NavigationError, match="hidden"):
        e.go_to(ref("guardian_present"))


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        (ref("nowhere"), "not in script"),
        (ref("workplace_sector"), "instance number is needed"),
        (ref("birth_date", 1), "instance number is needed"),
        (ref("workplace_sector", 1), "no such instance"),
        (ref("guardian_present"), "hidden"),
        (ref("story"), "blocked until gate safety_check"),
    ],
)
def test_operations_on_unreachable_items_are_refused(
    sample: Form, target: ItemRef, problem: str
) -> None:
    e = engine(sample)
    with pytest.raises(NavigationError, match=problem):
        e.answer(target, True)
    with pytest.raises(NavigationError, match=problem):
        e.non_response(target, "declined")
    assert e.answers == {}


def test_unknown_refs_have_no_state(sample: Form) -> None:
    with pytest.raises(NavigationError, match="not in script"):
        engine(sample).state(ref("nowhere"))


# -- robustness ------------------------------------------------------------------------------


def test_a_long_chain_of_conditions_needs_no_deep_recursion() -> None:
    n = 3000
    items = [item("q0", "yes_no")] + [
        item(f"q{i}", "yes_no", show_if={"answered": f"q{i - 1}"}) for i in range(1, n)
    ]
    e = engine(form(section("s", items)))
    assert not e.state(ref(f"q{n - 1}")).visible
    answers = {ref(f"q{i}"): e.answer(ref(f"q{i}"), True) for i in range(n - 1)}
    rebuilt = engine(form(section("s", items)), answers)
    assert rebuilt.state(ref(f"q{n - 1}")).visible
    assert rebuilt.current == ref(f"q{n - 1}")


def test_a_cycle_of_conditions_hides_its_items_instead_of_looping() -> None:
    f = form(
        section(
            "s",
            [
                item("a", "yes_no", show_if={"not": {"answered": "b"}}),
                item("b", "yes_no", show_if={"not": {"answered": "a"}}),
                item("c", "yes_no"),
            ],
        )
    )
    e = engine(f)
    assert e.current == ref("c")
    assert [s.visible for s in e.states()] == [False, False, True]


def test_stored_answers_that_no_longer_fit_the_script_do_not_break_the_engine(
    sample: Form,
) -> None:
    odd = {
        ref("welcome"): Answer(ref("welcome"), "not a bool"),
        ref("safety_check"): Answer(ref("safety_check"), {"weird": 1}),
        ref("workplaces"): Answer(
            ref("workplaces"), [{"instance": "x"}, 3, {"instance": 2, "label": "ok"}]
        ),
        ref("gone_question"): Answer(ref("gone_question"), True),
    }
    e = Engine(sample, odd, TODAY)
    assert e.current == ref("safety_check")
    assert [i.number for i in e.instances("workplaces")] == [2]
    assert ref("gone_question") in e.answers
    assert len(list(e.states())) == 19  # 17 rows, then the 2 children of instance 2
