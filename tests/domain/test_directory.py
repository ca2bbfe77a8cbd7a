"""The referral directory: the fictional sample, lookups, and located problems."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from interview_app import paths
from interview_app.domain.consent import Recipient
from interview_app.domain.directory import (
    Directory,
    Gender,
    OrganisationKind,
    load_directory,
    load_directory_text,
)
from interview_app.errors import DataFileError

SAMPLE_TEXT = paths.SAMPLE_DIRECTORY.read_text(encoding="utf-8")


def _sample() -> Directory:
    return load_directory(paths.SAMPLE_DIRECTORY)


def _problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        load_directory_text(text, "dir.yaml")
    return [str(p) for p in caught.value.problems]


def _line(text: str, needle: str) -> int:
    (line,) = [n for n, row in enumerate(text.splitlines(), 1) if needle in row]
    return line


def test_the_sample_has_every_kind_of_organisation() -> None:
    directory = _sample()
    assert {o.kind for o in directory.organisations} == set(OrganisationKind)
    for organisation in directory.organisations:
        assert organisation.services
        assert organisation.languages
        assert organisation.genders
        assert organisation.hours
        assert organisation.last_verified > dt.date(2025, 1, 1)


def test_the_sample_is_clearly_fictional() -> None:
    directory = _sample()
    for organisation in directory.organisations:
        assert "fictional" in organisation.name.lower()
        numbers = [organisation.phone]
        if organisation.emergency is not None:
            numbers.append(organisation.emergency.phone)
        for number in numbers:
            # +00 is no country's code; 555 01xx is the classic fictional range.
            assert re.fullmatch(r"\+00 555 01\d\d", number), number


def test_shelter_addresses_are_confidential_and_absent() -> None:
    shelters = _sample().of_kind(OrganisationKind.SHELTER)
    assert len(shelters) == 2
    for shelter in shelters:
        assert shelter.address_confidential
        assert shelter.address is None


def test_the_safety_prompt_lists_the_emergency_line_first() -> None:
    contacts = _sample().emergency_contacts()
    assert contacts[0].kind is OrganisationKind.EMERGENCY
    assert all(c.emergency is not None for c in contacts)
    assert "guardianship_desk" in {c.id for c in contacts}


def test_suitable_filters_by_age_gender_and_language() -> None:
    directory = _sample()
    for_her = directory.suitable(OrganisationKind.SHELTER, age=30, gender=Gender.WOMEN)
    assert [o.id for o in for_her] == ["lantern_house"]
    assert [o.id for o in directory.suitable("shelter", gender="men", language="vi")] == [
        "harbour_rooms"
    ]
    assert directory.suitable(OrganisationKind.SHELTER, age=16) == ()
    children = directory.suitable(OrganisationKind.CHILD_PROTECTION, age=16)
    assert {o.id for o in children} == {"little_harbour", "guardianship_desk"}


def test_each_kind_maps_to_the_consent_it_needs() -> None:
    directory = _sample()
    assert directory.organisation("atu_north").recipient is Recipient.POLICE
    assert directory.organisation("consulate_placeholder").recipient is Recipient.ORIGIN_COUNTRY
    assert directory.organisation("emergency_line").recipient is None


def test_entries_not_checked_for_six_months_are_stale() -> None:
    directory = _sample()
    stale = {o.id for o in directory.stale(dt.date(2026, 10, 15))}
    assert stale == {"labour_inspection", "consulate_placeholder"}
    assert directory.stale(dt.date(2026, 10, 15), after_days=400) == ()


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ('phone: "+00 555 0131"', "phone: call us", "phone: call us", "a phone number is digits"),
        ("kind: legal_aid", "kind: lawyer", "kind: lawyer", "kind 'lawyer' is not one of"),
        (
            "languages: [en, fr, es]\n",
            "languages: [English, fr, es]\n",
            "languages: [English",
            "language 'English' is not a language code",
        ),
        (
            'last_verified: "2026-07-21"',
            'last_verified: "21/07/2026"',
            "21/07/2026",
            "last_verified must be a date written as YYYY-MM-DD",
        ),
        ("ages: {min: 15}", "ages: {min: 65, max: 15}", "ages: {min: 65", "ages: min is above max"),
        (
            'address_confidential: true\n    last_verified: "2026-09-14"',
            "address_confidential: true\n    address: 1 Secret Road\n"
            '    last_verified: "2026-09-14"',
            "1 Secret Road",
            "the address is confidential",
        ),
        ("  - id: fair_counsel", "  - id: willow_clinic", "  - id: willow_clinic\n", "used twice"),
        (
            "    genders: [men, non_binary]",
            "    genders: [men, everyone]",
            "[men, everyone]",
            "gender 'everyone' is not one of",
        ),
    ],
)
def test_every_problem_names_its_line(old: str, new: str, needle: str, words: str) -> None:
    assert SAMPLE_TEXT.count(old) == 1, old
    text = SAMPLE_TEXT.replace(old, new)
    found = _problems(text)
    assert len(found) == 1, found
    if needle.endswith("\n"):
        lines = [n for n, row in enumerate(text.splitlines(), 1) if row == needle[:-1]]
        line = lines[1]  # the second organisation with that id
    else:
        line = _line(text, needle)
    assert found[0].startswith(f"dir.yaml:{line}: "), found[0]
    assert words in found[0]


def test_an_emergency_service_needs_an_emergency_contact() -> None:
    old = '    emergency: {phone: "+00 555 0100", hours: "Day and night, every day"}\n'
    text = SAMPLE_TEXT.replace(old, "")
    assert text != SAMPLE_TEXT
    (problem,) = _problems(text)
    assert "an emergency service needs an 'emergency' contact" in problem


def test_missing_keys_and_unreadable_files(tmp_path: Path) -> None:
    assert _problems("directory: {title: T}\n")[:2] == [
        "dir.yaml:1: the directory has no 'organisations'",
        "dir.yaml:1: the directory header has no 'jurisdiction'",
    ]
    with pytest.raises(DataFileError, match="cannot read the file"):
        load_directory(tmp_path / "absent.yaml")
