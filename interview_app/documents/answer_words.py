"""An answer's value in words of a chosen language: option labels, dates, yes/no, non-responses."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton

from interview_app.documents.bilingual import Tongue
from interview_app.domain.model import Answer, Item, ItemKind, JsonValue, NonResponse


def non_response(tongue: Tongue, kind: NonResponse) -> str:
    """Non-responses said as what they are, never a blank."""
    names = {
        NonResponse.DECLINED: tongue._("Declined to answer"),
        NonResponse.DONT_KNOW: tongue._("Does not know"),
        NonResponse.NOT_ASKED: tongue._("Not asked"),
        NonResponse.NOT_APPLICABLE: tongue._("Not applicable"),
    }
    return names[kind]


def _locale(tongue: Tongue) -> str:
    return tongue.language if tongue.language != "en_XA" else "en"


def date_words(tongue: Tongue, value: dict[str, JsonValue]) -> str:
    year, month, day = value.get("year"), value.get("month"), value.get("day")
    if not isinstance(year, int):
        return ""
    try:
        if isinstance(month, int) and isinstance(day, int):
            text = format_date(dt.date(year, month, day), "long", locale=_locale(tongue))
        elif isinstance(month, int):
            text = format_skeleton("yMMMM", dt.date(year, month, 1), locale=_locale(tongue))
        else:
            text = str(year)
    except (ValueError, LookupError):
        text = str(year)
    return tongue._("about {date}").format(date=text) if value.get("about") is True else text


def _options(item: Item, values: list[JsonValue]) -> list[str]:
    labels = []
    for value in values:
        option = item.option(value) if isinstance(value, str) else None
        labels.append(option.label if option is not None else str(value))
    return labels


def value_words(tongue: Tongue, item: Item, value: JsonValue) -> str:
    """A value in words; ``item`` must be the script in ``tongue``'s language for its labels.

    Free text (a text answer, a narrative, an "other, specify") is the person's own words and
    stays as recorded; only the fixed parts are translated.
    """
    kind = item.kind
    if kind is ItemKind.NOTE:
        return tongue._("Read aloud")
    if kind is ItemKind.YES_NO:
        return tongue._("Yes") if value is True else tongue._("No")
    if kind is ItemKind.GATE and isinstance(value, list):
        done = {v for v in value if isinstance(v, str)}
        return "\n".join(f"✓ {e.text}" for e in item.checklist if e.id in done)
    if kind is ItemKind.REPEAT and isinstance(value, list):
        labels = [str(v.get("label", "")) for v in value if isinstance(v, dict)]
        return "; ".join(labels) if labels else tongue._("None")
    if isinstance(value, dict):
        if kind is ItemKind.DATE:
            return date_words(tongue, value)
        if kind is ItemKind.NARRATIVE:
            return str(value.get("original", ""))
        chosen = value.get("options", [value.get("option")])
        text = ", ".join(_options(item, chosen if isinstance(chosen, list) else []))
        specify = value.get("specify")
        return f"{text}: {specify}" if isinstance(specify, str) else text
    if kind is ItemKind.NUMBER and item.unit:
        return f"{value} {item.unit}"
    if kind is ItemKind.SCALE and item.maximum is not None:
        return tongue._("{value} on a scale to {maximum:g}").format(value=value,
                                                                    maximum=item.maximum)
    return "" if value is None else str(value)


def has_free_words(item: Item) -> bool:
    """Whether the value itself is the person's words (so it is shown once, as said)."""
    return item.kind in (ItemKind.TEXT, ItemKind.NARRATIVE)


def answer_words(tongue: Tongue, item: Item, answer: Answer) -> str:
    if answer.non_response is not None:
        return non_response(tongue, answer.non_response)
    return value_words(tongue, item, answer.value)
