"""Protection: quick-hide covers every window and locks; idle lock; nothing on the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from interview_app.ui.clipboard import ClipboardGuard
from interview_app.ui.idle_lock import IdleLock
from interview_app.ui.main_window import MainWindow
from tests.shell_support import (
    create_vault_through_ui,
    press,
    shell_config,
    type_text,
    unlock_through_ui,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, qapp: QApplication) -> MainWindow:
    idle = IdleLock(qapp, minutes=5)
    shell = MainWindow(shell_config(tmp_path), idle)
    qtbot.addWidget(shell)
    qtbot.addWidget(shell.neutral)
    shell.show()
    create_vault_through_ui(qtbot, shell)
    yield shell
    qapp.removeEventFilter(idle)


def test_quick_hide_replaces_every_window_and_locks(qtbot: QtBot, window: MainWindow) -> None:
    assert window.vault is not None
    case = window.vault.repository.create_case("Rose")
    window.open_case(case.id)
    other = QWidget()  # stands for the interviewee's window
    qtbot.addWidget(other)
    other.show()

    press(window, Qt.Key.Key_F12)

    assert window.neutral.isVisible()
    assert not window.isVisible()
    assert not other.isVisible()
    assert window.vault is None
    assert window.case_page is None
    assert window.neutral.windowTitle() == "Untitled"
    assert not window.neutral.findChildren(QWidget)  # a blank page: nothing to read on it

    press(window.neutral, Qt.Key.Key_A)  # any other key does nothing
    assert window.neutral.isVisible()
    press(window.neutral, Qt.Key.Key_F12)
    assert window.isVisible()
    assert not window.neutral.isVisible()
    assert window.pages.currentWidget() is window.start.unlock_view

    unlock_through_ui(qtbot, window)
    assert window.case_page is not None
    assert window.case_page.case_id == case.id


def test_the_toolbar_button_hides_too(qtbot: QtBot, window: MainWindow) -> None:
    window.shell_actions.quick_hide.trigger()
    assert window.neutral.isVisible()
    assert window.vault is None


def test_idle_lock_locks_after_the_quiet_spell_and_input_postpones_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    idle = window.idle
    assert idle is not None
    assert idle.armed
    assert idle.interval_ms == 5 * 60_000
    idle.set_interval_ms(300)
    qtbot.wait(150)
    press(window, Qt.Key.Key_Shift)  # someone is at the keyboard
    qtbot.wait(200)
    assert window.is_unlocked
    with qtbot.waitSignal(window.vault_locked, timeout=2000):
        pass
    assert window.vault is None
    assert not idle.armed
    assert window.pages.currentWidget() is window.start.unlock_view


@pytest.fixture
def guarded(qapp: QApplication) -> ClipboardGuard:
    guard = ClipboardGuard(qapp)
    qapp.clipboard().clear()
    yield guard
    qapp.removeEventFilter(guard)
    guard.deleteLater()


def test_copy_and_cut_leave_the_clipboard_empty(
    qtbot: QtBot, qapp: QApplication, guarded: ClipboardGuard
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    type_text(field, "اسمي سميرة 我叫")
    field.selectAll()
    qtbot.keySequence(field, QKeySequence.StandardKey.Copy)
    qtbot.keySequence(field, QKeySequence.StandardKey.Cut)
    assert qapp.clipboard().text() == ""
    assert field.text() == "اسمي سميرة 我叫"  # cut did not take it either

    listing = QListWidget()
    qtbot.addWidget(listing)
    listing.addItem("C-2026-0001  ·  Rose")
    listing.setCurrentRow(0)
    listing.show()
    qtbot.keySequence(listing, QKeySequence.StandardKey.Copy)
    assert qapp.clipboard().text() == ""


def test_what_the_app_puts_on_the_clipboard_is_taken_off_again(
    qtbot: QtBot, qapp: QApplication, guarded: ClipboardGuard
) -> None:
    front = QWidget()
    qtbot.addWidget(front)
    front.show()
    front.activateWindow()
    qtbot.waitUntil(lambda: qapp.applicationState() == Qt.ApplicationState.ApplicationActive)
    qapp.clipboard().setText("interview content", QClipboard.Mode.Clipboard)
    qapp.processEvents()
    assert qapp.clipboard().text() == ""
