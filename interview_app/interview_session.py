"""One interview session: the engine's walk joined to the vault, answer by durable answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_app.domain.alerts import urgent_items
from interview_app.domain.answer_validation import Instance, confirmed, gate_complete
from interview_app.domain.engine import Engine, ItemState, Progress
from interview_app.domain.model import (
    REQUIRED_NON_RESPONSES,
    Answer,
    Form,
    Item,
    ItemRef,
    JsonValue,
    NonResponse,
    QuestionId,
    Section,
)
from interview_app.errors import NavigationError, ReasonRequired, SessionFinalised
from interview_app.interview_text import Prompt, ScriptText
from interview_app.session_time import DEFAULT_BREAK_REMINDER, Clock, SessionTime
from interview_app.storage.encoding import utc_now
from interview_app.storage.repository import (
    AnswerRevision,
    IndicatorObservation,
    IndicatorSource,
    Participant,
    ParticipantRole,
    Repository,
    Session,
)

# Reasons the session writes itself for changes that are part of the normal walk, not a
# correction: fixed words (never case content), kept in the script's language for the record.
REASON_GATE_CONFIRMED = "checklist entry confirmed"
REASON_INSTANCE_ADDED = "repeat instance added"


@dataclass(frozen=True)
class SectionStatus:
    """A section in both languages with its progress; ``total == 0`` means nothing to ask."""

    section: Section
    spoken: Section
    progress: Progress
    current: bool


class InterviewSession:
    """The interview of one session: what to ask now, and every answer saved before moving on.

    The engine is rebuilt from the vault's answers, so reopening a session resumes at the same
    item. Every operation validates in the engine, writes through the repository (committed,
    audited), and only then is the new state visible; a failed write puts the engine back.
    """

    def __init__(
        self,
        repository: Repository,
        session_id: int,
        form: Form,
        *,
        translations_root: Path | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.repository = repository
        self.session_id = session_id
        self.form = form
        self._clock = clock
        self.record: Session = repository.session(session_id)
        self.text = ScriptText(
            form,
            interface_language=self.record.interface_language,
            interview_language=self.record.interview_language,
            translations_root=translations_root,
        )
        self._engine = self._new_engine(repository.answers_for_session(session_id))
        self.time = SessionTime(repository, session_id, clock)

    def _new_engine(self, answers: dict[ItemRef, Answer]) -> Engine:
        return Engine(self.form, answers, self._clock().date())

    # -- what the session is -----------------------------------------------------------------

    @property
    def case_id(self) -> int:
        return self.record.case_id

    @property
    def interface_language(self) -> str:
        return self.record.interface_language

    @property
    def interview_language(self) -> str:
        return self.record.interview_language

    @property
    def is_finalised(self) -> bool:
        return self.record.is_finalised

    def participants(self) -> list[Participant]:
        return self.repository.participants(self.session_id)

    def interpreters(self) -> list[Participant]:
        return [p for p in self.participants() if p.role is ParticipantRole.INTERPRETER]

    # -- where the interview is --------------------------------------------------------------

    @property
    def current(self) -> ItemRef | None:
        return self._engine.current

    @property
    def following(self) -> bool:
        """True while the interview follows the script; False after back/go_to moved it."""
        return self._engine.cursor is None

    def prompt(self, ref: ItemRef | None = None) -> Prompt | None:
        """The item ``ref`` (default: the current one) in both languages; None when done."""
        ref = self.current if ref is None else ref
        if ref is None:
            return None
        group = self._group_of(ref.question_id)
        instances = self._engine.instances(group.id) if group is not None else ()
        label = next((i.label for i in instances if i.number == ref.instance), None)
        return self.text.prompt(ref, label)

    def state(self, ref: ItemRef) -> ItemState:
        return self._engine.state(ref)

    def states(self) -> list[ItemState]:
        return list(self._engine.states())

    def instances(self, group_id: str) -> tuple[Instance, ...]:
        return self._engine.instances(group_id)

    def progress(self, section_id: str | None = None) -> Progress:
        return self._engine.progress(section_id)

    def sections(self) -> list[SectionStatus]:
        here = self.current
        here_section = None if here is None else self.text.section_id(here.question_id)
        return [
            SectionStatus(ui, spoken, self._engine.progress(ui.id), ui.id == here_section)
            for ui, spoken in self.text.sections()
        ]

    def blocking_gate(self) -> ItemRef | None:
        return self._engine.blocking_gate()

    def urgent(self) -> tuple[ItemRef, ...]:
        """Answers whose ``urgent_if`` holds now: the safety prompt shows while there are any."""
        return urgent_items(self._engine)

    @property
    def is_done(self) -> bool:
        """Nothing left to ask and no gate holding the rest back: time to review."""
        return self.current is None and self.blocking_gate() is None

    @property
    def refused_gate(self) -> ItemRef | None:
        """A gate the person declined: nothing after it can be asked until it is changed."""
        gate = self.blocking_gate()
        return gate if self.current is None else None

    def needs_reason(self, ref: ItemRef) -> bool:
        """Whether saving ``ref`` changes an answer already recorded (and so needs a reason)."""
        return ref in self._engine.answers

    def is_unchanged(self, ref: ItemRef, answer: Answer) -> bool:
        return self._engine.answers.get(ref) == answer

    def allowed_non_responses(self, ref: ItemRef) -> frozenset[NonResponse]:
        """The non-responses this item accepts now: a required one only the person's own."""
        state = self._engine.state(ref)
        allowed = state.item.non_responses
        return allowed & REQUIRED_NON_RESPONSES if state.required else allowed

    # -- recording ---------------------------------------------------------------------------

    def answer(
        self,
        ref: ItemRef,
        value: JsonValue,
        *,
        text: str | None = None,
        translation: str | None = None,
        translated_by: int | None = None,
        reason: str | None = None,
    ) -> AnswerRevision:
        """Validate, save durably, then move on; a changed answer needs ``reason``."""
        return self._commit(
            ref,
            lambda: self._engine.answer(ref, value),
            text=text, translation=translation, translated_by=translated_by, reason=reason,
        )

    def non_response(
        self, ref: ItemRef, kind: NonResponse | str, *, reason: str | None = None
    ) -> AnswerRevision:
        """Declined, don't know, not asked or not applicable: an answer, never a blank."""
        return self._commit(ref, lambda: self._engine.non_response(ref, kind), reason=reason)

    def confirm_gate_entry(self, ref: ItemRef, entry_id: str) -> AnswerRevision:
        """Record one more checklist entry of a gate as confirmed; the gate stays current."""
        done = self._confirmed(ref)
        if entry_id not in done:
            done.append(entry_id)
        return self._commit(
            ref,
            lambda: self._engine.answer(ref, confirmed(*done)),
            reason=REASON_GATE_CONFIRMED if self.needs_reason(ref) else None,
            stay=True,
        )

    def withdraw_gate_entry(self, ref: ItemRef, entry_id: str, reason: str) -> AnswerRevision:
        """Untick a confirmed entry: a correction, so it needs a reason like any change."""
        done = [entry for entry in self._confirmed(ref) if entry != entry_id]
        return self._commit(
            ref, lambda: self._engine.answer(ref, confirmed(*done)), reason=reason, stay=True
        )

    def gate_is_complete(self, ref: ItemRef) -> bool:
        state = self._engine.state(ref)
        return gate_complete(state.item, state.answer)

    def add_instance(self, group_id: str, label: str) -> int:
        """Add an instance to a repeat group and save the group's answer; its number."""
        ref = ItemRef(QuestionId(group_id))
        numbers: list[int] = []

        def operation() -> Answer:
            number, answer = self._engine.add_instance(group_id, label)
            numbers.append(number)
            return answer

        reason = REASON_INSTANCE_ADDED if self.needs_reason(ref) else None
        self._commit(ref, operation, reason=reason)
        return numbers[0]

    def finish_group(self, group_id: str) -> None:
        """No more instances: an untouched group is recorded as none, then the walk goes on."""
        ref = ItemRef(QuestionId(group_id))
        if ref in self._engine.answers:
            self._engine.resume()
        else:
            self._commit(ref, lambda: self._engine.answer(ref, []))

    def remove_instance(self, group_id: str, instance: int, reason: str) -> AnswerRevision:
        """Remove an instance (its answers are kept, not applicable); needs a reason."""
        ref = ItemRef(QuestionId(group_id))
        return self._commit(
            ref, lambda: self._engine.remove_instance(group_id, instance), reason=reason,
            stay=self._engine.cursor == ref,
        )

    def _confirmed(self, ref: ItemRef) -> list[str]:
        answer = self._engine.answers.get(ref)
        if answer is None or not isinstance(answer.value, list):
            return []
        return [entry for entry in answer.value if isinstance(entry, str)]

    def _commit(
        self,
        ref: ItemRef,
        operation: Callable[[], Answer],
        *,
        text: str | None = None,
        translation: str | None = None,
        translated_by: int | None = None,
        reason: str | None = None,
        stay: bool = False,
    ) -> AnswerRevision:
        if self.is_finalised:
            raise SessionFinalised
        snapshot = dict(self._engine.answers)
        cursor = self._engine.cursor
        previous = self._engine.answers.get(ref)
        answer = operation()  # validates first: an AnswerError leaves the engine as it was
        try:
            if previous is not None and previous != answer and not (reason and reason.strip()):
                raise ReasonRequired
            item = self.form.item(ref.question_id)
            revision = self.repository.save_answer(
                self.session_id, answer, data_class=item.data_class, text=text,
                translation=translation, translated_by=translated_by, reason=reason,
            )
        except BaseException:
            # Not on disk, so not recorded: the interview stays exactly where it was.
            self._engine = self._new_engine(snapshot)
            if cursor is not None:
                self._restore_cursor(cursor)
            raise
        if stay:
            self._restore_cursor(ref)
        elif cursor is None:
            self._return_to_group(ref)
        return revision

    def _restore_cursor(self, ref: ItemRef) -> None:
        try:
            self._engine.go_to(ref)
        except NavigationError:
            self._engine.resume()

    def _group_of(self, question_id: str) -> Item | None:
        group_id = self.form.item(question_id).group_id
        return None if group_id is None else self.form.item(group_id)

    def _return_to_group(self, ref: ItemRef) -> None:
        """After the last question of an instance, ask about another before moving past."""
        group = self._group_of(ref.question_id)
        if group is None or ref.instance is None:
            return
        following = self._engine.current
        if following is not None and following.instance == ref.instance:
            return
        if following is not None and self._group_of(following.question_id) is group:
            return
        if group.maximum is not None and len(self.instances(group.id)) >= group.maximum:
            return
        self._restore_cursor(ItemRef(group.id))

    # -- navigation --------------------------------------------------------------------------

    def back(self) -> ItemRef | None:
        return self._engine.back()

    def go_to(self, ref: ItemRef) -> ItemRef:
        return self._engine.go_to(ref)

    def go_to_section(self, section_id: str) -> ItemRef:
        return self._engine.go_to_section(section_id)

    def resume(self) -> ItemRef | None:
        """Back to the first item still to be asked (also: "next" from a revisited item)."""
        return self._engine.resume()

    # -- breaks and time ---------------------------------------------------------------------

    @property
    def on_break(self) -> bool:
        return self.time.on_break

    def start_break(self) -> None:
        """Record the start of a break; the session clock stops until :meth:`end_break`."""
        self.time.start_break()

    def end_break(self) -> None:
        self.time.end_break()

    def elapsed(self) -> dt.timedelta:
        """Interview time so far, breaks left out."""
        return self.time.elapsed(self.record.started_at, self.record.ended_at)

    def since_rest(self) -> dt.timedelta:
        return self.time.since_rest(self.record.started_at)

    def break_due(self, after: dt.timedelta = DEFAULT_BREAK_REMINDER) -> bool:
        """Whether to suggest a break: ``after`` without one (or since the last reminder)."""
        return not self.on_break and not self.is_finalised and self.since_rest() >= after

    def postpone_break_reminder(self) -> None:
        self.time.postpone_reminder()

    # -- other records -----------------------------------------------------------------------

    def indicator_ids(self, ref: ItemRef | None = None) -> list[str]:
        """The script's indicator ids, those of ``ref``'s item first (most likely meant)."""
        first = [] if ref is None else list(self.form.item(ref.question_id).indicators)
        rest = sorted({i for item in self.form.all_items() for i in item.indicators})
        return list(dict.fromkeys([*first, *rest]))

    def record_observation(
        self, indicator_id: str, source: IndicatorSource, note: str | None = None
    ) -> IndicatorObservation:
        """An indicator noted with its source: an observation, never a verdict."""
        return self.repository.observe_indicator(
            self.case_id, indicator_id, source, note=note or None, session_id=self.session_id
        )

    def finalise(self) -> str:
        """Freeze the session; its SHA-256 fingerprint. Corrections become addenda."""
        if self.on_break:
            self.end_break()
        fingerprint = self.repository.finalise_session(self.session_id)
        self.record = self.repository.session(self.session_id)
        return fingerprint

    def open_addendum(self) -> Session:
        """A new session for corrections to this finalised one."""
        return self.repository.open_addendum(self.session_id)
