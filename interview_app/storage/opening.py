"""Opening a vault whose key is unwrapped: the fast half of an unlock, on the using thread.

Unwrapping a key (Argon2id, the wait after failures) is slow and needs no database, so it may
run on a worker thread; the connection is then made by :meth:`UnwrappedKey.open` on the thread
that will use the vault, because a vault stays on the thread that opened it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from interview_app.errors import (
    AccessDenied,
    StorageError,
    StorageFull,
    StorageWriteFailed,
    VaultCorrupted,
    VaultLocked,
)
from interview_app.storage import audit
from interview_app.storage.db import (
    DB_FILE,
    Connection,
    open_database,
    reported_errors,
    transaction,
)
from interview_app.storage.delayed import (
    DelayedEntry,
    clear_delayed,
    keep_delayed,
    read_delayed,
)
from interview_app.storage.delayed import record as record_delayed
from interview_app.storage.encoding import Clock, timestamp
from interview_app.storage.failures import Failures, clear_failures
from interview_app.storage.repository import users as user_rows
from interview_app.storage.schema import migrate
from interview_app.storage.unlocked import Vault, zero

# The vault_meta row that marks a training vault (fictional cases only), read at unlock.
TRAINING_META = "training"


def connect(directory: Path, key: bytearray) -> Connection:
    """The open, migrated database; on any failure the key is zeroed before the error leaves."""
    try:
        connection = open_database(directory / DB_FILE, key)
    except BaseException:
        zero(key)
        raise
    try:
        with reported_errors():
            migrate(connection)
    except BaseException:
        connection.close()
        zero(key)
        raise
    return connection


class UnwrappedKey:
    """A vault's key out of its slot, not yet opened: the slow half of an unlock.

    :func:`unwrap` (the failure delay and Argon2id, up to half a minute) touches files only,
    so it may run on a worker thread while a window stays responsive. :meth:`open` then
    connects on the thread that will use the vault, in milliseconds. The key is zeroed when
    :meth:`open` fails or :meth:`discard` is called; after :meth:`open` the vault owns it.
    """

    def __init__(
        self,
        directory: Path,
        key: bytearray,
        *,
        vault_id: str,
        name: str,
        clock: Clock,
        failures: Failures,
        recovered: bool = False,
    ) -> None:
        self.directory = directory
        self.vault_id = vault_id
        self.name = name
        self._key: bytearray | None = key
        self._clock = clock
        self._failures = failures
        self._recovered = recovered

    def open(self) -> Vault:
        """Connect, check the user, record the unlock; the vault belongs to this thread."""
        key, self._key = self._key, None
        if key is None:
            raise VaultLocked
        return open_vault(self.directory, key, vault_id=self.vault_id, name=self.name,
                     clock=self._clock, failures=self._failures, recovered=self._recovered)

    def discard(self) -> None:
        key, self._key = self._key, None
        if key is not None:
            zero(key)

    def __enter__(self) -> UnwrappedKey:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.discard()


def _unlock_entries(failures: Failures, at: str, user_id: int,
                    recovered: bool) -> list[DelayedEntry]:
    """What this unlock writes to the audit chain: the failed attempts before it, the unlock."""
    entries = []
    if failures.count:
        entries.append(DelayedEntry(at, None, "vault.unlock_failed", {
            "count": failures.count, "first": failures.first, "last": failures.last,
            "counter_damaged": failures.damaged,
        }))
    entries.append(DelayedEntry(at, user_id, "vault.unlocked"))
    if recovered:
        entries.append(DelayedEntry(at, user_id, "vault.recovered"))
    return entries


def open_vault(
    directory: Path,
    key: bytearray,
    *,
    vault_id: str,
    name: str,
    clock: Clock,
    failures: Failures,
    recovered: bool = False,
) -> Vault:
    """Open the database with an unwrapped key, check it is this user's, record the unlock.

    A full disk does not stop an unlock (the person must still reach and back up their
    data): the audit entries are then owed, kept in a file if that fits, and written marked
    ``delayed`` by the next write that succeeds or the next unlock.
    """
    connection = connect(directory, key)
    try:
        with reported_errors():
            if user_rows.get_meta(connection, "vault_id") != vault_id:
                raise VaultCorrupted  # a database and key slots from two different vaults
            record = user_rows.find_user(connection, name)
            training = user_rows.get_meta(connection, TRAINING_META) == "1"
        if record is None or not record.active:
            raise AccessDenied
        at = timestamp(clock())
        earlier = read_delayed(directory)
        entries = _unlock_entries(failures, at, record.id, recovered)
        owed: list[DelayedEntry] = []
        try:
            with transaction(connection):
                record_delayed(connection, earlier, at)
                for entry in entries:
                    audit.append(connection, at=entry.at, user_id=entry.user_id,
                                 action=entry.action, details=entry.details)
        except (StorageFull, StorageWriteFailed):
            owed = [*earlier, *entries]
    except BaseException:
        connection.close()
        zero(key)
        raise
    if not owed or keep_delayed(directory, owed):
        # Recorded in the chain, or kept for it: the counter's work is done.
        with contextlib.suppress(OSError, StorageError):
            clear_failures(directory)
    if not owed:
        with contextlib.suppress(OSError, StorageError):
            clear_delayed(directory)
    return Vault(
        directory, vault_id=vault_id, key=key, connection=connection, user=record.as_user(),
        clock=clock, training=training, owed=owed,
    )
