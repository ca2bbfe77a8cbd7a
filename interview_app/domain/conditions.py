"""The condition mini-language of ``show_if`` / ``require_if``: structured data, never code.

YAML shapes (every operator is a one-key mapping)::

    all: [cond, ...]          any: [cond, ...]          not: cond
    answered: question_id
    equals: {question: id, value: v}
    in:     {question: id, values: [v, ...]}
    lt:     {question: id, value: n}      gt: {question: id, value: n}
    age_under: {question: id, years: n}

``equals``/``in`` on a multiple choice ask whether the option(s) were among those chosen.
``age_under`` takes an age (number) or a date of birth (date); an approximate date counts as
"may be under" whenever any date it covers would be, so the child pathway errs towards the child.
A question with no answer, a non-response or a hidden question makes every comparison false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeGuard

from interview_app.domain.model import Answer, JsonValue, QuestionId

OPERATORS = ("all", "any", "not", "answered", "equals", "in", "lt", "gt", "age_under")


@dataclass(frozen=True)
class All:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


@dataclass(frozen=True)
class Answered:
    question: QuestionId


@dataclass(frozen=True)
class Equals:
    question: QuestionId
    value: JsonValue


@dataclass(frozen=True)
class In:
    question: QuestionId
    values: tuple[JsonValue, ...]


@dataclass(frozen=True)
class LessThan:
    question: QuestionId
    value: float


@dataclass(frozen=True)
class GreaterThan:
    question: QuestionId
    value: float


@dataclass(frozen=True)
class AgeUnder:
    question: QuestionId
    years: int


Condition: TypeAlias = (
    All | AnyOf | Not | Answered | Equals | In | LessThan | GreaterThan | AgeUnder
)
Comparison: TypeAlias = Equals | In | LessThan | GreaterThan | AgeUnder


class ConditionSyntaxError(ValueError):
    """A condition is malformed; ``path`` locates the offending part inside the condition."""

    def __init__(self, message: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.path = path


def parse_condition(data: object, path: tuple[str | int, ...] = ()) -> Condition:
    """Build a condition from loaded YAML; raises ConditionSyntaxError naming the bad part."""
    if not isinstance(data, Mapping) or len(data) != 1:
        raise ConditionSyntaxError(
            "a condition is a mapping with exactly one operator: " + ", ".join(OPERATORS), path
        )
    ((op, arg),) = data.items()
    here = (*path, op)
    if op in ("all", "any"):
        if not isinstance(arg, Sequence) or isinstance(arg, str) or not arg:
            raise ConditionSyntaxError(f"'{op}' takes a non-empty list of conditions", here)
        parts = tuple(parse_condition(c, (*here, i)) for i, c in enumerate(arg))
        return All(parts) if op == "all" else AnyOf(parts)
    if op == "not":
        return Not(parse_condition(arg, here))
    if op == "answered":
        if not isinstance(arg, str):
            raise ConditionSyntaxError("'answered' takes a question id", here)
        return Answered(QuestionId(arg))
    if op not in OPERATORS:
        raise ConditionSyntaxError(
            f"unknown condition operator '{op}'; use one of: " + ", ".join(OPERATORS), path
        )
    return _parse_comparison(op, arg, here)


def _parse_comparison(op: str, arg: object, here: tuple[str | int, ...]) -> Comparison:
    operand = {"equals": "value", "in": "values", "lt": "value", "gt": "value"}.get(op, "years")
    if not isinstance(arg, Mapping) or set(arg) != {"question", operand}:
        raise ConditionSyntaxError(f"'{op}' takes exactly 'question' and '{operand}'", here)
    question = arg["question"]
    if not isinstance(question, str):
        raise ConditionSyntaxError(f"'{op}': 'question' must be a question id", (*here, "question"))
    qid = QuestionId(question)
    value = arg[operand]
    if op == "equals":
        return Equals(qid, value)
    if op == "in":
        if not isinstance(value, list) or not value:
            raise ConditionSyntaxError("'in': 'values' must be a non-empty list", (*here, "values"))
        return In(qid, tuple(value))
    if not _is_number(value):
        raise ConditionSyntaxError(f"'{op}': '{operand}' must be a number", (*here, operand))
    if op == "lt":
        return LessThan(qid, float(value))
    if op == "gt":
        return GreaterThan(qid, float(value))
    if not isinstance(value, int) or value <= 0:
        raise ConditionSyntaxError("'age_under': 'years' must be a whole number above 0", here)
    return AgeUnder(qid, value)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def walk(condition: Condition) -> Iterator[Condition]:
    """The condition and every condition nested in it."""
    yield condition
    if isinstance(condition, All | AnyOf):
        for part in condition.conditions:
            yield from walk(part)
    elif isinstance(condition, Not):
        yield from walk(condition.condition)


def referenced_questions(condition: Condition) -> set[QuestionId]:
    """Every question the condition reads."""
    return {
        c.question for c in walk(condition) if not isinstance(c, All | AnyOf | Not)
    }


Lookup = Callable[[QuestionId], Answer | None]


def evaluate(condition: Condition, lookup: Lookup, today: dt.date) -> bool:
    """Whether the condition holds; ``lookup`` gives the visible answer to a question, if any."""
    if isinstance(condition, All):
        return all(evaluate(c, lookup, today) for c in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(evaluate(c, lookup, today) for c in condition.conditions)
    if isinstance(condition, Not):
        return not evaluate(condition.condition, lookup, today)
    answer = lookup(condition.question)
    if answer is None or not answer.is_substantive:
        return False
    if isinstance(condition, Answered):
        return True
    return _compare(condition, answer.value, today)


def _compare(condition: Comparison, value: JsonValue, today: dt.date) -> bool:
    chosen = _chosen(value)
    if isinstance(condition, Equals):
        return any(_same(c, condition.value) for c in chosen)
    if isinstance(condition, In):
        return any(_same(c, v) for c in chosen for v in condition.values)
    if isinstance(condition, AgeUnder):
        return _may_be_under(value, condition.years, today)
    if not _is_number(value):
        return False
    if isinstance(condition, LessThan):
        return value < condition.value
    return value > condition.value


def _chosen(value: JsonValue) -> list[JsonValue]:
    """The values a comparison looks at: the chosen option(s) of a choice, else the value."""
    if isinstance(value, dict):
        if "option" in value:
            return [value["option"]]
        options = value.get("options")
        if isinstance(options, list):
            return list(options)
    return [value]


def _same(a: JsonValue, b: JsonValue) -> bool:
    # True == 1 in Python; a yes/no answer must never equal the number 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def _may_be_under(value: JsonValue, years: int, today: dt.date) -> bool:
    if _is_number(value):
        return value < years
    latest_birth = latest_possible_date(value)
    if latest_birth is None:
        return False
    return age_on(latest_birth, today) < years


def latest_possible_date(value: JsonValue) -> dt.date | None:
    """The latest calendar day an (approximate) date answer can mean; None if not a date."""
    if not isinstance(value, dict) or not isinstance(value.get("year"), int):
        return None
    year = value["year"]
    if not isinstance(year, int):
        return None
    month = value.get("month")
    day = value.get("day")
    if isinstance(value.get("about"), bool) and value["about"]:
        year, month, day = year + 1, None, None  # "about 2008" may well be 2009
    try:
        if not isinstance(month, int):
            return dt.date(year, 12, 31)
        if not isinstance(day, int):
            next_month = dt.date(year + month // 12, month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def age_on(birth: dt.date, today: dt.date) -> int:
    """Completed years between a birth date and today."""
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - int(before_birthday)
