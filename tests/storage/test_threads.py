"""Unlocking off the main thread: the slow half anywhere, the connection on the thread using it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.errors import StorageError, VaultLocked, WrongPassphrase
from interview_app.storage import vault as vault_module
from interview_app.storage.unlocked import WrongThread
from interview_app.storage.vault import UnwrappedKey, Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, Sleeps

T = TypeVar("T")


def in_worker(task: Callable[[], T]) -> T:
    """Run ``task`` on a new thread, as a window's worker would; return or raise its result."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(task())
        except BaseException as error:  # handed back to the caller's thread
            failure.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    if failure:
        raise failure[0]
    return outcome[0]


@pytest.fixture
def locked(vault: Vault) -> Path:
    vault.lock()
    return vault.directory


def test_unwrap_on_a_worker_then_open_and_use_on_this_thread(
    locked: Path, sleeps: Sleeps
) -> None:
    unwrapped = in_worker(lambda: vault_module.unwrap(locked, SUPERVISOR, PASSPHRASE,
                                                      sleep=sleeps))
    with unwrapped.open() as vault:
        repo = vault.repository
        case = repo.create_case("worker")
        session = repo.start_session(case.id, "f", "1", interface_language="en",
                                     interview_language="en")
        repo.save_answer(session.id, Answer(ItemRef(QuestionId("q")), value=1),
                         data_class=DataClass.STATEMENT)
        assert repo.search_cases("worker") == [case]
        assert repo.verify_audit() is None


def test_a_wrong_passphrase_is_reported_from_the_worker(locked: Path, sleeps: Sleeps) -> None:
    with pytest.raises(WrongPassphrase):
        in_worker(lambda: vault_module.unwrap(locked, SUPERVISOR, "wrong passphrase",
                                              sleep=sleeps))
    assert vault_module.pending_delay(locked) == 1.0


def test_a_vault_used_from_another_thread_fails_loudly_not_as_a_storage_error(
    vault: Vault,
) -> None:
    def use() -> object:
        return vault.repository.cases()

    with pytest.raises(WrongThread) as raised:
        in_worker(use)
    assert not isinstance(raised.value, StorageError)
    assert vault.repository.cases() == []  # still fine on its own thread


def test_a_whole_unlock_on_a_worker_gives_a_vault_for_that_worker_only(
    locked: Path, sleeps: Sleeps
) -> None:
    vault = in_worker(lambda: vault_module.unlock(locked, SUPERVISOR, PASSPHRASE, sleep=sleeps))
    with pytest.raises(WrongThread):
        vault.repository.cases()
    # Locking from the wrong thread still forgets the key, then says what went wrong.
    with pytest.raises(WrongThread):
        vault.lock()
    assert vault.is_locked
    with pytest.raises(VaultLocked):
        vault.repository.cases()


def test_an_unwrapped_key_opens_once_and_can_be_discarded(locked: Path, sleeps: Sleeps) -> None:
    unwrapped = vault_module.unwrap(locked, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    unwrapped.open().lock()
    with pytest.raises(VaultLocked):
        unwrapped.open()
    with vault_module.unwrap(locked, SUPERVISOR, PASSPHRASE, sleep=sleeps) as discarded:
        assert isinstance(discarded, UnwrappedKey)
        key = discarded._key
        assert key is not None
        assert any(key)
    assert not any(key)
    with pytest.raises(VaultLocked):
        discarded.open()


def test_recovery_runs_on_a_worker_too(
    created: tuple[Vault, str], sleeps: Sleeps
) -> None:
    vault, recovery_key = created
    vault.lock()
    unwrapped = in_worker(lambda: vault_module.unwrap_recovery(
        vault.directory, recovery_key, SUPERVISOR, "a brand new passphrase", sleep=sleeps))
    with unwrapped.open() as again:
        actions = [e.action for e in again.repository.audit_entries(limit=10_000)]
    assert actions[-2:] == ["vault.unlocked", "vault.recovered"]
    vault_module.unlock(vault.directory, SUPERVISOR, "a brand new passphrase",
                        sleep=sleeps).lock()
