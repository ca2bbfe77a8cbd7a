"""Which data classes an export may carry to an audience, and which it withholds and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from interview_app.domain.consent import (
    SHARING_PURPOSE,
    ConsentEvent,
    ConsentState,
    Recipient,
    consent_state,
    record_kept,
    sharing_check,
)
from interview_app.domain.model import DataClass, Item
from interview_app.errors import (
    ConsentMissing,
    ConsentRefused,
    ConsentWithdrawn,
    ExportRefused,
    NothingToShare,
    RecordNotKept,
)

__all__ = ["INTERNAL", "Audience", "Selection", "Withheld", "select", "selection_for"]

# The case owner's own copy: every class the role may read, still only while the person
# agrees to the record being kept.
INTERNAL: Literal["internal"] = "internal"
Audience = Recipient | Literal["internal"]

_ROLE_REASON = "your role may not read {data_class} data"


@dataclass(frozen=True)
class Withheld:
    """A data class left out, with the fixed reason (from the consent rule or the role)."""

    data_class: DataClass
    reason: str


@dataclass(frozen=True)
class Selection:
    """What one export may carry: ``shared`` classes; everything else is in ``withheld``."""

    audience: Audience
    shared: frozenset[DataClass]
    withheld: tuple[Withheld, ...]

    def allows(self, what: DataClass | Item) -> bool:
        data_class = what.data_class if isinstance(what, Item) else DataClass(what)
        return data_class in self.shared

    @property
    def audience_name(self) -> str:
        return self.audience if isinstance(self.audience, str) else self.audience.value


def selection_for(
    audience: Audience, events: Iterable[ConsentEvent], readable: Iterable[DataClass]
) -> Selection:
    """The classes ``audience`` may receive under the consents, within what the role reads.

    Never raises: a selection may share nothing. :func:`select` is the checked form.
    """
    history = list(events)
    can_read = frozenset(readable)
    shared: set[DataClass] = set()
    withheld: list[Withheld] = []
    for data_class in DataClass:
        if audience == INTERNAL:
            allowed, reason = record_kept(history), "the person did not agree to keep the record"
        else:
            check = sharing_check(data_class, Recipient(audience), history)
            allowed, reason = check.allowed, check.reason
        if allowed and data_class not in can_read:
            allowed, reason = False, _ROLE_REASON.format(data_class=data_class.value)
        if allowed:
            shared.add(data_class)
        else:
            withheld.append(Withheld(data_class, reason))
    return Selection(audience, frozenset(shared), tuple(withheld))


def refusal(audience: Audience, events: Iterable[ConsentEvent]) -> ExportRefused | None:
    """Why nothing at all may go to ``audience`` under these consents; None when something may.

    The person's own decisions come first: a missing, refused or withdrawn consent stops the
    whole export, so no form goes out with every part withheld.
    """
    history = list(events)
    if not record_kept(history):
        return RecordNotKept()
    if audience == INTERNAL:
        return None
    state = consent_state(history, SHARING_PURPOSE[Recipient(audience)])
    return {
        ConsentState.GIVEN: None,
        ConsentState.NOT_ASKED: ConsentMissing(),
        ConsentState.REFUSED: ConsentRefused(),
        ConsentState.WITHDRAWN: ConsentWithdrawn(),
    }[state]


def select(
    audience: Audience, events: Iterable[ConsentEvent], readable: Iterable[DataClass]
) -> Selection:
    """:func:`selection_for`, refusing (ExportRefused) when consent stops the export or when
    nothing at all may go."""
    history = list(events)
    problem = refusal(audience, history)
    if problem is not None:
        raise problem
    selection = selection_for(audience, history, readable)
    if not selection.shared:
        raise NothingToShare
    return selection
