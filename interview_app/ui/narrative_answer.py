"""A narrative answer: the words as said, their translation, and who translated them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QPlainTextEdit, QWidget

from interview_app.domain.answer_validation import narrative
from interview_app.domain.model import Answer, JsonValue
from interview_app.i18n import _
from interview_app.interview_text import Prompt
from interview_app.ui.answer_widgets import AnswerWidget, Extras, direction
from interview_app.ui.widgets import PlainLabel


class NarrativeAnswer(AnswerWidget):
    """Two fields kept apart, because a statement must show both what was said and how it was
    rendered: the original in the interview language (and its direction), the translation in
    the interface language. "Translated by" offers the session's interpreters and takes any name.
    """

    def __init__(
        self,
        prompt: Prompt,
        rtl: bool,
        translators: list[tuple[int, str]],
        needs_translation: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(prompt, rtl, parent)
        # The form reads in the interviewer's direction; each field writes in its language's.
        self.unsetLayoutDirection()
        self.translators = translators
        self.original = QPlainTextEdit()
        self.original.setLayoutDirection(direction(rtl))
        self.original.setAccessibleName(_("Words as said"))
        self.original.setTabChangesFocus(True)
        self.translation = QPlainTextEdit()
        self.translation.setAccessibleName(_("Translation"))
        self.translation.setTabChangesFocus(True)
        self.translated_by = QComboBox()
        self.translated_by.setEditable(True)
        self.translated_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.translated_by.setAccessibleName(_("Translated by"))
        for _participant, name in translators:
            self.translated_by.addItem(name)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(PlainLabel(_("Words as said")), self.original)
        if needs_translation:
            form.addRow(PlainLabel(_("Translation")), self.translation)
            form.addRow(PlainLabel(_("Translated by")), self.translated_by)
        else:
            self.translation.hide()
            self.translated_by.hide()
        for signal in (self.original.textChanged, self.translation.textChanged):
            signal.connect(self.changed)
        self.translated_by.currentTextChanged.connect(lambda _text: self.changed.emit())

    def _translation(self) -> str | None:
        text = self.translation.toPlainText()
        return text if text.strip() and not self.translation.isHidden() else None

    def _translator(self) -> str | None:
        name = self.translated_by.currentText().strip()
        return name if name and self._translation() is not None else None

    def value(self) -> JsonValue | None:
        original = self.original.toPlainText()
        if not original.strip():
            return None
        return narrative(original, self._translation(), self._translator())

    def extras(self) -> Extras:
        original = self.original.toPlainText()
        name = self._translator()
        participant = next((pid for pid, n in self.translators if n == name), None)
        return Extras(
            text=original if original.strip() else None,
            translation=self._translation(),
            translated_by=participant,
        )

    def set_answer(self, answer: Answer | None) -> None:
        if answer is None or not isinstance(answer.value, dict):
            return
        original, translation, by = (
            answer.value.get(k) for k in ("original", "translation", "translated_by")
        )
        if isinstance(original, str):
            self.original.setPlainText(original)
        if isinstance(translation, str):
            self.translation.setPlainText(translation)
        if isinstance(by, str):
            self.translated_by.setCurrentText(by)

    def first_input(self) -> QWidget | None:
        return self.original
