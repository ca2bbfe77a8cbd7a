"""The interviewer's controls for the interviewee screen's reading aid: a menu and shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from interview_app.i18n import _
from interview_app.ui.interviewee_window import IntervieweeWindow
from interview_app.ui.reading_aid import ReadingAid
from interview_app.ui.shortcuts import Shortcut


class ReadingControls(QObject):
    """Text size, line spacing and language of the interviewee screen.

    Each action works from the interviewer's window and from the interviewee screen (an
    interpreter beside the person can reach the keyboard there). ``changed(ReadingAid)`` says
    when size or spacing changed, for the settings; the language choice is for this person
    only and is not kept.
    """

    changed = Signal(object)

    def __init__(self, window: IntervieweeWindow, owner: QWidget) -> None:
        super().__init__(owner)
        self._window = window
        self._owner = owner
        self.larger = self._action(_("Larger text on the interviewee screen"),
                                   Shortcut.READING_LARGER,
                                   lambda: self._set(window.reading.larger()))
        self.smaller = self._action(_("Smaller text on the interviewee screen"),
                                    Shortcut.READING_SMALLER,
                                    lambda: self._set(window.reading.smaller()))
        self.wider = self._action(_("More space between lines"), Shortcut.READING_SPACING_WIDER,
                                  lambda: self._set(window.reading.wider()))
        self.tighter = self._action(_("Less space between lines"),
                                    Shortcut.READING_SPACING_TIGHTER,
                                    lambda: self._set(window.reading.tighter()))
        self.language = self._action(_("Show the interviewee screen in the interface language"),
                                     Shortcut.READING_LANGUAGE, self._toggle_language)
        self.language.setCheckable(True)
        menu = QMenu(owner)
        for action in (self.larger, self.smaller, self.wider, self.tighter):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.language)
        self.button = QPushButton(_("Reading aid"))
        self.button.setAccessibleName(_("Reading aid for the interviewee screen"))
        self.button.setMenu(menu)

    def _action(self, text: str, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._owner)
        action.setShortcut(shortcut.sequence)
        action.setToolTip(f"{text} ({shortcut.sequence.toString()})")
        action.triggered.connect(lambda _checked=False: slot())
        self._owner.addAction(action)
        self._window.addAction(action)
        return action

    def _set(self, reading: ReadingAid) -> None:
        if reading != self._window.reading:
            self._window.set_reading(reading)
            self.changed.emit(reading)

    def _toggle_language(self) -> None:
        # A checkable action flips its own state before triggered: follow it.
        self._window.set_interface_language(self.language.isChecked())
