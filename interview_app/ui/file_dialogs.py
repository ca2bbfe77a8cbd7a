"""Qt's own file dialog writes the folders it visited to a plain file; the app forgets them."""

from __future__ import annotations

from PySide6.QtCore import QSettings

# Qt keeps these for every Qt application of the user in ~/.config/QtProject.conf, in clear:
# a folder named after a case ("Exports for Amal") would stay there after the folder is gone.
_VISITED = ("history", "lastVisited", "shortcuts")  # shortcuts: sidebar folders


def forget_visited_folders() -> None:
    """Remove the folder history a closed (non-native) QFileDialog saved; other keys stay."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    for key in _VISITED:
        settings.remove(key)
    settings.endGroup()
    settings.sync()
