"""An unlocked vault: its key, its connection, and what its user may change in slots and users.

The database key is 32 random bytes held in a ``bytearray`` that :meth:`Vault.lock` zeroes.
Python cannot wipe the immutable copies that pass through it (the passphrase ``str``, the
bytes returned by AES-GCM and Argon2, the hex key in the PRAGMA), so those live only as long
as the call that needs them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
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
from interview_app.storage.access import Operation, Role, User, require
from interview_app.storage.db import Connection, pragma_checks, transaction
from interview_app.storage.encoding import Clock, timestamp
from interview_app.storage.kdf import KdfParams
from interview_app.storage.keyslots import SlotFile, SlotKind
from interview_app.storage.recovery import format_recovery_key, new_recovery_secret
from interview_app.storage.repository import Repository
from interview_app.storage.repository import users as user_rows

LOCK_FILE = "keyslots.lock"


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
    ) -> None:
        self.directory = directory
        self.vault_id = vault_id
        self.user = user
        self._key: bytearray | None = key
        self._connection: Connection | None = connection
        self._clock = clock
        self.repository = Repository(self._live_connection, user, clock)

    # -- state -------------------------------------------------------------------------------

    def _live_connection(self) -> Connection:
        if self._connection is None:
            raise VaultLocked
        return self._connection

    def _live_key(self) -> bytearray:
        if self._key is None:
            raise VaultLocked
        return self._key

    @property
    def is_locked(self) -> bool:
        return self._connection is None

    def lock(self) -> None:
        """Record the lock, close the database and zero the key; safe to call twice."""
        connection, key = self._connection, self._key
        self._connection = None
        self._key = None
        try:
            if connection is not None:
                with contextlib.suppress(StorageError), transaction(connection):
                    self._audit(connection, "vault.locked")
        finally:
            try:
                if connection is not None:
                    connection.close()
            finally:
                if key is not None:
                    zero(key)

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
        connection = self._live_connection()
        with transaction(connection):
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
        with transaction(connection):
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
        with transaction(connection):
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
        connection = self._live_connection()
        with transaction(connection):
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
        connection = self._live_connection()
        with transaction(connection):
            self._audit(connection, "vault.erase_after_set", erase_after=failures)
