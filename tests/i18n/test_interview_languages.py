"""The rule for interviewees: a script is offered in a language only when its catalogue is whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.domain.model import Form
from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import ScriptLanguage, interview_languages, script_in_language
from interview_app.i18n.extract import form_messages
from tests.i18n.conftest import Entry, po_bytes, write_catalog


def catalogue(
    root: Path,
    form: Form,
    language: str,
    *,
    drop: int | None = None,
    empty: int | None = None,
    fuzzy: tuple[int, ...] = (),
    drafts: tuple[int, ...] = (),
) -> None:
    entries: list[Entry] = [
        (m.msgctxt, m.msgid, "" if i == empty else f"{language}: {m.msgid}")
        for i, m in enumerate(form_messages(form))
        if i != drop
    ]
    write_catalog(root, language, "forms", po_bytes(language, entries, fuzzy=fuzzy, drafts=drafts))


def test_only_complete_catalogues_are_offered_and_drafts_carry_their_mark(
    tmp_path: Path, form: Form
) -> None:
    catalogue(tmp_path, form, "fr")
    catalogue(tmp_path, form, "ar", drafts=(3,))
    catalogue(tmp_path, form, "ru", drop=5)  # an entry missing
    catalogue(tmp_path, form, "uk", empty=2)  # an entry with no translation
    catalogue(tmp_path, form, "fa", fuzzy=(0,))  # an entry to review after an English change
    write_catalog(tmp_path, "ti", "forms", b'msgid "x"\nmsgstr "y"\nnot gettext\n')  # unreadable
    assert interview_languages(form, tmp_path) == [
        ScriptLanguage("en"),
        ScriptLanguage("ar", draft=True),
        ScriptLanguage("fr"),
    ]


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"drop": 5}, "1 missing"),
        ({"empty": 2}, "1 missing"),
        ({"fuzzy": (0,)}, "1 fuzzy"),
    ],
)
def test_an_incomplete_script_is_never_shown_half_translated(
    tmp_path: Path, form: Form, options: dict[str, object], problem: str
) -> None:
    catalogue(tmp_path, form, "ru", **options)
    with pytest.raises(CatalogError, match=problem):
        script_in_language(form, "ru", tmp_path)


def test_a_draft_is_shown_in_full_and_the_script_language_needs_no_catalogue(
    tmp_path: Path, form: Form
) -> None:
    catalogue(tmp_path, form, "ar", drafts=(0, 1))
    shown = script_in_language(form, "ar", tmp_path)
    assert shown.title == "ar: Small interview"
    assert shown.language == "ar"
    assert script_in_language(form, "en", tmp_path) is form
    with pytest.raises(CatalogError, match="cannot read"):
        script_in_language(form, "de", tmp_path)
