"""Quick-hide: every window gives way at once to a blank, neutral screen that says nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from interview_app.i18n import _
from interview_app.ui.shortcuts import Shortcut


def hide_windows(keep: QWidget | None = None) -> list[QWidget]:
    """Hide every visible top-level window except ``keep``; returns what was hidden."""
    hidden = [
        window
        for window in QApplication.topLevelWidgets()
        if window.isVisible() and window is not keep
    ]
    for window in hidden:
        window.hide()
    return hidden


class NeutralScreen(QWidget):
    """A plain, empty window with a generic title: nothing on it tells what the app is for.

    The same quick-hide key, or a double click, asks to return (to the unlock page).
    """

    return_requested = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        # Translators: the title of the blank window shown by quick-hide; keep it bland.
        self.setWindowTitle(_("Untitled"))
        self.setObjectName("NeutralScreen")
        self.setStyleSheet("#NeutralScreen { background: #f4f4f2; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Blank page"))

    def cover(self, geometry_of: QWidget | None) -> None:
        """Show in place of ``geometry_of`` (same size and position), in front, with focus."""
        if geometry_of is not None:
            self.setGeometry(geometry_of.geometry())
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(Shortcut.QUICK_HIDE.sequence) == QKeySequence.SequenceMatch.ExactMatch:
            self.return_requested.emit()
            return
        event.accept()  # every other key is swallowed: nothing happens, nothing shows

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.return_requested.emit()
        event.accept()
