"""The pseudo-locale en_XA: generated from the templates, placeholders intact, usable everywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from interview_app import i18n
from interview_app.domain.forms import load_form
from interview_app.errors import CatalogError
from interview_app.i18n import build
from interview_app.i18n.catalogs import (
    FORMS_DOMAIN,
    INTERFACE_DOMAIN,
    ScriptLanguage,
    interview_languages,
    load_catalog,
    po_path,
    script_in_language,
)
from interview_app.i18n.extract import form_messages
from interview_app.i18n.locales import PSEUDO_LANGUAGE, describe, is_supported, plural_forms
from interview_app.i18n.placeholders import placeholders
from interview_app.i18n.pseudo import pseudo_text
from tests.conftest import DATA_DIR, REPO_ROOT
from tests.i18n.conftest import Entry, po_bytes

MAPPING = REPO_ROOT / "babel.cfg"
PLURAL = ("{n} answer for %(name)s", "{n} answers for %(name)s")
INTERFACE: list[Entry] = [
    (None, "Open case", ""),
    ("menu", "&File", ""),
    (None, "Saved %s of %d at {time:%H:%M}.", ""),
    (None, "100%% done, {{literal}} braces", ""),
    (None, PLURAL, ("", "")),
    (None, "Line one\nLine two\n", ""),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A catalogue root with the sample's forms template and a small interface template."""
    shutil.copytree(DATA_DIR / "translations", tmp_path / "translations")
    pot = tmp_path / "translations" / "interview_app.pot"
    pot.write_bytes(po_bytes(None, INTERFACE, domain=INTERFACE_DOMAIN))
    return tmp_path / "translations"


@pytest.mark.parametrize(
    "text",
    [
        "Open case",
        "How many hours did you work on a normal day?",
        "Saved %s of %d at {time:%H:%M}.",
        "{n} answers for %(name)s",
        "100%% done, {{literal}} braces",
        "A",
    ],
)
def test_pseudo_text_is_accented_padded_bracketed_and_keeps_placeholders(text: str) -> None:
    pseudo = pseudo_text(text)
    assert pseudo.startswith("[")
    assert pseudo.endswith("]")
    assert placeholders(pseudo) == placeholders(text)
    # No ASCII letter survives outside placeholders: untranslated text stands out.
    bare = re.sub(r"\{[^{}]*\}|%\(\w+\)s|%[sd]", "", pseudo)
    assert not re.search("[A-Za-z]", bare), pseudo
    letters = len(text)
    assert len(pseudo) - 2 >= letters * 1.3 or len(pseudo) - 2 >= letters + 2


def test_padding_is_about_a_third_for_ordinary_text() -> None:
    text = "Help does not depend on talking to the police."
    grown = (len(pseudo_text(text)) - 2) / len(text)
    assert 1.3 <= grown <= 1.4


def test_white_space_at_the_ends_and_mnemonics_are_kept() -> None:
    assert pseudo_text("Line one\nLine two\n") == "[Ļîñé öñé\nĻîñé ţŵö ļöŕéɱ]\n"
    assert pseudo_text("&File").startswith("[&F")  # Alt+F stays Alt+F
    assert pseudo_text("") == ""


def test_both_catalogues_are_generated_complete_and_regenerating_changes_nothing(
    root: Path,
) -> None:
    written = build.write_pseudo(root)
    assert written == [
        po_path(root, PSEUDO_LANGUAGE, INTERFACE_DOMAIN),
        po_path(root, PSEUDO_LANGUAGE, FORMS_DOMAIN),
    ]
    assert build.write_pseudo(root) == []
    interface = load_catalog(PSEUDO_LANGUAGE, INTERFACE_DOMAIN, root)
    for message in interface:
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert len(strings) == len(sources)  # English plural rule: one form per English form
        for source, string in zip(sources, strings, strict=True):
            assert string == pseudo_text(source)
            assert placeholders(string) == placeholders(source)
        assert not message.fuzzy
    po_text = po_path(root, PSEUDO_LANGUAGE, INTERFACE_DOMAIN).read_text(encoding="utf-8")
    assert '"Language: en_XA\\n"' in po_text
    assert "Made by `make translations`" in po_text


def test_a_stale_pseudo_catalogue_fails_the_check_and_update_regenerates_it(root: Path) -> None:
    build.write_pseudo(root)
    problems = build.check(DATA_DIR, root, MAPPING, [FORMS_DOMAIN])
    assert problems == []
    forms = po_path(root, PSEUDO_LANGUAGE, FORMS_DOMAIN)
    fresh = forms.read_bytes()
    forms.write_bytes(fresh.replace(b"[", b"(", 1))  # edited by hand, or the template changed
    assert build.check(DATA_DIR, root, MAPPING, [FORMS_DOMAIN]) == [
        f"{forms}: not updated from forms.pot; run `make translations`"
    ]
    assert build.update(root, [FORMS_DOMAIN]) == [forms]
    assert forms.read_bytes() == fresh
    with pytest.raises(CatalogError, match="en_XA is generated"):
        build.init(root, PSEUDO_LANGUAGE)


def test_en_xa_is_an_interface_language_but_not_an_offered_one(
    root: Path, english_interface: None
) -> None:
    build.write_pseudo(root)
    assert not is_supported(PSEUDO_LANGUAGE)
    assert describe(PSEUDO_LANGUAGE).direction == "ltr"
    assert plural_forms(PSEUDO_LANGUAGE) == plural_forms("en")
    assert i18n.install_interface_language(PSEUDO_LANGUAGE, root) == PSEUDO_LANGUAGE
    assert i18n._("Open case") == pseudo_text("Open case")
    assert i18n.pgettext("menu", "&File") == pseudo_text("&File")
    assert i18n.ngettext(*PLURAL, 1) == pseudo_text(PLURAL[0])
    assert i18n.ngettext(*PLURAL, 2) == pseudo_text(PLURAL[1])
    assert i18n._("Not in the template") == "Not in the template"


def test_en_xa_is_an_interview_language_only_when_asked_for(root: Path) -> None:
    build.write_pseudo(root)
    sample = load_form(DATA_DIR / "forms" / "sample.yaml")
    # Never offered to an interviewee by default; screenshots ask for it.
    assert ScriptLanguage(PSEUDO_LANGUAGE) not in interview_languages(sample, root)
    offered = interview_languages(sample, root, include_pseudo=True)
    assert ScriptLanguage(PSEUDO_LANGUAGE) in offered
    pseudo = script_in_language(sample, PSEUDO_LANGUAGE, root)
    assert pseudo.language == PSEUDO_LANGUAGE
    assert pseudo.title == pseudo_text(sample.title)
    assert all(m.msgid.startswith("[") for m in form_messages(pseudo))
