"""The referral directory, referrals with their status history, and the export register."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_app.errors import NotFound
from interview_app.storage.access import Operation
from interview_app.storage.encoding import canonical_json
from interview_app.storage.repository.base import RepositoryBase


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


@dataclass(frozen=True)
class DirectoryEntry:
    """An organisation a person can be referred to (shelter, lawyer, clinic...)."""

    id: int
    name: str
    kind: str
    contact: dict[str, str]
    languages: tuple[str, ...]
    notes: str
    active: bool


@dataclass(frozen=True)
class Referral:
    id: int
    case_id: int
    recipient: int
    consent_id: int | None
    fields_shared: tuple[str, ...]
    created_at: str
    created_by: int
    status: ReferralStatus
    status_at: str


@dataclass(frozen=True)
class ExportRecord:
    id: int
    document_id: str
    doc_type: str
    case_id: int | None
    session_id: int | None
    recipient: str | None
    fingerprint: str
    exported_at: str
    exported_by: int
    file_sha256: str | None = None  # of the file's bytes; None for exports before version 3


def _entry(row: tuple[Any, ...]) -> DirectoryEntry:
    return DirectoryEntry(row[0], row[1], row[2], json.loads(row[3]),
                          tuple(json.loads(row[4])), row[5], bool(row[6]))


_DIRECTORY = "SELECT id, name, kind, contact, languages, notes, active FROM directory"


class ReferralsMixin(RepositoryBase):
    def add_directory_entry(
        self,
        name: str,
        kind: str,
        *,
        contact: Mapping[str, str] | None = None,
        languages: Sequence[str] = (),
        notes: str = "",
    ) -> DirectoryEntry:
        self._require(Operation.MANAGE_DIRECTORY)
        with self._write() as tx:
            entry_id = tx.insert(
                "INSERT INTO directory (name, kind, contact, languages, notes, updated_at,"
                " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, kind, canonical_json(dict(contact or {})), canonical_json(list(languages)),
                 notes, tx.now, tx.user_id),
            )
            tx.audit("directory.added", "directory", entry_id)
        return self.directory_entry(entry_id)

    def update_directory_entry(
        self,
        entry_id: int,
        *,
        name: str,
        kind: str,
        contact: Mapping[str, str],
        languages: Sequence[str],
        notes: str,
        active: bool,
    ) -> DirectoryEntry:
        self._require(Operation.MANAGE_DIRECTORY)
        with self._write() as tx:
            if tx.execute(
                "UPDATE directory SET name = ?, kind = ?, contact = ?, languages = ?, notes = ?,"
                " active = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                (name, kind, canonical_json(dict(contact)), canonical_json(list(languages)),
                 notes, int(active), tx.now, tx.user_id, entry_id),
            ).rowcount != 1:
                raise NotFound
            tx.audit("directory.updated", "directory", entry_id, active=active)
        return self.directory_entry(entry_id)

    def directory_entry(self, entry_id: int) -> DirectoryEntry:
        return _entry(self._one(f"{_DIRECTORY} WHERE id = ?", (entry_id,)))

    def directory(self, *, include_inactive: bool = False) -> list[DirectoryEntry]:
        where = "" if include_inactive else " WHERE active = 1"
        return [_entry(r) for r in self._read(f"{_DIRECTORY}{where} ORDER BY name, id")]

    def create_referral(
        self,
        case_id: int,
        recipient: int,
        fields_shared: Sequence[str],
        *,
        consent_id: int | None = None,
    ) -> Referral:
        """Record that a referral was sent: to whom, which fields (names, not values), on
        which consent. Deciding which fields the consent allows is the domain's job."""
        with self._write() as tx:
            referral_id = tx.insert(
                "INSERT INTO referrals (case_id, recipient, consent_id, fields_shared,"
                " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                (case_id, recipient, consent_id, canonical_json(list(fields_shared)), tx.now,
                 tx.user_id),
            )
            tx.execute(
                "INSERT INTO referral_events (referral_id, status, at, recorded_by)"
                " VALUES (?, ?, ?, ?)",
                (referral_id, ReferralStatus.SENT.value, tx.now, tx.user_id),
            )
            tx.audit("referral.sent", "case", case_id, referral=referral_id,
                     fields=len(fields_shared))
        return self.referral(referral_id)

    def set_referral_status(self, referral_id: int, status: ReferralStatus) -> None:
        with self._write() as tx:
            tx.execute(
                "INSERT INTO referral_events (referral_id, status, at, recorded_by)"
                " VALUES (?, ?, ?, ?)",
                (referral_id, status.value, tx.now, tx.user_id),
            )
            tx.audit("referral.status", "referral", referral_id, status=status.value)

    _REFERRAL = (
        "SELECT r.id, r.case_id, r.recipient, r.consent_id, r.fields_shared, r.created_at,"
        " r.created_by, e.status, e.at FROM referrals r JOIN referral_events e"
        " ON e.id = (SELECT max(id) FROM referral_events WHERE referral_id = r.id)"
    )

    def _referral(self, row: tuple[Any, ...]) -> Referral:
        return Referral(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5],
                        row[6], ReferralStatus(row[7]), row[8])

    def referral(self, referral_id: int) -> Referral:
        return self._referral(self._one(f"{self._REFERRAL} WHERE r.id = ?", (referral_id,)))

    def referrals(self, case_id: int) -> list[Referral]:
        rows = self._read(f"{self._REFERRAL} WHERE r.case_id = ? ORDER BY r.id", (case_id,))
        return [self._referral(r) for r in rows]

    def register_export(
        self,
        document_id: str,
        doc_type: str,
        fingerprint: str,
        *,
        case_id: int | None = None,
        session_id: int | None = None,
        recipient: str | None = None,
        file_sha256: str | None = None,
    ) -> ExportRecord:
        """Record an exported document (the file itself is never kept here), with the
        SHA-256 of the file's bytes when given."""
        file_hash = None if file_sha256 is None else file_sha256.lower()
        with self._write() as tx:
            row_id = tx.insert(
                "INSERT INTO export_register (document_id, doc_type, case_id, session_id,"
                " recipient, fingerprint, exported_at, exported_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, doc_type, case_id, session_id, recipient, fingerprint.lower(),
                 tx.now, tx.user_id),
            )
            if file_hash is not None:
                tx.execute("INSERT INTO export_files (register_id, file_sha256) VALUES (?, ?)",
                           (row_id, file_hash))
            tx.audit("export", "export", row_id, case=case_id, fingerprint=fingerprint.lower(),
                     file_sha256=file_hash)
        return ExportRecord(row_id, document_id, doc_type, case_id, session_id, recipient,
                            fingerprint.lower(), tx.now, tx.user_id, file_hash)

    _EXPORT = (
        "SELECT r.id, r.document_id, r.doc_type, r.case_id, r.session_id, r.recipient,"
        " r.fingerprint, r.exported_at, r.exported_by, f.file_sha256 FROM export_register r"
        " LEFT JOIN export_files f ON f.register_id = r.id"
    )

    def export_register(self, case_id: int | None = None) -> list[ExportRecord]:
        rows = (
            self._read(f"{self._EXPORT} ORDER BY r.id")
            if case_id is None
            else self._read(f"{self._EXPORT} WHERE r.case_id = ? ORDER BY r.id", (case_id,))
        )
        return [ExportRecord(*r) for r in rows]

    def export_record(self, document_id: str) -> ExportRecord:
        """The register row of one exported document; NotFound if this vault has none."""
        return ExportRecord(*self._one(f"{self._EXPORT} WHERE r.document_id = ?", (document_id,)))
