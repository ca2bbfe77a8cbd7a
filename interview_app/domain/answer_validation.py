"""Strict checks of answer values against their item, and helpers that build those values."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from interview_app.domain.model import (
    REQUIRED_NON_RESPONSES,
    Answer,
    Item,
    ItemKind,
    JsonValue,
    NonResponse,
)
from interview_app.errors import AnswerError

# Every message names the item and the problem only: the value is case content and must never
# reach a log line or an error dialog that may be screenshotted.


def choice(option: str, specify: str | None = None) -> dict[str, JsonValue]:
    """A single-choice value; ``specify`` only for an option marked ``specify``."""
    value: dict[str, JsonValue] = {"option": option}
    if specify is not None:
        value["specify"] = specify
    return value


def choices(options: Iterable[str], specify: str | None = None) -> dict[str, JsonValue]:
    """A multiple-choice value."""
    value: dict[str, JsonValue] = {"options": list(options)}
    if specify is not None:
        value["specify"] = specify
    return value


def narrative(
    original: str, translation: str | None = None, translated_by: str | None = None
) -> dict[str, JsonValue]:
    """A narrative value: the words as said, then optionally their translation and by whom."""
    value: dict[str, JsonValue] = {"original": original}
    if translation is not None:
        value["translation"] = translation
    if translated_by is not None:
        value["translated_by"] = translated_by
    return value


def approximate_date(
    year: int, month: int | None = None, day: int | None = None, about: bool = False
) -> dict[str, JsonValue]:
    """A date value as precise as the person can say, ``about`` when even that is a guess."""
    value: dict[str, JsonValue] = {"year": year}
    if month is not None:
        value["month"] = month
    if day is not None:
        value["day"] = day
    if about:
        value["about"] = True
    return value


def exact_date(day: dt.date) -> dict[str, JsonValue]:
    return approximate_date(day.year, day.month, day.day)


def confirmed(*checklist_ids: str) -> list[JsonValue]:
    """A gate value: the checklist entries confirmed so far."""
    return list(checklist_ids)


@dataclass(frozen=True)
class Instance:
    """One instance of a repeat group (a place, a person); ``number`` is never reused."""

    number: int
    label: str


def parse_instances(answer: Answer | None) -> tuple[Instance, ...]:
    """The live instances recorded in a repeat group's answer; tolerant of stored junk."""
    if answer is None or not isinstance(answer.value, list):
        return ()
    found: dict[int, Instance] = {}
    for entry in answer.value:
        if not isinstance(entry, dict):
            continue
        number, label = entry.get("instance"), entry.get("label")
        if _is_int(number) and number > 0 and isinstance(label, str) and number not in found:
            found[number] = Instance(number, label)
    return tuple(found.values())


def instances_value(instances: Iterable[Instance]) -> list[JsonValue]:
    return [{"instance": i.number, "label": i.label} for i in instances]


def gate_complete(item: Item, answer: Answer | None) -> bool:
    """Whether every checklist entry of a gate is confirmed; a non-response never completes it."""
    if answer is None or not isinstance(answer.value, list):
        return False
    done = {entry for entry in answer.value if isinstance(entry, str)}
    return all(entry.id in done for entry in item.checklist)


def check_non_response(item: Item, kind: object, required: bool) -> NonResponse:
    """The non-response if this item accepts it now; AnswerError otherwise."""
    try:
        non_response = NonResponse(kind) if isinstance(kind, str) else None
    except ValueError:
        non_response = None
    if non_response is None:
        raise _error(item, "is not a known kind of non-response")
    if non_response not in item.non_responses:
        raise _error(item, f"does not offer the non-response '{non_response.value}'")
    if required and non_response not in REQUIRED_NON_RESPONSES:
        raise _error(item, "is required: only 'declined' or 'dont_know' may replace an answer")
    return non_response


def check_value(item: Item, value: object, today: dt.date) -> JsonValue:
    """A private copy of ``value`` if it fits the item's kind and limits; AnswerError otherwise."""
    checker = _CHECKERS[item.kind]
    return checker(item, value, today)


def _error(item: Item, problem: str) -> AnswerError:
    return AnswerError(f"{item.id}: {problem}")


def _is_int(value: object) -> TypeGuard[int]:
    # bool is an int in Python; a yes/no must never pass as a count.
    return isinstance(value, int) and not isinstance(value, bool)


def _mapping(item: Item, value: object, allowed: set[str], required: str) -> dict[str, object]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise _error(item, "needs a mapping value")
    extra = set(value) - allowed
    if extra:
        raise _error(item, "value has unexpected keys: " + ", ".join(sorted(extra)))
    if required not in value:
        raise _error(item, f"value needs '{required}'")
    return value


