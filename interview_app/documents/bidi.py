"""What user text may do to the page: bidi controls shown as codes, our own isolates kept."""

from __future__ import annotations

import re

# Characters that would change what the page shows without showing themselves: bidi
# embeddings, overrides and isolates, and C0/C1 controls. In a statement an RLO could make
# the printed words differ from the recorded ones, so each is drawn as a visible code
# ("[U+202E]") and its effect never applies. Marks (LRM, RLM, ALM) and joiners stay: typed
# Arabic, Farsi and Indic text needs them.
LRI, PDI = "\u2066", "\u2069"
_ASCII_ISOLATE = re.compile("\u2066[\x20-\x7e]*\u2069")
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def isolate_ltr(value: str) -> str:
    """``value`` kept left to right inside a right-to-left sentence (a time, a code); only
    printable ASCII, which is all an isolate may hold and still be drawn as one."""
    return f"{LRI}{value}{PDI}" if value.isascii() and value.isprintable() else value


def visible_text(text: str) -> list[tuple[str, bool]]:
    """``text`` split into (run, is_hidden_character_code) pieces; newlines unified.

    A left-to-right isolate around printable ASCII alone (what :func:`isolate_ltr` makes)
    stays an isolate: it can only keep ``2026-03-01 12:05 UTC`` in order, never make the
    page differ from the words. Every other control is shown as its code.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces: list[tuple[str, bool]] = []
    last = 0
    for kept in _ASCII_ISOLATE.finditer(text):
        pieces.extend(_codes(text[last : kept.start()]))
        pieces.append((kept.group(), False))
        last = kept.end()
    pieces.extend(_codes(text[last:]))
    return pieces


def _codes(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _HIDDEN.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        pieces.append((f"[U+{ord(match.group()):04X}]", True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces
