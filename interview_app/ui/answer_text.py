"""Answers in words for the interviewer: values, non-responses and kept answers, plain text."""

from __future__ import annotations

import datetime as dt

from interview_app.domain.model import Answer, Item, ItemKind, JsonValue, NonResponse
from interview_app.i18n import _
from interview_app.ui.formatting import long_date_text, month_text, number, year_text


def non_response_names() -> dict[NonResponse, str]:
    return {
        NonResponse.DECLINED: _("Declined"),
        NonResponse.DONT_KNOW: _("Don't know"),
        NonResponse.NOT_ASKED: _("Not asked"),
        NonResponse.NOT_APPLICABLE: _("Not applicable"),
    }


def date_text(value: dict[str, JsonValue]) -> str:
    year, month, day = value.get("year"), value.get("month"), value.get("day")
    if not isinstance(year, int):
        return ""
    try:
        if isinstance(month, int) and isinstance(day, int):
            text = long_date_text(dt.date(year, month, day))
        elif isinstance(month, int):
            text = month_text(year, month)
        else:
            text = year_text(year)
    except ValueError:
        text = year_text(year)
    return _("about {date}").format(date=text) if value.get("about") is True else text


def _labels(item: Item, values: list[JsonValue]) -> list[str]:
    labels = []
    for value in values:
        option = item.option(value) if isinstance(value, str) else None
        labels.append(option.label if option is not None else str(value))
    return labels


def value_text(item: Item, value: JsonValue) -> str:
    """A value in words; option labels come from ``item``, so pass it in the language wanted."""
    kind = item.kind
    if kind is ItemKind.NOTE:
        return _("Read aloud")
    if kind is ItemKind.YES_NO:
        return _("Yes") if value is True else _("No")
    if kind is ItemKind.GATE and isinstance(value, list):
        done = {v for v in value if isinstance(v, str)}
        return _("{done} of {total} confirmed").format(
            done=number(sum(e.id in done for e in item.checklist)),
            total=number(len(item.checklist)),
        )
    if kind is ItemKind.REPEAT and isinstance(value, list):
        labels = [str(v.get("label", "")) for v in value if isinstance(v, dict)]
        return "; ".join(labels) if labels else _("None")
    if isinstance(value, dict):
        if kind is ItemKind.DATE:
            return date_text(value)
        if kind is ItemKind.NARRATIVE:
            return narrative_text(value)
        chosen = value.get("options", [value.get("option")])
        text = ", ".join(_labels(item, chosen if isinstance(chosen, list) else []))
        specify = value.get("specify")
        return f"{text}: {specify}" if isinstance(specify, str) else text
    shown = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = number(value)
    if kind is ItemKind.NUMBER and item.unit:
        return f"{shown if shown is not None else value} {item.unit}"
    if kind is ItemKind.SCALE and item.maximum is not None:
        return _("{value} on a scale to {maximum}").format(
            value=shown if shown is not None else value, maximum=number(item.maximum)
        )
    return shown if shown is not None else str(value)


def narrative_text(value: dict[str, JsonValue]) -> str:
    return "\n".join(narrative_parts(value))


def narrative_parts(value: dict[str, JsonValue]) -> list[str]:
    """The words as said, then (if any) the translation with who made it: two texts that may
    run in opposite directions, so they are kept apart."""
    parts = [str(value.get("original", ""))]
    translation = value.get("translation")
    if isinstance(translation, str):
        by = value.get("translated_by")
        label = (
            _("Translation by {name}:").format(name=by) if isinstance(by, str)
            else _("Translation:")
        )
        parts.append(f"{label} {translation}")
    return parts


def answer_parts(item: Item, answer: Answer | None) -> list[str]:
    """Like :func:`answer_text`, with a narrative's translation as a text of its own."""
    if answer is not None and item.kind is ItemKind.NARRATIVE and isinstance(answer.value, dict):
        return narrative_parts(answer.value)
    return [answer_text(item, answer)]


def answer_text(item: Item, answer: Answer | None) -> str:
    if answer is None:
        return _("No answer yet")
    if answer.non_response is not None:
        return non_response_names()[answer.non_response]
    return value_text(item, answer.value)
