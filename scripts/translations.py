#!/usr/bin/env python3
"""Catalogue tasks for `make translations` and `make check-translations`: extract, update, ..."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from interview_app.errors import CatalogError, FormError
from interview_app.i18n import build
from interview_app.i18n.catalogs import DOMAINS
from interview_app.paths import PROJECT_ROOT, TRANSLATIONS_DIR


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(description=__doc__)
    result.add_argument("--source", type=Path, default=PROJECT_ROOT, help="tree babel.cfg maps")
    result.add_argument("--translations", type=Path, default=TRANSLATIONS_DIR)
    result.add_argument("--mapping", type=Path, default=PROJECT_ROOT / "babel.cfg")
    result.add_argument(
        "--domain",
        action="append",
        choices=DOMAINS,
        help="only this catalogue (repeatable); default: all",
    )
    tasks = result.add_subparsers(dest="task", required=True)
    tasks.add_parser("extract", help="write the .pot templates from the sources")
    tasks.add_parser("update", help="merge every .po with its template (changed text -> fuzzy)")
    tasks.add_parser("pseudo", help="regenerate the en_XA pseudo-translation from the templates")
    tasks.add_parser("compile", help="compile every .po to .mo (build outputs, not committed)")
    tasks.add_parser("check", help="fail if a template is stale or a catalogue does not compile")
    start = tasks.add_parser("init", help="start the catalogues of a new language")
    start.add_argument("language", help="babel code, e.g. fr, ar, zh_Hans")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    domains: Sequence[str] = args.domain or DOMAINS
    try:
        if args.task == "check":
            problems = build.check(args.source, args.translations, args.mapping, domains)
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1 if problems else 0
        if args.task == "extract":
            paths = build.extract(args.source, args.translations, args.mapping, domains)
        elif args.task == "update":
            paths = build.update(args.translations, domains)
        elif args.task == "pseudo":
            paths = build.write_pseudo(args.translations, domains)
        elif args.task == "compile":
            paths = build.compile_all(args.translations, domains)
        else:
            paths = build.init(args.translations, args.language, domains)
    except (CatalogError, FormError) as error:
        print(error, file=sys.stderr)
        return 1
    for path in paths:
        print(f"{args.task}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
