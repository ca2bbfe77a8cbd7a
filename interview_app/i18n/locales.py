"""Supported languages: code, names, writing direction, digits and gettext plural rule."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from babel import Locale

# babel (CLDR data, about 20 ms to import) is loaded inside the functions that describe a
# language, not here: the start of the application only checks and normalises codes.

SOURCE_LANGUAGE = "en"

# Directory names under translations/ use babel's identifiers: underscores, script subtags kept.
SUPPORTED_CODES: tuple[str, ...] = (
    "en", "fr", "es", "de", "ar", "ru", "fa", "uk", "ro", "bg", "sq", "vi", "zh_Hans", "th", "ti",
    "am",
)  # fmt: skip

PSEUDO_LANGUAGE = "en_XA"
"""Generated pseudo-English (accented, padded, bracketed) for testing layouts: never offered to
users, but accepted wherever a language code is, so screenshots can use it."""
_PSEUDO_BASES = {PSEUDO_LANGUAGE: "en"}  # CLDR has no en_XA; it borrows English's rules

RTL_CODES = frozenset({"ar", "fa"})
"""The offered languages CLDR writes right to left, so the start of the application can set
its layout direction without loading babel; a test keeps this equal to :func:`describe`."""


@dataclass(frozen=True)
class Language:
    """One language the application offers, described from CLDR data rather than by hand.

    ``native_digits`` says that the language's usual locale writes numbers with its own digits
    (Arabic-Indic for ar, Persian for fa). babel prints ASCII digits only, so the UI must format
    numbers and dates with QLocale for these languages; this table only records the fact.
    """

    code: str
    english_name: str
    native_name: str
    direction: Literal["ltr", "rtl"]
    numbering_system: str
    native_digits: bool

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def normalise(code: str) -> str:
    """``zh-Hans`` and ``zh_Hans`` name the same thing; the directory layout uses underscores."""
    return code.strip().replace("-", "_")


def is_pseudo(code: str) -> bool:
    return normalise(code) in _PSEUDO_BASES


def _locale(code: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 -- see the note at the top

    code = normalise(code)
    try:
        return Locale.parse(_PSEUDO_BASES.get(code, code))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise LookupError(f"unknown language code {code!r}") from error


def _likely_locale(locale: Locale) -> Locale:
    """The full locale a bare language stands for (ar -> ar_Arab_EG), as QLocale resolves it too.

    Digits depend on the territory (ar_EG uses Arabic-Indic digits, ar_MA Latin ones), so the
    answer for a bare code follows CLDR's likely subtags, which is also what ``QLocale("ar")`` uses.
    """
    from babel import Locale  # noqa: PLC0415
    from babel.core import get_global  # noqa: PLC0415

    if locale.territory:
        return locale
    likely = get_global("likely_subtags")
    candidates = [str(locale), locale.language]
    for key in candidates:
        if key in likely:
            return Locale.parse(str(likely[key]))
    return locale


@cache
def describe(code: str) -> Language:
    """The table entry for any locale babel knows; LookupError for an unknown code."""
    if is_pseudo(code):
        return Language(normalise(code), "Pseudo-English", "Pseudo-English", "ltr", "latn", False)
    locale = _locale(code)
    numbering = _likely_locale(locale).default_numbering_system
    direction: Literal["ltr", "rtl"] = "rtl" if locale.text_direction == "rtl" else "ltr"
    return Language(
        code=str(locale),
        english_name=locale.get_display_name("en") or str(locale),
        native_name=locale.get_display_name(locale) or str(locale),
        direction=direction,
        numbering_system=numbering,
        native_digits=numbering != "latn",
    )


def supported_languages() -> tuple[Language, ...]:
    """Every language the application offers, in the order of :data:`SUPPORTED_CODES`."""
    return tuple(describe(code) for code in SUPPORTED_CODES)


def is_supported(code: str) -> bool:
    """Whether the application offers this language (the pseudo-locale is not offered)."""
    return normalise(code) in SUPPORTED_CODES


def is_interface_language(code: str) -> bool:
    """Whether the interface can be shown in ``code``: an offered language or the pseudo-locale."""
    return is_supported(code) or is_pseudo(code)


def is_rtl(code: str) -> bool:
    """Whether text in this language runs right to left (ar, fa); LookupError for unknown codes."""
    code = normalise(code)
    if is_interface_language(code):
        return code in RTL_CODES
    return describe(code).is_rtl


@cache
def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header babel writes for this language, e.g. ``nplurals=3; plural=…``.

    Every catalogue must keep exactly this header: its msgstr[N] order was written for it.
    """
    from babel.messages.catalog import Catalog  # noqa: PLC0415

    return Catalog(locale=_locale(code)).plural_forms


def num_plurals(code: str) -> int:
    from babel.messages.catalog import Catalog  # noqa: PLC0415

    return Catalog(locale=_locale(code)).num_plurals
