"""A vault folder that cannot be written: refused with a fixed message, nothing changed or lost."""

# Permission bits do not bind root, so when the tests run as root the child runs in a user
# namespace as an ordinary user who owns the files (``unshare --map-user``): the bits bind then.

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.domain.model import DataClass
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import restore
from interview_app.storage.vault import Vault
from tests.conftest import REPO_ROOT
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, Sleeps

UNPRIVILEGED = ["unshare", "--user", "--map-user=1000", "--map-group=1000"]


@pytest.fixture(scope="module")
def as_a_person() -> list[str]:
    """The command prefix under which permission bits bind, as they do for a person."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: permission bits would not bind")
    probe = subprocess.run([*UNPRIVILEGED, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("running as root without user namespaces: permission bits would not bind")
    return UNPRIVILEGED


@pytest.fixture
def earlier(vault: Vault, vault_dir: Path) -> Iterator[Vault]:
    case = vault.repository.create_case("Earlier")
    vault.repository.add_note(case.id, "earlier words", DataClass.ASSISTANCE)
    vault.repository.start_session(case.id, "f", "1", interface_language="en",
                                   interview_language="en")
    yield vault
    vault_dir.chmod(0o700)  # whatever a test did, pytest must be able to clean up


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def _child(prefix: list[str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "tests.faults.fault_child", *args], cwd=REPO_ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_a_read_only_vault_folder_is_refused_clearly_and_left_as_it_was(
    earlier: Vault, vault_dir: Path, sleeps: Sleeps, as_a_person: list[str]
) -> None:
    earlier.lock()
    before = _snapshot(vault_dir)
    vault_dir.chmod(0o500)
    child = _child(as_a_person, "unlock", str(vault_dir))
    out, err = child.communicate(timeout=120)
    vault_dir.chmod(0o700)
    assert child.returncode == 0, err[-2000:]
    # SQLite cannot make the write-ahead log's index beside the database, so the vault does
    # not open: a write error, not "damaged" and not "wrong passphrase" (which would count
    # towards the delay and erasure).
    assert out.splitlines() == ["error unlock StorageWriteFailed"]
    assert _snapshot(vault_dir) == before
    assert vault_module.pending_delay(vault_dir) == 0
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        (case,) = again.repository.cases()
        assert [n.text for n in again.repository.notes(case.id)] == ["earlier words"]


def test_a_folder_made_read_only_while_open_keeps_saving_and_refuses_slot_changes(
    earlier: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps, as_a_person: list[str]
) -> None:
    """The database and its log are open already, so answers still reach the disk; what needs
    a new file in the folder (the key slots are replaced atomically) is refused, and the old
    passphrase stays the one that works."""
    earlier.lock()
    backups = tmp_path / "backups"
    backups.mkdir()
    child = _child(as_a_person, "while-open", str(vault_dir), str(backups))
    assert child.stdout is not None
    assert child.stdin is not None
    assert child.stdout.readline() == "unlocked\n"
    slots = (vault_dir / "keyslots.json").read_bytes()
    vault_dir.chmod(0o500)
    out, err = child.communicate("go\n", timeout=120)
    vault_dir.chmod(0o700)
    assert child.returncode == 0, err[-2000:]
    assert out.splitlines() == [
        "ok save", "error passphrase StorageWriteFailed", "ok backup", "ok lock",
    ]
    assert (vault_dir / "keyslots.json").read_bytes() == slots
    assert not [p for p in vault_dir.iterdir() if p.name.endswith(".tmp")]
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        (case,) = again.repository.cases()
        (session,) = again.repository.sessions_for_case(case.id)
        assert [r.question_id for r in again.repository.answers_for_session(session.id)] == [
            "while_read_only"
        ]
        assert again.check_integrity() == ([], [])
        assert again.repository.verify_audit() is None
    restored = restore(backups / "during.bak", tmp_path / "restored", SUPERVISOR, PASSPHRASE,
                       sleep=sleeps)
    restored.vault.lock()
