"""Vault life cycle: create, unlock, lock, passphrases, users, recovery, failed unlocks."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from interview_app.errors import (
    AccessDenied,
    InvalidUserName,
    KeySlotDamaged,
    LastSupervisor,
    RecoveryKeyMistyped,
    UnknownUser,
    UserExists,
    VaultErased,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from interview_app.storage import keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.db import DB_FILE
from interview_app.storage.failures import FAILURES_FILE
from interview_app.storage.vault import Vault
from tests.storage.conftest import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    SUPERVISOR,
    TINY_KDF,
    Sleeps,
)


def _actions(vault: Vault) -> list[str]:
    return [e.action for e in vault.repository.audit_entries()]


def test_create_makes_a_private_directory_with_database_and_two_slot_copies(
    vault_dir: Path,
) -> None:
    vault, _ = vault_module.create(vault_dir, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
    for name in (DB_FILE, keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        assert stat.S_IMODE((vault_dir / name).stat().st_mode) == 0o600
    assert vault.user.name == SUPERVISOR
    assert vault.user.role is Role.SUPERVISOR
    assert _actions(vault) == ["vault.created", "vault.unlocked"]
    assert not list(vault_dir.parent.glob(".*creating"))
    vault.lock()


def test_the_slot_file_names_no_user(vault: Vault, vault_dir: Path) -> None:
    assert SUPERVISOR not in (vault_dir / keyslots.SLOTS_FILE).read_text()


def test_create_refuses_an_existing_vault_or_a_non_empty_folder(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(VaultExists):
        vault_module.create(vault_dir, "other", PASSPHRASE, kdf=TINY_KDF)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(VaultExists):
        vault_module.create(busy, "other", PASSPHRASE, kdf=TINY_KDF)


def test_create_accepts_an_empty_existing_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    vault, _ = vault_module.create(empty, "ana", PASSPHRASE, kdf=TINY_KDF)
    vault.lock()
    assert vault_module.is_vault(empty)


def test_create_checks_the_name_and_passphrase_first(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        vault_module.create(tmp_path / "v", "ana", "short", kdf=TINY_KDF)
    with pytest.raises(InvalidUserName):
        vault_module.create(tmp_path / "v", "  ", PASSPHRASE, kdf=TINY_KDF)
    with pytest.raises(InvalidUserName):
        vault_module.create(tmp_path / "v", "a\nb", PASSPHRASE, kdf=TINY_KDF)
    assert not (tmp_path / "v").exists()


def test_unlock_with_the_right_passphrase(vault: Vault, vault_dir: Path, sleeps: Sleeps) -> None:
    vault.lock()
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        assert again.user.name == SUPERVISOR
        assert again.check_integrity() == ([], [])
    assert again.is_locked
    assert sleeps.calls == [0.0]


def test_unlock_where_there_is_no_vault(tmp_path: Path, sleeps: Sleeps) -> None:
    with pytest.raises(VaultNotFound):
        vault_module.unlock(tmp_path, SUPERVISOR, PASSPHRASE, sleep=sleeps)


def test_lock_closes_everything_and_zeroes_the_key(vault: Vault) -> None:
    key = vault._key
    assert key is not None
    assert any(key)
    vault.lock()
    assert vault.is_locked
    assert key == bytearray(32)
    with pytest.raises(VaultLocked):
        vault.repository.cases()
    with pytest.raises(VaultLocked):
        vault.repository.create_case()
    with pytest.raises(VaultLocked):
        vault.add_user("bo", Role.INTAKE, OTHER_PASSPHRASE)
    vault.lock()  # twice is harmless


def test_lock_is_audited(vault: Vault, vault_dir: Path, sleeps: Sleeps) -> None:
    vault.lock()
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        assert _actions(again)[-2:] == ["vault.locked", "vault.unlocked"]


def test_wrong_passphrases_and_unknown_users_get_the_same_clear_error(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    with pytest.raises(WrongPassphrase) as wrong:
        vault_module.unlock(vault_dir, SUPERVISOR, "not the passphrase", sleep=sleeps)
    with pytest.raises(WrongPassphrase) as unknown:
        vault_module.unlock(vault_dir, "nobody", PASSPHRASE, sleep=sleeps)
    assert str(wrong.value) == str(unknown.value) == WrongPassphrase.message
    assert wrong.value.__traceback__ is not None  # an exception, reported, not a crash


def test_each_failure_doubles_the_delay_up_to_thirty_seconds(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    for _ in range(8):
        with pytest.raises(WrongPassphrase):
            vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    assert sleeps.calls == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert vault_module.pending_delay(vault_dir) == 30.0
    sleeps.calls.clear()
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        assert sleeps.calls == [30.0]
        failed = [e for e in again.repository.audit_entries() if e.action == "vault.unlock_failed"]
        assert len(failed) == 1
        assert failed[0].details["count"] == 8
    assert not (vault_dir / FAILURES_FILE).exists()
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    assert sleeps.calls[-1] == 0.0


def test_a_damaged_failure_counter_still_counts_and_still_opens(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    (vault_dir / FAILURES_FILE).write_text('{"count": 0, "first": null')
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        failed = [e for e in again.repository.audit_entries() if e.action == "vault.unlock_failed"]
        assert failed[0].details["counter_damaged"] is True
    assert sleeps.calls == [1.0]
    # An edited count with no matching checksum is treated the same way.
    (vault_dir / FAILURES_FILE).write_text(json.dumps({"count": 0, "checksum": "0"}))
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    assert sleeps.calls[-1] == 1.0


def test_erase_after_n_failures_is_off_by_default(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    for _ in range(12):
        with pytest.raises(WrongPassphrase):
            vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    assert (vault_dir / DB_FILE).exists()


def test_erase_after_n_failures_destroys_the_vault(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.set_erase_after(3)
    assert _actions(vault)[-1] == "vault.erase_after_set"
    vault.lock()
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    with pytest.raises(VaultErased):
        vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    assert not vault_dir.exists()


def test_a_success_resets_the_count_towards_erasure(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.set_erase_after(2)
    vault.lock()
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, "guess guess", sleep=sleeps)
    assert (vault_dir / DB_FILE).exists()


def test_change_passphrase_rewrites_only_the_slot(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    database_before = (vault_dir / DB_FILE).stat().st_ino
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("not the old one", OTHER_PASSPHRASE)
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(PASSPHRASE, "short")
    vault.change_passphrase(PASSPHRASE, OTHER_PASSPHRASE)
    assert _actions(vault)[-1] == "user.passphrase_changed"
    vault.lock()
    assert (vault_dir / DB_FILE).stat().st_ino == database_before
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    vault_module.unlock(vault_dir, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps).lock()


def test_supervisors_add_and_remove_users(vault: Vault, vault_dir: Path, sleeps: Sleeps) -> None:
    record = vault.add_user("Bảo", Role.INTERVIEWER, OTHER_PASSPHRASE, kdf=TINY_KDF)
    assert (record.name, record.role, record.active) == ("Bảo", Role.INTERVIEWER, True)
    with pytest.raises(UserExists):
        vault.add_user("Bảo", Role.INTAKE, OTHER_PASSPHRASE)
    with vault_module.unlock(vault_dir, "Bảo", OTHER_PASSPHRASE, sleep=sleeps) as bao:
        assert bao.user.role is Role.INTERVIEWER
        with pytest.raises(AccessDenied):
            bao.add_user("cy", Role.INTAKE, OTHER_PASSPHRASE)
        with pytest.raises(AccessDenied):
            bao.remove_user(SUPERVISOR)
        with pytest.raises(AccessDenied):
            bao.set_erase_after(3)
        with pytest.raises(AccessDenied):
            bao.new_recovery_key()
    vault.remove_user("Bảo")
    assert _actions(vault)[-1] == "user.removed"
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, "Bảo", OTHER_PASSPHRASE, sleep=sleeps)
    with pytest.raises(UserExists):  # names are never reused: history stays unambiguous
        vault.add_user("Bảo", Role.INTERVIEWER, OTHER_PASSPHRASE)
    with pytest.raises(UnknownUser):
        vault.remove_user("Bảo")
    assert [u.name for u in vault.repository.users()][-1] == "Bảo"
    assert not vault.repository.users()[-1].active


def test_the_last_supervisor_stays(vault: Vault, vault_dir: Path, sleeps: Sleeps) -> None:
    with pytest.raises(AccessDenied):  # not oneself
        vault.remove_user(SUPERVISOR)
    vault.add_user("bo", Role.SUPERVISOR, OTHER_PASSPHRASE, kdf=TINY_KDF)
    with vault_module.unlock(vault_dir, "bo", OTHER_PASSPHRASE, sleep=sleeps) as bo:
        bo.remove_user(SUPERVISOR)
        # ana's session was opened before her removal; it still cannot remove the last one.
        with pytest.raises(LastSupervisor):
            vault.remove_user("bo")


def test_a_slot_swapped_between_users_does_not_open(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    """Copying bo's slot over ana's (same passphrase file, new tag) gains nothing."""
    vault.add_user("bo", Role.INTAKE, OTHER_PASSPHRASE, kdf=TINY_KDF)
    vault.lock()
    document = json.loads((vault_dir / keyslots.SLOTS_FILE).read_text())
    ana_tag = keyslots.user_tag(document["vault_id"], SUPERVISOR)
    bo_tag = keyslots.user_tag(document["vault_id"], "bo")
    bo_slot = next(s for s in document["slots"] if s["tag"] == bo_tag)
    document["slots"] = [s for s in document["slots"] if s["tag"] != ana_tag]
    document["slots"].append(bo_slot | {"tag": ana_tag})
    del document["checksum"]
    document["checksum"] = keyslots._checksum(document)
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        (vault_dir / name).write_text(json.dumps(document))
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps)


def test_recover_with_the_recovery_key(
    created: tuple[Vault, str], vault_dir: Path, sleeps: Sleeps
) -> None:
    vault, recovery_key = created
    vault.lock()
    with pytest.raises(RecoveryKeyMistyped):
        vault_module.recover(vault_dir, recovery_key[:-1] + "0", SUPERVISOR, OTHER_PASSPHRASE)
    with pytest.raises(UnknownUser):
        vault_module.recover(vault_dir, recovery_key, "nobody", OTHER_PASSPHRASE, sleep=sleeps)
    with vault_module.recover(
        vault_dir, recovery_key.lower(), SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps
    ) as recovered:
        assert recovered.user.name == SUPERVISOR
        assert "vault.recovered" in _actions(recovered)
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    vault_module.unlock(vault_dir, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps).lock()


def test_another_vaults_recovery_key_is_wrong_and_counted(
    vault: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps
) -> None:
    other, other_key = vault_module.create(tmp_path / "other", "x", PASSPHRASE, kdf=TINY_KDF)
    other.lock()
    vault.lock()
    with pytest.raises(WrongRecoveryKey):
        vault_module.recover(vault_dir, other_key, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps)
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    assert sleeps.calls[-1] == 1.0


def test_a_new_recovery_key_replaces_the_old(
    created: tuple[Vault, str], vault_dir: Path, sleeps: Sleeps
) -> None:
    vault, old_key = created
    new_key = vault.new_recovery_key()
    assert new_key != old_key
    vault.lock()
    with pytest.raises(WrongRecoveryKey):
        vault_module.recover(vault_dir, old_key, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps)
    vault_module.recover(vault_dir, new_key, SUPERVISOR, OTHER_PASSPHRASE, sleep=sleeps).lock()


def test_a_damaged_slot_file_is_named_not_mistaken_for_a_wrong_passphrase(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    data = (vault_dir / keyslots.SLOTS_FILE).read_bytes()
    damaged = data.replace(b'"wrapped": "', b'"wrapped": "A', 1)
    (vault_dir / keyslots.SLOTS_FILE).write_bytes(damaged)
    # The intact copy still opens the vault...
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()
    # ...and with both copies damaged the error says what is wrong.
    (vault_dir / keyslots.SLOTS_COPY).write_bytes(data[: len(data) // 2])
    with pytest.raises(KeySlotDamaged):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)


def test_an_edited_slot_file_fails_after_unwrapping(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    vault.lock()
    document = json.loads((vault_dir / keyslots.SLOTS_FILE).read_text())
    document["erase_after"] = 1000
    del document["checksum"]
    document["checksum"] = keyslots._checksum(document)
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        (vault_dir / name).write_text(json.dumps(document))
    with pytest.raises(KeySlotDamaged):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)


def test_user_names_are_checked(vault: Vault) -> None:
    for bad in ("", " ", "x" * 65, "tab\there"):
        with pytest.raises(InvalidUserName):
            vault.add_user(bad, Role.INTAKE, OTHER_PASSPHRASE)


def test_erase_removes_every_file(vault: Vault, vault_dir: Path) -> None:
    vault.repository.create_case("x")
    vault.lock()
    vault_module.erase(vault_dir)
    assert not vault_dir.exists()
