"""Start: make a vault (recovery key confirmed), unlock it, and say clearly when that fails."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.storage import vault as vaults
from interview_app.ui.main_window import MainWindow
from tests.shell_support import (
    PASSPHRASE,
    SUPERVISOR,
    WAIT_MS,
    click,
    create_vault_through_ui,
    shell_config,
    type_text,
    unlock_through_ui,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    shell = MainWindow(shell_config(tmp_path))
    qtbot.addWidget(shell)
    shell.show()
    return shell


def test_without_a_vault_offers_to_create_one(window: MainWindow) -> None:
    view = window.start.unlock_view
    assert window.pages.currentWidget() is view
    assert view.create_button.isVisible()
    assert not view.user.isVisible()


def test_creating_a_vault_shows_the_recovery_key_until_confirmed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    start = window.start
    click(qtbot, start.unlock_view.create_button)
    view = start.create_view
    type_text(view.name, SUPERVISOR)
    type_text(view.passphrase, PASSPHRASE)
    type_text(view.repeat, PASSPHRASE)
    click(qtbot, view.create_button)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is start.recovery_view, timeout=WAIT_MS)

    assert view.passphrase.text() == view.repeat.text() == ""
    key = start.recovery_view.key.text()
    assert len(key.replace("\n", "-").split("-")) == 8
    assert not start.recovery_view.continue_button.isEnabled()
    click(qtbot, start.recovery_view.continue_button)
    assert window.pages.currentWidget() is start.recovery_view  # nothing happens unticked

    start.recovery_view.stored.setChecked(True)
    with qtbot.waitSignal(window.vault_opened, timeout=WAIT_MS):
        click(qtbot, start.recovery_view.continue_button)
    assert start.recovery_view.key.text() == ""  # shown once
    assert window.pages.currentWidget() is window.case_list
    assert vaults.is_vault(tmp_path / "vault")


def test_mismatched_passphrases_are_refused_before_anything_is_made(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    click(qtbot, window.start.unlock_view.create_button)
    view = window.start.create_view
    type_text(view.name, SUPERVISOR)
    type_text(view.passphrase, PASSPHRASE)
    type_text(view.repeat, PASSPHRASE + "!")
    click(qtbot, view.create_button)
    assert "not the same" in view.error.text()
    assert not (tmp_path / "vault").exists()


def test_a_wrong_passphrase_says_so_and_clears_the_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    create_vault_through_ui(qtbot, window)
    window.lock()
    view = window.start.unlock_view
    assert window.pages.currentWidget() is view
    assert view.user.text() == SUPERVISOR  # who was working is remembered, not the passphrase

    type_text(view.passphrase, "not the passphrase")
    click(qtbot, view.unlock_button)
    assert view.passphrase.text() == ""
    qtbot.waitUntil(lambda: bool(view.error.text()), timeout=WAIT_MS)
    assert view.error.text() == "The user name or passphrase is not correct."
    assert window.vault is None
    # The vault makes the next try wait; the page counts down instead of freezing.
    assert not view.unlock_button.isEnabled()
    assert "try again" in view.status.text()


def test_unlocking_opens_the_case_list(qtbot: QtBot, window: MainWindow) -> None:
    create_vault_through_ui(qtbot, window)
    window.lock()
    assert window.case_list is None  # the pages with vault content are gone while locked
    unlock_through_ui(qtbot, window)
    assert window.is_unlocked
    assert window.pages.currentWidget() is window.case_list
    assert window.start.unlock_view.passphrase.text() == ""


def test_the_training_vault_opens_without_a_passphrase_and_is_marked(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.vault_opened, timeout=60_000):
        click(qtbot, window.start.unlock_view.training_button)
    assert window.vault is not None
    assert window.vault.is_training
    assert window.training_banner.isVisible()
    assert "TRAINING" in window.training_banner.text()
    assert window.case_list is not None
    assert window.case_list.cases.count() >= 1  # its fictional cases
    window.lock()
    assert not window.training_banner.isVisible()


def test_the_first_start_without_a_vault_opens_the_training_vault(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = dataclasses.replace(shell_config(tmp_path), open_training_when_no_vault=True)
    shell = MainWindow(config)
    qtbot.addWidget(shell)
    with qtbot.waitSignal(shell.vault_opened, timeout=60_000):
        shell.show()
    assert shell.vault is not None
    assert shell.vault.is_training
    shell.lock()  # after that, the start page stays: a real vault can be created from it
    view = shell.start.unlock_view
    assert shell.pages.currentWidget() is view
    assert view.create_button.isVisible()
    assert view.user.text() == "trainer"


def test_with_a_vault_the_first_start_asks_to_unlock_it(qtbot: QtBot, tmp_path: Path) -> None:
    config = dataclasses.replace(shell_config(tmp_path), open_training_when_no_vault=True)
    vaults.create(config.vault_dir, SUPERVISOR, PASSPHRASE, kdf=config.kdf)[0].lock()
    shell = MainWindow(config)
    qtbot.addWidget(shell)
    shell.show()
    assert shell.vault is None
    assert shell.start.unlock_view.user.isVisible()
