"""One case read from the vault for export: answers in script order, identity, consent events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from interview_app.consent_record import recorded_events
from interview_app.domain.consent import ConsentEvent
from interview_app.domain.model import DataClass, Form, Item, ItemRef, JsonValue
from interview_app.errors import AccessDenied
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.repository import (
    AnswerRevision,
    Case,
    Consent,
    IndicatorObservation,
    Repository,
    RiskAssessment,
    Session,
)

__all__ = ["CaseData", "Entry", "consent_events_of_case", "load_case"]

@dataclass(frozen=True)
class Entry:
    """One current answer, with its session, script and question when they are known.

    ``form``/``item`` are None when the script is not installed or no longer has the
    question; the answer is still exported, under its recorded data class.
    """

    session: Session
    form: Form | None
    item: Item | None
    revision: AnswerRevision

    @property
    def ref(self) -> ItemRef:
        return self.revision.ref

    @property
    def data_class(self) -> DataClass:
        return self.revision.data_class

    @property
    def key(self) -> str:
        """``form_id.question_id``: how scripts name a question of another script."""
        return f"{self.session.form_id}.{self.ref.question_id}"


@dataclass(frozen=True)
class CaseData:
    """What an export may draw on, as far as the user's role may read it.

    ``identity`` is None when the role may not read identity data. ``events`` are the
    standing consent decisions of the consents table (a later "no" reads as a withdrawal).
    """

    case: Case
    sessions: tuple[Session, ...]
    entries: tuple[Entry, ...]
    identity: dict[str, JsonValue] | None
    events: tuple[ConsentEvent, ...]
    consents: tuple[Consent, ...]
    observations: tuple[IndicatorObservation, ...] = ()
    risks: tuple[RiskAssessment, ...] = ()

    def latest(self, *keys: str) -> Entry | None:
        """The most recently recorded answer to any of ``keys`` (``form.question``)."""
        found = [e for e in self.entries if e.key in keys and e.ref.instance is None]
        return max(found, key=lambda e: e.revision.recorded_at, default=None)

    def of_session(self, session_id: int) -> list[Entry]:
        return [e for e in self.entries if e.session.id == session_id]


def _ordered(form: Form, revisions: dict[ItemRef, AnswerRevision]) -> Iterator[ItemRef]:
    """The answered refs in script order (a repeat group's instances in number order), then
    any answers to questions the installed script no longer has."""
    seen: set[ItemRef] = set()
    for item in form.all_items():
        refs = sorted((r for r in revisions if r.question_id == item.id),
                      key=lambda r: (r.instance or 0))
        for ref in refs:
            seen.add(ref)
            yield ref
    yield from sorted(r for r in revisions if r not in seen)


def _entries(repository: Repository, session: Session, form: Form | None) -> list[Entry]:
    revisions = repository.current_revisions(session.id)
    refs = _ordered(form, revisions) if form is not None else iter(sorted(revisions))
    entries = []
    for ref in refs:
        item = form.item(ref.question_id) if form and form.has_item(ref.question_id) else None
        entries.append(Entry(session, form, item, revisions[ref]))
    return entries


def consent_events_of_case(repository: Repository, case_id: int) -> list[ConsentEvent]:
    """Every standing consent decision of a case, oldest first.

    The consents table is the one record: a session's consent answer writes its decision
    there in the same transaction, and a correction retracts it; retracted rows and rows for
    one named organisation (not a kind) are left out, as the interview itself reads them.
    """
    events = recorded_events(repository.consent_history(case_id))
    return sorted(events, key=lambda e: e.at)


def load_case(repository: Repository, case_id: int, shelf: ScriptShelf) -> CaseData:
    """The case as this user's role may read it; classes it may not read are simply absent."""
    case = repository.case(case_id)
    sessions = repository.sessions_for_case(case_id)
    entries: list[Entry] = []
    for session in sessions:
        entries.extend(_entries(repository, session, shelf.get(session.form_id)))
    try:
        identity: dict[str, JsonValue] | None = repository.identity(case_id)
    except AccessDenied:
        identity = None
    return CaseData(
        case=case,
        sessions=tuple(sessions),
        entries=tuple(entries),
        identity=identity,
        events=tuple(consent_events_of_case(repository, case_id)),
        consents=tuple(repository.consent_history(case_id)),
        observations=tuple(repository.indicator_observations(case_id)),
        risks=tuple(repository.risk_assessments(case_id)),
    )
