"""Where catalogues live under a translations root (no babel: the start path imports this)."""

from __future__ import annotations

from pathlib import Path

from interview_app.i18n.locales import normalise
from interview_app.paths import TRANSLATIONS_DIR

INTERFACE_DOMAIN = "interview_app"
FORMS_DOMAIN = "forms"
DOMAINS = (INTERFACE_DOMAIN, FORMS_DOMAIN)


def template_path(root: Path, domain: str) -> Path:
    return root / f"{domain}.pot"


def po_path(root: Path, language: str, domain: str) -> Path:
    return root / normalise(language) / "LC_MESSAGES" / f"{domain}.po"


def mo_path(root: Path, language: str, domain: str) -> Path:
    return po_path(root, language, domain).with_suffix(".mo")


def translations_root(root: Path | None) -> Path:
    return TRANSLATIONS_DIR if root is None else root
