"""Consent answers as rows of the consents table, and those rows back as the domain's events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from interview_app.domain.consent import (
    SHARING_PURPOSE,
    ConsentEvent,
    ConsentState,
    consent_state,
)
from interview_app.domain.model import Answer, ConsentPurpose, Item, ItemKind
from interview_app.storage.encoding import parse_timestamp
from interview_app.storage.repository import Consent, ConsentDecision, ConsentStatus, Participant
from interview_app.storage.repository.records import live_consents

__all__ = ["RECIPIENT_OF", "consent_decision", "recorded_events", "witnesses"]

# The consents table keys a decision by purpose and recipient; a sharing purpose names its kind
# of recipient, the others (this interview, keeping the record) have none.
RECIPIENT_OF: dict[ConsentPurpose, str] = {
    purpose: recipient.value for recipient, purpose in SHARING_PURPOSE.items()
}

_STATUS = {
    ConsentState.GIVEN: ConsentStatus.GIVEN,
    ConsentState.REFUSED: ConsentStatus.REFUSED,
    ConsentState.WITHDRAWN: ConsentStatus.WITHDRAWN,
}


def recorded_events(history: Iterable[Consent]) -> list[ConsentEvent]:
    """The decisions that stand in the table, as events for the domain's rules.

    Retracted decisions are left out; so are purposes this version does not know (a row
    written by hand or by a newer script format), which can only count as not given.

    The domain orders decisions by time. A decision recorded as it was made (its time is its
    recording time) came after every row before it in the table, so its time is taken as no
    earlier than theirs: a clock set back must not put a later "no" before an earlier "yes".
    A decision recorded for an earlier moment (a form signed on paper) keeps that moment.
    """
    events = []
    latest: dt.datetime | None = None
    for row in live_consents(list(history)):
        at = parse_timestamp(row.given_at)
        if row.given_at == row.recorded_at and latest is not None:
            at = max(at, latest)
        latest = at if latest is None else max(latest, at)
        try:
            purpose = ConsentPurpose(row.purpose)
        except ValueError:
            continue
        if row.recipient != RECIPIENT_OF.get(purpose):
            continue  # a decision about one organisation is not one about every shelter
        given = row.status is ConsentStatus.GIVEN
        events.append(ConsentEvent(purpose, given, at, str(row.id)))
    return events


def witnesses(participants: Sequence[Participant]) -> str | None:
    """Everyone in the room when the person decided, by name, for the record."""
    return "; ".join(p.name for p in participants) or None


def consent_decision(
    item: Item,
    answer: Answer,
    history: Iterable[Consent],
    *,
    language: str,
    witnessed_by: str | None,
    at: dt.datetime,
) -> ConsentDecision | None:
    """What saving ``answer`` to ``item`` records in the consents table; None if not a consent.

    A yes gives consent and a no refuses it, or withdraws it when it had been given (the
    latest decision wins, as :func:`consent_state` says). A non-response decides nothing: a
    decision this session recorded before is retracted, as made in error.
    """
    purpose = item.consent
    if purpose is None or item.kind is not ItemKind.YES_NO:
        return None
    recipient = RECIPIENT_OF.get(purpose)
    if not isinstance(answer.value, bool):
        return ConsentDecision(purpose.value, None, language, recipient, witnessed_by)
    recorded = recorded_events(history)
    # Being made now, this decision is the latest, whatever the clock says.
    at = max([at, *(event.at for event in recorded)])
    events = [*recorded, ConsentEvent(purpose, answer.value, at)]
    status = _STATUS[consent_state(events, purpose)]  # never NOT_ASKED: it was just decided
    return ConsentDecision(purpose.value, status, language, recipient, witnessed_by)
