"""Compiled catalogues (``.mo``) for run time: built from the ``.po`` when missing or stale."""

# Reading a fresh .mo needs only the standard library's gettext; babel and the .po reader
# (about 45 ms of imports) are loaded only when a catalogue has to be compiled, so the start
# of the application does not pay for them.

from __future__ import annotations

import contextlib
import gettext
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from interview_app.errors import CatalogError
from interview_app.i18n.files import po_path, translations_root

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# Not a literal in the call, or extraction would take it for an interface string.
_PROBE = "plural rule probe"


def compile_mo(catalog: Catalog) -> bytes:
    """``.mo`` bytes holding only translated entries, so a missing one falls back to English.

    babel's write_mo keeps a plural entry with some forms empty and fills them with English;
    here such an entry is left out whole, so a message is never half translated.
    """
    from babel.messages.catalog import Catalog  # noqa: PLC0415 -- only when compiling
    from babel.messages.mofile import write_mo  # noqa: PLC0415

    from interview_app.i18n.catalogs import is_translated  # noqa: PLC0415

    kept = Catalog(locale=catalog.locale, domain=catalog.domain, charset="utf-8", fuzzy=False)
    kept.mime_headers = catalog.mime_headers
    kept.charset = "utf-8"
    for message in catalog:
        if message.id and is_translated(message, catalog.num_plurals):
            kept[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, kept)
    return buffer.getvalue()


def translations_from_mo(data: bytes, *, source: str) -> gettext.GNUTranslations:
    """Translations from ``.mo`` bytes; CatalogError if unreadable or its plural rule fails.

    gettext evaluates the plural rule on every lookup (even ``gettext``), so a rule that
    divides by zero is caught here, once, rather than in the middle of drawing a window.
    """
    try:
        translations = gettext.GNUTranslations(io.BytesIO(data))
        for n in range(200):
            translations.ngettext(_PROBE, _PROBE, n)
    except (OSError, UnicodeError, ValueError, LookupError, SyntaxError, ArithmeticError) as error:
        raise CatalogError(f"{source}: unreadable compiled catalogue ({error})") from error
    return translations


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` whole: a reader sees the old file or the new, never half."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the rename makes it the file
        os.chmod(temporary, 0o644)  # a catalogue anyone may read, like the sources
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _is_stale(mo: Path, po: Path) -> bool:
    # Equal times count as stale: on coarse clocks a .po saved right after compiling looks equal.
    return not mo.is_file() or mo.stat().st_mtime_ns <= po.stat().st_mtime_ns


def compile_catalog(po: Path, language: str) -> bytes:
    """Compile one ``.po`` and write its ``.mo`` beside it; returns the ``.mo`` bytes.

    A read-only installation still works: the bytes are returned even when writing fails.
    """
    from interview_app.i18n.catalogs import load_po  # noqa: PLC0415 -- babel, only when compiling

    data = compile_mo(load_po(po, language))
    # On failure the caller uses the bytes in memory; the build writes .mo files for real.
    with contextlib.suppress(OSError):
        write_atomically(po.with_suffix(".mo"), data)
    return data


def load_translations(
    language: str, domain: str, root: Path | None = None
) -> gettext.GNUTranslations | None:
    """Run-time translations of ``domain``, compiling first when the ``.mo`` is stale.

    None when there is neither a ``.po`` nor a ``.mo`` for the language.
    """
    po = po_path(translations_root(root), language, domain)
    mo = po.with_suffix(".mo")
    if po.is_file() and _is_stale(mo, po):
        data = compile_catalog(po, language)
    elif mo.is_file():
        try:
            data = mo.read_bytes()
        except OSError as error:
            raise CatalogError(f"{mo}: cannot read compiled catalogue") from error
    else:
        return None
    return translations_from_mo(data, source=str(mo))
