"""Build-time catalogue work behind scripts/translations.py: extract, init, update, compile, check.

Templates are written without source locations and keep their POT-Creation-Date unless a
message changed, so a diff of ``translations/`` shows only real changes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

from interview_app.errors import CatalogError, FormError
from interview_app.i18n.catalogs import (
    DOMAINS,
    FORMS_DOMAIN,
    INTERFACE_DOMAIN,
    catalogue_languages,
    load_po,
    po_path,
    template_path,
)
from interview_app.i18n.compiled import compile_catalog, compile_mo, translations_from_mo
from interview_app.i18n.glossary import glossary_path, load_glossary
from interview_app.i18n.locales import PSEUDO_LANGUAGE, is_pseudo, normalise, num_plurals
from interview_app.i18n.pseudo import pseudo_catalog

PROJECT = "interview-app"
COMMENT_TAGS = ("Translators:",)
# Which catalogue each babel.cfg extraction method feeds.
METHOD_DOMAINS = {"python": INTERFACE_DOMAIN, "interview_form": FORMS_DOMAIN}
HEADER_COMMENTS = {
    INTERFACE_DOMAIN: "# Interface strings of interview-app (the interviewer's language).",
    FORMS_DOMAIN: "# Interview scripts of interview-app (the interviewee's language).",
}
_GENERATED = "# Made by `make translations`: edit the sources, not this file."
_WIDTH = 76
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)


@dataclass(frozen=True)
class Mapping:
    """One domain's part of babel.cfg: (pattern, method) pairs and their options."""

    methods: list[tuple[str, str]]
    options: dict[str, dict[str, Any]]


def read_mapping(path: Path) -> dict[str, Mapping]:
    """babel.cfg split by catalogue: python sources -> interface, scripts -> forms."""
    with path.open(encoding="utf-8") as stream:
        methods, options = parse_mapping_cfg(stream, str(path))  # type: ignore[no-untyped-call]
    mappings = {domain: Mapping([], {}) for domain in DOMAINS}
    for pattern, method in methods:
        if method not in METHOD_DOMAINS:
            raise CatalogError(f"{path}: no catalogue is defined for extraction method {method}")
        mapping = mappings[METHOD_DOMAINS[method]]
        mapping.methods.append((pattern, method))
        mapping.options[pattern] = options.get(pattern, {})
    return mappings


