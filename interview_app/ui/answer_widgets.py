"""Answer widgets: one input per item kind, each giving a value in the engine's JSON encoding."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QDoubleValidator, QIntValidator, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.domain.model import Answer, ItemKind, JsonValue
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.widgets import PlainLabel


@dataclass(frozen=True)
class Extras:
    """What the vault keeps beside a value: the words as said, their translation and by whom."""

    text: str | None = None
    translation: str | None = None
    translated_by: int | None = None


def direction(rtl: bool) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight


def quiet(widget: QWidget) -> None:
    """Text between the window's text colour and its background: secondary, still readable."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        (text.red() * 3 + back.red() * 2) // 5,
        (text.green() * 3 + back.green() * 2) // 5,
        (text.blue() * 3 + back.blue() * 2) // 5,
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    widget.setPalette(palette)


def secondary(
    text: str, under_rtl: bool | None = None, indent: int = 0, *, own_rtl: bool = False
) -> PlainLabel:
    """The interface-language echo of a spoken text: quieter than the original.

    ``under_rtl`` puts it on the same physical side as the spoken text above it (right for
    Arabic), whatever its own direction; ``indent`` keeps it clear of a check box indicator.
    A plain label reads Left and Right relative to its text, so the side needs AlignAbsolute.
    ``own_rtl`` is the direction of the text itself (English in an Arabic interface stays LTR).
    """
    label = PlainLabel(text)
    label.setObjectName("secondary")
    label.setLayoutDirection(direction(own_rtl))
    quiet(label)
    if under_rtl is None:
        label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    elif under_rtl:
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        label.setContentsMargins(0, 0, indent, 4)
    else:
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        label.setContentsMargins(indent, 0, 0, 4)
    return label


class AnswerWidget(QWidget):
    """Base of every answer input: renders one item and reports a value, never saves it.

    ``value()`` is None while the input does not hold a whole answer yet. ``submitted`` asks
    the view to record the value now (Enter in a one-line field).
    """

    changed = Signal()
    submitted = Signal()

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.rtl = rtl
        self.setLayoutDirection(direction(rtl))

    def value(self) -> JsonValue | None:
        raise NotImplementedError

    def set_answer(self, answer: Answer | None) -> None:
        """Show an earlier answer, so changing it starts from what was said."""

    def extras(self) -> Extras:
        return Extras()

    def first_input(self) -> QWidget | None:
        """Where the keyboard goes when the item is shown."""
        return None

    def both(self, spoken: str, interface: str) -> str | None:
        """The interface text when it differs from the spoken one, else None."""
        return interface if interface != spoken else None

    def echo(self, spoken: str, interface: str | None, indent: int = 0) -> PlainLabel | None:
        """The interface wording under a spoken one, on its side; None when they are the same."""
        other = self.both(spoken, interface or "")
        if other is None:
            return None
        return secondary(other, self.rtl, indent, own_rtl=self.prompt.interface_rtl)


class NoteAnswer(AnswerWidget):
    """A note is read aloud; recording it says so."""

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = PlainLabel(_("Read this aloud, then go on."))
        hint.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        layout.addWidget(hint)

    def value(self) -> JsonValue | None:
        return True


class TextAnswer(AnswerWidget):
    """A short text in whatever script the person uses."""

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        self.field = QLineEdit()
        self.field.setAccessibleName(_("Answer"))
        if prompt.item.max_length is not None:
            self.field.setMaxLength(prompt.item.max_length)
        self.field.textChanged.connect(self.changed)
        self.field.returnPressed.connect(self.submitted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)

    def value(self) -> JsonValue | None:
        text = self.field.text()
        return text if text.strip() else None

    def set_answer(self, answer: Answer | None) -> None:
        if answer is not None and isinstance(answer.value, str):
            self.field.setText(answer.value)

    def first_input(self) -> QWidget | None:
        return self.field


