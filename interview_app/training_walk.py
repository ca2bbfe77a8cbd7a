"""Fictional answers for any script, and a walk of it with the Engine from start to end.

The answers are generated from each item's kind and limits, never from its id, so the walk
works for every valid script: the first option, a marked fictional text, an approximate date,
a number inside the bounds. An answer the item refuses after all becomes a non-response the
item offers, so a walk always ends.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from interview_app.domain.answer_validation import (
    approximate_date,
    choice,
    choices,
    confirmed,
    narrative,
)
from interview_app.domain.engine import Engine
from interview_app.domain.model import (
    Answer,
    DataClass,
    Form,
    Item,
    ItemKind,
    ItemRef,
    JsonValue,
    NonResponse,
)
from interview_app.errors import AnswerError

MARK = "TRAINING"
PLACE = "Riverton (a fictional town)"
_SPECIFY = f"{MARK}: fictional detail"
_NON_RESPONSES = (NonResponse.DECLINED, NonResponse.DONT_KNOW, NonResponse.NOT_ASKED,
                  NonResponse.NOT_APPLICABLE)

Save = Callable[[Item, Answer], None]
ValueFor = Callable[[Item, dt.date], JsonValue]


class WalkDidNotEnd(RuntimeError):
    """A script kept asking after far more steps than it has items: a bug, not bad input."""


def _fit(text: str, item: Item) -> str:
    return text if item.max_length is None else text[: item.max_length]


def _text(item: Item) -> str:
    if item.data_class is DataClass.IDENTITY:
        return _fit(f"{MARK} Mira Example (fictional)", item)
    return _fit(f"{MARK}: a fictional answer, in {PLACE}", item)


def _date(item: Item, today: dt.date) -> JsonValue:
    asks_birth = "birth" in item.id or "born" in item.prompt.lower()
    if asks_birth:
        return approximate_date(today.year - 29, about=True)
    # Half a year back is never in the future, whatever today is.
    earlier = today - dt.timedelta(days=183)
    return approximate_date(earlier.year, earlier.month, about=True)


def _number(item: Item) -> JsonValue:
    low = 0.0 if item.minimum is None else item.minimum
    value = low + 3 if item.maximum is None else low + (item.maximum - low) / 4
    whole = math.ceil(value)
    if item.maximum is None or whole <= item.maximum:
        return whole
    return value  # bounds too narrow for a whole number; only valid if not integer-only


def fictional_value(item: Item, today: dt.date) -> JsonValue:
    """A plausible, clearly fictional answer for any answerable item (not a repeat group)."""
    kind = item.kind
    if kind is ItemKind.NOTE:
        return True
    if kind is ItemKind.GATE:
        return confirmed(*(entry.id for entry in item.checklist))
    if kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE):
        first = item.options[0]
        specify = _SPECIFY if first.specify else None
        if kind is ItemKind.SINGLE_CHOICE:
            return choice(first.value, specify)
        return choices([first.value], specify)
    if kind is ItemKind.TEXT:
        return _text(item)
    if kind is ItemKind.NARRATIVE:
        said = _fit(f"{MARK}. A fictional account for practice: I was promised work in "
                    f"{PLACE} and later could not leave.", item)
        return narrative(said, _fit(f"{MARK}. Fictional translation of the account.", item),
                         f"{MARK} interpreter")
    if kind is ItemKind.DATE:
        return _date(item, today)
    if kind is ItemKind.NUMBER:
        return _number(item)
    if kind is ItemKind.YES_NO:
        return True  # a "yes" opens the follow-up questions, so more of the script is shown
    if kind is ItemKind.SCALE:
        low = int(item.minimum or 0)
        high = int(item.maximum if item.maximum is not None else low)
        return (low + high) // 2
    raise ValueError(f"{item.id}: a repeat group is answered by adding instances")


def _non_response(engine: Engine, ref: ItemRef) -> Answer:
    for kind in _NON_RESPONSES:
        try:
            return engine.non_response(ref, kind)
        except AnswerError:
            continue
    raise AnswerError(f"{ref.question_id}: accepts neither the fictional answer nor a non-response")


def _step(
    engine: Engine, ref: ItemRef, item: Item, today: dt.date, value_for: ValueFor
) -> list[Answer]:
    if item.kind is ItemKind.REPEAT:
        wanted = max(1, math.ceil(item.minimum or 0))
        if item.maximum is not None and item.maximum < wanted:
            return [engine.answer(ref, [])]
        added = []
        for number in range(1, wanted + 1):
            added.append(engine.add_instance(item.id, f"{MARK} place {number}, {PLACE}")[1])
        return added
    try:
        return [engine.answer(ref, value_for(item, today))]
    except AnswerError:
        return [_non_response(engine, ref)]


def walk(
    form: Form, today: dt.date, save: Save, value_for: ValueFor = fictional_value
) -> Engine:
    """Answer every item the script asks, in order, until nothing is left; each answer is
    handed to ``save`` before the next one is given, as the interview view does."""
    engine = Engine(form, {}, today)
    limit = 10 * sum(1 for _ in form.all_items()) + 100
    for _ in range(limit):
        ref = engine.current
        if ref is None:
            return engine
        item = form.item(ref.question_id)
        for answer in _step(engine, ref, item, today, value_for):
            save(form.item(answer.ref.question_id), answer)
    raise WalkDidNotEnd(f"{form.id}: the training walk did not reach the end")