def extract_template(source: Path, domain: str, mapping: Mapping) -> Catalog:
    """The template of ``domain`` from the files under ``source`` that ``mapping`` selects.

    A broken script raises FormError (``file:line: message``) instead of being skipped.
    """
    template = Catalog(
        project=PROJECT,
        domain=domain,
        charset="utf-8",
        fuzzy=False,
        header_comment=f"{HEADER_COMMENTS[domain]}\n{_GENERATED}",
    )
    found = extract_from_dir(
        source,
        method_map=mapping.methods,
        options_map=mapping.options,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=COMMENT_TAGS,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            locations=[(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=_WIDTH, no_location=True, include_previous=True)
    return buffer.getvalue()


def without_creation_date(data: bytes) -> bytes:
    return _CREATION_DATE.sub(b"", data)


def _write_if_changed(path: Path, data: bytes, *, ignore_creation_date: bool = False) -> bool:
    old = path.read_bytes() if path.is_file() else None
    if old is not None:
        same = (
            without_creation_date(old) == without_creation_date(data)
            if ignore_creation_date
            else old == data
        )
        if same:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract(
    source: Path, translations: Path, mapping_file: Path, domains: Sequence[str] = DOMAINS
) -> list[Path]:
    """Write each domain's ``.pot``; returns the templates that changed."""
    mappings = read_mapping(mapping_file)
    changed = []
    for domain in domains:
        data = render(extract_template(source, domain, mappings[domain]))
        pot = template_path(translations, domain)
        if _write_if_changed(pot, data, ignore_creation_date=True):
            changed.append(pot)
    return changed


def _singular(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def updated(catalog: Catalog, template: Catalog) -> Catalog:
    """``catalog`` merged with ``template``, as ``pybabel update`` would, minus one loss.

    babel marks an entry whose msgid changed but resembles an old one fuzzy (old text kept as
    ``#| msgid`` for the translator) and keeps vanished entries as obsolete ``#~`` lines. On the
    next update it forgets the ``#|`` text of entries still fuzzy; it is put back here, so
    running ``make translations`` twice changes nothing.
    """
    previous = {(_singular(m), m.context): m.previous_id for m in catalog if m.previous_id}
    catalog.update(template, update_creation_date=True)
    for message in catalog:
        if message.id and message.fuzzy and not message.previous_id:
            message.previous_id = previous.get((_singular(message), message.context), [])
    return catalog


def new_catalog(template: Catalog, language: str, domain: str) -> Catalog:
    """An empty translation of ``template`` into ``language``, with babel's header for it."""
    catalog = Catalog(
        locale=language,
        domain=domain,
        project=PROJECT,
        charset="utf-8",
        fuzzy=False,
        header_comment=f"{HEADER_COMMENTS[domain]}\n# {language} translation.",
    )
    catalog.creation_date = template.creation_date
    catalog.revision_date = datetime.now(UTC)
    plural_blank = ("",) * num_plurals(language)
    for message in template:
        if message.id:
            message.string = plural_blank if message.pluralizable else ""
            catalog[message.id] = message
    return catalog


def init(translations: Path, language: str, domains: Sequence[str] = DOMAINS) -> list[Path]:
    """Start catalogues for a new language from the templates; never overwrites one."""
    language = normalise(language)
    if is_pseudo(language):
        raise CatalogError(f"{language} is generated: run `scripts/translations.py pseudo`")
    created = []
    for domain in domains:
        po = po_path(translations, language, domain)
        pot = template_path(translations, domain)
        if po.exists() or not pot.is_file():
            continue
        catalog = new_catalog(load_po(pot), language, domain)
        _write_if_changed(po, render(catalog))
        created.append(po)
    return created


def update(translations: Path, domains: Sequence[str] = DOMAINS) -> list[Path]:
    """Merge each ``.po`` with its template; returns the catalogues that changed.

    The pseudo-translation, when present, is regenerated instead, so `make translations`
    keeps it current even before its Makefile target runs ``pseudo``.
    """
    changed = []
    for domain in domains:
        pot = template_path(translations, domain)
        if not pot.is_file():
            continue
        for language in catalogue_languages(translations, domain):
            po = po_path(translations, language, domain)
            if is_pseudo(language):
                data = pseudo(load_po(pot), domain)  # regenerated whole, never merged
            else:
                data = render(updated(load_po(po, language), load_po(pot)))
            if _write_if_changed(po, data):
                changed.append(po)
    return changed


def pseudo(template: Catalog, domain: str) -> bytes:
    """The en_XA catalogue of ``domain`` generated from its template, as written to disk."""
    header = f"{HEADER_COMMENTS[domain]}\n# {PSEUDO_LANGUAGE} pseudo-translation.\n{_GENERATED}"
    return render(pseudo_catalog(template, domain, project=PROJECT, header=header))


def write_pseudo(translations: Path, domains: Sequence[str] = DOMAINS) -> list[Path]:
    """Regenerate the en_XA catalogues from the templates; returns those that changed."""
    changed = []
    for domain in domains:
        pot = template_path(translations, domain)
        if not pot.is_file():
            continue
        po = po_path(translations, PSEUDO_LANGUAGE, domain)
        if _write_if_changed(po, pseudo(load_po(pot), domain)):
            changed.append(po)
    return changed


def compile_all(translations: Path, domains: Sequence[str] = DOMAINS) -> list[Path]:
    """Compile every ``.po`` to its ``.mo``; CatalogError on the first that cannot be read."""
    written = []
    for domain in domains:
        for language in catalogue_languages(translations, domain):
            po = po_path(translations, language, domain)
            compile_catalog(po, language)
            written.append(po.with_suffix(".mo"))
    return written


def check(
    source: Path, translations: Path, mapping_file: Path, domains: Sequence[str] = DOMAINS
) -> list[str]:
    """Problems CI must fail on: stale templates, catalogues not updated or not compilable."""
    problems: list[str] = []
    try:
        mappings = read_mapping(mapping_file)
    except (OSError, CatalogError) as error:
        return [str(error)]
    glossary = glossary_path(translations)
    if glossary.is_file():
        try:
            load_glossary(glossary)
        except CatalogError as error:
            problems.append(str(error))
    for domain in domains:
        pot = template_path(translations, domain)
        try:
            fresh = render(extract_template(source, domain, mappings[domain]))
        except FormError as error:
            problems.append(str(error))
            continue
        if not pot.is_file():
            problems.append(f"{pot}: missing; run `make translations`")
            continue
        if without_creation_date(pot.read_bytes()) != without_creation_date(fresh):
            problems.append(f"{pot}: out of date with the sources; run `make translations`")
        problems.extend(_check_catalogues(translations, domain, pot))
    return problems


def _check_catalogues(translations: Path, domain: str, pot: Path) -> Iterable[str]:
    for language in catalogue_languages(translations, domain):
        po = po_path(translations, language, domain)
        try:
            catalog = load_po(po, language)
            translations_from_mo(compile_mo(catalog), source=str(po))
            if is_pseudo(language):
                stale = po.read_bytes() != pseudo(load_po(pot), domain)
            else:
                # Both sides go through babel's writer, so a translator's tool may wrap
                # differently.
                merged = render(updated(load_po(po, language), load_po(pot)))
                stale = merged != render(catalog)
        except (CatalogError, OSError) as error:
            yield str(error)
            continue
        if stale:
            yield f"{po}: not updated from {pot.name}; run `make translations`"