def _text(item: Item, value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _error(item, f"{what} must be text")
    if not value.strip():
        raise _error(item, f"{what} is empty; record a non-response instead of a blank")
    if item.max_length is not None and len(value) > item.max_length:
        raise _error(item, f"{what} is longer than {item.max_length} characters")
    return value


def _in_bounds(item: Item, number: float) -> None:
    if item.minimum is not None and number < item.minimum:
        raise _error(item, f"is below the minimum {item.minimum:g}")
    if item.maximum is not None and number > item.maximum:
        raise _error(item, f"is above the maximum {item.maximum:g}")


def _note(item: Item, value: object, today: dt.date) -> JsonValue:
    if value is not True:
        raise _error(item, "a note is acknowledged with True")
    return True


def _gate(item: Item, value: object, today: dt.date) -> JsonValue:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _error(item, "a gate takes a list of checklist ids")
    known = {entry.id for entry in item.checklist}
    if any(v not in known for v in value):
        raise _error(item, "names a checklist entry the gate does not have")
    if len(set(value)) != len(value):
        raise _error(item, "confirms a checklist entry twice")
    return list(value)


def _specify(item: Item, value: dict[str, object], allowed: bool) -> str | None:
    if "specify" not in value:
        return None
    if not allowed:
        raise _error(item, "'specify' is only for an option that asks to specify")
    return _text(item, value["specify"], "'specify'")


def _single(item: Item, value: object, today: dt.date) -> JsonValue:
    data = _mapping(item, value, {"option", "specify"}, "option")
    chosen = data["option"]
    option = item.option(chosen) if isinstance(chosen, str) else None
    if option is None:
        raise _error(item, "the chosen option is not one of this question's options")
    specify = _specify(item, data, option.specify)
    return choice(option.value, specify)


def _multi(item: Item, value: object, today: dt.date) -> JsonValue:
    data = _mapping(item, value, {"options", "specify"}, "options")
    chosen = data["options"]
    if not isinstance(chosen, list) or not chosen:
        raise _error(item, "'options' must be a non-empty list; record a non-response for none")
    options = [item.option(c) if isinstance(c, str) else None for c in chosen]
    if any(o is None for o in options):
        raise _error(item, "a chosen option is not one of this question's options")
    found = [o for o in options if o is not None]
    if len({o.value for o in found}) != len(found):
        raise _error(item, "an option is chosen twice")
    if len(found) > 1 and any(o.exclusive for o in found):
        raise _error(item, "an exclusive option cannot be combined with others")
    specify = _specify(item, data, any(o.specify for o in found))
    return choices([o.value for o in found], specify)


def _plain_text(item: Item, value: object, today: dt.date) -> JsonValue:
    return _text(item, value, "the answer")


def _narrative(item: Item, value: object, today: dt.date) -> JsonValue:
    data = _mapping(item, value, {"original", "translation", "translated_by"}, "original")
    original = _text(item, data["original"], "'original'")
    translation = None
    if "translation" in data:
        translation = _text(item, data["translation"], "'translation'")
    by = data.get("translated_by")
    if by is not None and translation is None:
        raise _error(item, "'translated_by' needs a 'translation'")
    translated_by = _text(item, by, "'translated_by'") if "translated_by" in data else None
    return narrative(original, translation, translated_by)


def _date(item: Item, value: object, today: dt.date) -> JsonValue:
    data = _mapping(item, value, {"year", "month", "day", "about"}, "year")
    year, month, day, about = (data.get(k) for k in ("year", "month", "day", "about"))
    if not _is_int(year) or not (month is None or _is_int(month)):
        raise _error(item, "year and month must be whole numbers")
    if not (day is None or (_is_int(day) and month is not None)):
        raise _error(item, "a day must be a whole number and needs a month")
    if not (about is None or isinstance(about, bool)):
        raise _error(item, "'about' must be true or false")
    try:
        earliest = dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except (ValueError, OverflowError):
        raise _error(item, "is not a calendar date") from None
    # Compare the earliest day the answer can mean, so "this month" is accepted before its end.
    if earliest > today:
        raise _error(item, "is in the future")
    return approximate_date(year, month, day, about is True)


def _number(item: Item, value: object, today: dt.date) -> JsonValue:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _error(item, "needs a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise _error(item, "needs a finite number")
    if item.integer and not isinstance(value, int):
        raise _error(item, "needs a whole number")
    _in_bounds(item, value)
    return value


def _yes_no(item: Item, value: object, today: dt.date) -> JsonValue:
    if not isinstance(value, bool):
        raise _error(item, "needs yes (True) or no (False)")
    return value


def _scale(item: Item, value: object, today: dt.date) -> JsonValue:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _error(item, "needs a whole number on the scale")
    _in_bounds(item, value)
    return value


def _repeat(item: Item, value: object, today: dt.date) -> JsonValue:
    if not isinstance(value, list):
        raise _error(item, "a repeat group takes a list of instances")
    seen: set[int] = set()
    clean: list[Instance] = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"instance", "label"}:
            raise _error(item, "each instance is a mapping of exactly 'instance' and 'label'")
        number, label = entry["instance"], entry["label"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise _error(item, "an instance number must be a whole number from 1")
        if not isinstance(label, str):
            raise _error(item, "an instance label must be text")
        if number in seen:
            raise _error(item, "an instance number appears twice")
        seen.add(number)
        clean.append(Instance(number, label))
    if item.maximum is not None and len(clean) > item.maximum:
        raise _error(item, f"has more than {item.maximum:g} instances")
    return instances_value(clean)


_CHECKERS = {
    ItemKind.NOTE: _note,
    ItemKind.GATE: _gate,
    ItemKind.SINGLE_CHOICE: _single,
    ItemKind.MULTI_CHOICE: _multi,
    ItemKind.TEXT: _plain_text,
    ItemKind.NARRATIVE: _narrative,
    ItemKind.DATE: _date,
    ItemKind.NUMBER: _number,
    ItemKind.YES_NO: _yes_no,
    ItemKind.SCALE: _scale,
    ItemKind.REPEAT: _repeat,
}
