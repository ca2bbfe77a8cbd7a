"""A full disk never locks a person out: the unlock succeeds and its audit entry follows later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.errors import WrongPassphrase
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import read_backup_info, restore
from interview_app.storage.db import DB_FILE
from interview_app.storage.delayed import DELAYED_FILE
from interview_app.storage.vault import Vault
from tests.conftest import REPO_ROOT
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, Sleeps

# Above the 32 KiB shared-memory index SQLite must create to read at all, far below the
# write-ahead log a killed writer leaves behind: reading works, appending to the log fails.
CAP = 40_000


def _run(*args: str) -> list[str]:
    child = subprocess.run(
        [sys.executable, "-m", "tests.storage.vault_child", *args],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return child.stdout.splitlines()


def _killed_writer(vault_dir: Path, session_id: int) -> int:
    """Leave a large write-ahead log, as a saver killed mid-run does; returns its saves."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.vault_child", "save", str(vault_dir),
         str(session_id)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    lines = [child.stdout.readline() for _ in range(80)]
    child.kill()
    child.communicate()
    assert (vault_dir / f"{DB_FILE}-wal").stat().st_size > 4 * CAP
    return len(lines)


@pytest.fixture
def session_id(vault: Vault) -> int:
    case = vault.repository.create_case()
    session = vault.repository.start_session(case.id, "f", "1", interface_language="en",
                                             interview_language="en")
    vault.lock()
    return session.id


def test_an_unlock_on_a_full_disk_reads_and_the_next_unlock_records_it(
    session_id: int, vault_dir: Path, sleeps: Sleeps
) -> None:
    saved = _killed_writer(vault_dir, session_id)
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, "not the passphrase", sleep=sleeps)
    out = _run("full-unlock", str(vault_dir), str(session_id), str(CAP))
    # The unlock and its earlier failure are owed; reading works; saving is refused.
    # (Past a file-size cap SQLite reports an I/O error, not a full disk.)
    # The writer may commit a few more between the line read last and the kill.
    assert out[0] == "unlocked owed=2"
    assert int(out[1].removeprefix("answers=")) >= saved
    assert out[2] in ("error StorageFull", "error StorageWriteFailed")
    # The lock could not be written either; all three wait in a small file, so the failure
    # counter (and its delay) could go.
    assert (vault_dir / DELAYED_FILE).exists()
    assert vault_module.pending_delay(vault_dir) == 0
    sleeps.calls.clear()
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as vault:
        assert sleeps.calls == [0.0]  # the failure's delay ended with the unlock that followed
        assert not (vault_dir / DELAYED_FILE).exists()
        entries = vault.repository.audit_entries(limit=10_000)
        assert vault.repository.verify_audit() is None
        assert vault.check_integrity() == ([], [])
    delayed = [e for e in entries if e.details.get("delayed")]
    assert [e.action for e in delayed] == ["vault.unlock_failed", "vault.unlocked",
                                           "vault.locked"]
    assert delayed[0].details["count"] == 1
    for entry in delayed:
        assert str(entry.details["happened_at"]) < entry.at  # when it happened, when written
    assert entries[-1].action == "vault.unlocked"
    assert not entries[-1].details


def test_the_next_successful_write_records_the_owed_unlock_first(
    session_id: int, vault_dir: Path, sleeps: Sleeps
) -> None:
    _killed_writer(vault_dir, session_id)
    out = _run("full-unlock", str(vault_dir), str(session_id), str(CAP), "then-save")
    assert out[0] == "unlocked owed=1"
    assert out[2] in ("error StorageFull", "error StorageWriteFailed")
    assert out[3:] == ["saved owed=0"]
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as vault:
        entries = vault.repository.audit_entries(limit=10_000)
        assert vault.repository.verify_audit() is None
    tail = [(e.action, bool(e.details.get("delayed"))) for e in entries[-4:]]
    assert tail == [("vault.unlocked", True), ("answer.saved", False),
                    ("vault.locked", False), ("vault.unlocked", False)]


def _can_mount_tmpfs(directory: Path) -> bool:
    if subprocess.run(["sh", "-c", "command -v unshare"], capture_output=True,
                      check=False).returncode:
        return False
    directory.mkdir()
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$1"', "sh", directory],
        capture_output=True, check=False,
    )
    return probe.returncode == 0


def test_a_vault_on_a_full_filesystem_unlocks_and_backs_up_elsewhere(
    session_id: int, vault_dir: Path, tmp_path: Path, sleeps: Sleeps
) -> None:
    if not _can_mount_tmpfs(tmp_path / "probe"):
        pytest.skip("needs an unprivileged mount namespace for a small tmpfs")
    mount, elsewhere, after = tmp_path / "mnt", tmp_path / "elsewhere", tmp_path / "after"
    mount.mkdir()
    elsewhere.mkdir(mode=0o700)
    size = (vault_dir / DB_FILE).stat().st_size + 400_000
    # Fill the tmpfs to the last page, then free exactly the 32 KiB the shared-memory index
    # needs: reading is possible, no write fits.
    script = (
        f'mount -t tmpfs -o size={size} tmpfs "$1" && cp -a "$2" "$1/v"'
        ' && (dd if=/dev/zero of="$1/filler" bs=4096 2>/dev/null; true)'
        ' && truncate -s -32768 "$1/filler"'
        ' && "$3" -m tests.storage.vault_child full-backup "$1/v" "$4/backup"; status=$?;'
        ' cp -a "$1/v" "$5"; exit $status'
    )
    child = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", mount, vault_dir, sys.executable,
         elsewhere, after],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.splitlines() == ["unlocked owed=1", "backed up owed=2"]
    backup = elsewhere / "backup"
    assert read_backup_info(backup).schema_version >= 1
    restored = restore(backup, tmp_path / "restored", SUPERVISOR, PASSPHRASE, sleep=sleeps)
    with restored.vault as vault:
        assert vault.repository.session(session_id).form_id == "f"
        assert vault.repository.verify_audit() is None
    with vault_module.unlock(after, SUPERVISOR, PASSPHRASE, sleep=sleeps) as vault:
        assert vault.check_integrity() == ([], [])
        assert vault.repository.verify_audit() is None
