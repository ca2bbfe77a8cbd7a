"""Audit entries that could not be written when they happened (a full disk), owed to the chain.

An unlock must succeed on a full disk, so that a person can still read and back up their data;
its audit entry is then owed. The vault keeps owed entries in memory and writes them, marked
``delayed`` with the time they happened, in the next write transaction that commits. So that a
process that ends before any write succeeds does not lose them, they are also kept (best
effort: the disk is full) in ``audit-delayed.json`` beside the key slots, which the next unlock
records. The file holds actions, user ids, counts and times only, like the failure counter.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from interview_app.errors import StorageError
from interview_app.storage import audit
from interview_app.storage.db import Connection
from interview_app.storage.encoding import canonical_json
from interview_app.storage.files import atomic_write, fsync_dir, remove_stale_temps

DELAYED_FILE = "audit-delayed.json"
# Recorded in place of entries whose file was damaged: the chain says something was lost.
DAMAGED_ACTION = "audit.delayed_entries_damaged"


@dataclass(frozen=True)
class DelayedEntry:
    """An audit entry as it would have been written at ``at``."""

    at: str
    user_id: int | None
    action: str
    details: Mapping[str, audit.DetailValue] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"at": self.at, "user": self.user_id, "action": self.action,
                "details": dict(self.details)}


def record(connection: Connection, entries: Iterable[DelayedEntry], now: str) -> None:
    """Append owed entries inside the caller's transaction, each marked as delayed."""
    for entry in entries:
        details = {**entry.details, "delayed": True, "happened_at": entry.at}
        try:
            audit.append(connection, at=now, user_id=entry.user_id, action=entry.action,
                         details=details)
        except ValueError:
            # Only a hand-edited file holds what append refuses; say so instead of failing.
            audit.append(connection, at=now, user_id=None, action=DAMAGED_ACTION,
                         details={"delayed": True})


def _checksum(body: object) -> str:
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def _parse(data: object) -> list[DelayedEntry]:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    entries, checksum = data.get("entries"), data.get("checksum")
    if not isinstance(entries, list) or checksum != _checksum(entries):
        raise ValueError("damaged")
    parsed = []
    for item in entries:
        at, user, action, details = (item.get(k) for k in ("at", "user", "action", "details"))
        if not (isinstance(at, str) and isinstance(action, str) and isinstance(details, dict)
                and (user is None or isinstance(user, int))):
            raise ValueError("malformed entry")
        parsed.append(DelayedEntry(at, user, action, details))
    return parsed


def read_delayed(directory: Path) -> list[DelayedEntry]:
    """Entries owed by an earlier unlock; a damaged file becomes one entry saying so."""
    remove_stale_temps(directory, DELAYED_FILE)
    try:
        return _parse(json.loads((directory / DELAYED_FILE).read_text("utf-8")))
    except FileNotFoundError:
        return []
    except (OSError, ValueError, AttributeError):
        return [DelayedEntry("", None, DAMAGED_ACTION)]


def keep_delayed(directory: Path, entries: Iterable[DelayedEntry]) -> bool:
    """Write the owed entries durably if the disk lets us; False when it does not."""
    body = [e.as_json() for e in entries]
    data = canonical_json({"entries": body, "checksum": _checksum(body)}).encode()
    try:
        atomic_write(directory / DELAYED_FILE, data)
    except StorageError:
        return False
    return True


def clear_delayed(directory: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (directory / DELAYED_FILE).unlink()
        fsync_dir(directory)
