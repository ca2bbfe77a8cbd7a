"""Helpers for tests of the shell: a window on temporary folders, typing, waiting for unlocks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from interview_app.storage.kdf import KdfParams
from interview_app.ui.main_window import MainWindow
from interview_app.ui.settings import Settings
from interview_app.ui.shell_config import ShellConfig
from tests.interview_support import click as click_where_it_reacts

REPO_ROOT = Path(__file__).resolve().parent.parent
FORMS = REPO_ROOT / "tests" / "data" / "forms"
TINY_KDF = KdfParams(iterations=1, memory_kib=8, lanes=1)
SUPERVISOR = "ana"
PASSPHRASE = "correct horse battery"  # noqa: S105 -- a test vault's passphrase
WAIT_MS = 10_000  # an unlock with tiny key-derivation parameters takes milliseconds


def shell_config(tmp_path: Path, translations: Path | None = None) -> ShellConfig:
    return ShellConfig(
        vault_dir=tmp_path / "vault",
        training_dir=tmp_path / "training",
        forms_dir=FORMS,
        settings=Settings(tmp_path / "settings.ini"),
        translations_dir=translations,
        kdf=TINY_KDF,
    )


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, as an input method commits it: QTest's keyClicks aborts on non-ASCII."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press and release sent straight to ``widget`` (shortcuts see it too)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click once the page holding ``button`` is laid out (a page just shown may not be yet),
    where the button reacts (a check box's box and text, not its empty width)."""
    qtbot.waitUntil(lambda: button.isVisible() and not button.rect().isEmpty())
    click_where_it_reacts(qtbot, button)


def tick(qtbot: QtBot, box: QWidget) -> None:
    """Toggle a check box from the keyboard (a click in a wide box's empty part does nothing)."""
    qtbot.waitUntil(box.isVisible)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def create_vault_through_ui(qtbot: QtBot, window: MainWindow) -> str:
    """Create the vault page by page, as a supervisor would; returns the recovery key shown."""
    start = window.start
    click(qtbot, start.unlock_view.create_button)
    view = start.create_view
    type_text(view.name, SUPERVISOR)
    type_text(view.passphrase, PASSPHRASE)
    type_text(view.repeat, PASSPHRASE)
    click(qtbot, view.create_button)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is start.recovery_view, timeout=WAIT_MS)
    key = start.recovery_view.key.text()
    tick(qtbot, start.recovery_view.stored)
    with qtbot.waitSignal(window.vault_opened, timeout=WAIT_MS):
        click(qtbot, start.recovery_view.continue_button)
    return key


def unlock_through_ui(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    view = window.start.unlock_view
    view.user.setText(SUPERVISOR)
    type_text(view.passphrase, passphrase)
    with qtbot.waitSignal(window.vault_opened, timeout=WAIT_MS):
        click(qtbot, view.unlock_button)
