"""Locks the vault after a quiet spell: an application-wide filter watches for any input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# Input that shows a person is at the keyboard; paint and timer events do not count.
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
})


class IdleLock(QObject):
    """Emits ``timed_out`` after ``minutes`` without input while armed."""

    timed_out = Signal()

    def __init__(self, app: QApplication, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self._app = app
        self.set_minutes(minutes)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        active = self._timer.isActive()
        self._timer.setInterval(milliseconds)
        if active:
            self._timer.start()

    def arm(self) -> None:
        """Start counting (after an unlock). The filter sees every event of the application,
        so it is installed only while there is something to lock."""
        self._app.removeEventFilter(self)
        self._app.installEventFilter(self)
        self._timer.start()

    def disarm(self) -> None:
        """Stop counting (while locked there is nothing to lock)."""
        self._timer.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restarting a running timer is cheap: no allocation
        return False
