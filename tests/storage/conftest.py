"""Storage fixtures: real SQLCipher vaults in temp dirs, with KDF costs too small to notice."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from interview_app.storage import keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.db import DB_FILE
from interview_app.storage.kdf import KdfParams
from interview_app.storage.vault import Vault

# The smallest Argon2id allows: a derivation takes microseconds, so tests stay fast.
TINY_KDF = KdfParams(iterations=1, memory_kib=8, lanes=1)
SUPERVISOR = "ana"
PASSPHRASE = "correct horse battery"  # noqa: S105 - a test vault's passphrase
OTHER_PASSPHRASE = "staple of the week"  # noqa: S105
# Users the template vault already has, one per role besides its supervisor.
ROLE_USERS = {Role.INTERVIEWER: "iris", Role.INTAKE: "ike"}


@dataclass
class Sleeps:
    """Stands in for time.sleep: records the delays instead of waiting them."""

    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@dataclass
class FakeClock:
    now: dt.datetime = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    step: dt.timedelta = dt.timedelta(seconds=1)

    def __call__(self) -> dt.datetime:
        self.now += self.step
        return self.now


def open_raw(
    directory: Path, user: str = SUPERVISOR, passphrase: str = PASSPHRASE
) -> dbapi2.Connection:
    """The vault's database opened straight with sqlcipher3 and the key from ``user``'s slot,
    bypassing the application, as someone editing the file by hand would."""
    slot_file = keyslots.read_slot_file(directory)
    slot = slot_file.slot(keyslots.user_tag(slot_file.vault_id, user))
    assert slot is not None
    key = keyslots.unwrap(slot, keyslots.passphrase_secret(passphrase), slot_file.vault_id)
    assert key is not None
    connection = dbapi2.connect(str(directory / DB_FILE), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One vault made per run and copied per test: creating one costs a dozen fsyncs."""
    directory = tmp_path_factory.mktemp("template") / "vault"
    vault, recovery_key = vault_module.create(directory, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    for role, name in ROLE_USERS.items():
        vault.add_user(name, role, OTHER_PASSPHRASE, kdf=TINY_KDF)
    vault.lock()
    return directory, recovery_key


@pytest.fixture
def created(
    template_vault: tuple[Path, str], vault_dir: Path, sleeps: Sleeps
) -> Iterator[tuple[Vault, str]]:
    """A vault of its own for this test, unlocked by its supervisor, and its recovery key."""
    shutil.copytree(template_vault[0], vault_dir)
    vault = vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    sleeps.calls.clear()
    yield vault, template_vault[1]
    vault.lock()


@pytest.fixture
def vault(created: tuple[Vault, str]) -> Vault:
    return created[0]


@pytest.fixture
def open_as(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> Iterator[Callable[[Role], Vault]]:
    """Unlock the same vault a second time, as its user with the given role."""
    opened: list[Vault] = []

    def unlock_as(role: Role) -> Vault:
        if role is Role.SUPERVISOR:
            name = SUPERVISOR
            passphrase = PASSPHRASE
        else:
            name, passphrase = ROLE_USERS[role], OTHER_PASSPHRASE
        other = vault_module.unlock(vault_dir, name, passphrase, sleep=sleeps)
        opened.append(other)
        return other

    yield unlock_as
    for other in opened:
        other.lock()
