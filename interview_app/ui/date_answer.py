"""A date as precise as the person can give it: a year, a month, a day, or "about" a year."""

from __future__ import annotations

from babel.dates import get_month_names
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from interview_app.domain.answer_validation import approximate_date
from interview_app.domain.model import Answer, JsonValue
from interview_app.i18n import _, interface_language
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import AnswerWidget
from interview_app.ui.widgets import PlainLabel


def month_names() -> list[str]:
    """Month names in the interface language (the interviewer picks, the person says)."""
    names = get_month_names("wide", locale=interface_language())
    return [names[m] for m in range(1, 13)]


class DateAnswer(AnswerWidget):
    """Year (needed), month and day (optional), and "about" when even the year is a guess.

    Nobody is pressed for a precise date: an empty month or day is a complete answer.
    """

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        # The fields are the interviewer's: in their reading order, not the interview's.
        self.unsetLayoutDirection()
        self.year = QLineEdit()
        self.year.setValidator(QIntValidator(1, 9999, self.year))
        self.year.setMaxLength(4)
        self.year.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 8)
        self.year.setAccessibleName(_("Year"))
        self.month = QComboBox()
        self.month.setAccessibleName(_("Month"))
        self.month.addItem(_("month not known"), None)
        for number, name in enumerate(month_names(), start=1):
            self.month.addItem(name, number)
        self.day = QComboBox()
        self.day.setAccessibleName(_("Day"))
        self.day.addItem(_("day not known"), None)
        for number in range(1, 32):
            self.day.addItem(str(number), number)
        self.about = QCheckBox(_("about (an estimate)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, field in (
            (_("Year"), self.year), (_("Month"), self.month), (_("Day"), self.day)
        ):
            caption = PlainLabel(label)
            caption.setWordWrap(False)
            caption.setBuddy(field)
            layout.addWidget(caption)
            layout.addWidget(field)
        layout.addWidget(self.about)
        layout.addStretch(1)
        self.year.textChanged.connect(self.changed)
        self.year.returnPressed.connect(self.submitted)
        self.month.currentIndexChanged.connect(self._month_changed)
        self.day.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.about.toggled.connect(lambda _on: self.changed.emit())
        self._month_changed()

    def _month_changed(self) -> None:
        # A day without a month means nothing; the engine would refuse it anyway.
        has_month = self.month.currentData() is not None
        self.day.setEnabled(has_month)
        if not has_month:
            self.day.setCurrentIndex(0)
        self.changed.emit()

    def value(self) -> JsonValue | None:
        if not self.year.hasAcceptableInput():
            return None
        month = self.month.currentData()
        day = self.day.currentData()
        return approximate_date(
            int(self.year.text()),
            month if isinstance(month, int) else None,
            day if isinstance(day, int) else None,
            self.about.isChecked(),
        )

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None or not isinstance(answer.value, dict):
            return
        data = answer.value
        year, month, day = data.get("year"), data.get("month"), data.get("day")
        if isinstance(year, int):
            self.year.setText(str(year))
        if isinstance(month, int):
            self.month.setCurrentIndex(self.month.findData(month))
        if isinstance(day, int):
            self.day.setCurrentIndex(self.day.findData(day))
        self.about.setChecked(data.get("about") is True)

    def first_input(self) -> QWidget | None:
        return self.year
