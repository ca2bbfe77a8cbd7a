"""`interview-app translations status`: completeness of every catalogue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interview_app.domain.forms import load_form
from interview_app.domain.model import Form
from interview_app.errors import CatalogError, FormError
from interview_app.i18n.catalogs import (
    FORMS_DOMAIN,
    INTERFACE_DOMAIN,
    Completeness,
    catalogue_languages,
    completeness,
    load_catalog,
    load_po,
    template_completeness,
    template_path,
)
from interview_app.paths import FORMS_DIR, TRANSLATIONS_DIR

_COLUMNS = ("script", "language", "translated", "fuzzy", "missing", "draft", "total", "complete")
_INTERFACE = "(interface)"


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "translations", help="report on translation catalogues"
    )

    def usage(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(handler=usage)
    tasks = parser.add_subparsers(dest="task", metavar="TASK")
    status = tasks.add_parser(
        "status", help="translated, fuzzy, missing and draft counts per script and language"
    )
    status.add_argument(
        "--forms",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=f"scripts to report on (default: {FORMS_DIR}/*.yaml)",
    )
    status.add_argument(
        "--translations",
        type=Path,
        default=TRANSLATIONS_DIR,
        metavar="DIR",
        help=f"catalogue root (default: {TRANSLATIONS_DIR})",
    )
    status.set_defaults(handler=run_status)


def _row(name: str, language: str, status: Completeness) -> tuple[str, ...]:
    counts = (status.translated, status.fuzzy, status.missing, status.draft, status.total)
    return (name, language, *map(str, counts), "yes" if status.is_complete else "no")


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


def status_rows(forms: Sequence[Form], root: Path) -> tuple[list[tuple[str, ...]], list[str]]:
    """Table rows for the interface catalogue (when it has a template) and each script."""
    rows: list[tuple[str, ...]] = []
    problems: list[str] = []
    pot = template_path(root, INTERFACE_DOMAIN)
    if pot.is_file():
        try:
            template = load_po(pot)
            for language in catalogue_languages(root, INTERFACE_DOMAIN):
                catalog = load_catalog(language, INTERFACE_DOMAIN, root)
                rows.append(_row(_INTERFACE, language, template_completeness(catalog, template)))
        except CatalogError as error:
            problems.append(str(error))
    for language in catalogue_languages(root, FORMS_DOMAIN):
        try:
            catalog = load_catalog(language, FORMS_DOMAIN, root)
        except CatalogError as error:
            problems.append(str(error))
            continue
        rows.extend(_row(form.id, language, completeness(catalog, form)) for form in forms)
    rows.sort(key=lambda row: (row[0] != _INTERFACE, row[0], row[1]))
    return rows, problems


def run_status(args: argparse.Namespace) -> int:
    paths: list[Path] = args.forms or sorted(FORMS_DIR.glob("*.yaml"))
    forms: list[Form] = []
    problems: list[str] = []
    for path in paths:
        try:
            forms.append(load_form(path))
        except FormError as error:
            problems.append(str(error))
    rows, catalogue_problems = status_rows(forms, args.translations)
    problems.extend(catalogue_problems)
    if rows:
        print(_table(rows))
    else:
        print(f"no catalogues under {args.translations}")
    for problem in problems:
        print(problem, file=sys.stderr)
    # Incomplete translations are a normal state to report; unreadable files are errors.
    return 1 if problems else 0
