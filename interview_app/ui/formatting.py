"""Dates, times and numbers as the interface language writes them, with its own digits."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from PySide6.QtCore import QLocale

from interview_app.i18n import interface_language
from interview_app.i18n.locales import SOURCE_LANGUAGE, describe, is_pseudo, normalise

ASCII_DIGITS = "0123456789"


@cache
def _babel_locale(language: str) -> Locale:
    """The locale babel formats with: the pseudo-locale borrows English; a bare language its
    likely territory (ar -> ar_EG), whose separators go with the digits QLocale gives."""
    code = SOURCE_LANGUAGE if is_pseudo(language) else normalise(language)
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)
    if locale.territory:
        return locale
    likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(
        locale.language
    )
    return Locale.parse(str(likely)) if likely else locale


@cache
def _digit_table(language: str) -> dict[int, int] | None:
    """ASCII digits to the locale's own, or None where it writes ASCII digits.

    babel only ever prints ASCII digits; QLocale knows the native ones (Persian for fa,
    Arabic-Indic for ar, which stands for ar_EG as in CLDR's likely subtags).
    """
    try:
        native = describe(normalise(language)).native_digits
    except LookupError:
        return None
    if not native:
        return None
    zero = QLocale(str(_babel_locale(language))).zeroDigit()
    if len(zero) != 1 or zero == "0":
        return None
    return str.maketrans(ASCII_DIGITS, "".join(chr(ord(zero) + n) for n in range(10)))


def _language(language: str | None) -> str:
    return interface_language() if language is None else language


def digits(text: str, language: str | None = None) -> str:
    """``text`` with its ASCII digits written as the language writes them."""
    table = _digit_table(_language(language))
    return text if table is None else text.translate(table)


def number(value: float, language: str | None = None) -> str:
    """A count or a number: 1,234 (en), 1 234 (fr), ۱٬۲۳۴ (fa), ١٬٢٣٤ (ar)."""
    code = _language(language)
    text = format_decimal(value, locale=_babel_locale(code), numbering_system="default")
    return digits(text, code)


def date_text(value: dt.date | str, language: str | None = None) -> str:
    """A calendar date, medium length (21 Mar 2026); a stored ISO string is read for its date
    part only, so the day shown is the day recorded, in no other time zone."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value  # not a date after all: shown as stored rather than hidden
    else:
        day = value
    code = _language(language)
    return digits(format_date(day, "medium", locale=_babel_locale(code)), code)


def long_date_text(value: dt.date, language: str | None = None) -> str:
    """A date written out (21 March 2026), for an answer the person gave."""
    code = _language(language)
    return digits(format_date(value, "long", locale=_babel_locale(code)), code)


def month_text(year: int, month: int, language: str | None = None) -> str:
    """A month of a year (March 2026), for a date known only to the month."""
    code = _language(language)
    text = format_skeleton("yMMMM", dt.date(year, month, 1), locale=_babel_locale(code))
    return digits(text, code)


def year_text(year: int, language: str | None = None) -> str:
    """A year alone; never grouped (2026, not 2,026)."""
    return digits(str(year), _language(language))


def duration_text(elapsed: dt.timedelta, language: str | None = None) -> str:
    """hours:minutes (1:05); seconds are left out."""
    minutes = max(0, int(elapsed.total_seconds()) // 60)
    return digits(f"{minutes // 60}:{minutes % 60:02d}", _language(language))
