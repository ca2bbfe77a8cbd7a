"""Where the shipped data (forms, translations, resources) and the user's own data live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "interview-app"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = PROJECT_ROOT / "forms"
FORM_SCHEMA = FORMS_DIR / "schema" / "form.schema.json"
# Beside the scripts but not one of them: `forms/*.yaml` globs must not pick it up.
INDICATOR_CATALOGUE = FORMS_DIR / "indicators" / "catalogue.yaml"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
RESOURCES_DIR = PROJECT_ROOT / "resources"
SAMPLE_DIRECTORY = RESOURCES_DIR / "directory" / "sample.yaml"


def user_data_dir() -> Path:
    """The per-user directory for vaults; created 0700 on first use."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
