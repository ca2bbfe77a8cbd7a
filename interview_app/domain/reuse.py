"""Pre-fill a script from answers of earlier sessions, where consent allows, and say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from interview_app.domain.answer_validation import check_value
from interview_app.domain.consent import ConsentEvent, Recipient, record_kept, sharing_check
from interview_app.domain.model import Answer, DataClass, Form, ItemRef
from interview_app.errors import AnswerError

__all__ = ["NotReused", "Prefill", "PriorAnswer", "Reused", "prefill"]


@dataclass(frozen=True)
class PriorAnswer:
    """An answer from an earlier session: which question (``form_id.question_id``), its data
    class there, and where it came from (session id or label, time recorded)."""

    source: str
    answer: Answer
    data_class: DataClass
    session: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class Reused:
    """A question pre-filled from ``source``; shown to the interviewer as such."""

    ref: ItemRef
    source: str
    session: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class NotReused:
    """A question with an earlier answer that was not used, and why (fixed text only)."""

    ref: ItemRef
    source: str
    reason: str


@dataclass(frozen=True)
class Prefill:
    """Answers to start the engine with, and the account of what was (not) reused."""

    answers: Mapping[ItemRef, Answer]
    reused: tuple[Reused, ...]
    not_reused: tuple[NotReused, ...]


def prefill(
    form: Form,
    prior: Mapping[str, PriorAnswer],
    consents: Iterable[ConsentEvent],
    *,
    recipient: Recipient | None,
    today: dt.date,
) -> Prefill:
    """The answers ``form`` may take over from ``prior`` (keyed by ``form_id.question_id``).

    A question marked ``reuse`` takes the first listed source that has a real answer (a
    non-response is asked again), may reach this session's recipient under the consents, and
    still fits the question. Everything reused is listed so the interviewer can confirm it.

    ``recipient`` is who this session's record serves (a shelter for an intake); None means the
    same organisation as the earlier sessions, where only the consent to keep the record counts.
    """
    events = list(consents)
    answers: dict[ItemRef, Answer] = {}
    reused: list[Reused] = []
    skipped: list[NotReused] = []
    for item in form.all_items():
        if not item.reuse or item.group_id is not None:
            continue
        ref = ItemRef(item.id)
        first_refusal: NotReused | None = None
        for source in item.reuse:
            earlier = prior.get(source)
            if earlier is None:
                continue
            reason = _obstacle(earlier, recipient, events)
            if reason is None:
                try:
                    value = check_value(item, earlier.answer.value, today)
                except AnswerError:
                    reason = "the earlier answer does not fit this question"
                else:
                    answers[ref] = Answer(ref, value)
                    reused.append(Reused(ref, source, earlier.session, earlier.recorded_at))
                    first_refusal = None
                    break
            first_refusal = first_refusal or NotReused(ref, source, reason)
        if first_refusal is not None:
            skipped.append(first_refusal)
    return Prefill(answers, tuple(reused), tuple(skipped))


def _obstacle(
    earlier: PriorAnswer, recipient: Recipient | None, events: list[ConsentEvent]
) -> str | None:
    if not earlier.answer.is_substantive:
        return "the earlier answer was a non-response; ask again"
    if recipient is None:
        return None if record_kept(events) else "the person did not agree to keep the record"
    check = sharing_check(earlier.data_class, recipient, events)
    return None if check.allowed else check.reason
