"""Answers reused from a case's earlier sessions: filled in at the start, marked until confirmed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from interview_app.consent_record import recorded_events
from interview_app.domain.consent import Recipient
from interview_app.domain.engine import Engine
from interview_app.domain.model import Form, ItemRef
from interview_app.domain.reuse import Prefill, PriorAnswer, prefill
from interview_app.storage.encoding import parse_timestamp
from interview_app.storage.repository import Repository

__all__ = [
    "REASON_REUSE_CHANGED",
    "REASON_REUSE_CONFIRMED",
    "SCRIPT_RECIPIENT",
    "first_to_read_back",
    "ReusedAnswer",
    "prior_answers",
    "reuse_earlier_answers",
    "reused_answers",
]

# Fixed words in the revision's reason, never case content: where the answer came from (the
# session's number and the earlier question, ``form_id.question_id``), then what the
# interviewer made of it with the person.
_REASON_REUSED = "reused from session {session}: {source}"
_REUSED = re.compile(r"reused from session (\d+): ([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)")
REASON_REUSE_CONFIRMED = "reused answer confirmed"
REASON_REUSE_CHANGED = "reused answer changed"

# Whom a script's record serves when that is another kind of organisation than the one that
# interviewed before: an intake is read by shelter staff, so it reuses only what the person
# agreed to share with a shelter. Other scripts serve the same organisation, where only the
# consent to keep the record counts. (A script-level key would let forms say this themselves.)
SCRIPT_RECIPIENT: Mapping[str, Recipient] = {"shelter_intake": Recipient.SHELTER}


@dataclass(frozen=True)
class ReusedAnswer:
    """A current answer taken over from an earlier session and not yet confirmed or changed."""

    ref: ItemRef
    source: str
    """The earlier question, ``form_id.question_id``."""
    session_id: int
    form_id: str
    started_on: str
    """The earlier session's start date, ``YYYY-MM-DD``."""


def prior_answers(repository: Repository, case_id: int, before: int) -> dict[str, PriorAnswer]:
    """The case's answers from sessions before session ``before``, keyed as prefill expects.

    A later session's answer to the same question replaces an earlier one (an addendum's
    correction, a second first contact). Answers inside repeat groups are never reused, and
    answers this role may not read are not seen at all.
    """
    prior: dict[str, PriorAnswer] = {}
    for session in repository.sessions_for_case(case_id):
        if session.id >= before:
            continue
        for ref, revision in repository.current_revisions(session.id).items():
            if ref.instance is not None:
                continue
            source = f"{session.form_id}.{ref.question_id}"
            prior[source] = PriorAnswer(source, revision.answer, revision.data_class,
                                        str(session.id), parse_timestamp(revision.recorded_at))
    return prior


def reuse_earlier_answers(
    repository: Repository, session_id: int, form: Form, today: dt.date
) -> Prefill:
    """Pre-fill a new session of ``form`` from the case's earlier sessions, where the person's
    consents allow; each reused answer is saved with a reason that says where it came from.

    Call it once, when the session starts. Questions already answered are left alone. The
    result also says what was not reused and why.
    """
    if not any(item.reuse for item in form.all_items()):
        return Prefill({}, (), ())
    record = repository.session(session_id)
    filled = prefill(
        form,
        prior_answers(repository, record.case_id, session_id),
        recorded_events(repository.consent_history(record.case_id)),
        recipient=SCRIPT_RECIPIENT.get(form.id),
        today=today,
    )
    existing = repository.answers_for_session(session_id)
    for reused in filled.reused:
        if reused.ref in existing:
            continue
        repository.save_answer(
            session_id, filled.answers[reused.ref],
            data_class=form.item(reused.ref.question_id).data_class,
            reason=_REASON_REUSED.format(session=reused.session, source=reused.source),
        )
    return filled


def reused_answers(
    repository: Repository, session_id: int, form: Form
) -> dict[ItemRef, ReusedAnswer]:
    """The session's answers that are still as reused: read from their reasons, so a reopened
    session marks them too. A confirmed or changed answer is the interviewer's own."""
    found: dict[ItemRef, ReusedAnswer] = {}
    started: Callable[[int], str] = _start_dates(repository)
    for ref, revision in repository.current_revisions(session_id).items():
        match = _REUSED.fullmatch(revision.reason or "")
        if match is None or not form.has_item(ref.question_id):
            continue
        earlier, form_id, question_id = int(match[1]), match[2], match[3]
        found[ref] = ReusedAnswer(ref, f"{form_id}.{question_id}", earlier, form_id,
                                  started(earlier))
    return found


def _start_dates(repository: Repository) -> Callable[[int], str]:
    known: dict[int, str] = {}

    def started(session_id: int) -> str:
        if session_id not in known:
            known[session_id] = repository.session(session_id).started_at[:10]
        return known[session_id]

    return started


def first_to_read_back(engine: Engine, reused: Mapping[ItemRef, ReusedAnswer]) -> ItemRef | None:
    """The first reused answer, before the next item to ask, that the interviewer can reach
    now: the walk reads each back with the person instead of going past it."""
    here = engine.current
    for state in engine.states():
        if state.ref == here:
            return None
        if state.ref in reused and state.visible and not state.blocked:
            return state.ref
    return None
