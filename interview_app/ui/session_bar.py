"""The strip above the interview: session clock, break reminder, break and window buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from interview_app.i18n import _, ngettext
from interview_app.ui.formatting import duration_text, number
from interview_app.ui.widgets import PlainLabel


def clock_text(elapsed: dt.timedelta) -> str:
    """hh:mm of interview time; seconds would only add pressure."""
    return _("Session time {time}").format(time=duration_text(elapsed))


class SessionBar(QWidget):
    """Care for the person at a glance: how long this has lasted, and a break one click away.

    The reminder is a suggestion in words, never a pop-up that takes the keyboard away.
    """

    break_clicked = Signal()
    reminder_dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = PlainLabel()
        self.clock.setObjectName("sessionClock")
        self.clock.setWordWrap(False)
        self.clock.setAccessibleName(_("Session time, breaks not counted"))
        self.break_button = QPushButton(_("Break"))
        self.window_button = QPushButton(_("Interviewee screen"))
        self.window_button.setCheckable(True)
        self.review_button = QPushButton(_("Review answers"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.clock)
        row.addStretch(1)
        for button in (self.window_button, self.review_button, self.break_button):
            row.addWidget(button)
        self._row = row

        self.reminder = QFrame()
        self.reminder.setObjectName("breakReminder")
        self.reminder.setFrameShape(QFrame.Shape.StyledPanel)
        self.reminder_text = PlainLabel()
        take = QPushButton(_("Take a break"))
        later = QPushButton(_("Later"))
        reminder_row = QHBoxLayout(self.reminder)
        reminder_row.addWidget(self.reminder_text, 1)
        reminder_row.addWidget(take)
        reminder_row.addWidget(later)
        self.reminder.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reminder)
        self.break_button.clicked.connect(self.break_clicked)
        take.clicked.connect(self.break_clicked)
        later.clicked.connect(self._later)

    def add_beside_window_button(self, widget: QWidget) -> None:
        """A control that goes with the interviewee screen, placed next to its button."""
        self._row.insertWidget(self._row.indexOf(self.window_button) + 1, widget)

    def _later(self) -> None:
        self.reminder.hide()
        self.reminder_dismissed.emit()

    def show_time(self, elapsed: dt.timedelta) -> None:
        self.clock.setText(clock_text(elapsed))

    def suggest_break(self, after: dt.timedelta) -> None:
        minutes = int(after.total_seconds()) // 60
        self.reminder_text.setText(
            ngettext(
                "{minutes} minute without a break. Ask the person whether they would like one.",
                "{minutes} minutes without a break. Ask the person whether they would like one.",
                minutes,
            ).format(minutes=number(minutes))
        )
        self.reminder.show()
