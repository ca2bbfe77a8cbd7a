"""Consecutive failed unlocks: a small counter file beside the key slots, and the delay it sets.

The file holds counts and times only. It is checksummed so damage is noticed, and a damaged
or unreadable file counts as one failure: tolerant (the vault still opens), never zero.
Whoever can delete files in the vault directory can reset it; the delay slows guessing in the
application, while Argon2id is what makes offline guessing expensive.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.encoding import canonical_json
from interview_app.storage.files import atomic_write, fsync_dir, remove_stale_temps

FAILURES_FILE = "unlock-failures.json"
MAX_DELAY_SECONDS = 30.0


@dataclass(frozen=True)
class Failures:
    count: int = 0
    first: str | None = None
    last: str | None = None
    damaged: bool = False


def delay_for(count: int) -> float:
    """1 s after one failure, doubling per further failure, at most 30 s."""
    if count <= 0:
        return 0.0
    return min(MAX_DELAY_SECONDS, float(2 ** min(count - 1, 16)))


def _checksum(body: dict[str, object]) -> str:
    return hashlib.sha256(canonical_json(body).encode()).hexdigest()


def read_failures(directory: Path) -> Failures:
    remove_stale_temps(directory, FAILURES_FILE)
    try:
        data = json.loads((directory / FAILURES_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return Failures()
    except (OSError, ValueError):
        return Failures(count=1, damaged=True)
    if not isinstance(data, dict):
        return Failures(count=1, damaged=True)
    checksum = data.pop("checksum", None)
    count, first, last = data.get("count"), data.get("first"), data.get("last")
    if (
        checksum != _checksum(data)
        or not isinstance(count, int)
        or count < 0
        or not isinstance(first, str | None)
        or not isinstance(last, str | None)
    ):
        return Failures(count=1, damaged=True)
    return Failures(count=count, first=first, last=last)


def record_failure(directory: Path, when: str) -> Failures:
    """Add one failure and write it durably before the caller reports it."""
    previous = read_failures(directory)
    now = Failures(previous.count + 1, previous.first or when, when, previous.damaged)
    body: dict[str, object] = {"count": now.count, "first": now.first, "last": now.last}
    body["checksum"] = _checksum(body)
    atomic_write(directory / FAILURES_FILE, canonical_json(body).encode())
    return now


def clear_failures(directory: Path) -> None:
    path = directory / FAILURES_FILE
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(directory)
