"""Encrypted backups of a whole vault in one file, and a restore that verifies before replacing.

A backup holds the key slots and a compacted copy of the database (``VACUUM INTO``), which is
encrypted under the vault's own key: whoever could unlock the vault when the backup was made
(with their passphrase or the recovery key) can restore it, and nobody else. There is no
separate backup password, so there is never an empty one: a backup is never plaintext.

File layout: ``INTERVIEW-APP-BACKUP 1\\n``, one line of JSON (the header: ids, sizes, hashes
and the key-slot document, no case content), then the database bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from interview_app.errors import (
    AccessDenied,
    BackupDamaged,
    BackupFailedChecks,
    BackupInsideVault,
    KeySlotDamaged,
    StorageError,
    StorageFull,
    StorageWriteFailed,
    UnencryptedBackup,
    VaultCorrupted,
    VaultExists,
    VaultTooNew,
)
from interview_app.storage import audit, keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Operation, Role, require
from interview_app.storage.db import (
    DB_FILE,
    open_database,
    pragma_checks,
    reported_errors,
)
from interview_app.storage.encoding import (
    Clock,
    canonical_json,
    parse_timestamp,
    timestamp,
    utc_now,
)
from interview_app.storage.files import (
    DIR_MODE,
    FILE_MODE,
    atomic_write,
    fsync_dir,
    overwrite_and_unlink,
)
from interview_app.storage.schema import LATEST_VERSION, user_version
from interview_app.storage.unlocked import Vault

MAGIC = b"INTERVIEW-APP-BACKUP "
VERSION = 1
FORMAT = "interview-app backup"
CHUNK = 1 << 20
_SQLITE_HEADER = b"SQLite format 3\0"
_HEX_ID = re.compile("[0-9a-f]{32}")
_HEX_HASH = re.compile("[0-9a-f]{64}")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup says about itself; readable without any passphrase."""

    created_at: str
    vault_id: str
    schema_version: int
    audit_head: tuple[int, str]
    db_size: int
    db_sha256: str


@dataclass(frozen=True)
class Restored:
    """The restored vault, unlocked, and where the vault it replaced was moved (if any)."""

    vault: Vault
    replaced: Path | None


def _header_checksum(header: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(header).encode()).hexdigest()


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk


def write_backup(vault: Vault, path: Path) -> BackupInfo:
    """Write a verified backup of ``vault`` to ``path`` (supervisor only), atomically, 0600.

    The copy is opened and checked (integrity, cipher integrity, audit chain) before the
    backup file is written, so a backup that exists is one that restores.
    """
    require(vault.user.role, Operation.BACKUP)
    key = vault._live_key()
    if len(key) != 32 or not any(key):
        raise UnencryptedBackup
    path = Path(path)
    if path.resolve().is_relative_to(vault.directory.resolve()):
        raise BackupInsideVault  # it would be erased with the vault
    connection = vault._live_connection()
    try:
        with vault._transaction() as writing:
            vault._audit(writing, "vault.backup_started")
    except (StorageFull, StorageWriteFailed):
        # A full vault disk must not stop a backup to another one; the entry is owed.
        vault._owe("vault.backup_started")
    copy = path.with_name(f".{path.name}.{secrets.token_hex(6)}.db")
    try:
        # VACUUM INTO wants a new or empty file; creating it first makes it 0600.
        copy.touch(mode=FILE_MODE, exist_ok=False)
        with reported_errors():
            connection.execute("VACUUM INTO ?", (str(copy),))
        with copy.open("rb") as head:
            if head.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER:
                raise UnencryptedBackup
        copied = open_database(copy, key)
        try:
            if pragma_checks(copied) != ([], []):
                raise BackupFailedChecks
            with reported_errors():
                if audit.verify(copied) is not None:
                    raise BackupFailedChecks
                head_entry = audit.head(copied)
                schema = user_version(copied)
        finally:
            copied.close()
        digest = hashlib.sha256()
        for chunk in _chunks(copy):
            digest.update(chunk)
        info = BackupInfo(timestamp(utc_now()), vault.vault_id, schema, head_entry,
                          copy.stat().st_size, digest.hexdigest())
        slots = json.loads(keyslots.serialise(keyslots.read_slot_file(vault.directory), key))
        header: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "created_at": info.created_at,
            "vault_id": info.vault_id, "schema_version": info.schema_version,
            "audit_head": list(info.audit_head), "db_size": info.db_size,
            "db_sha256": info.db_sha256, "keyslots": slots,
        }
        header["checksum"] = _header_checksum(header)
        first = MAGIC + f"{VERSION}\n".encode() + canonical_json(header).encode() + b"\n"
        atomic_write(path, _prepend(first, _chunks(copy)))
    finally:
        overwrite_and_unlink(copy)
    return info


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _read_header(stream: BinaryIO) -> tuple[BackupInfo, dict[str, Any]]:
    magic = stream.readline(64)
    if not magic.startswith(MAGIC) or not magic.endswith(b"\n"):
        raise BackupDamaged
    try:
        version = int(magic[len(MAGIC):].strip())
    except ValueError as error:
        raise BackupDamaged from error
    if version > VERSION:
        raise VaultTooNew
    line = stream.readline(1 << 24)
    try:
        header = json.loads(line)
        checksum = header.pop("checksum")
        if not hmac.compare_digest(str(checksum), _header_checksum(header)):
            raise BackupDamaged
        head_id, head_hash = header["audit_head"]
        # The checksum only catches accidents: anyone can recompute it. Fields that reach
        # the audit log must be what they say (a timestamp), or the restore would fail late.
        created_at = timestamp(parse_timestamp(header["created_at"]))
        info = BackupInfo(
            created_at=created_at, vault_id=str(header["vault_id"]),
            schema_version=int(header["schema_version"]), audit_head=(int(head_id), str(head_hash)),
            db_size=int(header["db_size"]), db_sha256=str(header["db_sha256"]),
        )
        slots = header["keyslots"]
        if header.get("format") != FORMAT or not isinstance(slots, dict):
            raise BackupDamaged
        if not (_HEX_ID.fullmatch(info.vault_id) and _HEX_HASH.fullmatch(info.db_sha256)
                and _HEX_HASH.fullmatch(info.audit_head[1])):
            raise BackupDamaged
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupDamaged from error
    if info.schema_version > LATEST_VERSION:
        raise VaultTooNew
    return info, slots


