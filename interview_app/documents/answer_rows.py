"""Answers as document rows in the interface language, and the words documents share."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from interview_app.documents.case_data import Entry
from interview_app.documents.model import Direction, FooterLabels, Text, direction_of
from interview_app.documents.sharing import Withheld
from interview_app.domain.model import DataClass, Form, Item, ItemKind, JsonValue
from interview_app.errors import CatalogError
from interview_app.i18n import _, interface_language
from interview_app.i18n.catalogs import script_in_language
from interview_app.i18n.locales import is_rtl
from interview_app.ui.answer_text import answer_parts, date_text

__all__ = [
    "class_name",
    "footer_labels",
    "identity_label",
    "identity_rows",
    "interface_direction",
    "question_rows",
    "text_direction",
    "withheld_rows",
]

# Items that carry no information for a reader of an export: read-aloud notes, checklists
# (the statement shows rights and consent in its own timeline) and repeat-group headers.
_SKIPPED = frozenset({ItemKind.NOTE, ItemKind.GATE, ItemKind.REPEAT})
_CONSENT_REASON_WORDS = ("refused", "withdrew", "was not asked", "did not agree")


def text_direction(text: str) -> Direction:
    """The direction of the first strong character: an Arabic answer in an English form runs
    and aligns right to left; text with no letters follows the page."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Direction.RTL
        if kind == "L":
            return Direction.LTR
    return Direction.AUTO


def interface_direction() -> Direction:
    return direction_of(is_rtl(interface_language()))


def footer_labels() -> FooterLabels:
    return FooterLabels(
        page=_("Page {page} of {pages}"),
        document=_("Document"),
        fingerprint=_("SHA-256"),
        direction=interface_direction(),
    )


def identity_label(field: str) -> str:
    """An identity annex field's name in words; fields without a known name as written."""
    known = {
        "full_name": _("Full name"),
        "first_name": _("First name"),
        "middle_name": _("Middle name"),
        "family_name": _("Family name"),
        "date_of_birth": _("Date of birth"),
        "place_of_birth": _("Place of birth"),
        "sex": _("Sex"),
        "gender": _("Gender"),
        "nationality": _("Nationality"),
        "identity_number": _("Identity document number"),
        "phone": _("Telephone"),
    }
    return known.get(field, field.replace("_", " ").capitalize())


def identity_rows(identity: Mapping[str, JsonValue]) -> list[tuple[Text, Text]]:
    """The identity annex as rows, in field order; a date as ISO text, other values as said."""
    direction = interface_direction()
    rows = []
    for field, value in sorted(identity.items()):
        if isinstance(value, dict) and "year" in value:
            text = date_text(value)
        elif isinstance(value, str | int | float):
            text = str(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        rows.append((Text(identity_label(field), direction), Text(text, text_direction(text))))
    return rows


def class_name(data_class: DataClass) -> str:
    return {
        DataClass.IDENTITY: _("Identity (who the person is)"),
        DataClass.ASSISTANCE: _("Assistance (needs and help wanted)"),
        DataClass.STATEMENT: _("Statement (the account of what happened)"),
        DataClass.INTELLIGENCE: _("Intelligence (people, places and routes involved)"),
    }[data_class]


@cache
def _in_interface(form: Form, language: str) -> Form:
    """The script in the interface language when it is translated, else as written."""
    try:
        return script_in_language(form, language)
    except CatalogError:
        return form


def _shown_item(entry: Entry) -> Item | None:
    if entry.form is None or entry.item is None:
        return None
    form = _in_interface(entry.form, interface_language())
    return form.item(entry.item.id) if form.has_item(entry.item.id) else entry.item


def _instance_labels(entries: list[Entry]) -> dict[tuple[int, str, int], str]:
    """The label given to each repeat instance (a first name, a place), by session and group."""
    labels: dict[tuple[int, str, int], str] = {}
    for entry in entries:
        value = entry.revision.answer.value
        if entry.item is None or entry.item.kind is not ItemKind.REPEAT or not isinstance(
                value, list):
            continue
        for instance in value:
            number = instance.get("instance") if isinstance(instance, dict) else None
            if isinstance(instance, dict) and isinstance(number, int):
                labels[entry.session.id, entry.item.id, number] = str(
                    instance.get("label", number))
    return labels


def question_rows(entries: Iterable[Entry]) -> list[tuple[Text, Text]]:
    """Prompt and answer for each entry worth showing; each answer runs in its own direction
    (an Arabic answer in an English form stays right to left)."""
    chosen = list(entries)
    instances = _instance_labels(chosen)
    label_direction = interface_direction()
    rows: list[tuple[Text, Text]] = []
    for entry in chosen:
        item = _shown_item(entry)
        if item is None:
            label = entry.key
            value = str(entry.revision.answer.value)
        elif item.kind in _SKIPPED:
            continue
        else:
            label = item.prompt
            if entry.ref.instance is not None:
                name = instances.get((entry.session.id, item.group_id or "", entry.ref.instance),
                                     str(entry.ref.instance))
                label = f"{label} ({name})"
            value = "\n".join(answer_parts(item, entry.revision.answer))
        if entry.revision.text and entry.revision.text not in value:
            value = f"{value}\n{entry.revision.text}"
        rows.append((Text(label, label_direction), Text(value, text_direction(value))))
    return rows


def withheld_text(withheld: Withheld) -> str:
    """"withheld: no consent", or that this kind of organisation never receives it."""
    if any(word in withheld.reason for word in _CONSENT_REASON_WORDS):
        return _("withheld: no consent")
    if withheld.reason.startswith("your role"):
        return _("withheld: your role may not read it")
    return _("withheld: not shared with this kind of organisation")


def withheld_rows(withheld: Iterable[Withheld]) -> list[tuple[Text, Text]]:
    """One row per data class left out: its name and why, never any of its content."""
    direction = interface_direction()
    return [(Text(class_name(w.data_class), direction), Text(withheld_text(w), direction))
            for w in withheld]
