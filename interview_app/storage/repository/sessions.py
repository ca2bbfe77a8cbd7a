"""Interview sessions: script and languages, participants, breaks, finalisation, addenda."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_app.errors import NotFound, SessionFinalised, SessionOpen
from interview_app.storage.encoding import canonical_json
from interview_app.storage.repository.base import RepositoryBase


class ParticipantRole(StrEnum):
    LEAD_INTERVIEWER = "lead_interviewer"
    SECOND_INTERVIEWER = "second_interviewer"
    INTERPRETER = "interpreter"


@dataclass(frozen=True)
class Session:
    id: int
    case_id: int
    form_id: str
    form_version: str
    interface_language: str
    interview_language: str
    addendum_to: int | None
    started_at: str
    started_by: int
    ended_at: str | None
    finalised_at: str | None
    fingerprint: str | None
    place: str | None = None
    """Where the session takes place: a kind such as ``shelter`` (None before vault v4)."""
    place_detail: str | None = None
    """The place in a few words, e.g. for ``other``."""

    @property
    def is_finalised(self) -> bool:
        return self.finalised_at is not None


@dataclass(frozen=True)
class Participant:
    """Someone in the room; interpreters are participants, not logins."""

    id: int
    session_id: int
    role: ParticipantRole
    name: str
    user_id: int | None
    language: str | None
    dialect: str | None
    declared_no_conflict: bool
    declared_confidentiality: bool


@dataclass(frozen=True)
class Break:
    id: int
    session_id: int
    started_at: str
    ended_at: str | None


_SESSION = (
    "SELECT id, case_id, form_id, form_version, interface_language, interview_language,"
    " addendum_to, started_at, started_by, ended_at, finalised_at, fingerprint, place,"
    " place_detail FROM sessions"
)
_PARTICIPANT = (
    "SELECT id, session_id, role, name, user_id, language, dialect, declared_no_conflict,"
    " declared_confidentiality FROM participants"
)


def _session(row: tuple[Any, ...]) -> Session:
    return Session(*row)


def _participant(row: tuple[Any, ...]) -> Participant:
    return Participant(
        row[0], row[1], ParticipantRole(row[2]), row[3], row[4], row[5], row[6],
        bool(row[7]), bool(row[8]),
    )


class SessionsMixin(RepositoryBase):
    def start_session(
        self,
        case_id: int,
        form_id: str,
        form_version: str,
        *,
        interface_language: str,
        interview_language: str,
        place: str | None = None,
        place_detail: str | None = None,
    ) -> Session:
        """A new session of a script; ``place`` is the kind of place it happens in and
        ``place_detail`` a few words about it (both optional)."""
        with self._write() as tx:
            session_id = tx.insert(
                "INSERT INTO sessions (case_id, form_id, form_version, interface_language,"
                " interview_language, started_at, started_by, place, place_detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, form_id, form_version, interface_language, interview_language,
                 tx.now, tx.user_id, place, place_detail),
            )
            tx.audit("session.started", "session", session_id, case=case_id)
        return self.session(session_id)

    def session(self, session_id: int) -> Session:
        return _session(self._one(f"{_SESSION} WHERE id = ?", (session_id,)))

    def sessions_for_case(self, case_id: int) -> list[Session]:
        rows = self._read(f"{_SESSION} WHERE case_id = ? ORDER BY id", (case_id,))
        return [_session(r) for r in rows]

    def add_participant(
        self,
        session_id: int,
        role: ParticipantRole,
        name: str,
        *,
        user_id: int | None = None,
        language: str | None = None,
        dialect: str | None = None,
        no_conflict: bool = False,
        confidentiality: bool = False,
    ) -> Participant:
        with self._write() as tx:
            participant_id = tx.insert(
                "INSERT INTO participants (session_id, role, name, user_id, language, dialect,"
                " declared_no_conflict, declared_confidentiality, added_at, added_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, role.value, name, user_id, language, dialect, int(no_conflict),
                 int(confidentiality), tx.now, tx.user_id),
            )
            tx.audit("participant.added", "session", session_id, participant=participant_id,
                     role=role.value)
        return self.participant(participant_id)

    def record_declarations(
        self, participant_id: int, *, no_conflict: bool, confidentiality: bool
    ) -> None:
        """An interpreter's or interviewer's declarations, once they have made them."""
        with self._write() as tx:
            if tx.execute(
                "UPDATE participants SET declared_no_conflict = ?, declared_confidentiality = ?"
                " WHERE id = ?",
                (int(no_conflict), int(confidentiality), participant_id),
            ).rowcount != 1:
                raise NotFound
            tx.audit("participant.declared", "participant", participant_id,
                     no_conflict=no_conflict, confidentiality=confidentiality)

    def participant(self, participant_id: int) -> Participant:
        return _participant(self._one(f"{_PARTICIPANT} WHERE id = ?", (participant_id,)))

    def participants(self, session_id: int) -> list[Participant]:
        rows = self._read(f"{_PARTICIPANT} WHERE session_id = ? ORDER BY id", (session_id,))
        return [_participant(r) for r in rows]

    def start_break(self, session_id: int) -> Break:
        with self._write() as tx:
            break_id = tx.insert(
                "INSERT INTO session_breaks (session_id, started_at) VALUES (?, ?)",
                (session_id, tx.now),
            )
            tx.audit("session.break_started", "session", session_id, pause=break_id)
        return Break(break_id, session_id, tx.now, None)

    def end_break(self, break_id: int) -> None:
        with self._write() as tx:
            row = tx.execute(
                "UPDATE session_breaks SET ended_at = ? WHERE id = ? AND ended_at IS NULL"
                " RETURNING session_id",
                (tx.now, break_id),
            ).fetchone()
            if row is None:
                raise NotFound
            tx.audit("session.break_ended", "session", int(row[0]), pause=break_id)

    def breaks(self, session_id: int) -> list[Break]:
        rows = self._read(
            "SELECT id, session_id, started_at, ended_at FROM session_breaks"
            " WHERE session_id = ? ORDER BY id",
            (session_id,),
        )
        return [Break(*r) for r in rows]

    def end_session(self, session_id: int) -> None:
        if self.session(session_id).ended_at is not None:
            return
        with self._write() as tx:
            if tx.execute(
                "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                (tx.now, session_id),
            ).rowcount == 1:
                tx.audit("session.ended", "session", session_id)

    def finalise_session(self, session_id: int) -> str:
        """Freeze the session and return its SHA-256 fingerprint.

        The fingerprint covers every revision of every answer (all data classes, whoever
        asks), the participants, the script and the place, so a changed row shows.
        """
        with self._write() as tx:
            session = self.session(session_id)
            if session.is_finalised:
                raise SessionFinalised
            answers = tx.execute(
                "SELECT id, question_id, instance, revision, data_class, value, non_response,"
                " text, translation, translated_by, recorded_at, recorded_by, reason"
                " FROM answers WHERE session_id = ? ORDER BY id",
                (session_id,),
            ).fetchall()
            participants = tx.execute(
                f"{_PARTICIPANT} WHERE session_id = ? ORDER BY id", (session_id,)
            ).fetchall()
            content = {
                "session": [session.id, session.case_id, session.form_id, session.form_version,
                            session.interface_language, session.interview_language,
                            session.addendum_to, session.started_at, session.place,
                            session.place_detail],
                "participants": [list(r) for r in participants],
                "answers": [list(r) for r in answers],
            }
            fingerprint = hashlib.sha256(canonical_json(content).encode()).hexdigest()
            tx.execute(
                "UPDATE sessions SET ended_at = ifnull(ended_at, ?), finalised_at = ?,"
                " finalised_by = ?, fingerprint = ? WHERE id = ?",
                (tx.now, tx.now, tx.user_id, fingerprint, session_id),
            )
            tx.audit("session.finalised", "session", session_id, answers=len(answers),
                     fingerprint=fingerprint)
        return fingerprint

    def open_addendum(self, session_id: int) -> Session:
        """A new session for corrections to a finalised one, with the same script and languages."""
        original = self.session(session_id)
        if not original.is_finalised:
            raise SessionOpen
        with self._write() as tx:
            addendum_id = tx.insert(
                "INSERT INTO sessions (case_id, form_id, form_version, interface_language,"
                " interview_language, addendum_to, started_at, started_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (original.case_id, original.form_id, original.form_version,
                 original.interface_language, original.interview_language, original.id,
                 tx.now, tx.user_id),
            )
            tx.audit("session.addendum_opened", "session", addendum_id, addendum_to=original.id)
        return self.session(addendum_id)

    def addenda(self, session_id: int) -> list[Session]:
        rows = self._read(f"{_SESSION} WHERE addendum_to = ? ORDER BY id", (session_id,))
        return [_session(r) for r in rows]
