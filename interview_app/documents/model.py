"""A small document model for exports: pure data, each block in its own direction, no Qt."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TypeAlias

# Crockford base32 without I, L, O, U: a document id read aloud or typed from paper
# cannot be misread, and says nothing about the case.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MODEL_VERSION = 1
_ASCII_LETTER = re.compile("[A-Za-z]")


class Direction(StrEnum):
    """Base direction of a block; AUTO lets Qt choose from the first strong character."""

    LTR = "ltr"
    RTL = "rtl"
    AUTO = "auto"


def direction_of(rtl: bool) -> Direction:
    return Direction.RTL if rtl else Direction.LTR


def strong_directions(text: str) -> tuple[bool, bool]:
    """Whether ``text`` has left-to-right letters, and right-to-left ones."""
    if text.isascii():  # most labels and many answers: no need to look at each character
        return _ASCII_LETTER.search(text) is not None, False
    ltr = rtl = False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            ltr = True
        elif kind in ("R", "AL"):
            rtl = True
        if ltr and rtl:
            break
    return ltr, rtl


def direction_for(text: str, preferred: Direction) -> Direction:
    """The paragraph direction for ``text`` expected to run ``preferred``: the other one when
    it has letters of the other direction only (a Latin name alone in an Arabic document, an
    untranslated English label); AUTO follows the first letter, else left to right."""
    ltr, rtl = strong_directions(text)
    if preferred is Direction.AUTO:
        first = next((unicodedata.bidirectional(c) for c in text
                      if unicodedata.bidirectional(c) in ("L", "R", "AL")), "L")
        return Direction.LTR if first == "L" else Direction.RTL
    if preferred is Direction.RTL and ltr and not rtl:
        return Direction.LTR
    if preferred is Direction.LTR and rtl and not ltr:
        return Direction.RTL
    return preferred


class Style(StrEnum):
    NORMAL = "normal"
    MUTED = "muted"  # secondary: attributions, times, history
    LABEL = "label"  # bold caption before a value
    NOTICE = "notice"  # a boxed warning such as "observations, not a determination"


class Layout(StrEnum):
    SIDE_BY_SIDE = "side_by_side"
    ALTERNATING = "alternating"


@dataclass(frozen=True)
class Text:
    """A run of plain text: never markup, whatever characters it holds."""

    text: str
    direction: Direction = Direction.AUTO
    style: Style = Style.NORMAL


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 (document section) .. 3
    direction: Direction = Direction.AUTO


@dataclass(frozen=True)
class Paragraph:
    """Plain text; newlines inside ``text`` start new lines of the same paragraph."""

    text: str
    direction: Direction = Direction.AUTO
    style: Style = Style.NORMAL


@dataclass(frozen=True)
class KeyValueTable:
    """Two columns: a label and its value, each cell in its own direction."""

    rows: tuple[tuple[Text, Text], ...]
    direction: Direction = Direction.AUTO  # which side the label column sits on


@dataclass(frozen=True)
class Table:
    """A grid; ``widths`` are relative column widths (percentages), empty for equal columns."""

    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[int, ...] = ()
    direction: Direction = Direction.AUTO


@dataclass(frozen=True)
class BilingualBlock:
    """The same content in two languages, each in its own direction (``label`` above both)."""

    first: Text
    second: Text
    layout: Layout = Layout.ALTERNATING
    label: Text | None = None


@dataclass(frozen=True)
class SignatureLine:
    role: Text
    name: Text | None = None
    caption: Text | None = None  # e.g. "signature or mark" / "date"


@dataclass(frozen=True)
class SignatureBlock:
    lines: tuple[SignatureLine, ...]
    direction: Direction = Direction.AUTO


@dataclass(frozen=True)
class Figure:
    """A vector picture (SVG bytes, e.g. a reportlab chart) of a width in millimetres."""

    svg: bytes
    width_mm: float
    height_mm: float
    caption: Text | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class AnnexTitle:
    """Starts an annex on a new page."""

    text: str
    direction: Direction = Direction.AUTO


Block: TypeAlias = (
    Heading | Paragraph | KeyValueTable | Table | BilingualBlock | SignatureBlock | Figure
    | PageBreak | AnnexTitle
)


@dataclass(frozen=True)
class FooterLabels:
    """The footer's fixed words, already translated; ``{page}`` and ``{pages}`` are replaced
    by plain substitution (never ``str.format``)."""

    page: str = "Page {page} of {pages}"
    document: str = "Document"
    fingerprint: str = "SHA-256"
    direction: Direction = Direction.LTR


@dataclass(frozen=True)
class Document:
    """A whole export. ``language`` is the language of record; blocks carry their own
    direction, so a bilingual document mixes both."""

    document_id: str
    doc_type: str
    title: str
    language: str
    blocks: tuple[Block, ...]
    direction: Direction = Direction.LTR
    footer: FooterLabels = field(default_factory=FooterLabels)


def new_document_id(prefix: str) -> str:
    """``ST-7K3Q-9XMB-2RCE``: a type prefix and 60 random bits, unique per export."""
    raw = "".join(secrets.choice(_ID_ALPHABET) for _ in range(12))
    return f"{prefix.upper()}-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _plain(value: object) -> object:
    """The model as JSON-able data, each block tagged with its type."""
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    data: dict[str, object] = {"type": type(value).__name__}
    for f in fields(value):  # type: ignore[arg-type]
        data[f.name] = _plain(getattr(value, f.name))
    return data


def canonical_bytes(document: Document) -> bytes:
    """The model as canonical JSON (sorted keys, no spaces, UTF-8): what the fingerprint hashes."""
    content = {"model_version": MODEL_VERSION, "document": _plain(document)}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode()


def fingerprint(document: Document) -> str:
    """SHA-256 of the canonical model, not of the PDF.

    The PDF cannot carry a hash of its own bytes on its pages, and encryption makes its bytes
    differ at each save; the model is the content, so its hash can be printed on every page
    and recomputed. The register also keeps a hash of the file bytes, so `verify` notices a
    changed file too.
    """
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def short_fingerprint(value: str) -> str:
    """The first 16 hex digits in groups of four: enough to compare by eye."""
    head = value[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))
