"""Composition root of the desktop app: process hygiene, language, fonts, services, window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from interview_app import __version__, crash_guard, paths
from interview_app.i18n import install_interface_language
from interview_app.i18n.locales import is_rtl
from interview_app.ui import fonts
from interview_app.ui.clipboard import ClipboardGuard
from interview_app.ui.idle_lock import IdleLock
from interview_app.ui.main_window import MainWindow
from interview_app.ui.settings import Settings
from interview_app.ui.shell_config import ShellConfig
from interview_app.ui.single_instance import SingleInstance, forward_to_running
from interview_app.ui.tasks import wait_for_background

STYLE_SHEET = paths.RESOURCES_DIR / "styles" / "app.qss"
log = logging.getLogger(__name__)


def configure_logging() -> None:
    """Warnings and errors to stderr only; log lines carry ids, never case content."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def settings_path() -> Path:
    directory = Path(platformdirs.user_config_dir(paths.APP_NAME, appauthor=False))
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory / "settings.ini"


def default_config(settings: Settings) -> ShellConfig:
    data = paths.user_data_dir()
    return ShellConfig(
        vault_dir=data / "vault",
        training_dir=data / "training-vault",
        forms_dir=paths.FORMS_DIR,
        settings=settings,
        open_training_when_no_vault=True,
    )


def set_up_application(app: QApplication, settings: Settings) -> str:
    """Language, direction, fonts and style; returns the interface language in effect."""
    requested = settings.interface_language
    language = install_interface_language(requested)
    # Qt's own strings (standard buttons, context menus) in the same language.
    translator = QTranslator(app)
    if translator.load(QLocale(language), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    # The layout follows the language asked for, so a right-to-left team gets a mirrored
    # window even while its catalogue is still being translated.
    direction = Qt.LayoutDirection.LeftToRight
    if is_rtl(requested):
        direction = Qt.LayoutDirection.RightToLeft
    app.setLayoutDirection(direction)
    fonts.register_fonts()
    fonts.apply_scale(settings.text_scale)
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    return language


def build_window(app: QApplication, config: ShellConfig) -> MainWindow:
    """The protections every window of the app shares, and the main window itself."""
    # Both watch every event of the app; the window switches them on while a vault is open.
    clipboard = ClipboardGuard(app, active=False)
    idle = IdleLock(app, config.settings.idle_minutes)
    return MainWindow(config, idle, clipboard)


def run() -> int:
    os.umask(0o077)  # everything the app writes is private to this user
    configure_logging()
    crash_guard.install()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)  # noqa: S101 -- instance() is typed as QCoreApplication
    app.setApplicationName("Interview assistant")
    app.setApplicationVersion(__version__)
    settings = Settings(settings_path())
    config = default_config(settings)
    if forward_to_running(config.vault_dir, config.training_dir):
        log.warning("another instance has the vault open; it was asked to come forward")
        return 0
    set_up_application(app, settings)
    window = build_window(app, config)
    SingleInstance(window).refused.connect(window.close)
    window.show()
    status = app.exec()
    wait_for_background()  # an unlock or a warm-up still running finishes before Python exits
    return status
