"""Fixed words of a document in a given language, and the direction each paragraph runs."""

from __future__ import annotations

import gettext
from pathlib import Path

from babel import Locale

from interview_app.documents.model import Direction, Style, Text, direction_for, direction_of
from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import INTERFACE_DOMAIN
from interview_app.i18n.compiled import load_translations
from interview_app.i18n.locales import SOURCE_LANGUAGE, describe, is_rtl, normalise


# Named N_ because babel extracts that name by default.
def N_(message: str) -> str:
    """Marks a message for extraction; it is translated later, into a chosen language."""
    return message


class Tongue:
    """The interface catalogue of one language, whatever the interface shows now.

    A document has two languages (record and interview), so the process-wide ``_`` of
    :mod:`interview_app.i18n` cannot serve it. Untranslated words come out in English; a
    broken catalogue does too, rather than stopping an export.
    """

    def __init__(self, language: str, translations_root: Path | None = None) -> None:
        self.language = normalise(language)
        try:
            self.rtl = is_rtl(self.language)
        except LookupError:
            self.rtl = False
        found: gettext.NullTranslations | None = None
        if self.language != SOURCE_LANGUAGE:
            try:
                found = load_translations(self.language, INTERFACE_DOMAIN, translations_root)
            except CatalogError:
                found = None
        self._translations = found or gettext.NullTranslations()

    @property
    def direction(self) -> Direction:
        return direction_of(self.rtl)

    def _(self, message: str) -> str:
        return self._translations.gettext(message)

    def has(self, message: str) -> bool:
        """Whether this language says ``message`` in words of its own (English does)."""
        return self.language == SOURCE_LANGUAGE or self._(message) != message

    def text(self, message: str, style: Style = Style.NORMAL) -> Text:
        """A fixed message in this language, in the direction its words actually run (an
        untranslated message is English, even in an Arabic document)."""
        words = self._(message)
        return Text(words, direction_for(words, self.direction), style)

    def name(self, code: str) -> str:
        """A language's name in this language, with its code: ``français (fr)``."""
        try:
            locale = Locale.parse(describe(code).code)
            display = locale.get_display_name(self.language.split("_")[0]) or code
        except (LookupError, ValueError):
            display = code
        return f"{display} ({code})"


def user_text(text: str, tongue: Tongue, style: Style = Style.NORMAL) -> Text:
    """A person's words, in the direction of the language they are expected in."""
    return Text(text, direction_for(text, tongue.direction), style)


def user_lines(text: str, tongue: Tongue, style: Style = Style.NORMAL) -> list[Text]:
    """A person's words line by line, each line in its own direction: an answer may hold a
    Latin address under an Arabic sentence."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [user_text(line, tongue, style) for line in lines]
