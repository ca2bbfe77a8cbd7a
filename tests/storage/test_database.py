"""Opening the database: D3's PRAGMA order, raw key, and clear errors for damaged files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2

from interview_app.errors import VaultCorrupted, VaultTooNew
from interview_app.storage import vault as vault_module
from interview_app.storage.db import DB_FILE
from interview_app.storage.vault import Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF, Sleeps

D3_ORDER = [
    "PRAGMA key",
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA cipher_log_level = NONE",
    "SELECT count(*) FROM sqlite_schema",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
]


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every SQL statement the real driver runs, as SQLite traces it."""
    statements: list[str] = []
    real_connect: Callable[..., Any] = dbapi2.connect

    def connect(*args: Any, **kwargs: Any) -> Any:
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(dbapi2, "connect", connect)
    return statements


def test_open_runs_the_pragmas_of_d3_in_order(
    vault: Vault, vault_dir: Path, sleeps: Sleeps, traced: list[str]
) -> None:
    vault.lock()
    traced.clear()
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    opening = traced[: len(D3_ORDER)]
    assert opening[0].startswith("PRAGMA key = \"x'")
    assert len(opening[0]) == len("PRAGMA key = \"x''\"") + 64  # 32 bytes as hex, nothing else
    assert [opening[0][: len("PRAGMA key")], *opening[1:]] == D3_ORDER


def test_no_passphrase_text_ever_reaches_sql(
    vault_dir: Path, sleeps: Sleeps, traced: list[str]
) -> None:
    vault, recovery_key = vault_module.create(vault_dir, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    vault.change_passphrase(PASSPHRASE, "second passphrase")
    vault.lock()
    vault_module.recover(vault_dir, recovery_key, SUPERVISOR, "third passphrase", sleep=sleeps)
    joined = "\n".join(traced)
    for secret in (PASSPHRASE, "second passphrase", "third passphrase", recovery_key):
        assert secret not in joined


def test_the_connection_has_the_settings_of_d3(vault: Vault) -> None:
    connection = vault._live_connection()

    def pragma(name: str) -> object:
        row = connection.execute(f"PRAGMA {name}").fetchone()
        assert row is not None
        return row[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2
    assert pragma("secure_delete") == 1
    assert pragma("foreign_keys") == 1
    assert str(pragma("cipher_memory_security")) == "1"


def test_a_database_from_another_vault_is_reported_quietly(
    vault: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps, capfd: pytest.CaptureFixture[str]
) -> None:
    other, _ = vault_module.create(tmp_path / "other", "x", PASSPHRASE, kdf=TINY_KDF)
    other.lock()
    vault.lock()
    shutil.copy(tmp_path / "other" / DB_FILE, vault_dir / DB_FILE)
    with pytest.raises(VaultCorrupted):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    # SQLCipher's "hmac check failed" lines would go to stderr without cipher_log_level NONE.
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("damage", ["truncate", "first_page", "empty", "missing"])
def test_a_damaged_database_is_named(
    vault: Vault, vault_dir: Path, sleeps: Sleeps, damage: str
) -> None:
    vault.lock()
    path = vault_dir / DB_FILE
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[:1000])
    elif damage == "first_page":
        flipped = bytearray(data)
        flipped[100] ^= 0xFF
        path.write_bytes(bytes(flipped))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    with pytest.raises(VaultCorrupted):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)


def test_a_flipped_bit_deep_in_the_file_is_caught_by_the_integrity_checks(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    for number in range(40):
        vault.repository.create_case(f"pseudonym {number} " + "x" * 1500)
    vault.lock()
    path = vault_dir / DB_FILE
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[len(data) - page + 500] ^= 0x01
    path.write_bytes(bytes(data))
    try:
        damaged = vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    except VaultCorrupted:
        return
    with damaged:
        try:
            integrity, cipher = damaged.check_integrity()
        except VaultCorrupted:
            return
        assert integrity or cipher


def test_a_vault_from_a_newer_version_is_refused_untouched(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault._live_connection().execute("PRAGMA user_version = 99")
    vault.lock()
    before = (vault_dir / DB_FILE).read_bytes()
    with pytest.raises(VaultTooNew):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    assert (vault_dir / DB_FILE).read_bytes() == before


def test_the_database_file_starts_with_random_bytes_not_a_sqlite_header(
    vault: Vault, vault_dir: Path
) -> None:
    vault.lock()
    assert not (vault_dir / DB_FILE).read_bytes().startswith(b"SQLite format 3")
    assert oct(os.stat(vault_dir / DB_FILE).st_mode & 0o777) == "0o600"
