"""The vault: a 0700 directory with the SQLCipher database and its key slots; create, unlock,
lock, passphrases, users and recovery.

The database key is 32 random bytes held in a ``bytearray`` that :meth:`Vault.lock` zeroes.
Python cannot wipe the immutable copies that pass through it (the passphrase ``str``, the
bytes returned by AES-GCM and Argon2, the hex key in the PRAGMA), so those live only as long
as the call that needs them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import time
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
    VaultCorrupted,
    VaultErased,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)
from interview_app.storage import audit, keyslots
from interview_app.storage.access import Operation, Role, User, require
from interview_app.storage.db import (
    DB_FILE,
    DB_FILES,
    Connection,
    open_database,
    pragma_checks,
    reported_errors,
    transaction,
)
from interview_app.storage.encoding import Clock, timestamp, utc_now
from interview_app.storage.failures import (
    FAILURES_FILE,
    Failures,
    clear_failures,
    delay_for,
    read_failures,
    record_failure,
)
from interview_app.storage.files import DIR_MODE, fsync_dir, overwrite_and_unlink
from interview_app.storage.kdf import KdfParams, calibrate, new_salt
from interview_app.storage.keyslots import SlotFile, SlotKind
from interview_app.storage.recovery import (
    format_recovery_key,
    new_recovery_secret,
    parse_recovery_key,
)
from interview_app.storage.repository import Repository
from interview_app.storage.repository import users as user_rows
from interview_app.storage.schema import migrate

Sleep = Callable[[float], None]
LOCK_FILE = "keyslots.lock"


def _zero(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))


@contextlib.contextmanager
def _slots_locked(directory: Path) -> Iterator[None]:
    """Serialise read-modify-write of the slot file between processes sharing a vault."""
    fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _valid_name(name: str) -> str:
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
            if connection is not None:
                connection.close()
            if key is not None:
                _zero(key)

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
        with _slots_locked(self.directory):
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
        _zero(unwrapped)
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
        name = _valid_name(name)
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
        record = user_rows.find_user(connection, _valid_name(name))
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


# -- opening -----------------------------------------------------------------------------


def is_vault(directory: Path) -> bool:
    return keyslots.slot_files_exist(directory) or (directory / DB_FILE).exists()


def create(
    directory: Path,
    supervisor_name: str,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    clock: Clock = utc_now,
) -> tuple[Vault, str]:
    """Make a vault with its first supervisor; returns it unlocked and the recovery key.

    The recovery key is shown once, for printing; it is not stored anywhere readable.
    Built in a hidden sibling directory and renamed into place, so a crash leaves either
    no vault or a complete one. ``kdf`` defaults to :func:`calibrate`.
    """
    directory = Path(directory)
    name = _valid_name(supervisor_name)
    keyslots.check_new_passphrase(passphrase)
    if directory.exists() and (is_vault(directory) or any(directory.iterdir())):
        raise VaultExists
    params = kdf or calibrate()
    directory.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    building = directory.with_name(f".{directory.name}.{secrets.token_hex(4)}.creating")
    building.mkdir(mode=DIR_MODE)
    vault_id = secrets.token_hex(16)
    key = bytearray(os.urandom(32))
    recovery_secret = new_recovery_secret()
    try:
        connection = open_database(building / DB_FILE, key, create=True)
        try:
            migrate(connection)
            with transaction(connection):
                at = timestamp(clock())
                user_rows.set_meta(connection, "vault_id", vault_id)
                user_rows.set_meta(connection, "created_at", at)
                user_id = user_rows.insert_user(connection, name, Role.SUPERVISOR, at, None)
                audit.append(connection, at=at, user_id=user_id, action="vault.created")
        finally:
            connection.close()
        slots = SlotFile(vault_id, params, (
            keyslots.wrap(key, keyslots.passphrase_secret(passphrase), vault_id=vault_id,
                          kind=SlotKind.PASSPHRASE, tag=keyslots.user_tag(vault_id, name),
                          kdf=params),
            keyslots.wrap(key, recovery_secret, vault_id=vault_id, kind=SlotKind.RECOVERY,
                          tag=keyslots.RECOVERY_TAG, kdf=params),
        ))
        keyslots.write_slot_file(building, slots, key)
        if directory.exists():
            directory.rmdir()  # empty, checked above; rename cannot replace it otherwise
        building.rename(directory)
        fsync_dir(directory.parent)
    except BaseException:
        _zero(key)
        erase(building)
        raise
    vault = _open(directory, key, vault_id=vault_id, name=name, clock=clock, failures=Failures())
    return vault, format_recovery_key(recovery_secret)


def _connect(directory: Path, key: bytearray) -> Connection:
    """The open, migrated database; on any failure the key is zeroed before the error leaves."""
    try:
        connection = open_database(directory / DB_FILE, key)
    except BaseException:
        _zero(key)
        raise
    try:
        with reported_errors():
            migrate(connection)
    except BaseException:
        connection.close()
        _zero(key)
        raise
    return connection


def _open(
    directory: Path, key: bytearray, *, vault_id: str, name: str, clock: Clock, failures: Failures
) -> Vault:
    """Open the database with an unwrapped key, check it is this user's, record the unlock."""
    connection = _connect(directory, key)
    try:
        with reported_errors():
            if user_rows.get_meta(connection, "vault_id") != vault_id:
                raise VaultCorrupted  # a database and key slots from two different vaults
            record = user_rows.find_user(connection, name)
        if record is None or not record.active:
            raise AccessDenied
        with transaction(connection):
            at = timestamp(clock())
            if failures.count:
                audit.append(connection, at=at, user_id=None, action="vault.unlock_failed",
                             details={"count": failures.count, "first": failures.first,
                                      "last": failures.last, "counter_damaged": failures.damaged})
            audit.append(connection, at=at, user_id=record.id, action="vault.unlocked")
    except BaseException:
        connection.close()
        _zero(key)
        raise
    with contextlib.suppress(OSError, StorageError):
        clear_failures(directory)
    return Vault(
        directory, vault_id=vault_id, key=key, connection=connection, user=record.as_user(),
        clock=clock,
    )


