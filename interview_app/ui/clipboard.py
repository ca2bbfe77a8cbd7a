"""Nothing of an interview reaches the clipboard: copy and cut are refused everywhere in the app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

_REFUSED_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)
# Widgets whose context menu offers Copy; they get none (paste is still a key away).
_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QLabel,
                 QAbstractItemView)


def _refused(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in _REFUSED_KEYS)


class ClipboardGuard(QObject):
    """An application-wide filter that swallows copy/cut keys and copy menus, and, as a last
    line, empties any clipboard content this application itself put there."""

    def __init__(self, app: QApplication, *, active: bool = True) -> None:
        super().__init__(app)
        self._app = app
        self._clipboard = app.clipboard()
        if active:
            self.guard()
        self._clipboard.dataChanged.connect(self._empty_if_ours)
        self._clipboard.selectionChanged.connect(self._empty_selection_if_ours)

    def guard(self) -> None:
        """Refuse copy and cut from now on (while a vault is open)."""
        self._app.removeEventFilter(self)
        self._app.installEventFilter(self)

    def relax(self) -> None:
        """Stop filtering: with the vault locked nothing on screen is case content, and a
        filter that sees every event costs time (at start-up most of all)."""
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            if isinstance(event, QKeyEvent) and _refused(event):
                event.accept()
                return kind == QEvent.Type.KeyPress
        elif kind == QEvent.Type.ContextMenu:
            parent = watched.parent() if not isinstance(watched, _TEXT_WIDGETS) else watched
            if isinstance(parent, _TEXT_WIDGETS):
                return True
        return False

    def _empty_if_ours(self) -> None:
        data = self._clipboard.mimeData(QClipboard.Mode.Clipboard)
        if data is None or not data.formats():
            return  # already empty (clearing it announces a change too)
        if self._clipboard.ownsClipboard() or self._in_front():
            self._clipboard.clear(QClipboard.Mode.Clipboard)

    @staticmethod
    def _in_front() -> bool:
        # Some platforms (offscreen, Wayland without focus) never report ownership; a change
        # while this app is in front can only come from it.
        return QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive

    def _empty_selection_if_ours(self) -> None:
        # X11 copies every selection to the primary selection, which a middle click pastes.
        if self._clipboard.ownsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
