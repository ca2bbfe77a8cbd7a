"""The bundled Noto fonts for documents: the interface's families, registered through QtGui only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from interview_app import paths

FONTS_DIR = paths.RESOURCES_DIR / "fonts"
# The same fallback order as interview_app/ui/fonts.py (a test keeps the two equal); repeated
# here because that module needs QtWidgets, which documents/ must not load.
FAMILIES = (
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Sans Ethiopic",
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "Noto Sans SC",
)

_registered: set[Path] = set()


def register_fonts(directory: Path = FONTS_DIR) -> None:
    """Add the bundled files to Qt's font database, once per process.

    Always the bundled files, even where the system has fonts of the same names: a statement
    must come out with the same glyphs on every machine. If the interface registered them too,
    Qt holds two identical faces, which costs nothing visible.
    """
    if directory in _registered:
        return
    for path in sorted([*directory.glob("*.ttf"), *directory.glob("*.otf")]):
        QFontDatabase.addApplicationFont(str(path))
    _registered.add(directory)


# Standard ligatures off: Qt's PDF text layer maps a ligature glyph to its compatibility
# character, so "first" would read back (and search) as "\ufb01rst". Arabic's required forms
# (init/medi/fina, rlig for lam-alef) are other features and stay on.
_NO_LIGATURES = QFont.Tag("liga")


def document_font(point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(list(FAMILIES))
    font.setFeature(_NO_LIGATURES, 0)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setItalic(italic)
    return font
