"""Catalogues on disk: reading, completeness, draft marks, and scripts in interview languages.

Layout under a translations root (``interview_app.paths.TRANSLATIONS_DIR`` unless given)::

    interview_app.pot, forms.pot                      templates, extracted, committed
    <lang>/LC_MESSAGES/interview_app.po, forms.po     translations, committed
    <lang>/LC_MESSAGES/*.mo                           build outputs, never committed

Status (complete, fuzzy, draft) needs the ``.po``: fuzzy flags and translator comments are not
in a ``.mo``. Interface strings at run time come from the ``.mo`` (:mod:`.compiled`). Scripts
are translated from the checked ``.po`` catalogue, so the completeness check and the text shown
come from one and the same object.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, unescape

from interview_app.domain.model import Form
from interview_app.errors import CatalogError
from interview_app.i18n.extract import Site, form_messages, rewrite_form

# The catalogue layout lives in .files (the start path reads a .mo through it, without babel);
# its names stay importable from here.
from interview_app.i18n.files import DOMAINS as DOMAINS  # noqa: PLC0414
from interview_app.i18n.files import FORMS_DOMAIN as FORMS_DOMAIN  # noqa: PLC0414
from interview_app.i18n.files import INTERFACE_DOMAIN as INTERFACE_DOMAIN  # noqa: PLC0414
from interview_app.i18n.files import mo_path as mo_path  # noqa: PLC0414
from interview_app.i18n.files import po_path as po_path  # noqa: PLC0414
from interview_app.i18n.files import template_path as template_path  # noqa: PLC0414
from interview_app.i18n.files import translations_root as translations_root  # noqa: PLC0414
from interview_app.i18n.locales import is_pseudo, normalise, plural_forms

CatalogKey = tuple[str | None, str]
"""``(msgctxt, msgid)``; for a plural entry the msgid is its singular, as babel keys it."""

DRAFT_MARK = "draft"
"""A translator comment ``# draft`` (or ``# draft: why``) marks a translation as unreviewed."""


def catalogue_languages(root: Path, domain: str) -> list[str]:
    """Languages with a ``.po`` for ``domain`` under ``root``, sorted by code."""
    if not root.is_dir():
        return []
    return sorted(
        entry.name for entry in root.iterdir() if po_path(root, entry.name, domain).is_file()
    )


# --- reading -----------------------------------------------------------------------------------


def _expected_plural_forms(language: str, source: str) -> str:
    try:
        return plural_forms(language)
    except LookupError as error:
        raise CatalogError(f"{source}: {language!r} is not a language code") from error


def plural_rule(value: str) -> tuple[int, str] | None:
    """``(nplurals, expression)`` of a Plural-Forms value as gettext reads it; None if unusable."""
    probe = Catalog(locale=None)
    try:
        probe.mime_headers = [("Plural-Forms", value)]
        return probe.num_plurals, probe.plural_expr
    except (ValueError, LookupError):  # e.g. "nplurals=x"
        return None


def same_plural_rule(rule: tuple[int, str], expected: str) -> bool:
    """Whether ``rule`` picks the same msgstr index as the Plural-Forms ``expected`` for every n.

    Compared by behaviour, not text: GNU tools write the same rule without outer parentheses.
    """
    wanted = plural_rule(expected)
    if wanted is None or rule[0] != wanted[0]:
        return False
    try:
        ours, theirs = gettext.c2py(rule[1]), gettext.c2py(wanted[1])
        # Rules look at n, n%10 and n%100 only, so 0..1099 meets every case they can tell apart.
        return all(ours(n) == theirs(n) for n in range(1100))
    except (ValueError, RecursionError, ArithmeticError):  # e.g. "plural=n%0"
        return False


def _same_rule(catalog: Catalog, expected: str) -> bool:
    return same_plural_rule((catalog.num_plurals, catalog.plural_expr), expected)


_PREVIOUS_KEYWORDS = ("msgctxt", "msgid", "msgid_plural")


def _previous_id(comments: list[str]) -> tuple[list[str], list[str]]:
    """Split translator comments into real ones and a ``#|`` previous msgid (singular, plural)."""
    kept: list[str] = []
    parts: dict[str, list[str]] = {}
    keyword: str | None = None
    for comment in comments:
        body = comment[1:].strip() if comment.startswith("|") else None
        if body is None:
            kept.append(comment)
            keyword = None
            continue
        word, _, rest = body.partition(" ")
        if word in _PREVIOUS_KEYWORDS and rest.startswith('"'):
            keyword = word
            parts[keyword] = [rest]
        elif keyword is not None and body.startswith('"'):
            parts[keyword].append(body)
        else:
            kept.append(comment)
    previous = [
        "".join(unescape(part) for part in parts[word])
        for word in ("msgid", "msgid_plural")
        if word in parts
    ]
    return kept, previous


