"""Every keyboard shortcut of the app, in one place, so none collide and all can be listed."""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QKeySequence


class Shortcut(Enum):
    """Each member's value is the key sequence; widgets take shortcuts only from here."""

    QUICK_HIDE = "F12"
    LOCK = "Ctrl+L"
    NEXT = "Ctrl+Return"
    BACK = "Ctrl+Backspace"
    DECLINED = "Ctrl+D"
    DONT_KNOW = "Ctrl+K"
    NOT_ASKED = "Ctrl+Shift+N"
    NOT_APPLICABLE = "Ctrl+Shift+A"
    BREAK = "Ctrl+B"
    OBSERVATION = "Ctrl+I"
    INTERVIEWEE_WINDOW = "Ctrl+Shift+W"
    REVIEW = "Ctrl+R"
    NEW_CASE = "Ctrl+N"
    FIND_CASE = "Ctrl+F"
    ZOOM_IN = "Ctrl++"
    ZOOM_OUT = "Ctrl+-"
    ZOOM_RESET = "Ctrl+0"
    CASE_LIST = "Ctrl+Shift+C"
    NEW_SESSION = "Ctrl+Shift+S"
    START_SESSION = "Ctrl+Shift+Return"
    SETTINGS = "Ctrl+,"
    EXPORT = "Ctrl+E"
    # The interviewee screen's reading aid, from either window.
    READING_LARGER = "Ctrl+Shift+Up"
    READING_SMALLER = "Ctrl+Shift+Down"
    READING_SPACING_WIDER = "Ctrl+Shift+PgDown"
    READING_SPACING_TIGHTER = "Ctrl+Shift+PgUp"
    READING_LANGUAGE = "Ctrl+Shift+L"

    @property
    def sequence(self) -> QKeySequence:
        return QKeySequence(self.value)
