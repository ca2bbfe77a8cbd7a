"""An unlocked vault: its key, its connection, and what its user may change in slots and users.

The database key is 32 random bytes held in a ``bytearray`` that :meth:`Vault.lock` zeroes.
Python cannot wipe the immutable copies that pass through it (the passphrase ``str``, the
bytes returned by AES-GCM and Argon2, the hex key in the PRAGMA), so those live only as long
as the call that needs them.

A vault is used on the thread that opened it (SQLite connections are not shared between
threads here): use from another thread raises :class:`WrongThread` instead of a misleading
storage error. The slow half of an unlock runs anywhere; see ``vault.unwrap``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from interview_app.errors import (
    AccessDenied,
    InvalidUserName,
    KeySlotDamaged,
    LastSupervisor,
    StorageError,
    UnknownUser,
    UserExists,
    VaultLocked,
    WrongPassphrase,
)
from interview_app.storage import audit, keyslots
from interview_app.storage import delayed as delayed_module
from interview_app.storage.access import Operation, Role, User, require
from interview_app.storage.db import Connection, pragma_checks, transaction
from interview_app.storage.delayed import DelayedEntry, clear_delayed, keep_delayed
from interview_app.storage.encoding import Clock, timestamp
from interview_app.storage.failures import clear_failures
from interview_app.storage.kdf import KdfParams
from interview_app.storage.keyslots import SlotFile, SlotKind
from interview_app.storage.recovery import format_recovery_key, new_recovery_secret
from interview_app.storage.repository import Repository
from interview_app.storage.repository import users as user_rows

LOCK_FILE = "keyslots.lock"


class WrongThread(RuntimeError):
    """A vault was used from a thread other than the one that opened it: a programming error."""


def zero(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))


@contextlib.contextmanager
def slots_locked(directory: Path) -> Iterator[None]:
    """Serialise read-modify-write of the slot file between processes sharing a vault."""
    fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def valid_name(name: str) -> str:
    normalised = keyslots.normalise_user_name(name)
    if not 1 <= len(normalised) <= 64 or not normalised.isprintable():
        raise InvalidUserName
    return normalised


class Vault:
    """An unlocked vault, acting as one user. Use :func:`create`, :func:`unlock` or
    :func:`recover` to get one; :meth:`lock` (or leaving a ``with`` block) ends it."""

    def __init__(
        self,
        directory: Path,
        *,
        vault_id: str,
        key: bytearray,
        connection: Connection,
        user: User,
        clock: Clock,
        training: bool = False,
        owed: list[DelayedEntry] | None = None,
    ) -> None:
        self.directory = directory
        self.vault_id = vault_id
        self.user = user
        self.is_training = training
        self._key: bytearray | None = key
        self._connection: Connection | None = connection
        self._clock = clock
        self._thread = threading.get_ident()
        # Audit entries that a full disk kept out of the chain; the next commit writes them.
        self._owed: list[DelayedEntry] = list(owed or ())
        self.repository = Repository(self._live_connection, user, clock, begin=self._transaction)

    # -- state -------------------------------------------------------------------------------

    def _check_thread(self) -> None:
        if threading.get_ident() != self._thread:
            raise WrongThread("a vault is used only on the thread that opened it")

    def _live_connection(self) -> Connection:
        if self._connection is None:
            raise VaultLocked
        self._check_thread()
        return self._connection

    @property
    def delayed_entries(self) -> int:
        """Audit entries still owed to the chain because the disk was full when they happened."""
        return len(self._owed)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One write transaction that first pays any owed audit entries, so they are recorded
        by the first change that reaches the disk."""
        connection = self._live_connection()
        owed = tuple(self._owed)
        with transaction(connection):
            if owed:
                delayed_module.record(connection, owed, timestamp(self._clock()))
            yield connection
        if owed:
            del self._owed[: len(owed)]
            self._forget_kept_entries()

    def _owe(self, action: str, **details: audit.DetailValue) -> None:
        """An entry the disk had no room for: kept in memory and, if it fits, in a file."""
        self._owed.append(DelayedEntry(timestamp(self._clock()), self.user.id, action, details))
        keep_delayed(self.directory, self._owed)

    def _forget_kept_entries(self) -> None:
        """The file copies of owed entries (and failures) are in the chain now."""
        with contextlib.suppress(OSError, StorageError):
            clear_delayed(self.directory)
            clear_failures(self.directory)

    def _live_key(self) -> bytearray:
        if self._key is None:
            raise VaultLocked
        return self._key

    @property
    def is_locked(self) -> bool:
        return self._connection is None

    def lock(self) -> None:
        """Record the lock, close the database and zero the key; safe to call twice.

        On a full disk the lock still happens; its entry and any owed ones are kept in a
        file (if even that fits) for the next unlock to record.
        """
        wrong_thread = self._connection is not None and threading.get_ident() != self._thread
        try:
            if self._connection is not None and not wrong_thread:
                try:
                    with self._transaction() as writing:
                        self._audit(writing, "vault.locked")
                except StorageError:
                    self._owe("vault.locked")
        finally:
            connection, key = self._connection, self._key
            self._connection = None
            self._key = None
            try:
                # A connection is closed by its own thread; elsewhere it is dropped unclosed.
                if connection is not None and not wrong_thread:
                    connection.close()
            finally:
                if key is not None:
                    zero(key)
        if wrong_thread:
            raise WrongThread("a vault is locked on the thread that opened it")

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.lock()

    def _audit(self, connection: Connection, action: str, target_id: int | None = None,
               **details: audit.DetailValue) -> None:
        audit.append(connection, at=timestamp(self._clock()), user_id=self.user.id,
                     action=action, target="user" if target_id is not None else None,
                     target_id=target_id, details=details)

    def check_integrity(self) -> tuple[list[str], list[str]]:
        """Problems from ``PRAGMA integrity_check`` and ``cipher_integrity_check``."""
        return pragma_checks(self._live_connection())

    # -- key slots ---------------------------------------------------------------------------

    def _update_slots(self, change: Callable[[SlotFile], SlotFile]) -> None:
        key = self._live_key()
        with slots_locked(self.directory):
            current = keyslots.read_slot_file(self.directory)
            keyslots.check_mac(current, key)
            keyslots.write_slot_file(self.directory, change(current), key)

    def _new_slot(self, kind: SlotKind, tag: str, secret: bytes, kdf: KdfParams | None
                  ) -> Callable[[SlotFile], SlotFile]:
        key = self._live_key()

        def change(slot_file: SlotFile) -> SlotFile:
            params = kdf or slot_file.default_kdf
            return slot_file.with_slot(
                keyslots.wrap(key, secret, vault_id=self.vault_id, kind=kind, tag=tag, kdf=params)
            )

        return change

    def change_passphrase(self, old: str, new: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrite this user's slot (not the database); the old passphrase is asked again."""
        keyslots.check_new_passphrase(new)
        tag = keyslots.user_tag(self.vault_id, self.user.name)
        slot = keyslots.read_slot_file(self.directory).slot(tag)
        if slot is None:
            raise KeySlotDamaged
        unwrapped = keyslots.unwrap(slot, keyslots.passphrase_secret(old), self.vault_id)
        if unwrapped is None or unwrapped != self._live_key():
            raise WrongPassphrase
        zero(unwrapped)
        self._update_slots(
            self._new_slot(SlotKind.PASSPHRASE, tag, keyslots.passphrase_secret(new), kdf)
        )
        with self._transaction() as connection:
            self._audit(connection, "user.passphrase_changed", self.user.id)

    def add_user(
        self, name: str, role: Role, passphrase: str, *, kdf: KdfParams | None = None
    ) -> user_rows.UserRecord:
        """A new login with its own slot (supervisor only). Names are never reused."""
        require(self.user.role, Operation.MANAGE_USERS)
        name = valid_name(name)
        keyslots.check_new_passphrase(passphrase)
        connection = self._live_connection()
        if user_rows.find_user(connection, name) is not None:
            raise UserExists
        # Slot first: a crash before the row leaves a slot that opens nothing (no user row).
        tag = keyslots.user_tag(self.vault_id, name)
        self._update_slots(
            self._new_slot(SlotKind.PASSPHRASE, tag, keyslots.passphrase_secret(passphrase), kdf)
        )
        with self._transaction():
            at = timestamp(self._clock())
            user_id = user_rows.insert_user(connection, name, role, at, self.user.id)
            self._audit(connection, "user.added", user_id, role=role.value)
        record = user_rows.find_user(connection, name)
        if record is None:
            raise UnknownUser
        return record

    def remove_user(self, name: str) -> None:
        """End a login (supervisor only): its slot is deleted, its history stays."""
        require(self.user.role, Operation.MANAGE_USERS)
        connection = self._live_connection()
        record = user_rows.find_user(connection, valid_name(name))
        if record is None or not record.active:
            raise UnknownUser
        if record.id == self.user.id:
            raise AccessDenied
        with self._transaction():
            if record.role is Role.SUPERVISOR and user_rows.active_supervisors(connection) <= 1:
                raise LastSupervisor
            user_rows.mark_removed(connection, record.id, timestamp(self._clock()), self.user.id)
            self._audit(connection, "user.removed", record.id)
        # Row first: a crash before the slot goes leaves a slot whose user may not unlock.
        tag = keyslots.user_tag(self.vault_id, record.name)
        self._update_slots(lambda slot_file: slot_file.without_slot(tag))

    def new_recovery_key(self, *, kdf: KdfParams | None = None) -> str:
        """Replace the recovery key (supervisor only); the old one stops working."""
        require(self.user.role, Operation.VAULT_SETTINGS)
        secret = new_recovery_secret()
        self._update_slots(self._new_slot(SlotKind.RECOVERY, keyslots.RECOVERY_TAG, secret, kdf))
        with self._transaction() as connection:
            self._audit(connection, "vault.recovery_key_replaced")
        return format_recovery_key(secret)

    def set_erase_after(self, failures: int | None) -> None:
        """Erase the vault after this many consecutive failed unlocks; None turns it off."""
        require(self.user.role, Operation.VAULT_SETTINGS)
        if failures is not None and failures < 1:
            raise ValueError("the number of failures must be at least 1")
        self._update_slots(lambda slot_file: SlotFile(
            slot_file.vault_id, slot_file.default_kdf, slot_file.slots, failures
        ))
        with self._transaction() as connection:
            self._audit(connection, "vault.erase_after_set", erase_after=failures)