def _unwrap_or_fail(
    directory: Path,
    slot_file: SlotFile,
    *,
    tag: str,
    secret: bytes,
    clock: Clock,
    error: type[StorageError],
) -> tuple[bytearray, Failures]:
    """The key from slot ``tag``; on failure the attempt is counted (and may erase the vault)."""
    slot = slot_file.slot(tag)
    if slot is None:
        # Same cost as a real attempt, so timing does not reveal which user names exist.
        slot_file.default_kdf.derive(secret, new_salt())
        key = None
    else:
        key = keyslots.unwrap(slot, secret, slot_file.vault_id)
    if key is None:
        failures = record_failure(directory, timestamp(clock()))
        if slot_file.erase_after is not None and failures.count >= slot_file.erase_after:
            erase(directory)
            raise VaultErased
        raise error
    try:
        keyslots.check_mac(slot_file, key)
    except KeySlotDamaged:
        _zero(key)
        raise
    return key, read_failures(directory)


def _prepare(directory: Path, sleep: Sleep) -> SlotFile:
    if not keyslots.slot_files_exist(directory):
        raise VaultNotFound
    sleep(delay_for(read_failures(directory).count))
    return keyslots.read_slot_file(directory)


def unlock(
    directory: Path,
    user: str,
    passphrase: str,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = utc_now,
) -> Vault:
    """Open the vault as ``user``. WrongPassphrase (for an unknown user too), after a delay
    that doubles with each consecutive failure, up to 30 s."""
    directory = Path(directory)
    slot_file = _prepare(directory, sleep)
    name = keyslots.normalise_user_name(user)
    tag = keyslots.user_tag(slot_file.vault_id, name)
    key, failures = _unwrap_or_fail(
        directory, slot_file, tag=tag, secret=keyslots.passphrase_secret(passphrase), clock=clock,
        error=WrongPassphrase,
    )
    return _open(
        directory, key, vault_id=slot_file.vault_id, name=name, clock=clock, failures=failures
    )


def recover(
    directory: Path,
    recovery_key: str,
    user: str,
    new_passphrase: str,
    *,
    kdf: KdfParams | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = utc_now,
) -> Vault:
    """Set a new passphrase for ``user`` with the recovery key, and open the vault as them."""
    directory = Path(directory)
    secret = parse_recovery_key(recovery_key)
    keyslots.check_new_passphrase(new_passphrase)
    slot_file = _prepare(directory, sleep)
    key, failures = _unwrap_or_fail(
        directory, slot_file, tag=keyslots.RECOVERY_TAG, secret=secret, clock=clock,
        error=WrongRecoveryKey,
    )
    name = keyslots.normalise_user_name(user)
    connection = _connect(directory, key)
    try:
        with reported_errors():
            record = user_rows.find_user(connection, name)
    finally:
        connection.close()
    if record is None or not record.active:
        _zero(key)
        raise UnknownUser
    tag = keyslots.user_tag(slot_file.vault_id, name)
    with _slots_locked(directory):
        current = keyslots.read_slot_file(directory)
        keyslots.check_mac(current, key)
        slot = keyslots.wrap(key, keyslots.passphrase_secret(new_passphrase),
                             vault_id=current.vault_id, kind=SlotKind.PASSPHRASE, tag=tag,
                             kdf=kdf or current.default_kdf)
        keyslots.write_slot_file(directory, current.with_slot(slot), key)
    vault = _open(
        directory, key, vault_id=slot_file.vault_id, name=name, clock=clock, failures=failures
    )
    connection = vault._live_connection()
    with transaction(connection):
        vault._audit(connection, "vault.recovered", record.id)
    return vault


def erase(directory: Path) -> None:
    """Destroy a vault: key slots first (without them the database cannot be decrypted),
    then the database files, then the directory."""
    directory = Path(directory)
    if not directory.exists():
        return
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        overwrite_and_unlink(directory / name)
    fsync_dir(directory)
    for name in (*DB_FILES, FAILURES_FILE, LOCK_FILE):
        overwrite_and_unlink(directory / name)
    for leftover in directory.iterdir():
        if leftover.is_file():
            overwrite_and_unlink(leftover)
    with contextlib.suppress(OSError):
        directory.rmdir()
        fsync_dir(directory.parent)
