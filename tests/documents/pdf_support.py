"""Reading PDFs back as a person would (poppler's pdftotext), and watching folders for new files."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import struct
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from interview_app.documents.layout import MARGIN_BOTTOM

# The body of an A4 page in points, above the footer: text read from here is the document's
# own, without "page x of y" breaking a long answer in two.
PAGE_WIDTH_PT = 595
BODY_HEIGHT_PT = int((297 - MARGIN_BOTTOM) * 72 / 25.4)
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def pdftotext(
    path: Path, *args: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = ["pdftotext", "-enc", "UTF-8", *args]
    if password is not None:
        command += ["-upw", password]
    return subprocess.run([*command, str(path), "-"], capture_output=True, text=True,
                          check=False, timeout=120)


def body_text(path: Path, password: str | None = None) -> str:
    """The text of every page body, footers left out."""
    result = pdftotext(path, "-x", "0", "-y", "0", "-W", str(PAGE_WIDTH_PT),
                       "-H", str(BODY_HEIGHT_PT), password=password)
    assert result.returncode == 0, result.stderr
    return result.stdout


def normal(text: str) -> str:
    """Text as compared: compatibility forms folded (Arabic presentation forms, ligatures),
    the directional marks poppler adds dropped, whitespace runs made one space."""
    folded = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return re.sub(r"\s+", " ", folded).strip()


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    y_min: float
    page: int


def words(path: Path) -> list[Word]:
    """Every word with its position (pdftotext -bbox)."""
    result = pdftotext(path, "-bbox")
    assert result.returncode == 0, result.stderr
    found: list[Word] = []
    root = ElementTree.fromstring(result.stdout)  # noqa: S314 - our own PDF, read by poppler
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            found.append(Word(normal(word.text or ""), float(word.attrib["xMin"]),
                              float(word.attrib["xMax"]), float(word.attrib["yMin"]), number))
    return found


def rtl_words(path: Path, gap: float = 1.0) -> list[Word]:
    """Right-to-left words as placed on the page, rebuilt from pdftotext -bbox.

    Qt places each Arabic glyph on its own, so poppler reports glyphs rather than words:
    glyphs on one line closer than ``gap`` points form a word, read right to left.
    """
    lines: dict[tuple[int, float], list[Word]] = {}
    for glyph in sorted(words(path), key=lambda g: (g.page, g.y_min)):
        # A ligature (lam-alef) can sit a little higher than its neighbours: same line.
        key = next((k for k in lines if k[0] == glyph.page and abs(k[1] - glyph.y_min) < 3),
                   (glyph.page, glyph.y_min))
        lines.setdefault(key, []).append(glyph)
    found: list[Word] = []
    for (page, y), glyphs in lines.items():
        glyphs.sort(key=lambda g: g.x_min)
        current: list[Word] = []
        for glyph in glyphs:
            if current and glyph.x_min - current[-1].x_max > gap:
                found.append(_word(current, page, y))
                current = []
            current.append(glyph)
        if current:
            found.append(_word(current, page, y))
    return found


def _word(glyphs: list[Word], page: int, y: float) -> Word:
    return Word(normal("".join(g.text for g in reversed(glyphs))), glyphs[0].x_min,
                glyphs[-1].x_max, y, page)


# -- inotify: which names appear in a folder while something runs --------------------------------

_IN_CREATE = 0x00000100
_IN_MOVED_TO = 0x00000080
_IN_NONBLOCK = 0o4000
_EVENT = struct.Struct("iIII")


@dataclass
class Created:
    names: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def created_files(*directories: Path) -> Iterator[Created]:
    """Names created or moved into ``directories`` (not recursive) during the block."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fd = libc.inotify_init1(_IN_NONBLOCK)
    assert fd >= 0
    watches: dict[int, str] = {}
    try:
        for directory in directories:
            wd = libc.inotify_add_watch(fd, os.fsencode(directory), _IN_CREATE | _IN_MOVED_TO)
            assert wd >= 0, directory
            watches[wd] = str(directory)
        created = Created()
        yield created
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            data = b""
        offset = 0
        while offset < len(data):
            wd, _mask, _cookie, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
            created.names.append((watches[wd], name.decode()))
            offset += _EVENT.size + length
    finally:
        os.close(fd)
