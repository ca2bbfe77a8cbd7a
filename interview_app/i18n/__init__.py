"""Interface strings in the interviewer's language: ``_``, ``ngettext``, ``pgettext`` and kin.

Import them (``from interview_app.i18n import _``); they are never put into builtins, so every
module that shows text says where its ``_`` comes from and extraction finds every call. The
interview language (the interviewee's) is separate: see :mod:`interview_app.i18n.catalogs`.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from pathlib import Path

from interview_app.i18n.compiled import load_translations
from interview_app.i18n.files import INTERFACE_DOMAIN
from interview_app.i18n.locales import SOURCE_LANGUAGE, is_interface_language, normalise

__all__ = [
    "_",
    "install_interface_language",
    "interface_language",
    "ngettext",
    "npgettext",
    "pgettext",
]


@dataclass
class _Interface:
    language: str = SOURCE_LANGUAGE
    # NullTranslations returns the English source text, with English plural rules.
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)


_current = _Interface()


def _(message: str) -> str:
    return _current.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.translations.npgettext(context, singular, plural, n)


def interface_language() -> str:
    return _current.language


def install_interface_language(code: str, translations_dir: Path | None = None) -> str:
    """Show the interface in ``code``; returns the language now in effect.

    Strings the catalogue does not translate (missing, fuzzy, any plural form empty) appear in
    English one by one. A supported language with no catalogue yet gives English throughout
    (the return value says so). LookupError for an unsupported code; CatalogError for a
    catalogue that cannot be read, leaving the current language in place.
    """
    language = normalise(code)
    if not is_interface_language(language):
        raise LookupError(f"unsupported interface language {code!r}")
    translations: gettext.NullTranslations | None = None
    if language != SOURCE_LANGUAGE:
        translations = load_translations(language, INTERFACE_DOMAIN, translations_dir)
    if translations is None:
        _current.language, _current.translations = SOURCE_LANGUAGE, gettext.NullTranslations()
    else:
        _current.language, _current.translations = language, translations
    return _current.language
