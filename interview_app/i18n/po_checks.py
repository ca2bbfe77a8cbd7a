"""Checks of a translator's ``.po`` that babel's reader does not make: header and duplicates."""

from __future__ import annotations

import re
from collections.abc import Sequence

from babel.messages.catalog import Catalog
from babel.messages.pofile import unescape

from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import CatalogKey, plural_rule, same_language, same_plural_rule
from interview_app.i18n.locales import normalise, plural_forms


class CatalogImportError(CatalogError):
    """A translator's file was refused; ``problems`` lists each as ``file:line: message``."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


# --- header ------------------------------------------------------------------------------------


def header_fields(text: str) -> tuple[int, dict[str, tuple[str, int]]] | None:
    """The header entry's line and its fields (lower-case name -> value, line); None if none."""
    lines = text.split("\n")
    number = 0
    while number < len(lines) and (not lines[number].strip() or lines[number].startswith("#")):
        number += 1
    if number == len(lines) or lines[number].strip() != 'msgid ""':
        return None
    header_line = number + 1
    fields: dict[str, tuple[str, int]] = {}
    pending, pending_line = "", 0
    number += 1
    in_msgstr = False
    while number < len(lines):
        line = lines[number].strip()
        if line.startswith("msgstr "):
            in_msgstr, line = True, line[len("msgstr ") :]
        if not in_msgstr or not (len(line) >= 2 and line[0] == line[-1] == '"'):
            break
        if not pending:
            pending_line = number + 1
        pending += unescape(line)
        while "\n" in pending:
            field, pending = pending.split("\n", 1)
            name, _, value = field.partition(":")
            fields[name.strip().lower()] = (value.strip(), pending_line)  # the last counts
            pending_line = number + 1
        number += 1
    if pending:
        name, _, value = pending.partition(":")
        fields[name.strip().lower()] = (value.strip(), pending_line)
    return header_line, fields


def check_header(text: str, source: str, language: str) -> None:
    expected = plural_forms(language)
    found = header_fields(text)
    if found is None:
        raise CatalogImportError(
            [
                f'{source}:1: the file has no header (msgid ""), so no Plural-Forms; '
                f"{language} needs {expected!r}"
            ]
        )
    header_line, fields = found
    problems = []
    plural = fields.get("plural-forms")
    if plural is None:
        problems.append(
            f"{source}:{header_line}: no Plural-Forms header; {language} needs {expected!r}"
        )
    else:
        rule = plural_rule(plural[0])
        if rule is None or not same_plural_rule(rule, expected):
            problems.append(
                f"{source}:{plural[1]}: Plural-Forms {plural[0]!r} does not pick the same forms "
                f"as {language}'s {expected!r}; reorder the msgstr[N] to match (Arabic: forms "
                "4 and 5 are swapped in many tools) and keep the header as written here"
            )
    named = fields.get("language")
    if named is not None and named[0] and not same_language(named[0], language):
        problems.append(f"{source}:{named[1]}: {_other_language(named[0], language)}")
    content_type = fields.get("content-type")
    charset = re.search(r"charset=([^\s;]+)", content_type[0]) if content_type else None
    if content_type and charset and charset[1].lower() not in ("utf-8", "utf8", "ascii"):
        problems.append(f"{source}:{content_type[1]}: the charset must be UTF-8, not {charset[1]}")
    if problems:
        raise CatalogImportError(problems)


def check_parsed_header(catalog: Catalog, source: str, language: str) -> None:
    # babel reads the header with an e-mail parser (folded lines, a blank line ends it): what
    # it understood must agree too, or msgstr[N] would be read under another rule.
    expected = plural_forms(language)
    if not same_plural_rule((catalog.num_plurals, catalog.plural_expr), expected):
        raise CatalogImportError(
            [
                f"{source}:1: the header is read as Plural-Forms {catalog.plural_forms!r}; "
                f"{language} needs {expected!r}"
            ]
        )
    named = catalog.locale_identifier
    if named and not same_language(named, language):
        raise CatalogImportError([f"{source}:1: {_other_language(named, language)}"])


def _other_language(named: str, language: str) -> str:
    message = f"the file is for {named!r}, not {language}"
    if normalise(named).split("_")[0] == language.split("_", maxsplit=1)[0]:
        # Poedit offers "French (France)"; the catalogues here are per language, not country.
        message += f"; if it is the same language, set the file's Language to {language}"
    return message


_KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


def duplicates(text: str, source: str) -> list[str]:
    """Entries given twice: babel would quietly merge them, msgfmt refuses the file."""
    seen: dict[CatalogKey, int] = {}
    problems: list[str] = []
    entry: dict[str, str] = {}
    keyword, start = "", 0

    def finish() -> None:
        if entry.get("msgid"):  # msgid "" is the header
            first = seen.setdefault((entry.get("msgctxt"), entry["msgid"]), start)
            if first != start:
                problems.append(f"{source}:{start}: this entry was already given at line {first}")

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        match = _KEYWORD.match(line)
        if match:
            keyword = match[1]
            if keyword == "msgctxt" or (keyword == "msgid" and "msgid" in entry):
                finish()
                entry, start = {}, number
            elif keyword == "msgid" and not entry:
                start = number
            entry[keyword] = unescape(match[2])
        elif line.startswith('"') and keyword in entry:
            entry[keyword] += unescape(line)
        elif line.startswith("#~"):
            keyword = ""  # obsolete entries are history, never merged
    finish()
    return problems