def read_backup_info(path: Path) -> BackupInfo:
    """The header of a backup file; BackupDamaged or VaultTooNew when it cannot be restored."""
    with Path(path).open("rb") as stream:
        return _read_header(stream)[0]


def _unpack(backup: Path, staging: Path) -> BackupInfo:
    """Write the backup's database and key slots into ``staging``, checking size and hash."""
    with backup.open("rb") as stream:
        info, slots = _read_header(stream)
        digest, size = hashlib.sha256(), 0

        def body() -> Iterator[bytes]:
            nonlocal size
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                yield chunk

        atomic_write(staging / DB_FILE, body())
    if size != info.db_size or not hmac.compare_digest(digest.hexdigest(), info.db_sha256):
        raise BackupDamaged
    data = (json.dumps(slots, indent=1, sort_keys=True) + "\n").encode()
    try:
        parsed = keyslots.parse(data)
    except KeySlotDamaged as error:
        raise BackupDamaged from error
    if parsed.vault_id != info.vault_id:
        raise BackupDamaged
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        atomic_write(staging / name, data)
    return info


def restore(
    backup: Path,
    directory: Path,
    user: str,
    passphrase: str,
    *,
    recovery_key: str | None = None,
    replace: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Clock = utc_now,
) -> Restored:
    """Restore ``backup`` into ``directory`` after proving it sound; supervisors only.

    The backup is unpacked beside ``directory``, unlocked with ``user``'s passphrase as it was
    when the backup was made (or, with ``recovery_key``, recovered and given ``passphrase``),
    and must pass integrity, cipher integrity and audit-chain checks (against the chain head
    recorded in the backup). Only then does it take the place of ``directory``; a vault that
    was there (``replace=True``) is moved aside, not deleted. On any failure nothing changes.
    """
    backup, directory = Path(backup), Path(directory)
    occupied = directory.exists() and any(directory.iterdir())
    if occupied and not (replace and vault_module.is_vault(directory)):
        raise VaultExists
    directory.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    staging = directory.with_name(f".{directory.name}.{secrets.token_hex(4)}.restoring")
    staging.mkdir(mode=DIR_MODE)
    try:
        info = _unpack(backup, staging)
        if recovery_key is None:
            staged = vault_module.unlock(staging, user, passphrase, sleep=sleep, clock=clock)
        else:
            staged = vault_module.recover(staging, recovery_key, user, passphrase, sleep=sleep,
                                          clock=clock)
        with staged:
            if staged.user.role is not Role.SUPERVISOR:
                raise AccessDenied
            try:
                healthy = staged.check_integrity() == ([], [])
                chain = staged.repository.verify_audit(info.audit_head)
            except VaultCorrupted as error:
                raise BackupFailedChecks from error
            if not healthy or chain is not None:
                raise BackupFailedChecks
            with staged._transaction() as connection:
                staged._audit(connection, "vault.restored", backup_made=info.created_at)
        replaced = _swap(staging, directory) if occupied else None
        if not occupied:
            _place(staging, directory)
    except BaseException:
        with contextlib.suppress(OSError, StorageError):
            vault_module.erase(staging)
        raise
    vault = vault_module.unlock(directory, user, passphrase, sleep=sleep, clock=clock)
    return Restored(vault, replaced)


def _place(staging: Path, directory: Path) -> None:
    if directory.exists():
        directory.rmdir()  # empty: rename cannot replace a directory otherwise
    staging.rename(directory)
    fsync_dir(directory.parent)


def _swap(staging: Path, directory: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = directory.with_name(f"{directory.name}.before-restore-{stamp}")
    directory.rename(aside)
    staging.rename(directory)
    fsync_dir(directory.parent)
    return aside
