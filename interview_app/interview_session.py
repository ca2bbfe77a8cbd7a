"""One interview session: the engine's walk joined to the vault, answer by durable answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_app.consent_record import consent_decision, witnesses
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
from interview_app.session_records import SessionRecords
from interview_app.session_reuse import (
    REASON_REUSE_CHANGED,
    REASON_REUSE_CONFIRMED,
    ReusedAnswer,
    first_to_read_back,
    reused_answers,
)
from interview_app.session_time import Clock, SessionTime, TimedSession
from interview_app.storage.encoding import utc_now
from interview_app.storage.repository import (
    AnswerRevision,
    ConsentDecision,
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


class InterviewSession(TimedSession, SessionRecords):
    """The interview of one session: what to ask now, and every answer saved before moving on.

    The engine is rebuilt from the vault's answers, so reopening a session resumes at the same
    item. Every operation validates in the engine, writes through the repository (committed,
    audited), and only then is the new state visible; a failed write puts the engine back.
    A consent question's answer records the decision in the consents table in the same
    transaction. Answers reused from earlier sessions are read back: the walk stops at each
    until the interviewer confirms or changes it.
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
        self._reused = reused_answers(repository, session_id, form)
        self._read_back()

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
        """Whether saving ``ref`` changes an answer already recorded (and so needs a reason).

        A reused answer takes a fixed reason: confirming or changing it is the read-back.
        """
        return ref in self._engine.answers and ref not in self._reused

    @property
    def reused(self) -> dict[ItemRef, ReusedAnswer]:
        """Answers taken over from earlier sessions and not yet confirmed or changed."""
        return dict(self._reused)

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
        reused = ref in self._reused
        if reused and not (reason and reason.strip()):
            reason = REASON_REUSE_CONFIRMED if previous == answer else REASON_REUSE_CHANGED
        try:
            if previous is not None and previous != answer and not (reason and reason.strip()):
                raise ReasonRequired
            item = self.form.item(ref.question_id)
            revision = self.repository.save_answer(
                self.session_id, answer, data_class=item.data_class, text=text,
                translation=translation, translated_by=translated_by, reason=reason,
                consent=self._consent(item, answer), confirm=reused,
            )
        except BaseException:
            # Not on disk, so not recorded: the interview stays exactly where it was.
            self._engine = self._new_engine(snapshot)
            if cursor is not None:
                self._restore_cursor(cursor)
            raise
        self._reused.pop(ref, None)
        if stay:
            self._restore_cursor(ref)
        else:
            if cursor is None:
                self._return_to_group(ref)
            self._read_back()
        return revision

    def _consent(self, item: Item, answer: Answer) -> ConsentDecision | None:
        if item.consent is None:
            return None
        return consent_decision(
            item, answer, self.repository.consent_history(self.case_id),
            language=self.interview_language, witnessed_by=witnesses(self.participants()),
            at=self._clock(),
        )

    def _read_back(self) -> None:
        """Stop at the first reused answer not yet confirmed, before going past it."""
        if self._reused and self._engine.cursor is None:
            target = first_to_read_back(self._engine, self._reused)
            if target is not None:
                self._engine.go_to(target)

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
        self._engine.resume()
        self._read_back()
        return self.current
