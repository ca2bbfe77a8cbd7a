"""Answers as append-only revisions: the current answer is the latest revision of its item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_app.domain.model import Answer, DataClass, ItemRef, NonResponse, QuestionId
from interview_app.errors import NotFound, ReasonRequired, SessionFinalised
from interview_app.storage.encoding import dump_value, load_value
from interview_app.storage.repository.base import RepositoryBase
from interview_app.storage.repository.records import ConsentDecision, write_consent_decision


@dataclass(frozen=True)
class AnswerRevision:
    """One saved version of one answer, with everything the statement needs to show it."""

    id: int
    session_id: int
    answer: Answer
    revision: int
    data_class: DataClass
    text: str | None
    translation: str | None
    translated_by: int | None
    recorded_at: str
    recorded_by: int
    reason: str | None

    @property
    def ref(self) -> ItemRef:
        return self.answer.ref


_REVISION = (
    "SELECT id, session_id, question_id, instance, revision, data_class, value, non_response,"
    " text, translation, translated_by, recorded_at, recorded_by, reason FROM answers"
)


def _revision(row: tuple[Any, ...]) -> AnswerRevision:
    ref = ItemRef(QuestionId(row[2]), row[3])
    if row[7] is not None:
        answer = Answer(ref, non_response=NonResponse(row[7]))
    else:
        answer = Answer(ref, value=load_value(row[6]))
    return AnswerRevision(
        id=row[0], session_id=row[1], answer=answer, revision=row[4],
        data_class=DataClass(row[5]), text=row[8], translation=row[9], translated_by=row[10],
        recorded_at=row[11], recorded_by=row[12], reason=row[13],
    )


def _same(
    current: AnswerRevision,
    *,
    answer: Answer,
    data_class: DataClass,
    text: str | None,
    translation: str | None,
    translated_by: int | None,
) -> bool:
    return (current.answer, current.data_class, current.text, current.translation,
            current.translated_by) == (answer, data_class, text, translation, translated_by)


class AnswersMixin(RepositoryBase):
    def save_answer(
        self,
        session_id: int,
        answer: Answer,
        *,
        data_class: DataClass,
        text: str | None = None,
        translation: str | None = None,
        translated_by: int | None = None,
        reason: str | None = None,
        consent: ConsentDecision | None = None,
        confirm: bool = False,
    ) -> AnswerRevision:
        """Write a revision and its audit entry in one transaction, committed on return.

        ``data_class`` is the question's. ``text`` is the answer in the interview language as
        said; ``translation`` its translation, by participant ``translated_by``. Changing an
        earlier answer needs a ``reason``; a first answer keeps one when given (where a
        reused answer came from). ``consent`` is what a consent question's answer decides: it
        is recorded in the same transaction, so no answer is ever on disk without it. Saving
        exactly the current answer again writes nothing and returns the current revision,
        unless ``confirm``: then it is a new revision (with its reason) saying the answer was
        checked, e.g. a reused answer read back to the person. SessionFinalised for a
        finalised session: open an addendum instead.
        """
        self._require_write(data_class)
        ref = answer.ref
        if ref.instance is not None and ref.instance < 1:
            raise ValueError("repeat instances are numbered from 1")
        value = None if answer.non_response is not None else dump_value(answer.value)
        non_response = None if answer.non_response is None else answer.non_response.value
        with self._write() as tx:
            session = tx.execute(
                "SELECT finalised_at, case_id FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if session is None:
                raise NotFound
            if session[0] is not None:
                raise SessionFinalised
            row = tx.execute(
                f"{_REVISION} WHERE session_id = ? AND question_id = ?"
                " AND ifnull(instance, 0) = ifnull(?, 0) ORDER BY revision DESC LIMIT 1",
                (session_id, ref.question_id, ref.instance),
            ).fetchone()
            current = None if row is None else _revision(row)
            if current is not None:
                self._require_read(current.data_class)
                if not confirm and _same(current, answer=answer, data_class=data_class,
                                         text=text, translation=translation,
                                         translated_by=translated_by):
                    return current
                if not (reason and reason.strip()):
                    raise ReasonRequired
            number = 1 if current is None else current.revision + 1
            if not (reason and reason.strip()):
                reason = None
            answer_id = tx.insert(
                "INSERT INTO answers (session_id, question_id, instance, revision, data_class,"
                " value, non_response, text, translation, translated_by, recorded_at,"
                " recorded_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, ref.question_id, ref.instance, number, data_class.value, value,
                 non_response, text, translation, translated_by, tx.now, tx.user_id, reason),
            )
            tx.audit("answer.saved", "answer", answer_id, session=session_id, revision=number,
                     data_class=data_class.value, non_response=non_response is not None)
            if consent is not None:
                write_consent_decision(tx, int(session[1]), session_id, consent)
        return AnswerRevision(
            answer_id, session_id, answer, number, data_class, text, translation, translated_by,
            tx.now, tx.user_id, reason,
        )

    def current_revisions(self, session_id: int) -> dict[ItemRef, AnswerRevision]:
        """The latest revision of each answer in a session that this role may read."""
        self.session_exists(session_id)
        rows = self._read(
            f"{_REVISION} WHERE session_id = ? ORDER BY question_id, ifnull(instance, 0),"
            " revision",
            (session_id,),
        )
        latest: dict[ItemRef, AnswerRevision] = {}
        for row in rows:
            revision = _revision(row)
            latest[revision.ref] = revision
        allowed = set(self._readable())
        return {ref: r for ref, r in sorted(latest.items()) if r.data_class.value in allowed}

    def answers_for_session(self, session_id: int) -> dict[ItemRef, Answer]:
        """Current answers by item, enough to rebuild the interview engine where it stopped.

        Answers in data classes this role may not read are left out.
        """
        return {ref: r.answer for ref, r in self.current_revisions(session_id).items()}

    def answer_history(self, session_id: int, ref: ItemRef) -> list[AnswerRevision]:
        """Every revision of one answer, oldest first."""
        rows = self._read(
            f"{_REVISION} WHERE session_id = ? AND question_id = ?"
            " AND ifnull(instance, 0) = ifnull(?, 0) ORDER BY revision",
            (session_id, ref.question_id, ref.instance),
        )
        history = [_revision(r) for r in rows]
        for revision in history:
            self._require_read(revision.data_class)
        return history

    def session_exists(self, session_id: int) -> None:
        self._one("SELECT 1 FROM sessions WHERE id = ?", (session_id,))
