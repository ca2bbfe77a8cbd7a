"""Composition root of the desktop app: process hygiene, Qt application, main window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtWidgets import QApplication

from interview_app import __version__
from interview_app.ui.main_window import MainWindow


def configure_logging() -> None:
    """Warnings and errors to stderr only; log lines carry ids, never case content."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def run() -> int:
    os.umask(0o077)  # everything the app writes is private to this user
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)  # noqa: S101 -- instance() is typed as QCoreApplication
    app.setApplicationName("Interview assistant")
    app.setApplicationVersion(__version__)
    window = MainWindow()
    window.show()
    return app.exec()
