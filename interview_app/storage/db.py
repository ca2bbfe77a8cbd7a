"""Opening the SQLCipher database with D3's PRAGMAs, and mapping SQLite errors to ours."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol

from sqlcipher3 import dbapi2 as sqlcipher

from interview_app.errors import (
    StorageError,
    StorageFull,
    StorageWriteFailed,
    VaultCorrupted,
)
from interview_app.storage.files import FILE_MODE

DB_FILE = "vault.db"
DB_FILES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal")

Error = sqlcipher.Error
DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError

Row = tuple[Any, ...]


class Cursor(Protocol):
    lastrowid: int | None
    rowcount: int

    def fetchone(self) -> Row | None: ...
    def fetchall(self) -> list[Row]: ...
    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    in_transaction: bool
    total_changes: int

    def execute(self, sql: str, parameters: Iterable[Any] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Iterable[Any]], /) -> Cursor: ...
    def close(self) -> None: ...


def storage_error_for(error: BaseException) -> StorageError:
    """Our error for a SQLite error: damaged file, full disk, or a write that failed."""
    name = str(getattr(error, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return VaultCorrupted()
    if name.startswith("SQLITE_FULL"):
        return StorageFull()
    return StorageWriteFailed()


def _create_private(path: Path) -> None:
    """Create the database file 0600 ourselves: SQLite gives -wal and -shm the same mode."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)


def open_database(path: Path, key: bytearray, *, create: bool = False) -> Connection:
    """Open and check the database, in exactly the order of ARCHITECTURE D3.

    The key is applied in raw form, so no passphrase text ever enters SQL. A wrong key
    surfaces only at the first read (SQLITE_NOTADB); since the key came out of an
    authenticated slot, that means the file is damaged or not this vault's: VaultCorrupted.
    """
    if create:
        _create_private(path)
    elif not path.exists():
        raise VaultCorrupted
    # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves, one per save.
    connection: Connection = sqlcipher.connect(str(path), isolation_level=None)
    try:
        # A Python str cannot be wiped; it lives only for this statement.
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("PRAGMA cipher_memory_security = ON")
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise StorageWriteFailed
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("PRAGMA foreign_keys = ON")
    except Error as error:
        connection.close()
        raise storage_error_for(error) from error
    except BaseException:
        connection.close()
        raise
    return connection


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a SQLite error met while reading into ours (damaged file, full disk...)."""
    try:
        yield
    except IntegrityError:
        raise
    except Error as error:
        raise storage_error_for(error) from error


@contextmanager
def transaction(connection: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT; the commit (WAL, synchronous=FULL) is durable on return."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except Error as error:
        raise storage_error_for(error) from error
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException as error:
        if connection.in_transaction:
            with suppress(Error):
                connection.execute("ROLLBACK")
        if isinstance(error, Error) and not isinstance(error, IntegrityError):
            raise storage_error_for(error) from error
        raise


def pragma_checks(connection: Connection) -> tuple[list[str], list[str]]:
    """(integrity_check problems, cipher_integrity_check problems); both empty when clean."""
    with reported_errors():
        integrity = [str(r[0]) for r in connection.execute("PRAGMA integrity_check")]
        cipher = [str(r[0]) for r in connection.execute("PRAGMA cipher_integrity_check")]
    return [p for p in integrity if p != "ok"], cipher
