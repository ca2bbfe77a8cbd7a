"""Append-only audit log as a hash chain, and the verifier that names the first broken link.

Entry ``n`` stores ``hash = SHA-256(hash of entry n-1 + "\\n" + canonical JSON of entry n)``,
the first entry chaining from 64 zeros. The canonical form includes the entry's id, so moving
entries around breaks the chain as surely as editing one. Entries carry ids, actions and
counts only, never case content: :func:`append` refuses free text in ``details``.

A chain cannot show that entries were cut from its end. Pass an ``anchor`` (an earlier
:func:`head`, e.g. recorded in an export) to :func:`verify` to catch that too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from interview_app.storage.db import Connection
from interview_app.storage.encoding import canonical_json

GENESIS = "0" * 64
# Identifiers, codes and timestamps fit; sentences (spaces) and long text do not.
_SAFE_TEXT = re.compile(r"[A-Za-z0-9_.:#+\-]{0,64}")

DetailValue = int | bool | str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user_id: int | None
    action: str
    target: str | None
    target_id: int | None
    details: dict[str, DetailValue]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain first fails, and why, in words for a person."""

    entry_id: int
    reason: str


def _check_details(details: Mapping[str, DetailValue]) -> None:
    for key, value in details.items():
        if not _SAFE_TEXT.fullmatch(key):
            raise ValueError("audit detail keys are identifiers")
        if isinstance(value, str) and not _SAFE_TEXT.fullmatch(value):
            raise ValueError("audit details hold ids, codes and counts, never free text")
        if not isinstance(value, int | str | None):
            raise ValueError("audit details hold ids, codes and counts, never free text")


def entry_hash(
    prev_hash: str,
    *,
    entry_id: int,
    at: str,
    user_id: int | None,
    action: str,
    target: str | None,
    target_id: int | None,
    details: Mapping[str, DetailValue],
) -> str:
    canonical = canonical_json(
        {
            "id": entry_id,
            "at": at,
            "user": user_id,
            "action": action,
            "target": target,
            "target_id": target_id,
            "details": dict(details),
        }
    )
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def head(connection: Connection) -> tuple[int, str]:
    """The last entry's id and hash; (0, GENESIS) for an empty log."""
    row = connection.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(
    connection: Connection,
    *,
    at: str,
    user_id: int | None,
    action: str,
    target: str | None = None,
    target_id: int | None = None,
    details: Mapping[str, DetailValue] | None = None,
) -> int:
    """Add an entry inside the caller's write transaction, so it commits with the change."""
    if not connection.in_transaction:
        raise RuntimeError("audit entries are written inside the transaction they describe")
    details = dict(details or {})
    _check_details(details)
    if not _SAFE_TEXT.fullmatch(action) or not _SAFE_TEXT.fullmatch(target or ""):
        raise ValueError("audit actions and targets are identifiers")
    last_id, prev_hash = head(connection)
    entry_id = last_id + 1
    digest = entry_hash(
        prev_hash, entry_id=entry_id, at=at, user_id=user_id, action=action, target=target,
        target_id=target_id, details=details,
    )
    connection.execute(
        "INSERT INTO audit (id, at, user_id, action, target, target_id, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, at, user_id, action, target, target_id, canonical_json(details), prev_hash,
         digest),
    )
    return entry_id


def _entry(row: tuple[object, ...]) -> AuditEntry:
    entry_id, at, user_id, action, target, target_id, details, prev_hash, digest = row
    parsed = json.loads(str(details))
    if not isinstance(parsed, dict):
        raise ValueError("details are not an object")
    return AuditEntry(
        id=int(str(entry_id)),
        at=str(at),
        user_id=None if user_id is None else int(str(user_id)),
        action=str(action),
        target=None if target is None else str(target),
        target_id=None if target_id is None else int(str(target_id)),
        details=parsed,
        prev_hash=str(prev_hash),
        hash=str(digest),
    )


_SELECT = (
    "SELECT id, at, user_id, action, target, target_id, details, prev_hash, hash FROM audit"
)


def entries(connection: Connection, *, after: int = 0, limit: int = 1000) -> list[AuditEntry]:
    rows = connection.execute(f"{_SELECT} WHERE id > ? ORDER BY id LIMIT ?", (after, limit))
    return [_entry(row) for row in rows]


def verify(connection: Connection, anchor: tuple[int, str] | None = None) -> BrokenLink | None:
    """The first broken link in the chain, or None when every entry is as it was written."""
    expected_id, prev_hash = 1, GENESIS
    for row in connection.execute(f"{_SELECT} ORDER BY id"):
        found_id = row[0]
        if not isinstance(found_id, int):
            return BrokenLink(expected_id, "an entry has an invalid id")
        if found_id != expected_id:
            return BrokenLink(found_id, "an entry before this one is missing")
        try:
            entry = _entry(row)
        except (ValueError, TypeError):
            return BrokenLink(found_id, "the entry is malformed")
        if entry.prev_hash != prev_hash:
            return BrokenLink(found_id, "the entry does not follow the one before it")
        recomputed = entry_hash(
            prev_hash, entry_id=entry.id, at=entry.at, user_id=entry.user_id,
            action=entry.action, target=entry.target, target_id=entry.target_id,
            details=entry.details,
        )
        if entry.hash != recomputed:
            return BrokenLink(found_id, "the entry was changed after it was written")
        if anchor is not None and entry.id == anchor[0] and entry.hash != anchor[1]:
            return BrokenLink(found_id, "the entry differs from the recorded anchor")
        expected_id, prev_hash = found_id + 1, entry.hash
    if anchor is not None and anchor[0] >= expected_id:
        return BrokenLink(expected_id, "entries at the end of the log are missing")
    return None