class NumberAnswer(AnswerWidget):
    """A number, whole where the item says so, with its unit beside it."""

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        item = prompt.item
        self.field = QLineEdit()
        self.field.setAccessibleName(_("Number"))
        self.field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 14)
        low = int(item.minimum) if item.minimum is not None else -(2**31)
        high = int(item.maximum) if item.maximum is not None else 2**31 - 1
        if item.integer:
            self.field.setValidator(QIntValidator(low, high, self.field))
        else:
            validator = QDoubleValidator(self.field)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            self.field.setValidator(validator)
        self.field.textChanged.connect(self.changed)
        self.field.returnPressed.connect(self.submitted)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        if prompt.spoken.unit:
            layout.addWidget(PlainLabel(prompt.spoken.unit))
            echo = self.echo(prompt.spoken.unit, item.unit)
            if echo is not None:
                layout.addWidget(echo)
        layout.addStretch(1)

    def value(self) -> JsonValue | None:
        text = self.field.text().strip()
        if not text or not self.field.hasAcceptableInput():
            return None
        # The validator follows the locale (a decimal comma in French); read it the same way.
        number, ok = self.field.locale().toDouble(text)
        if not ok:
            return None
        return int(number) if self.prompt.item.integer else number

    def set_answer(self, answer: Answer | None) -> None:
        if answer is not None and isinstance(answer.value, int | float):
            value = answer.value
            shown = str(value) if isinstance(value, int) else self.field.locale().toString(value)
            self.field.setText(shown)

    def first_input(self) -> QWidget | None:
        return self.field


class YesNoAnswer(AnswerWidget):
    """Yes or no; anything else is a non-response, chosen with its own button."""

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        self.yes = QRadioButton(_("Yes"))
        self.no = QRadioButton(_("No"))
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_args: self.changed.emit())

    def value(self) -> JsonValue | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_answer(self, answer: Answer | None) -> None:
        if answer is not None and isinstance(answer.value, bool):
            (self.yes if answer.value else self.no).setChecked(True)

    def first_input(self) -> QWidget | None:
        return self.yes


class ScaleAnswer(AnswerWidget):
    """A row of points from minimum to maximum, its two ends named."""

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        item, spoken = prompt.item, prompt.spoken
        low = int(item.minimum if item.minimum is not None else 1)
        high = int(item.maximum if item.maximum is not None else 5)
        self.group = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[int, QRadioButton] = {}
        for column, point in enumerate(range(low, high + 1)):
            button = QRadioButton(str(point))
            button.setAccessibleName(_("Point {number}").format(number=point))
            self.group.addButton(button, point)
            self.buttons[point] = button
            grid.addWidget(button, 0, column, Qt.AlignmentFlag.AlignHCenter)
        last = high - low
        for column, spoken_text, interface_text in (
            (0, spoken.min_label, item.min_label),
            (last, spoken.max_label, item.max_label),
        ):
            if spoken_text:
                label = PlainLabel(spoken_text)
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                grid.addWidget(label, 1, column)
                echo = self.echo(spoken_text, interface_text)
                if echo is not None:
                    echo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                    grid.addWidget(echo, 2, column)
        # Equal steps look equal: every point gets the same width, whatever its label.
        for column in range(last + 1):
            grid.setColumnStretch(column, 1)
            grid.setColumnMinimumWidth(column, self.fontMetrics().horizontalAdvance("0") * 8)
        self.group.idToggled.connect(lambda *_args: self.changed.emit())

    def value(self) -> JsonValue | None:
        checked = self.group.checkedId()
        return checked if checked in self.buttons else None

    def set_answer(self, answer: Answer | None) -> None:
        if answer is not None and isinstance(answer.value, int):
            button = self.buttons.get(answer.value)
            if button is not None:
                button.setChecked(True)

    def first_input(self) -> QWidget | None:
        return next(iter(self.buttons.values()), None)


SIMPLE_WIDGETS: dict[ItemKind, type[AnswerWidget]] = {
    ItemKind.NOTE: NoteAnswer,
    ItemKind.TEXT: TextAnswer,
    ItemKind.NUMBER: NumberAnswer,
    ItemKind.YES_NO: YesNoAnswer,
    ItemKind.SCALE: ScaleAnswer,
}
