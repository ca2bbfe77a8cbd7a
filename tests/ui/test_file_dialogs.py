"""The folders Qt's file dialog remembers in clear are forgotten; its other settings stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from interview_app.ui.file_dialogs import forget_visited_folders

pytestmark = pytest.mark.gui


def test_visited_folders_and_sidebar_places_are_forgotten(qtbot: QtBot) -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    settings.setValue("history", ["file:///home/me/Exports for Amal"])
    settings.setValue("lastVisited", "file:///home/me/Exports for Amal")
    settings.setValue("shortcuts", ["file:///home/me/Exports for Amal"])
    settings.setValue("viewMode", "Detail")
    settings.endGroup()
    settings.sync()

    forget_visited_folders()

    again = QSettings(QSettings.Scope.UserScope, "QtProject")
    again.beginGroup("FileDialog")
    keys = set(again.childKeys())
    assert not keys & {"history", "lastVisited", "shortcuts"}
    assert "viewMode" in keys  # Qt's other file-dialog settings stay
    path = again.fileName()
    with open(path, encoding="utf-8") as file:
        assert "Amal" not in file.read()
