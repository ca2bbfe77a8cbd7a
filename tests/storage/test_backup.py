"""Backups: one encrypted file, and a restore that checks everything before replacing."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.errors import (
    AccessDenied,
    BackupDamaged,
    BackupFailedChecks,
    BackupInsideVault,
    UnencryptedBackup,
    VaultExists,
    VaultTooNew,
    WrongPassphrase,
)
from interview_app.storage import audit, backup
from interview_app.storage.access import Role
from interview_app.storage.vault import Vault
from tests.storage.conftest import OTHER_PASSPHRASE, PASSPHRASE, SUPERVISOR, Sleeps

CANARY = "KESTRELCANARY4471"
Q = ItemRef(QuestionId("q"))


@pytest.fixture
def backed_up(vault: Vault, tmp_path: Path) -> tuple[Path, int]:
    """A backup of a vault holding one answer; returns its path and the session id."""
    repo = vault.repository
    case = repo.create_case(CANARY)
    session = repo.start_session(case.id, "f", "1", interface_language="en",
                                 interview_language="en")
    repo.save_answer(session.id, Answer(Q, value=CANARY), data_class=DataClass.STATEMENT)
    path = tmp_path / "backups" / "vault.backup"
    path.parent.mkdir()
    backup.write_backup(vault, path)
    return path, session.id


def _restore(path: Path, target: Path, sleeps: Sleeps, **kwargs: object) -> backup.Restored:
    return backup.restore(path, target, SUPERVISOR, PASSPHRASE, sleep=sleeps, **kwargs)  # type: ignore[arg-type]


def test_a_backup_restores_with_everything_in_it(
    backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps
) -> None:
    path, session_id = backed_up
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    assert b"SQLite format 3" not in data
    assert CANARY.encode() not in data
    assert CANARY.lower().encode() not in data
    info = backup.read_backup_info(path)
    assert info.db_size > 0
    restored = _restore(path, tmp_path / "restored", sleeps)
    with restored.vault as vault:
        assert restored.replaced is None
        assert vault.repository.answers_for_session(session_id) == {Q: Answer(Q, value=CANARY)}
        assert vault.repository.verify_audit(info.audit_head) is None
        actions = [e.action for e in vault.repository.audit_entries()]
        assert "vault.backup_started" in actions
        assert "vault.restored" in actions
    assert not list(tmp_path.glob(".*restoring"))
    assert not list(path.parent.glob(".*"))


def test_the_recovery_key_restores_too(
    created: tuple[Vault, str], backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps
) -> None:
    path, _ = backed_up
    restored = backup.restore(path, tmp_path / "restored", SUPERVISOR, "a new passphrase",
                              recovery_key=created[1], sleep=sleeps)
    restored.vault.lock()


def test_a_wrong_passphrase_restores_nothing(
    backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps
) -> None:
    path, _ = backed_up
    with pytest.raises(WrongPassphrase):
        backup.restore(path, tmp_path / "restored", SUPERVISOR, "not it at all", sleep=sleeps)
    assert not (tmp_path / "restored").exists()
    assert not list(tmp_path.glob(".*restoring"))


def test_only_supervisors_back_up_and_restore(
    backed_up: tuple[Path, int], open_as: Callable[[Role], Vault], tmp_path: Path,
    sleeps: Sleeps,
) -> None:
    interviewer = open_as(Role.INTERVIEWER)
    with pytest.raises(AccessDenied):
        backup.write_backup(interviewer, tmp_path / "mine.backup")
    with pytest.raises(AccessDenied):
        backup.restore(backed_up[0], tmp_path / "restored", "iris", OTHER_PASSPHRASE,
                       sleep=sleeps)
    assert not (tmp_path / "restored").exists()


@pytest.mark.parametrize("damage", ["truncate", "db_bit", "header_bit", "not_a_backup", "empty"])
def test_a_damaged_backup_is_named(
    backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps, damage: str
) -> None:
    path, _ = backed_up
    data = bytearray(path.read_bytes())
    header_end = data.index(b"\n", data.index(b"\n") + 1)
    if damage == "truncate":
        data = data[: len(data) - 4096]
    elif damage == "db_bit":
        data[len(data) - 100] ^= 0x01
    elif damage == "header_bit":
        data[header_end - 20] ^= 0x01
    elif damage == "not_a_backup":
        data = bytearray(b"PK\x03\x04 holiday photos")
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    with pytest.raises(BackupDamaged):
        _restore(path, tmp_path / "restored", sleeps)
    assert not (tmp_path / "restored").exists()


def _rewrite_header(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    data = path.read_bytes()
    magic_end = data.index(b"\n") + 1
    header_end = data.index(b"\n", magic_end) + 1
    header = json.loads(data[magic_end:header_end])
    del header["checksum"]
    change(header)
    header["checksum"] = backup._header_checksum(header)
    path.write_bytes(data[:magic_end] + json.dumps(header).encode() + b"\n" + data[header_end:])


def test_a_backup_from_a_newer_version_is_refused(
    backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps
) -> None:
    path, _ = backed_up
    _rewrite_header(path, lambda header: header.update(schema_version=99))
    with pytest.raises(VaultTooNew):
        _restore(path, tmp_path / "restored", sleeps)
    path.write_bytes(path.read_bytes().replace(b"BACKUP 1\n", b"BACKUP 2\n", 1))
    with pytest.raises(VaultTooNew):
        backup.read_backup_info(path)


def test_a_cut_audit_chain_fails_the_checks(
    backed_up: tuple[Path, int], tmp_path: Path, sleeps: Sleeps
) -> None:
    """The header records the chain's head; a backup whose log ends earlier is refused."""
    path, _ = backed_up

    def later_head(header: dict[str, object]) -> None:
        head = header["audit_head"]
        assert isinstance(head, list)
        header["audit_head"] = [head[0] + 3, head[1]]

    _rewrite_header(path, later_head)
    with pytest.raises(BackupFailedChecks):
        _restore(path, tmp_path / "restored", sleeps)
    assert not (tmp_path / "restored").exists()


