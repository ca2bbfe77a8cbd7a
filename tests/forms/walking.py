"""Walk a shipped script with the real engine, answering from a plan, and record what was asked."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from interview_app import paths
from interview_app.domain.engine import Engine
from interview_app.domain.forms import load_form
from interview_app.domain.model import (
    Form,
    Item,
    ItemKind,
    ItemRef,
    JsonValue,
    NonResponse,
    QuestionId,
)

TODAY = dt.date(2026, 11, 2)
FORM_IDS = (
    "first_contact",
    "consent_rights",
    "identification",
    "statement",
    "shelter_intake",
    "risk_assessment",
)


@functools.cache
def script(form_id: str) -> Form:
    return load_form(paths.FORMS_DIR / f"{form_id}.yaml")


@dataclass(frozen=True)
class Instance:
    """One instance of a repeat group in a plan: its label and its own answers."""

    label: str
    answers: Mapping[str, object] = field(default_factory=dict)


def default_value(item: Item) -> JsonValue:
    """A plain answer of the right kind, for questions the plan leaves out."""
    if item.kind is ItemKind.NOTE:
        return True
    if item.kind is ItemKind.GATE:
        return [entry.id for entry in item.checklist]
    if item.kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE):
        option = item.options[0]
        value: dict[str, JsonValue] = (
            {"option": option.value}
            if item.kind is ItemKind.SINGLE_CHOICE
            else {"options": [option.value]}
        )
        if option.specify:
            value["specify"] = "As said"
        return value
    if item.kind is ItemKind.TEXT:
        return "As said"
    if item.kind is ItemKind.NARRATIVE:
        return {"original": "Words as said", "translation": "Words as translated"}
    if item.kind is ItemKind.DATE:
        return {"year": 2025, "about": True}
    if item.kind in (ItemKind.NUMBER, ItemKind.SCALE):
        return item.minimum if item.minimum is not None else 0
    if item.kind is ItemKind.YES_NO:
        return False
    raise AssertionError(f"no default for {item.kind}")


def _json(value: object) -> JsonValue:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return cast(JsonValue, value)


@dataclass
class Walk:
    """The engine after the walk, and every row asked, in order."""

    engine: Engine
    asked: list[ItemRef]

    @property
    def asked_ids(self) -> list[str]:
        return [ref.question_id for ref in self.asked]

    def answer(self, question_id: str, instance: int | None = None) -> Any:
        found = self.engine.answers.get(ItemRef(QuestionId(question_id), instance))
        if found is None:
            return None
        return found.value if found.is_substantive else found.non_response


def walk(
    form_id: str,
    plan: Mapping[str, object],
    *,
    prefilled: Mapping[ItemRef, Any] | None = None,
    today: dt.date = TODAY,
    max_steps: int = 2000,
) -> Walk:
    """Answer whatever the engine asks next until nothing is left (or a refused gate stops it).

    ``plan`` maps question ids to a value, a NonResponse, or for a repeat group a list of
    :class:`Instance`. Questions left out get :func:`default_value`.
    """
    form = script(form_id)
    engine = Engine(form, dict(prefilled or {}), today)
    asked: list[ItemRef] = []
    instance_plans: dict[int, Mapping[str, object]] = {}
    for _ in range(max_steps):
        ref = engine.current
        if ref is None:
            return Walk(engine, asked)
        item = form.item(ref.question_id)
        if item.kind is ItemKind.REPEAT:
            instances = plan.get(item.id, [])
            assert isinstance(instances, list)
            asked.append(ref)
            if not instances:
                engine.answer(ref, [])
            for planned in instances:
                number, _answer = engine.add_instance(item.id, planned.label)
                instance_plans[number] = planned.answers
            continue
        source = instance_plans.get(ref.instance, {}) if ref.instance is not None else plan
        planned_value = source.get(item.id, default_value(item))
        asked.append(ref)
        if isinstance(planned_value, NonResponse):
            engine.non_response(ref, planned_value)
        else:
            engine.answer(ref, _json(planned_value))
    raise AssertionError(f"{form_id}: the walk did not end within {max_steps} steps")
