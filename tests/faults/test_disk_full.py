"""A full disk during an export: a clear message, no file (not even a hidden one), vault intact."""

# A full disk during a save is tested where the saving is: tests/storage/test_durability.py
# (a file-size cap, and a really full tmpfs) and tests/storage/test_full_disk_unlock.py.

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.documents.protect import ExportDiskFull, ExportWriteFailed
from interview_app.storage import vault as vault_module
from interview_app.storage.vault import Vault
from tests.conftest import REPO_ROOT
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, Sleeps

# Far below the PDF of fault_child.long_document (about 60 KiB). Nothing else is written while
# the cap holds: the document is made in memory, and the register row comes after the file.
CAP = 16_000


def _run(command: list[str]) -> list[str]:
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def _child(*args: str) -> list[str]:
    return _run([sys.executable, "-m", "tests.faults.fault_child", *args])


@pytest.fixture
def with_a_case(vault: Vault) -> Vault:
    vault.repository.create_case("Earlier")
    return vault


def _vault_as_it_was(vault_dir: Path, sleeps: Sleeps, exports: int) -> None:
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as vault:
        (case,) = vault.repository.cases()
        assert case.pseudonym == "Earlier"
        assert len(vault.repository.export_register()) == exports
        assert vault.check_integrity() == ([], [])
        assert vault.repository.verify_audit() is None


@pytest.mark.parametrize("way", ["unnamed", "named"])
def test_a_full_disk_during_an_export_leaves_no_file_and_the_vault_as_it_was(
    with_a_case: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps, way: str
) -> None:
    """'unnamed': Linux's O_TMPFILE (nothing has a name until whole); 'named': a hidden
    temporary file, as on a FAT stick, which must be removed again."""
    with_a_case.lock()
    out = tmp_path / "exports"
    out.mkdir()
    lines = _child("export", str(vault_dir), str(out / "statement.pdf"), str(CAP),
                   *(["named"] if way == "named" else []))
    # Past a file-size cap write() fails with EFBIG, which is a full disk to the person.
    assert lines[:3] == ["error export ExportDiskFull", "files []", "registered 0"]
    assert lines[3:] == ["ok export-again", "ok lock"]
    assert [p.name for p in out.iterdir()] == ["statement.pdf"]
    _vault_as_it_was(vault_dir, sleeps, exports=1)


def test_the_full_disk_message_says_nothing_was_left() -> None:
    assert ExportDiskFull.message == (
        "The disk is full: the document was not written, and no partial file was left."
    )
    assert "no partial file was left" in ExportWriteFailed.message


def _can_mount_tmpfs(directory: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    directory.mkdir()
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$1"', "sh", directory],
        capture_output=True, check=False,
    )
    return probe.returncode == 0


@pytest.mark.parametrize("way", ["unnamed", "named"])
def test_a_really_full_usb_stick_refuses_the_export_the_same_way(
    with_a_case: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps, way: str
) -> None:
    """A small tmpfs stands for the stick the document is exported to: ENOSPC, not EFBIG."""
    if not _can_mount_tmpfs(tmp_path / "probe"):
        pytest.skip("needs an unprivileged mount namespace for a small tmpfs")
    with_a_case.lock()
    stick, seed = tmp_path / "stick", tmp_path / "seed"
    stick.mkdir()
    seed.mkdir()
    (seed / "already-there.txt").write_text("the stick's own file\n")
    named = ["named"] if way == "named" else []
    script = (
        'mount -t tmpfs -o size=64k tmpfs "$1" && cp "$2/already-there.txt" "$1/"'
        ' && "$3" -m tests.faults.fault_child export "$4" "$1/statement.pdf" 0 $5;'
        ' status=$?; ls -A "$1" > "$2/listing"; exit $status'
    )
    lines = _run(["unshare", "-rm", "sh", "-c", script, "sh", str(stick), str(seed),
                  sys.executable, str(vault_dir), *named])
    assert lines[:3] == ["error export ExportDiskFull",
                         "files ['already-there.txt']", "registered 0"]
    assert lines[3] == "error export-again ExportDiskFull"  # still full: nothing was freed
    assert (seed / "listing").read_text().split() == ["already-there.txt"]
    _vault_as_it_was(vault_dir, sleeps, exports=0)