def test_a_tampered_audit_log_is_caught_at_backup_and_at_restore(
    vault: Vault, tmp_path: Path, sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = vault._live_connection()
    connection.execute("DROP TRIGGER audit_no_update")
    connection.execute("""UPDATE audit SET details = '{"x":1}' WHERE id = 2""")
    with pytest.raises(BackupFailedChecks):
        backup.write_backup(vault, tmp_path / "v.backup")
    assert not (tmp_path / "v.backup").exists()
    # Were a broken chain to reach a backup file anyway, restore would refuse it.
    monkeypatch.setattr(audit, "verify", lambda *_args: None)
    backup.write_backup(vault, tmp_path / "v.backup")
    monkeypatch.undo()
    with pytest.raises(BackupFailedChecks):
        _restore(tmp_path / "v.backup", tmp_path / "restored", sleeps)


def test_restoring_over_a_vault_needs_replace_and_keeps_the_old_one(
    vault: Vault, vault_dir: Path, backed_up: tuple[Path, int], sleeps: Sleeps
) -> None:
    path, session_id = backed_up
    vault.repository.create_case("made after the backup")
    vault.lock()
    with pytest.raises(VaultExists):
        _restore(path, vault_dir, sleeps)
    restored = _restore(path, vault_dir, sleeps, replace=True)
    with restored.vault as again:
        assert [c.pseudonym for c in again.repository.cases()] == [CANARY]
    assert restored.replaced is not None
    assert (restored.replaced / "vault.db").exists()


def test_no_backup_without_encryption(vault: Vault, tmp_path: Path) -> None:
    key = vault._live_key()
    saved = bytes(key)
    key[:] = bytes(32)
    try:
        with pytest.raises(UnencryptedBackup):
            backup.write_backup(vault, tmp_path / "v.backup")
    finally:
        key[:] = saved
    assert not (tmp_path / "v.backup").exists()


def test_no_backup_inside_the_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(BackupInsideVault):
        backup.write_backup(vault, vault_dir / "v.backup")
