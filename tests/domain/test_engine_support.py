"""Builders for engine tests: small forms made from the model dataclasses, and the sample."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interview_app.domain.conditions import parse_condition
from interview_app.domain.engine import Engine
from interview_app.domain.forms import load_form
from interview_app.domain.model import (
    ChecklistEntry,
    Form,
    FormId,
    Item,
    ItemKind,
    ItemRef,
    NonResponse,
    Option,
    QuestionId,
    Section,
    SectionId,
)

TODAY = dt.date(2025, 6, 15)


def item(item_id: str, kind: str, section: str = "s", **fields: Any) -> Item:
    """An item; ``show_if``/``require_if`` are given as YAML-shaped data and parsed."""
    for key in ("show_if", "require_if"):
        if key in fields and fields[key] is not None:
            fields[key] = parse_condition(fields[key])
    if "options" in fields:
        fields["options"] = tuple(
            o if isinstance(o, Option) else Option(o, o.title()) for o in fields["options"]
        )
    if "checklist" in fields:
        fields["checklist"] = tuple(ChecklistEntry(c, c) for c in fields["checklist"])
    if "non_responses" in fields:
        fields["non_responses"] = frozenset(NonResponse(n) for n in fields["non_responses"])
    if "items" in fields:
        group = QuestionId(item_id)
        fields["items"] = tuple(
            Item(**{**vars(child), "section_id": SectionId(section), "group_id": group})
            for child in fields["items"]
        )
    return Item(
        id=QuestionId(item_id),
        kind=ItemKind(kind),
        prompt=f"Prompt {item_id}",
        section_id=SectionId(section),
        **fields,
    )


def section(section_id: str, items: Iterable[Item], **fields: Any) -> Section:
    if fields.get("show_if") is not None:
        fields["show_if"] = parse_condition(fields["show_if"])
    return Section(
        SectionId(section_id),
        f"Section {section_id}",
        tuple(_placed(i, SectionId(section_id)) for i in items),
        **fields,
    )


def _placed(it: Item, section_id: SectionId) -> Item:
    children = tuple(_placed(c, section_id) for c in it.items)
    return Item(**{**vars(it), "section_id": section_id, "items": children})


def form(*sections: Section) -> Form:
    return Form(FormId("test"), "1", "Test", "Testing", tuple(sections))


def engine(f: Form, answers: dict[ItemRef, Any] | None = None, today: dt.date = TODAY) -> Engine:
    return Engine(f, answers or {}, today)


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


SECTORS = (
    Option("agriculture", "Farm or agriculture"),
    Option("construction", "Building site"),
    Option("domestic", "Work in a private home"),
    Option("other", "Other work", specify=True),
)
SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "forms" / "sample.yaml"


@functools.cache
def sample_form() -> Form:
    """tests/data/forms/sample.yaml through the real loader (a Form is immutable: share it)."""
    return load_form(SAMPLE_PATH)
