"""Catalogue helpers for the i18n tests: a small hand-built script and .po files made on the fly."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from interview_app import i18n
from interview_app.domain.model import (
    ChecklistEntry,
    Form,
    FormId,
    GateKind,
    Item,
    ItemKind,
    Option,
    QuestionId,
    Section,
    SectionId,
)

Entry = tuple[str | None, str | tuple[str, ...], str | tuple[str, ...]]
"""(msgctxt, msgid or (singular, plural), msgstr or plural msgstrs)."""


def po_bytes(
    language: str | None,
    entries: Iterable[Entry],
    *,
    fuzzy: Iterable[int] = (),
    drafts: Iterable[int] = (),
    domain: str = "forms",
) -> bytes:
    """A .po (or .pot, without language) written by babel, as a translator's tool would."""
    catalog = Catalog(locale=language, domain=domain, charset="utf-8", fuzzy=False)
    fuzzy, drafts = set(fuzzy), set(drafts)
    for index, (context, msgid, msgstr) in enumerate(entries):
        catalog.add(
            msgid,
            msgstr,
            context=context,
            flags=["fuzzy"] if index in fuzzy else [],
            user_comments=["draft"] if index in drafts else [],
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def write_catalog(root: Path, language: str, domain: str, data: bytes) -> Path:
    path = root / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def small_form() -> Form:
    """A script with every kind of translatable field, built without the YAML loader."""
    section = SectionId("work")
    shared = (
        Option("farm", "Farm", line=4, source_list="sectors"),
        Option("other", "Other work", line=5, source_list="sectors", specify=True),
    )
    items = (
        Item(QuestionId("hello"), ItemKind.NOTE, "You can stop at any time.", section, line=10),
        Item(
            QuestionId("agree"),
            ItemKind.GATE,
            "May I ask you some questions?",
            section,
            line=12,
            gate=GateKind.CONSENT,
            checklist=(ChecklistEntry("agrees", "The person agrees.", 14),),
        ),
        Item(
            QuestionId("sector"),
            ItemKind.SINGLE_CHOICE,
            "What kind of work did you do?",
            section,
            line=16,
            guidance="Let the person choose; do not suggest.",
            options=shared,
        ),
        Item(
            QuestionId("hours"),
            ItemKind.NUMBER,
            "How many hours a day?",
            section,
            line=20,
            unit="hours",
            sensitive="This may be hard to remember.",
        ),
        Item(
            QuestionId("rest"),
            ItemKind.SCALE,
            "How often could you rest?",
            section,
            line=24,
            min_label="Never",
            max_label="Whenever I wished",
        ),
        Item(
            QuestionId("places"),
            ItemKind.REPEAT,
            "Tell me about each place.",
            section,
            line=28,
            instance_label="A short name for this place",
            items=(
                Item(
                    QuestionId("place_sector"),
                    ItemKind.SINGLE_CHOICE,
                    "What work was done there?",
                    section,
                    line=31,
                    group_id=QuestionId("places"),
                    options=shared,
                ),
                Item(
                    QuestionId("left"),
                    ItemKind.SINGLE_CHOICE,
                    "Could you leave?",
                    section,
                    line=34,
                    group_id=QuestionId("places"),
                    options=(Option("yes", "Yes", line=36), Option("no", "No", line=37)),
                ),
            ),
        ),
    )
    return Form(
        id=FormId("small"),
        version="1",
        title="Small interview",
        purpose="Test every translatable field.",
        sections=(
            Section(
                section,
                "Your work",
                items,
                line=8,
                guidance="Go slowly.",
                sensitive="These questions are about your work.",
            ),
        ),
        path="small.yaml",
    )


@pytest.fixture
def form() -> Form:
    return small_form()


@pytest.fixture
def english_interface() -> Iterator[None]:
    """Tests that switch the interface language leave it in English for the next test."""
    yield
    i18n.install_interface_language("en")
