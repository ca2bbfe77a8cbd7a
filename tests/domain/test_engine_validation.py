"""Every way an answer value can be refused, and the helpers that build valid values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from interview_app.domain.answer_validation import (
    approximate_date,
    check_non_response,
    check_value,
    choice,
    choices,
    confirmed,
    exact_date,
    narrative,
)
from interview_app.domain.model import Item, NonResponse, Option
from interview_app.errors import AnswerError
from tests.domain.test_engine_support import SECTORS, TODAY, engine, form, item, ref, section

# Stands for case content: it must never appear in a message.
SECRET = "Maria Secret-Name"  # noqa: S105 - not a password

CHOICE = item("pick", "single_choice", options=SECTORS)
MULTI = item(
    "picks",
    "multi_choice",
    options=(*SECTORS, Option("none", "None of these", exclusive=True)),
)
NUMBER = item("count", "number", minimum=0, maximum=24, integer=True)
FLOAT = item("weight", "number", minimum=0.5, maximum=200)
SCALE = item("often", "scale", minimum=1, maximum=5)
TEXT = item("name", "text", max_length=10)
STORY = item("story", "narrative", max_length=20)
DATE = item("when", "date")
GATE = item("consent", "gate", checklist=["a", "b"])
NOTE = item("hello", "note")
YES = item("yes", "yes_no")
REPEAT = item("places", "repeat", maximum=2, items=[item("kind", "text")])


REFUSED: list[tuple[Item, Any, str]] = [
    (NOTE, False, "acknowledged with True"),
    (NOTE, 1, "acknowledged with True"),
    (GATE, "a", "list of checklist ids"),
    (GATE, [SECRET], "checklist entry the gate does not have"),
    (GATE, ["a", "a"], "twice"),
    (GATE, [1], "list of checklist ids"),
    (CHOICE, SECRET, "mapping"),
    (CHOICE, {"option": SECRET}, "not one of this question's options"),
    (CHOICE, {"option": 3}, "not one of this question's options"),
    (CHOICE, {}, "needs 'option'"),
    (CHOICE, {"option": "agriculture", "extra": SECRET}, "unexpected keys: extra"),
    (CHOICE, {"option": "agriculture", "specify": SECRET}, "only for an option"),
    (CHOICE, {"option": "other", "specify": "  "}, "empty"),
    (CHOICE, {"option": "other", "specify": 5}, "must be text"),
    (CHOICE, {1: "other"}, "mapping"),
    (MULTI, {"options": []}, "non-empty list"),
    (MULTI, {"options": "domestic"}, "non-empty list"),
    (MULTI, {"options": ["domestic", SECRET]}, "not one of this question's options"),
    (MULTI, {"options": ["domestic", "domestic"]}, "chosen twice"),
    (MULTI, {"options": ["domestic", "none"]}, "exclusive"),
    (MULTI, {"options": ["domestic"], "specify": SECRET}, "only for an option"),
    (TEXT, "", "empty"),
    (TEXT, " \n\t", "empty"),
    (TEXT, SECRET, "longer than 10"),
    (TEXT, 42, "must be text"),
    (STORY, SECRET, "mapping"),
    (STORY, {"translation": SECRET}, "needs 'original'"),
    (STORY, {"original": ""}, "empty"),
    (STORY, {"original": SECRET * 3}, "longer than 20"),
    (STORY, {"original": "ok", "translation": SECRET * 3}, "longer than 20"),
    (STORY, {"original": "ok", "translated_by": "Ana"}, "needs a 'translation'"),
    (STORY, {"original": "ok", "translation": "fine", "translated_by": None}, "must be text"),
    (DATE, "2001-01-01", "mapping"),
    (DATE, {"month": 3}, "needs 'year'"),
    (DATE, {"year": "2001"}, "whole numbers"),
    (DATE, {"year": True}, "whole numbers"),
    (DATE, {"year": 2001, "month": 1.5}, "whole numbers"),
    (DATE, {"year": 2001, "month": 13}, "not a calendar date"),
    (DATE, {"year": 2001, "month": 0}, "not a calendar date"),
    (DATE, {"year": 2001, "month": 2, "day": 29}, "not a calendar date"),
    (DATE, {"year": 2001, "day": 3}, "needs a month"),
    (DATE, {"year": 0}, "not a calendar date"),
    (DATE, {"year": 2001, "about": "yes"}, "true or false"),
    (DATE, {"year": 2026}, "in the future"),
    (DATE, {"year": 2025, "month": 7}, "in the future"),
    (DATE, {"year": 2025, "month": 6, "day": 16}, "in the future"),
    (NUMBER, "3", "needs a number"),
    (NUMBER, True, "needs a number"),
    (NUMBER, 3.5, "whole number"),
    (NUMBER, 25, "above the maximum 24"),
    (NUMBER, -1, "below the minimum 0"),
    (FLOAT, float("nan"), "finite"),
    (FLOAT, float("inf"), "finite"),
    (FLOAT, 0.25, "below the minimum 0.5"),
    (YES, 1, "yes (True) or no (False)"),
    (YES, "yes", "yes (True) or no (False)"),
    (SCALE, 2.0, "whole number on the scale"),
    (SCALE, False, "whole number on the scale"),
    (SCALE, 6, "above the maximum 5"),
    (SCALE, 0, "below the minimum 1"),
    (REPEAT, {"instance": 1}, "list of instances"),
    (REPEAT, [{"instance": 1}], "exactly 'instance' and 'label'"),
    (REPEAT, [{"instance": 1, "label": "x", "y": 2}], "exactly 'instance' and 'label'"),
    (REPEAT, [{"instance": 0, "label": SECRET}], "from 1"),
    (REPEAT, [{"instance": True, "label": SECRET}], "from 1"),
    (REPEAT, [{"instance": 1, "label": 5}], "label must be text"),
    (REPEAT, [{"instance": 1, "label": "a"}, {"instance": 1, "label": "b"}], "appears twice"),
    (REPEAT, [{"instance": n, "label": ""} for n in (1, 2, 3)], "more than 2 instances"),
]


@pytest.mark.parametrize(("it", "value", "problem"), REFUSED)
def test_refused_values_name_the_item_and_problem_but_never_the_answer(
    it: Item, value: Any, problem: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        check_value(it, value, TODAY)
    message = str(caught.value)
    assert message.startswith(f"{it.id}: ")
    assert problem in message
    assert "Secret" not in message


ACCEPTED: list[tuple[Item, Any]] = [
    (NOTE, True),
    (GATE, []),
    (GATE, confirmed("b", "a")),
    (CHOICE, choice("agriculture")),
    (CHOICE, choice("other", specify="Fishing boat")),
    (CHOICE, choice("other")),
    (MULTI, choices(["domestic", "other"], specify="Car wash")),
    (MULTI, choices(["none"])),
    (TEXT, "Ana"),
    (TEXT, "ñ" * 10),
    (STORY, narrative("Dije que no", "I said no", "Interpreter 1")),
    (DATE, approximate_date(2008)),
    (DATE, approximate_date(2008, 2, 29)),
    (DATE, approximate_date(2025, 6, about=True)),
    (DATE, exact_date(TODAY)),
    (NUMBER, 0),
    (NUMBER, 24),
    (FLOAT, 70.5),
    (FLOAT, 3),
    (YES, False),
    (SCALE, 5),
    (REPEAT, []),
    (REPEAT, [{"instance": 3, "label": ""}, {"instance": 1, "label": "Farm"}]),
]


@pytest.mark.parametrize(("it", "value"), ACCEPTED)
def test_valid_values_come_back_equal_but_as_a_private_copy(it: Item, value: Any) -> None:
    clean = check_value(it, value, TODAY)
    assert clean == value
    if isinstance(value, list | dict):
        assert clean is not value


def test_value_helpers_build_the_documented_encoding() -> None:
    assert choice("a") == {"option": "a"}
    assert choice("a", specify="b") == {"option": "a", "specify": "b"}
    assert choices(["a", "b"]) == {"options": ["a", "b"]}
    assert narrative("x") == {"original": "x"}
    assert narrative("x", "y", "z") == {"original": "x", "translation": "y", "translated_by": "z"}
    assert approximate_date(2001) == {"year": 2001}
    assert approximate_date(2001, 2, 3, about=True) == {
        "year": 2001,
        "month": 2,
        "day": 3,
        "about": True,
    }
    assert exact_date(dt.date(2001, 2, 3)) == {"year": 2001, "month": 2, "day": 3}
    assert confirmed("a", "b") == ["a", "b"]


def test_about_false_is_stored_as_no_about() -> None:
    assert check_value(DATE, {"year": 2001, "about": False}, TODAY) == {"year": 2001}


def test_a_caller_mutating_its_value_afterwards_does_not_change_the_record() -> None:
    f = form(section("s", [item("picks", "multi_choice", options=SECTORS)]))
    e = engine(f)
    value = choices(["domestic"])
    recorded = e.answer(ref("picks"), value)
    value["options"].append("construction")  # type: ignore[union-attr]
    assert recorded.value == {"options": ["domestic"]}
    assert e.answers[ref("picks")].value == {"options": ["domestic"]}


ONLY_TWO = item("contact", "text", non_responses=["declined", "not_asked"])
REQUIRED = item("must", "text", required=True)


@pytest.mark.parametrize(
    ("it", "kind", "required", "problem"),
    [
        (ONLY_TWO, "dont_know", False, "does not offer the non-response 'dont_know'"),
        (ONLY_TWO, SECRET, False, "not a known kind of non-response"),
        (ONLY_TWO, 3, False, "not a known kind of non-response"),
        (REQUIRED, NonResponse.NOT_ASKED, True, "is required"),
        (REQUIRED, "not_applicable", True, "is required"),
    ],
)
def test_refused_non_responses(it: Item, kind: Any, required: bool, problem: str) -> None:
    with pytest.raises(AnswerError, match=problem) as caught:
        check_non_response(it, kind, required)
    assert "Secret" not in str(caught.value)


@pytest.mark.parametrize("kind", ["declined", NonResponse.DONT_KNOW])
def test_a_required_question_still_accepts_the_persons_own_choice(kind: Any) -> None:
    assert check_non_response(REQUIRED, kind, True) == NonResponse(kind)
