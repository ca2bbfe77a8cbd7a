"""Guessing passphrases through the window, and what old copies of key slots still open."""

# The storage rules are tested in tests/storage (the delay doubling up to 30 s:
# test_vault.py::test_each_failure_doubles_the_delay_up_to_thirty_seconds; edited or swapped
# slots: test_keyslots.py, test_vault.py). Here: the window makes a guesser wait as designed, and
# the limits the threat model states are pinned down, so a change to them is noticed.

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.errors import AccessDenied, WrongPassphrase
from interview_app.storage import keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.backup import restore, write_backup
from interview_app.storage.vault import Vault
from interview_app.ui.main_window import MainWindow
from tests.shell_support import (
    PASSPHRASE,
    WAIT_MS,
    click,
    create_vault_through_ui,
    shell_config,
    type_text,
)
from tests.storage.conftest import OTHER_PASSPHRASE, SUPERVISOR, TINY_KDF, Sleeps

NEW_PASSPHRASE = "a passphrase nobody saw"  # noqa: S105 - a test vault's passphrase


@pytest.mark.gui
def test_each_wrong_guess_in_the_window_doubles_the_wait(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The waits happen in the vault (the window cannot skip them) and the window counts them
    down: 0, 1, 2, 4, 8 s before each try, 16 s before the right passphrase is tried."""
    window = MainWindow(shell_config(tmp_path))
    qtbot.addWidget(window)
    qtbot.addWidget(window.neutral)
    window.show()
    create_vault_through_ui(qtbot, window)
    window.lock()
    waited = Sleeps()
    kwdefaults = vault_module.unwrap.__kwdefaults__
    assert kwdefaults is not None
    monkeypatch.setitem(kwdefaults, "sleep", waited)  # the wait is recorded, not waited
    view = window.start.unlock_view
    for guess in range(5):
        type_text(view.passphrase, f"guess number {guess}")
        click(qtbot, view.unlock_button)
        qtbot.waitUntil(lambda: not view.unlock_button.isEnabled() and bool(view.error.text()),
                        timeout=WAIT_MS)
        wait = 2**guess
        assert view.status.text() == f"You can try again in {wait} s."
        for _second in range(wait):
            view._tick()  # the countdown's timer, without the waiting
        assert view.unlock_button.isEnabled()
        view.error.clear()
    type_text(view.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.vault_opened, timeout=WAIT_MS):
        click(qtbot, view.unlock_button)
    assert waited.calls == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert window.vault is not None
    (failed,) = [e for e in window.vault.repository.audit_entries()
                 if e.action == "vault.unlock_failed"]
    assert failed.details["count"] == 5
    window.lock()
    assert vault_module.pending_delay(tmp_path / "vault") == 0


def test_a_changed_passphrase_does_not_change_the_database_key(
    vault: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps
) -> None:
    """A limit, stated in the threat model: a passphrase change rewrites one key slot. Whoever
    kept a copy of the old slot file (or any backup made before the change) and knows the
    old passphrase still holds the database key. After a suspected leak, restore into a new
    vault (a new key) instead; see docs/THREAT_MODEL.md."""
    old_slots = (vault_dir / keyslots.SLOTS_FILE).read_bytes()
    write_backup(vault, tmp_path / "before.bak")
    vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=TINY_KDF)
    vault.lock()
    with pytest.raises(WrongPassphrase):
        vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps)
    # The old passphrase opens a backup made before the change...
    restore(tmp_path / "before.bak", tmp_path / "restored", SUPERVISOR, PASSPHRASE,
            sleep=sleeps).vault.lock()
    # ...and the vault itself, once the old slot file is put back.
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        (vault_dir / name).write_bytes(old_slots)
    vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps).lock()


def test_a_removed_user_with_an_old_slot_file_is_still_refused(
    vault: Vault, vault_dir: Path, sleeps: Sleeps
) -> None:
    """Removing a user deletes their slot and marks their row removed inside the encrypted
    database: an old slot file put back unwraps the key but the vault refuses the login."""
    vault.add_user("leaver", Role.INTERVIEWER, OTHER_PASSPHRASE, kdf=TINY_KDF)
    with_leaver = (vault_dir / keyslots.SLOTS_FILE).read_bytes()
    vault.remove_user("leaver")
    vault.lock()
    for name in (keyslots.SLOTS_FILE, keyslots.SLOTS_COPY):
        (vault_dir / name).write_bytes(with_leaver)
    with pytest.raises(AccessDenied):
        vault_module.unlock(vault_dir, "leaver", OTHER_PASSPHRASE, sleep=sleeps)
