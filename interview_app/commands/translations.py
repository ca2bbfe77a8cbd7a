"""`interview-app translations status` and `import`: completeness, glossary, translators' files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from interview_app.domain.forms import load_form
from interview_app.domain.model import Form
from interview_app.errors import CatalogError, FormError
from interview_app.i18n.catalogs import (
    DOMAINS,
    FORMS_DOMAIN,
    INTERFACE_DOMAIN,
    CatalogKey,
    Completeness,
    catalogue_languages,
    completeness,
    load_catalog,
    load_po,
    po_path,
    template_completeness,
    template_path,
)
from interview_app.i18n.extract import form_messages
from interview_app.i18n.glossary import Glossary, glossary_path, load_glossary
from interview_app.i18n.glossary_check import EntryProblem, check_catalog
from interview_app.i18n.po_import import import_file, render_report
from interview_app.paths import FORMS_DIR, TRANSLATIONS_DIR

_COLUMNS = (
    "script",
    "language",
    "translated",
    "fuzzy",
    "missing",
    "draft",
    "glossary",
    "total",
    "complete",
)
_INTERFACE = "(interface)"


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "translations", help="report on translation catalogues; import a translator's file"
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    tasks = parser.add_subparsers(dest="task", metavar="TASK")
    status = tasks.add_parser(
        "status",
        help="translated, fuzzy, missing, draft and glossary counts per script and language",
    )
    status.add_argument(
        "--forms",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=f"scripts to report on (default: {FORMS_DIR}/*.yaml)",
    )
    _translations_option(status)
    status.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help="glossary to check against (default: glossary.yaml in the catalogue root)",
    )
    status.add_argument(
        "--details", action="store_true", help="list each glossary problem with file and line"
    )
    status.set_defaults(handler=run_status)
    merge = tasks.add_parser(
        "import", help="check a translator's .po (Poedit, Weblate) and merge it if clean"
    )
    merge.add_argument("file", type=Path, metavar="FILE", help="the translator's .po file")
    merge.add_argument("--language", required=True, help="babel code, e.g. fr, ar, zh_Hans")
    merge.add_argument(
        "--domain", choices=DOMAINS, help="catalogue to merge into (default: the one it matches)"
    )
    merge.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    _translations_option(merge)
    merge.set_defaults(handler=run_import)


def _translations_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--translations",
        type=Path,
        default=TRANSLATIONS_DIR,
        metavar="DIR",
        help=f"catalogue root (default: {TRANSLATIONS_DIR})",
    )


@dataclass
class StatusReport:
    """The status table, glossary problems for ``--details``, and files that could not be read."""

    rows: list[tuple[str, ...]] = field(default_factory=list)
    glossary: list[EntryProblem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, name: str, language: str, status: Completeness, found: int | None) -> None:
        counts = (status.translated, status.fuzzy, status.missing, status.draft)
        self.rows.append(
            (
                name,
                language,
                *map(str, counts),
                "-" if found is None else str(found),
                str(status.total),
                "yes" if status.is_complete else "no",
            )
        )


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    # Names left-aligned, counts right-aligned, like `ls -l`: the eye compares digits by place.
    widths = [max(len(row[i]) for row in (_COLUMNS, *rows)) for i in range(len(_COLUMNS))]
    lines = []
    for row in (_COLUMNS, *rows):
        cells = [
            cell.ljust(width) if i in (0, 1, len(row) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def status_report(forms: Sequence[Form], root: Path, glossary: Glossary | None) -> StatusReport:
    """Rows for the interface catalogue (when it has a template) and each script."""
    report = StatusReport()

    def glossary_count(catalog: Catalog, language: str, domain: str, keys: list[CatalogKey]) -> int:
        if glossary is None:
            return 0
        path = str(po_path(root, language, domain))
        found = check_catalog(glossary, catalog, path, keys)
        report.glossary.extend(found)
        return len(found)

    pot = template_path(root, INTERFACE_DOMAIN)
    if pot.is_file():
        try:
            template = load_po(pot)
            keys: list[CatalogKey] = [
                (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id
            ]
            for language in catalogue_languages(root, INTERFACE_DOMAIN):
                catalog = load_catalog(language, INTERFACE_DOMAIN, root)
                found = glossary_count(catalog, language, INTERFACE_DOMAIN, keys)
                status = template_completeness(catalog, template)
                report.add(_INTERFACE, language, status, found if glossary else None)
        except CatalogError as error:
            report.problems.append(str(error))
    for language in catalogue_languages(root, FORMS_DOMAIN):
        try:
            catalog = load_catalog(language, FORMS_DOMAIN, root)
        except CatalogError as error:
            report.problems.append(str(error))
            continue
        for form in forms:
            keys = [message.key for message in form_messages(form)]
            found = glossary_count(catalog, language, FORMS_DOMAIN, keys)
            report.add(form.id, language, completeness(catalog, form), found if glossary else None)
    report.rows.sort(key=lambda row: (row[0] != _INTERFACE, row[0], row[1]))
    return report


def run_status(args: argparse.Namespace) -> int:
    paths: list[Path] = args.forms or sorted(FORMS_DIR.glob("*.yaml"))
    forms: list[Form] = []
    problems: list[str] = []
    for path in paths:
        try:
            forms.append(load_form(path))
        except FormError as error:
            problems.append(str(error))
    glossary: Glossary | None = None
    glossary_file: Path = args.glossary or glossary_path(args.translations)
    if args.glossary is not None or glossary_file.is_file():
        try:
            glossary = load_glossary(glossary_file)
        except CatalogError as error:
            problems.append(str(error))
    report = status_report(forms, args.translations, glossary)
    problems.extend(report.problems)
    if report.rows:
        print(_table(report.rows))
    else:
        print(f"no catalogues under {args.translations}")
    if args.details and report.glossary:
        print("\nglossary problems (file:line: msgctxt: term: problem):")
        for entry in report.glossary:
            print(entry)
    if glossary is not None and glossary.unreviewed:
        print(
            f"\nglossary: {glossary.unreviewed} of {glossary.renderings} renderings are not yet "
            "reviewed by a qualified translator"
        )
    for problem in problems:
        print(problem, file=sys.stderr)
    # Incomplete translations are a normal state to report; unreadable files are errors.
    return 1 if problems else 0


def run_import(args: argparse.Namespace) -> int:
    try:
        report = import_file(
            args.file,
            args.language,
            args.translations,
            domain=args.domain,
            dry_run=args.dry_run,
        )
    except CatalogError as error:
        print(error, file=sys.stderr)
        print(f"nothing was merged from {args.file}", file=sys.stderr)
        return 1
    print(render_report(report))
    return 0
