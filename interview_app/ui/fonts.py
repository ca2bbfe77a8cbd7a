"""The bundled Noto fonts: registered at start-up and set as the application font's families."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from interview_app import paths

FONTS_DIR = paths.RESOURCES_DIR / "fonts"
# Fallback order: Qt tries each family in turn for a character the previous ones lack, so the
# Latin/Cyrillic/Greek face comes first and every other script finds its own face after it.
FAMILIES = (
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Sans Ethiopic",
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "Noto Sans SC",
)
BASE_POINT_SIZE = 10.0
MIN_SCALE, MAX_SCALE = 0.8, 2.5

log = logging.getLogger(__name__)


_registered: dict[Path, list[str]] = {}


def register_fonts(directory: Path = FONTS_DIR) -> list[str]:
    """Add every bundled font file to Qt's database (once); returns the families it added."""
    if directory in _registered:
        return _registered[directory]
    families: list[str] = []
    for path in sorted([*directory.glob("*.ttf"), *directory.glob("*.otf")]):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("a bundled font could not be loaded: %s", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _registered[directory] = list(dict.fromkeys(families))
    return _registered[directory]


def clamp_scale(scale: float) -> float:
    return max(MIN_SCALE, min(MAX_SCALE, scale))


def application_font(scale: float = 1.0) -> QFont:
    """The bundled families in fallback order, at the base size times ``scale``."""
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setPointSizeF(BASE_POINT_SIZE * clamp_scale(scale))
    return font


def apply_scale(scale: float) -> None:
    """Every widget without a font of its own follows the application font."""
    QApplication.setFont(application_font(scale))