def _restore_previous_ids(catalog: Catalog) -> None:
    # babel writes a fuzzy entry's old msgid as "#| msgid ..." but reads it back as a translator
    # comment "| msgid ...", which the next write would turn into a stray "# | msgid" line.
    # Put it back where it belongs, so the translator sees what changed and rewrites are stable.
    for message in [*catalog, *catalog.obsolete.values()]:
        kept, previous = _previous_id(message.user_comments)
        if previous or len(kept) != len(message.user_comments):
            message.user_comments = kept
            message.previous_id = previous


def parse_po(data: bytes, *, source: str, language: str | None = None) -> Catalog:
    """A catalogue from ``.po`` bytes; CatalogError for anything gettext would misread.

    With ``language`` (a translation, not a template) the catalogue must say it is for that
    language, if it says at all, and must keep babel's Plural-Forms for it: msgstr[N] order is
    only meaningful under the rule it was written for (Arabic's forms 4 and 5 differ between
    babel and other tools). ``source`` names the file in messages.
    """
    language = normalise(language) if language else None
    expected = _expected_plural_forms(language, source) if language else None
    try:
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    except PoFileError as error:
        # babel counts lines from 0 and appends " on N" to its message: say file:line instead.
        problem = str(error).rsplit(" on ", 1)[0]
        raise CatalogError(f"{source}:{error.lineno + 1}: {problem}") from error
    except (UnicodeError, LookupError, ValueError, UnknownLocaleError) as error:
        # Bad charset names, undecodable bytes, unknown Language values, non-numeric nplurals.
        raise CatalogError(f"{source}: unreadable catalogue ({error})") from error
    _restore_previous_ids(catalog)
    if language is None:
        return catalog
    found = catalog.locale_identifier  # the Language header, else the language asked for
    if found is None:  # an empty Language header
        catalog.locale = normalise(language)
    elif not same_language(found, language):
        raise CatalogError(f"{source}: catalogue is for {found}, but it is filed under {language}")
    if expected is not None and not _same_rule(catalog, expected):
        raise CatalogError(
            f"{source}: Plural-Forms is {catalog.plural_forms!r}; {language} needs {expected!r}"
        )
    return catalog


def same_language(found: str, wanted: str) -> bool:
    """Whether a Language header value names ``wanted`` (``zh-Hans`` is ``zh_Hans``; ``fr_FR`` is
    not ``fr``, since its directory would be ``fr_FR``)."""
    found, wanted = normalise(found), normalise(wanted)
    if found == wanted:
        return True
    try:
        return str(Locale.parse(found)) == str(Locale.parse(wanted))
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def catalog_language(catalog: Catalog) -> str | None:
    """The language a catalogue is for, as filed (babel's Locale cannot name a pseudo-locale)."""
    found = catalog.locale_identifier
    return normalise(found) if found else None


