"""Vaults on disk: create one, unlock it, recover it with the recovery key, or erase it.

A vault is a 0700 directory with the SQLCipher database and its key slots (see
``storage/README.md``). Each function here returns an unlocked :class:`Vault` or raises one of
the fixed-message errors of :mod:`interview_app.errors`, never a raw database error.
:func:`unwrap` and :func:`unwrap_recovery` are the slow halves of :func:`unlock` and
:func:`recover`, for a worker thread; their result is opened on the thread using the vault.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from interview_app.errors import (
    KeySlotDamaged,
    StorageError,
    UnknownUser,
    VaultErased,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)
from interview_app.storage import audit, keyslots
from interview_app.storage.access import Role
from interview_app.storage.db import (
    DB_FILE,
    DB_FILES,
    open_database,
    reported_errors,
    transaction,
)
from interview_app.storage.delayed import DELAYED_FILE
from interview_app.storage.encoding import Clock, timestamp, utc_now
from interview_app.storage.failures import (
    FAILURES_FILE,
    Failures,
    delay_for,
    read_failures,
    record_failure,
)
from interview_app.storage.files import DIR_MODE, fsync_dir, overwrite_and_unlink
from interview_app.storage.kdf import KdfParams, calibrate, new_salt
from interview_app.storage.keyslots import SlotFile, SlotKind
from interview_app.storage.opening import TRAINING_META, UnwrappedKey, connect, open_vault
from interview_app.storage.recovery import (
    format_recovery_key,
    new_recovery_secret,
    parse_recovery_key,
)
from interview_app.storage.repository import users as user_rows
from interview_app.storage.schema import migrate
from interview_app.storage.unlocked import LOCK_FILE, Vault, slots_locked, valid_name, zero

__all__ = [
    "TRAINING_META",
    "UnwrappedKey",
    "Vault",
    "create",
    "erase",
    "is_vault",
    "pending_delay",
    "recover",
    "unlock",
    "unwrap",
    "unwrap_recovery",
]

# The vault_meta row that marks a training vault (fictional cases only), read at unlock.


Sleep = Callable[[float], None]


def is_vault(directory: Path) -> bool:
    return keyslots.slot_files_exist(directory) or (directory / DB_FILE).exists()


def pending_delay(directory: Path) -> float:
    """Seconds the next :func:`unlock` will wait before trying, so a window can count down."""
    return delay_for(read_failures(Path(directory)).count)


def create(
    directory: Path,
    supervisor_name: str,
    passphrase: str,
    *,
    kdf: KdfParams | None = None,
    clock: Clock = utc_now,
    training: bool = False,
) -> tuple[Vault, str]:
    """Make a vault with its first supervisor; returns it unlocked and the recovery key.

    The recovery key is shown once, for printing; it is not stored anywhere readable.
    Built in a hidden sibling directory and renamed into place, so a crash leaves either
    no vault or a complete one. ``kdf`` defaults to :func:`calibrate`. ``training`` marks
    a vault of fictional cases, for practice (:attr:`Vault.is_training`), for good.
    """
    directory = Path(directory)
    name = valid_name(supervisor_name)
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
                if training:
                    user_rows.set_meta(connection, TRAINING_META, "1")
                user_id = user_rows.insert_user(connection, name, Role.SUPERVISOR, at, None)
                audit.append(connection, at=at, user_id=user_id, action="vault.created",
                             details={"training": True} if training else None)
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
        zero(key)
        erase(building)
        raise
    vault = open_vault(directory, key, vault_id=vault_id, name=name, clock=clock,
                       failures=Failures())
    return vault, format_recovery_key(recovery_secret)


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
        zero(key)
        raise
    return key, read_failures(directory)


def _prepare(directory: Path, sleep: Sleep) -> SlotFile:
    if not keyslots.slot_files_exist(directory):
        raise VaultNotFound
    sleep(delay_for(read_failures(directory).count))
    return keyslots.read_slot_file(directory)


def unwrap(
    directory: Path,
    user: str,
    passphrase: str,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = utc_now,
) -> UnwrappedKey:
    """The slow half of :func:`unlock`, safe on any thread: wait out earlier failures, derive
    the key from the passphrase and take the database key out of ``user``'s slot.

    WrongPassphrase (for an unknown user too), after a delay that doubles with each
    consecutive failure, up to 30 s. Call :meth:`UnwrappedKey.open` on the thread that will
    use the vault.
    """
    directory = Path(directory)
    slot_file = _prepare(directory, sleep)
    name = keyslots.normalise_user_name(user)
    tag = keyslots.user_tag(slot_file.vault_id, name)
    key, failures = _unwrap_or_fail(
        directory, slot_file, tag=tag, secret=keyslots.passphrase_secret(passphrase), clock=clock,
        error=WrongPassphrase,
    )
    return UnwrappedKey(directory, key, vault_id=slot_file.vault_id, name=name, clock=clock,
                        failures=failures)


def unlock(
    directory: Path,
    user: str,
    passphrase: str,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = utc_now,
) -> Vault:
    """Open the vault as ``user`` on this thread: :func:`unwrap`, then open."""
    return unwrap(directory, user, passphrase, sleep=sleep, clock=clock).open()


def unwrap_recovery(
    directory: Path,
    recovery_key: str,
    user: str,
    new_passphrase: str,
    *,
    kdf: KdfParams | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = utc_now,
) -> UnwrappedKey:
    """The slow half of :func:`recover`, safe on any thread: check the recovery key, give
    ``user`` the new passphrase; open the result on the thread that will use the vault."""
    directory = Path(directory)
    secret = parse_recovery_key(recovery_key)
    keyslots.check_new_passphrase(new_passphrase)
    slot_file = _prepare(directory, sleep)
    key, failures = _unwrap_or_fail(
        directory, slot_file, tag=keyslots.RECOVERY_TAG, secret=secret, clock=clock,
        error=WrongRecoveryKey,
    )
    name = keyslots.normalise_user_name(user)
    # A connection of this thread's own, closed before returning: only the check needs it.
    connection = connect(directory, key)
    try:
        with reported_errors():
            record = user_rows.find_user(connection, name)
    finally:
        connection.close()
    if record is None or not record.active:
        zero(key)
        raise UnknownUser
    tag = keyslots.user_tag(slot_file.vault_id, name)
    try:
        with slots_locked(directory):
            current = keyslots.read_slot_file(directory)
            keyslots.check_mac(current, key)
            slot = keyslots.wrap(key, keyslots.passphrase_secret(new_passphrase),
                                 vault_id=current.vault_id, kind=SlotKind.PASSPHRASE, tag=tag,
                                 kdf=kdf or current.default_kdf)
            keyslots.write_slot_file(directory, current.with_slot(slot), key)
    except BaseException:
        zero(key)
        raise
    return UnwrappedKey(directory, key, vault_id=slot_file.vault_id, name=name, clock=clock,
                        failures=failures, recovered=True)


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
    return unwrap_recovery(directory, recovery_key, user, new_passphrase, kdf=kdf, sleep=sleep,
                           clock=clock).open()


def erase(directory: Path) -> None:
    """Destroy a vault: key slots first (without them the database cannot be decrypted),
    then the database files, then the directory."""
    directory = Path(directory)
    if not directory.exists():
        return
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        overwrite_and_unlink(directory / name)
    fsync_dir(directory)
    for name in (*DB_FILES, FAILURES_FILE, DELAYED_FILE, LOCK_FILE):
        overwrite_and_unlink(directory / name)
    for leftover in directory.iterdir():
        if leftover.is_file():
            overwrite_and_unlink(leftover)
    with contextlib.suppress(OSError):
        directory.rmdir()
        fsync_dir(directory.parent)
