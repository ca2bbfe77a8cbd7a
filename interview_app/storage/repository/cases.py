"""Cases, their notes, and the identity annex kept apart from everything else."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_app.domain.model import DataClass, JsonValue
from interview_app.errors import NotFound, ReasonRequired
from interview_app.storage.encoding import dump_value, load_value
from interview_app.storage.repository.base import RepositoryBase


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Case:
    """A case as everyone sees it: a pseudonymous code, never the person's name."""

    id: int
    code: str
    pseudonym: str
    status: CaseStatus
    created_at: str
    created_by: int


@dataclass(frozen=True)
class Note:
    id: int
    case_id: int
    data_class: DataClass
    text: str
    recorded_at: str
    recorded_by: int


@dataclass(frozen=True)
class IdentityValue:
    """One revision of one identity field (name, date of birth, contact...)."""

    id: int
    case_id: int
    field: str
    value: JsonValue
    reason: str | None
    recorded_at: str
    recorded_by: int


_CASE = "SELECT id, code, pseudonym, status, created_at, created_by FROM cases"


def case_from_row(row: tuple[Any, ...]) -> Case:
    return Case(int(row[0]), str(row[1]), str(row[2]), CaseStatus(row[3]), str(row[4]), int(row[5]))


def case_code(year: int, number: int) -> str:
    """``C-2026-0007``: year and a per-year number, so codes say nothing about the person."""
    return f"C-{year:04d}-{number:04d}"


class CasesMixin(RepositoryBase):
    def create_case(self, pseudonym: str = "") -> Case:
        with self._write() as tx:
            year = int(tx.now[:4])  # the year of the timestamp the case is created with
            row = tx.execute(
                "SELECT ifnull(max(number), 0) + 1 FROM cases WHERE year = ?", (year,)
            ).fetchone()
            number = int(row[0]) if row else 1
            case_id = tx.insert(
                "INSERT INTO cases (code, year, number, pseudonym, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (case_code(year, number), year, number, pseudonym, tx.now, tx.user_id),
            )
            tx.audit("case.created", "case", case_id)
        return self.case(case_id)

    def case(self, case_id: int) -> Case:
        return case_from_row(self._one(f"{_CASE} WHERE id = ?", (case_id,)))

    def case_by_code(self, code: str) -> Case:
        return case_from_row(self._one(f"{_CASE} WHERE code = ?", (code.strip().upper(),)))

    def cases(self, *, limit: int = 100, offset: int = 0) -> list[Case]:
        """Most recent first."""
        rows = self._read(f"{_CASE} ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return [case_from_row(r) for r in rows]

    def set_pseudonym(self, case_id: int, pseudonym: str) -> None:
        with self._write() as tx:
            if tx.execute(
                "UPDATE cases SET pseudonym = ? WHERE id = ?", (pseudonym, case_id)
            ).rowcount != 1:
                raise NotFound
            tx.audit("case.pseudonym_changed", "case", case_id)

    def set_case_status(self, case_id: int, status: CaseStatus) -> None:
        with self._write() as tx:
            if tx.execute(
                "UPDATE cases SET status = ? WHERE id = ?", (status.value, case_id)
            ).rowcount != 1:
                raise NotFound
            tx.audit("case.status_changed", "case", case_id, status=status.value)

    def add_note(
        self, case_id: int, text: str, data_class: DataClass = DataClass.ASSISTANCE
    ) -> Note:
        self._require_write(data_class)
        with self._write() as tx:
            note_id = tx.insert(
                "INSERT INTO case_notes (case_id, data_class, text, recorded_at, recorded_by)"
                " VALUES (?, ?, ?, ?, ?)",
                (case_id, data_class.value, text, tx.now, tx.user_id),
            )
            tx.audit("case.note_added", "case", case_id, note=note_id)
        return Note(note_id, case_id, data_class, text, tx.now, tx.user_id)

    def notes(self, case_id: int) -> list[Note]:
        """The notes this role may read, oldest first; the others are not mentioned."""
        rows = self._read(
            "SELECT id, case_id, data_class, text, recorded_at, recorded_by FROM case_notes"
            " WHERE case_id = ? AND data_class IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            (case_id, self._readable_json()),
        )
        return [Note(r[0], r[1], DataClass(r[2]), r[3], r[4], r[5]) for r in rows]

    def record_identity(
        self, case_id: int, field: str, value: JsonValue, reason: str | None = None
    ) -> IdentityValue:
        """A new revision of one identity field; the latest one is current. Changing a
        recorded value needs a ``reason``, like a changed answer (ReasonRequired)."""
        self._require_write(DataClass.IDENTITY)
        with self._write() as tx:
            current = tx.execute(
                "SELECT value FROM identity_annex WHERE case_id = ? AND field = ?"
                " ORDER BY id DESC LIMIT 1",
                (case_id, field),
            ).fetchone()
            changed = current is not None and load_value(current[0]) != value
            if changed and not (reason and reason.strip()):
                raise ReasonRequired
            row_id = tx.insert(
                "INSERT INTO identity_annex"
                " (case_id, field, value, reason, recorded_at, recorded_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, field, dump_value(value), reason, tx.now, tx.user_id),
            )
            tx.audit("identity.recorded", "case", case_id, revision=row_id)
        return IdentityValue(row_id, case_id, field, value, reason, tx.now, tx.user_id)

    def identity(self, case_id: int) -> dict[str, JsonValue]:
        """The current value of each identity field of a case."""
        return {v.field: v.value for v in self.identity_history(case_id)}

    def identity_history(self, case_id: int) -> list[IdentityValue]:
        self._require_read(DataClass.IDENTITY)
        rows = self._read(
            "SELECT id, case_id, field, value, reason, recorded_at, recorded_by"
            " FROM identity_annex WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [IdentityValue(r[0], r[1], r[2], load_value(r[3]), r[4], r[5], r[6]) for r in rows]