def load_po(path: Path, language: str | None = None) -> Catalog:
    """Read a ``.po`` (with ``language``) or a ``.pot`` (without); CatalogError if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"{path}: cannot read catalogue ({error.strerror})") from error
    return parse_po(data, source=str(path), language=language)


def load_catalog(language: str, domain: str, root: Path | None = None) -> Catalog:
    """The ``.po`` catalogue of ``domain`` for ``language`` (for status and scripts)."""
    return load_po(po_path(translations_root(root), language, domain), language)


# --- entry states and completeness -------------------------------------------------------------


def _strings(message: Message) -> tuple[str, ...]:
    string = message.string
    if string is None:
        return ()
    if isinstance(string, str):
        return (string,)
    return tuple(string)


def is_translated(message: Message, num_plurals: int) -> bool:
    """Every form filled in and not fuzzy; a plural entry needs all ``num_plurals`` forms.

    babel's ``--statistics`` counts ``('', '')`` as translated (a non-empty tuple); this does not.
    """
    strings = _strings(message)
    if message.pluralizable and len(strings) != num_plurals:
        return False
    return bool(strings) and all(strings) and not message.fuzzy


def is_draft(message: Message) -> bool:
    """A translator comment ``draft`` or ``draft: …`` marks an unreviewed translation."""
    for comment in message.user_comments:
        word = comment.strip().lower()
        if word == DRAFT_MARK or word.startswith(f"{DRAFT_MARK}:"):
            return True
    return False


@dataclass(frozen=True)
class Completeness:
    """How much of a set of expected messages a catalogue translates.

    Every expected message is in exactly one of ``translated``, ``fuzzy`` or ``missing``
    (no entry, or an entry with an empty msgstr in any plural form). ``draft`` counts the
    translated ones marked ``# draft``: they may be used, but shown with a draft mark.
    """

    translated: int
    fuzzy: int
    missing: int
    draft: int
    total: int

    @property
    def is_complete(self) -> bool:
        return self.translated == self.total and self.fuzzy == 0 and self.missing == 0

    @property
    def is_draft(self) -> bool:
        return self.draft > 0


def _state(message: Message | None, num_plurals: int) -> str:
    if message is None or not all(_strings(message)):
        return "missing"
    if message.fuzzy:
        return "fuzzy"
    return "translated" if is_translated(message, num_plurals) else "missing"


def count(catalog: Catalog, expected: list[CatalogKey]) -> Completeness:
    """Completeness of ``catalog`` against the ``expected`` keys (duplicates counted once)."""
    keys = list(dict.fromkeys(expected))
    tally = {"translated": 0, "fuzzy": 0, "missing": 0}
    draft = 0
    for context, msgid in keys:
        message = catalog.get(msgid, context)
        state = _state(message, catalog.num_plurals)
        tally[state] += 1
        if state == "translated" and message is not None and is_draft(message):
            draft += 1
    return Completeness(draft=draft, total=len(keys), **tally)


def completeness(catalog: Catalog, form: Form) -> Completeness:
    """How much of ``form``'s text ``catalog`` translates; other scripts' entries are ignored."""
    return count(catalog, [message.key for message in form_messages(form)])


def template_completeness(catalog: Catalog, template: Catalog) -> Completeness:
    """Completeness against a ``.pot`` (the interface catalogue's expected messages)."""
    keys: list[CatalogKey] = [
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in template
        if message.id
    ]
    return count(catalog, keys)


def translated_form(form: Form, catalog: Catalog) -> Form:
    """``form`` with every string in the catalogue's language; CatalogError unless complete.

    The interview language never falls back to the source text: a fuzzy or missing entry
    makes the whole script unavailable in that language.
    """
    language = catalog_language(catalog)
    if language is None:
        raise CatalogError(f"catalogue for {form.id} names no language")
    status = completeness(catalog, form)
    if not status.is_complete:
        raise CatalogError(
            f"{language} translation of {form.id} is incomplete: "
            f"{status.translated} of {status.total} translated, "
            f"{status.fuzzy} fuzzy, {status.missing} missing"
        )

    def translate(text: str, site: Site) -> str:
        message = catalog.get(text, site.msgctxt)
        if message is None or not isinstance(message.string, str):
            raise CatalogError(f"{language}: {site.where} is not a plain entry")
        return message.string

    return replace(rewrite_form(form, translate), language=language)


# --- interview languages -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptLanguage:
    """A language a script can be run in; ``draft`` asks the UI for a "draft translation" mark."""

    code: str
    draft: bool = False


def interview_languages(
    form: Form, root: Path | None = None, *, include_pseudo: bool = False
) -> list[ScriptLanguage]:
    """The script's own language first, then each language whose catalogue completes it.

    An incomplete, fuzzy or unreadable catalogue simply does not offer its language here;
    ``interview-app translations status`` and ``make check-translations`` say why. The
    pseudo-locale is for screenshots and layout tests, so it is listed only when asked for.
    """
    base = translations_root(root)
    found = [ScriptLanguage(normalise(form.language))]
    for language in catalogue_languages(base, FORMS_DOMAIN):
        if normalise(language) == found[0].code or (is_pseudo(language) and not include_pseudo):
            continue
        try:
            status = completeness(load_catalog(language, FORMS_DOMAIN, base), form)
        except CatalogError:
            continue
        if status.is_complete:
            found.append(ScriptLanguage(language, draft=status.is_draft))
    return found


def script_in_language(form: Form, language: str, root: Path | None = None) -> Form:
    """``form`` itself in its own language, else translated; CatalogError unless complete."""
    if normalise(language) == normalise(form.language):
        return form
    return translated_form(form, load_catalog(language, FORMS_DOMAIN, root))
