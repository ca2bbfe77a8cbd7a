"""Single and multiple choice, with the "other, specify" field an option may ask for."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.domain.answer_validation import choice, choices
from interview_app.domain.model import Answer, ItemKind, JsonValue
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import AnswerWidget


class ChoiceAnswer(AnswerWidget):
    """One button per option, labelled as said to the person, the interface wording beneath.

    Radio buttons for a single choice, check boxes for several. An exclusive option ("none of
    these") clears the others when chosen, and is cleared when another one is.
    """

    def __init__(self, prompt: Prompt, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(prompt, rtl, parent)
        self.multiple = prompt.item.kind is ItemKind.MULTI_CHOICE
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: dict[str, QAbstractButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth)
        for option, spoken in zip(prompt.item.options, prompt.spoken.options, strict=True):
            button: QAbstractButton = (
                QCheckBox(spoken.label) if self.multiple else QRadioButton(spoken.label)
            )
            button.setAccessibleName(option.label)
            self.group.addButton(button)
            self.buttons[option.value] = button
            layout.addWidget(button)
            echo = self.echo(spoken.label, option.label, indent + 8)
            if echo is not None:
                layout.addWidget(echo)  # under the button's text, not under its indicator
        self.specify = QLineEdit()
        self.specify.setPlaceholderText(_("Please specify"))
        self.specify.setAccessibleName(_("Please specify"))
        self.specify.textChanged.connect(self.changed)
        self.specify.returnPressed.connect(self.submitted)
        layout.addWidget(self.specify)
        self.group.buttonToggled.connect(self._toggled)
        self._update_specify()

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if self.multiple and checked:
            chosen = self._value_of(button)
            option = self.prompt.item.option(chosen) if chosen else None
            for value, other in self.buttons.items():
                other_option = self.prompt.item.option(value)
                clash = option is not None and other_option is not None and (
                    option.exclusive or other_option.exclusive
                )
                if other is not button and clash and other.isChecked():
                    other.setChecked(False)
        self._update_specify()
        self.changed.emit()

    def _value_of(self, button: QAbstractButton) -> str | None:
        return next((v for v, b in self.buttons.items() if b is button), None)

    def _chosen(self) -> list[str]:
        return [value for value, button in self.buttons.items() if button.isChecked()]

    def _asks_to_specify(self) -> bool:
        item = self.prompt.item
        return any(
            option.specify for value in self._chosen() if (option := item.option(value))
        )

    def _update_specify(self) -> None:
        self.specify.setVisible(self._asks_to_specify())

    def value(self) -> JsonValue | None:
        chosen = self._chosen()
        if not chosen:
            return None
        specify: str | None = None
        if self._asks_to_specify():
            if not self.specify.text().strip():
                return None
            specify = self.specify.text()
        return choices(chosen, specify) if self.multiple else choice(chosen[0], specify)

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None or not isinstance(answer.value, dict):
            return
        data = answer.value
        picked = data.get("options") if self.multiple else [data.get("option")]
        for value in picked if isinstance(picked, list) else []:
            button = self.buttons.get(value) if isinstance(value, str) else None
            if button is not None:
                button.setChecked(True)
        specify = data.get("specify")
        if isinstance(specify, str):
            self.specify.setText(specify)
        self._update_specify()

    def first_input(self) -> QWidget | None:
        return next(iter(self.buttons.values()), None)

    def option_button(self, value: str) -> QAbstractButton:
        return self.buttons[value]
