"""The referral directory: organisations by kind, who they serve, and how to reach them."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_app.domain.consent import Recipient
from interview_app.domain.data_files import Fields, read_bytes, read_data
from interview_app.domain.yaml_source import DataPath

# Edited by the organisation (``resources/directory/sample.yaml`` shows the format with
# fictional entries). A confidential shelter address is never in the file, so no export can
# print it; every entry carries the date it was last checked, since contact lists age fast.
__all__ = [
    "STALE_AFTER_DAYS",
    "Directory",
    "EmergencyContact",
    "Gender",
    "Organisation",
    "OrganisationKind",
    "load_directory",
    "load_directory_text",
]

# Older entries are flagged when chosen as a recipient (a default; an organisation may differ).
STALE_AFTER_DAYS = 180
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{2,30}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


class OrganisationKind(StrEnum):
    SHELTER = "shelter"
    MEDICAL = "medical"
    LEGAL_AID = "legal_aid"
    CHILD_PROTECTION = "child_protection"
    COORDINATOR = "coordinator"
    POLICE = "police"
    LABOUR_INSPECTORATE = "labour_inspectorate"
    RETURN_PROGRAMME = "return_programme"
    CONSULATE = "consulate"
    EMERGENCY = "emergency"


# Whose consent a referral to each kind needs; calling an emergency line shares no record.
RECIPIENT_OF_KIND: Mapping[OrganisationKind, Recipient | None] = {
    OrganisationKind.SHELTER: Recipient.SHELTER,
    OrganisationKind.MEDICAL: Recipient.MEDICAL,
    OrganisationKind.LEGAL_AID: Recipient.LEGAL_AID,
    OrganisationKind.CHILD_PROTECTION: Recipient.CHILD_PROTECTION,
    OrganisationKind.COORDINATOR: Recipient.COORDINATOR,
    OrganisationKind.POLICE: Recipient.POLICE,
    OrganisationKind.LABOUR_INSPECTORATE: Recipient.LABOUR_INSPECTORATE,
    OrganisationKind.RETURN_PROGRAMME: Recipient.RETURN_PROGRAMME,
    OrganisationKind.CONSULATE: Recipient.ORIGIN_COUNTRY,
    OrganisationKind.EMERGENCY: None,
}


class Gender(StrEnum):
    WOMEN = "women"
    MEN = "men"
    NON_BINARY = "non_binary"


@dataclass(frozen=True)
class EmergencyContact:
    phone: str
    hours: str


@dataclass(frozen=True)
class Organisation:
    """One organisation; ``min_age``/``max_age`` None means no limit on that side."""

    id: str
    name: str
    kind: OrganisationKind
    services: tuple[str, ...]
    languages: tuple[str, ...]
    genders: frozenset[Gender]
    hours: str
    phone: str
    last_verified: dt.date
    area: str = ""
    min_age: int | None = None
    max_age: int | None = None
    emergency: EmergencyContact | None = None
    address: str | None = None
    address_confidential: bool = False
    notes: str | None = None
    line: int = 0

    @property
    def recipient(self) -> Recipient | None:
        return RECIPIENT_OF_KIND[self.kind]

    def serves_age(self, age: int) -> bool:
        low = self.min_age if self.min_age is not None else 0
        return low <= age and (self.max_age is None or age <= self.max_age)

    def is_stale(self, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> bool:
        return (today - self.last_verified).days > after_days


@dataclass(frozen=True)
class Directory:
    title: str
    jurisdiction: str
    organisations: tuple[Organisation, ...]
    path: str = ""

    def organisation(self, organisation_id: str) -> Organisation:
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation
        raise KeyError(organisation_id)

    def of_kind(self, kind: OrganisationKind | str) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.kind == kind)

    def emergency_contacts(self) -> tuple[Organisation, ...]:
        """What the safety prompt lists: emergency lines first, then every 24-hour contact."""
        listed = [o for o in self.organisations if o.emergency is not None]
        return tuple(sorted(listed, key=lambda o: o.kind is not OrganisationKind.EMERGENCY))

    def suitable(
        self,
        kind: OrganisationKind | str,
        *,
        age: int | None = None,
        gender: Gender | str | None = None,
        language: str | None = None,
    ) -> tuple[Organisation, ...]:
        """Organisations of a kind that serve this age, gender and language (when given)."""
        return tuple(
            o
            for o in self.of_kind(kind)
            if (age is None or o.serves_age(age))
            and (gender is None or gender in o.genders)
            and (language is None or language in o.languages)
        )

    def stale(self, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.is_stale(today, after_days))


def load_directory(path: str | os.PathLike[str]) -> Directory:
    """Read and validate a directory; DataFileError lists every problem with file:line."""
    name = os.fspath(path)
    return load_directory_text(read_bytes(name), name)


def load_directory_text(text: str | bytes, path: str) -> Directory:
    fields = Fields(read_data(text, path))
    directory = _read(fields)
    fields.raise_if_any()
    return directory


_REQUIRED = ("id", "name", "kind", "services", "languages", "genders", "hours", "phone")
_OPTIONAL = ("area", "ages", "emergency", "address", "address_confidential", "notes")


def _read(f: Fields) -> Directory:
    top = f.mapping(f.source.data, (), "the directory", ("directory", "organisations"), ())
    if top is None:
        return Directory("", "", (), f.source.path)
    head = (
        f.mapping(
            top.get("directory"),
            ("directory",),
            "the directory header",
            ("title", "jurisdiction"),
            (),
        )
        or {}
    )
    organisations = tuple(_organisations(f, top.get("organisations")))
    return Directory(
        title=f.text(head.get("title"), ("directory", "title"), "title") or "",
        jurisdiction=f.text(head.get("jurisdiction"), ("directory", "jurisdiction"), "jurisdiction")
        or "",
        organisations=organisations,
        path=f.source.path,
    )


def _organisations(f: Fields, value: Any) -> Iterable[Organisation]:
    ids: list[tuple[str, DataPath]] = []
    for n, raw in enumerate(f.items(value, ("organisations",), "organisations")):
        at: DataPath = ("organisations", n)
        data = f.mapping(raw, at, "an organisation", (*_REQUIRED, "last_verified"), _OPTIONAL)
        if data is not None:
            organisation = _organisation(f, data, at)
            ids.append((organisation.id, (*at, "id")))
            yield organisation
    f.unique(ids, "organisation id")


def _organisation(f: Fields, data: dict[str, Any], at: DataPath) -> Organisation:
    kind = f.choice(data.get("kind"), (*at, "kind"), "kind", list(OrganisationKind))
    low, high = _ages(f, data.get("ages"), (*at, "ages")) if "ages" in data else (None, None)
    emergency = (
        _emergency(f, data["emergency"], (*at, "emergency")) if "emergency" in data else None
    )
    if kind == OrganisationKind.EMERGENCY and emergency is None:
        f.report(at, "an emergency service needs an 'emergency' contact")
    confidential = f.flag(
        data.get("address_confidential", False),
        (*at, "address_confidential"),
        "address_confidential",
    )
    address = f.text(data["address"], (*at, "address"), "address") if "address" in data else None
    if confidential and address is not None:
        f.report((*at, "address"), "the address is confidential: leave it out of the directory")
    return Organisation(
        id=f.ident(data.get("id"), (*at, "id"), "organisation id") or "",
        name=f.text(data.get("name"), (*at, "name"), "name") or "",
        kind=OrganisationKind(kind or OrganisationKind.EMERGENCY),
        services=tuple(
            f.ident(s, (*at, "services", i), "service") or ""
            for i, s in enumerate(f.items(data.get("services"), (*at, "services"), "services"))
        ),
        languages=tuple(_languages(f, data.get("languages"), (*at, "languages"))),
        genders=frozenset(_genders(f, data.get("genders"), (*at, "genders"))),
        hours=f.text(data.get("hours"), (*at, "hours"), "hours") or "",
        phone=_phone(f, data.get("phone"), (*at, "phone")),
        last_verified=f.date(data.get("last_verified"), (*at, "last_verified"), "last_verified")
        or dt.date.min,
        area=(f.text(data["area"], (*at, "area"), "area") or "") if "area" in data else "",
        min_age=low,
        max_age=high,
        emergency=emergency,
        address=address,
        address_confidential=confidential,
        notes=f.text(data["notes"], (*at, "notes"), "notes") if "notes" in data else None,
        line=f.source.line(at),
    )


def _genders(f: Fields, value: Any, at: DataPath) -> Iterable[Gender]:
    for i, gender in enumerate(f.items(value, at, "genders")):
        chosen = f.choice(gender, (*at, i), "gender", list(Gender))
        if chosen is not None:
            yield Gender(chosen)


def _languages(f: Fields, value: Any, at: DataPath) -> Iterable[str]:
    for i, code in enumerate(f.items(value, at, "languages")):
        if isinstance(code, str) and _LANGUAGE.match(code):
            yield code
        else:
            f.report((*at, i), f"language '{code}' is not a language code such as en, ro or pt_BR")


def _phone(f: Fields, value: Any, at: DataPath) -> str:
    if isinstance(value, str) and _PHONE.match(value):
        return value
    f.report(at, 'a phone number is digits, spaces and + ( ) -, in quotes, e.g. "+00 555 0100"')
    return ""


def _ages(f: Fields, value: Any, at: DataPath) -> tuple[int | None, int | None]:
    data = f.mapping(value, at, "ages", (), ("min", "max"))
    if not data:
        if data is not None:
            f.report(at, "ages needs 'min', 'max' or both")
        return None, None
    low = f.whole(data["min"], (*at, "min"), "min", 0, 130) if "min" in data else None
    high = f.whole(data["max"], (*at, "max"), "max", 0, 130) if "max" in data else None
    if low is not None and high is not None and low > high:
        f.report(at, "ages: min is above max")
    return low, high


def _emergency(f: Fields, value: Any, at: DataPath) -> EmergencyContact | None:
    data = f.mapping(value, at, "emergency", ("phone", "hours"), ())
    if data is None:
        return None
    return EmergencyContact(
        _phone(f, data.get("phone"), (*at, "phone")),
        f.text(data.get("hours"), (*at, "hours"), "hours") or "",
    )
