"""Consent purposes and recipients, and the rule "may this field go to that recipient?"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview_app.domain.model import (
    Answer,
    ConsentPurpose,
    DataClass,
    Form,
    Item,
    ItemKind,
    ItemRef,
)

# Consent is asked per purpose by yes/no questions marked ``consent:``. Every answer is an
# event and the latest one per purpose wins, so a later "no" withdraws an earlier "yes".
# Sharing needs the person's consent for that kind of recipient and a data class that kind
# may receive at all (data minimisation holds even with consent). Help never depends on any of
# this: the rule governs what leaves the record, never what the person is offered.
__all__ = [
    "ALLOWED_CLASSES",
    "SHARING_PURPOSE",
    "ConsentEvent",
    "ConsentPurpose",
    "ConsentState",
    "Recipient",
    "SharingCheck",
    "consent_events",
    "consent_state",
    "may_share",
    "record_kept",
    "sharing_check",
]


class Recipient(StrEnum):
    """The kinds of organisation a record may be shared with, each with its own consent."""

    SHELTER = "shelter"
    MEDICAL = "medical"
    LEGAL_AID = "legal_aid"
    CHILD_PROTECTION = "child_protection"
    COORDINATOR = "coordinator"
    POLICE = "police"
    LABOUR_INSPECTORATE = "labour_inspectorate"
    RETURN_PROGRAMME = "return_programme"
    ORIGIN_COUNTRY = "origin_country"


SHARING_PURPOSE: Mapping[Recipient, ConsentPurpose] = {
    Recipient.SHELTER: ConsentPurpose.SHARE_SHELTER,
    Recipient.MEDICAL: ConsentPurpose.SHARE_MEDICAL,
    Recipient.LEGAL_AID: ConsentPurpose.SHARE_LEGAL_AID,
    Recipient.CHILD_PROTECTION: ConsentPurpose.SHARE_CHILD_PROTECTION,
    Recipient.COORDINATOR: ConsentPurpose.SHARE_COORDINATOR,
    Recipient.POLICE: ConsentPurpose.SHARE_POLICE,
    Recipient.LABOUR_INSPECTORATE: ConsentPurpose.SHARE_LABOUR_INSPECTORATE,
    Recipient.RETURN_PROGRAMME: ConsentPurpose.SHARE_RETURN_PROGRAMME,
    Recipient.ORIGIN_COUNTRY: ConsentPurpose.CONTACT_ORIGIN_COUNTRY,
}

_I, _A, _S, _X = (
    DataClass.IDENTITY,
    DataClass.ASSISTANCE,
    DataClass.STATEMENT,
    DataClass.INTELLIGENCE,
)
# What each kind of recipient may ever receive. Care providers get needs, not the account;
# details about offenders, places and routes go only to those who investigate or inspect;
# the country of origin gets identity alone (e.g. for travel papers). A reviewer confirms.
ALLOWED_CLASSES: Mapping[Recipient, frozenset[DataClass]] = {
    Recipient.SHELTER: frozenset({_I, _A}),
    Recipient.MEDICAL: frozenset({_I, _A}),
    Recipient.LEGAL_AID: frozenset({_I, _A, _S}),
    Recipient.CHILD_PROTECTION: frozenset({_I, _A, _S}),
    Recipient.COORDINATOR: frozenset({_I, _A, _S}),
    Recipient.POLICE: frozenset({_I, _S, _X}),
    Recipient.LABOUR_INSPECTORATE: frozenset({_I, _S, _X}),
    Recipient.RETURN_PROGRAMME: frozenset({_I, _A}),
    Recipient.ORIGIN_COUNTRY: frozenset({_I}),
}


class ConsentState(StrEnum):
    """Where a purpose stands: a "no" after a "yes" is a withdrawal, kept distinct."""

    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class ConsentEvent:
    """One decision: ``given`` or not, for one purpose, at a time; ``source`` says where from."""

    purpose: ConsentPurpose
    given: bool
    at: dt.datetime
    source: str = ""


@dataclass(frozen=True)
class SharingCheck:
    """The answer to "may it go there?" with a fixed reason (never any case content)."""

    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def consent_state(events: Iterable[ConsentEvent], purpose: ConsentPurpose) -> ConsentState:
    """The latest decision for ``purpose``; events at the same time count in the order given."""
    ordered = sorted(
        (e for e in events if e.purpose == purpose), key=lambda e: e.at
    )  # sorted() is stable: ties keep their given order
    if not ordered:
        return ConsentState.NOT_ASKED
    if ordered[-1].given:
        return ConsentState.GIVEN
    ever_given = any(e.given for e in ordered[:-1])
    return ConsentState.WITHDRAWN if ever_given else ConsentState.REFUSED


def record_kept(events: Iterable[ConsentEvent]) -> bool:
    """False once the person has refused or withdrawn consent to keep the record."""
    state = consent_state(events, ConsentPurpose.KEEP_RECORD)
    return state not in (ConsentState.REFUSED, ConsentState.WITHDRAWN)


def sharing_check(
    what: DataClass | Item, recipient: Recipient, events: Iterable[ConsentEvent]
) -> SharingCheck:
    """May data of this class (or this question's answer) go to this kind of recipient?"""
    data_class = what.data_class if isinstance(what, Item) else DataClass(what)
    recipient = Recipient(recipient)
    history = list(events)
    if data_class not in ALLOWED_CLASSES[recipient]:
        return SharingCheck(False, f"{recipient.value} never receives {data_class.value} data")
    if not record_kept(history):
        return SharingCheck(False, "the person did not agree to keep the record")
    state = consent_state(history, SHARING_PURPOSE[recipient])
    if state is ConsentState.GIVEN:
        return SharingCheck(True, f"the person agreed to sharing with {recipient.value}")
    wording = {
        ConsentState.REFUSED: "refused",
        ConsentState.WITHDRAWN: "withdrew",
        ConsentState.NOT_ASKED: "was not asked about",
    }[state]
    return SharingCheck(False, f"the person {wording} sharing with {recipient.value}")


def may_share(what: DataClass | Item, recipient: Recipient, events: Iterable[ConsentEvent]) -> bool:
    return sharing_check(what, recipient, events).allowed


def consent_events(
    form: Form, answers: Mapping[ItemRef, Answer], at: dt.datetime, source: str = ""
) -> list[ConsentEvent]:
    """The decisions recorded by a script's consent questions, in script order.

    Only a yes or a no decides; declined, don't know and the rest leave the purpose as it was
    (and a purpose never decided is not given).
    """
    events = []
    for item in form.all_items():
        if item.consent is None or item.kind is not ItemKind.YES_NO:
            continue
        answer = answers.get(ItemRef(item.id))
        if answer is not None and isinstance(answer.value, bool):
            events.append(ConsentEvent(item.consent, answer.value, at, source))
    return events
