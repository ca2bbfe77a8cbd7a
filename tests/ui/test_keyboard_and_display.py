"""Shortcuts from one table, accessible names, text size, bundled fonts, mirrored layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from interview_app import app as app_module
from interview_app.ui import fonts
from interview_app.ui.idle_lock import IdleLock
from interview_app.ui.main_window import MainWindow
from interview_app.ui.settings import Settings
from interview_app.ui.settings_dialog import SettingsDialog
from interview_app.ui.shortcuts import Shortcut
from tests.shell_support import create_vault_through_ui, shell_config

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    shell = MainWindow(shell_config(tmp_path))
    qtbot.addWidget(shell)
    shell.show()
    create_vault_through_ui(qtbot, shell)
    yield shell
    fonts.apply_scale(1.0)


def test_no_two_shortcuts_share_a_key_sequence() -> None:
    sequences = [member.sequence.toString() for member in Shortcut]
    assert all(sequences), "every member parses as a key sequence"
    assert len(sequences) == len(set(sequences))


def test_every_action_takes_its_shortcut_from_the_table(window: MainWindow) -> None:
    window.open_case(window.vault.repository.create_case().id)  # type: ignore[union-attr]
    known = {member.sequence.toString() for member in Shortcut}
    actions = window.findChildren(QAction)
    assert actions
    for action in actions:
        for sequence in action.shortcuts():
            assert sequence.toString() in known, action.text()


def test_buttons_and_fields_have_names_for_screen_readers(window: MainWindow) -> None:
    window.set_up_session(window.vault.repository.create_case().id)  # type: ignore[union-attr]
    for page in (window.case_list, window.session_setup, window.start.unlock_view):
        assert page is not None
        for kind in (QLineEdit, QComboBox, QListWidget):
            for widget in page.findChildren(kind):
                assert widget.accessibleName(), type(widget).__name__
        for button in page.findChildren(QAbstractButton):
            if isinstance(button.parent(), QLineEdit):
                continue  # a line edit's own clear button, named by Qt's accessibility layer
            assert button.text() or button.accessibleName()


def test_text_size_grows_and_shrinks_and_is_remembered(
    window: MainWindow, qapp: QApplication, tmp_path: Path
) -> None:
    base = qapp.font().pointSizeF()
    window.shell_actions.zoom_in.trigger()
    assert qapp.font().pointSizeF() > base
    assert Settings(tmp_path / "settings.ini").text_scale > 1.0
    window.shell_actions.zoom_out.trigger()
    window.shell_actions.zoom_out.trigger()
    assert qapp.font().pointSizeF() < base
    window.shell_actions.zoom_reset.trigger()
    assert qapp.font().pointSizeF() == pytest.approx(fonts.BASE_POINT_SIZE)
    for _ in range(30):
        window.shell_actions.zoom_in.trigger()
    assert qapp.font().pointSizeF() == pytest.approx(fonts.BASE_POINT_SIZE * fonts.MAX_SCALE)


def test_zoom_shortcut_is_control_plus() -> None:
    assert Shortcut.ZOOM_IN.sequence == QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Plus)


def test_bundled_fonts_cover_every_script_and_stay_small() -> None:
    families = fonts.register_fonts()
    for family in fonts.FAMILIES:
        assert family in families
        assert QFontDatabase.hasFamily(family)
    total = sum(path.stat().st_size for path in fonts.FONTS_DIR.iterdir())
    assert total <= 20 * 1024 * 1024
    assert (fonts.FONTS_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE")


@pytest.mark.parametrize(("language", "direction"), [
    ("ar", Qt.LayoutDirection.RightToLeft),
    ("fa", Qt.LayoutDirection.RightToLeft),
    ("en", Qt.LayoutDirection.LeftToRight),
])
def test_a_right_to_left_interface_mirrors_the_whole_app(
    qapp: QApplication, tmp_path: Path, language: str, direction: Qt.LayoutDirection
) -> None:
    settings = Settings(tmp_path / "settings.ini")
    settings.interface_language = language
    try:
        app_module.set_up_application(qapp, settings)
        assert qapp.layoutDirection() == direction
        assert qapp.font().families()[: len(fonts.FAMILIES)] == list(fonts.FAMILIES)
    finally:
        settings.interface_language = "en"
        app_module.set_up_application(qapp, settings)
        qapp.setStyleSheet("")


def test_settings_change_the_idle_lock_and_are_kept(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    idle = IdleLock(qapp, minutes=5)
    shell = MainWindow(shell_config(tmp_path), idle)
    qtbot.addWidget(shell)
    shell.shell_actions.settings.trigger()
    dialog = shell.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.idle_minutes.setValue(12)
    dialog.break_minutes.setValue(30)
    dialog.accept()
    assert idle.interval_ms == 12 * 60_000
    kept = Settings(tmp_path / "settings.ini")
    assert (kept.idle_minutes, kept.break_reminder_minutes) == (12, 30)
