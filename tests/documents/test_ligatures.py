"""Latin text reads back letter for letter (no "ﬁ" ligatures); Arabic stays shaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.documents.model import (
    Direction,
    Document,
    FooterLabels,
    Paragraph,
    new_document_id,
)
from interview_app.documents.render import render_pdf
from tests.documents.pdf_support import normal, pdftotext

pytestmark = pytest.mark.usefixtures("qapp")
LATIN = "The first office fluffy affine flow"
ARABIC = "أخذوا جواز سفري في المزرعة"  # no lam-alef: its extraction is a known limit
_PRESENTATION_FORMS = range(0xFE70, 0xFF00)  # joined Arabic letter forms, as Qt maps them


def _pdf(tmp_path: Path) -> Path:
    footer = FooterLabels("Page {page} of {pages}", "Document", "Fingerprint", Direction.LTR)
    document = Document(new_document_id("ST"), "statement", "ligatures", "en",
                        (Paragraph(LATIN, Direction.LTR), Paragraph(ARABIC, Direction.RTL)),
                        Direction.LTR, footer)
    path = tmp_path / "ligatures.pdf"
    path.write_bytes(render_pdf(document))
    return path


def test_latin_words_read_back_literally_so_a_search_finds_them(tmp_path: Path) -> None:
    text = pdftotext(_pdf(tmp_path)).stdout
    assert LATIN in text  # not normalised: "\ufb01rst" would fail here
    assert not any(0xFB00 <= ord(c) <= 0xFB06 for c in text)


def test_arabic_letters_are_still_joined(tmp_path: Path) -> None:
    text = pdftotext(_pdf(tmp_path)).stdout
    assert normal(ARABIC) in normal(text)
    # Shaped: the letters come out as their joined (initial, medial, final) forms.
    assert sum(ord(c) in _PRESENTATION_FORMS for c in text) >= 10
