"""The sample script's French round trip: extract, translate, compile, show; then change a text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_app.domain.forms import load_form
from interview_app.errors import CatalogError, FormError
from interview_app.i18n import build
from interview_app.i18n.catalogs import (
    FORMS_DOMAIN,
    ScriptLanguage,
    completeness,
    interview_languages,
    load_catalog,
    script_in_language,
    translated_form,
)
from interview_app.i18n.compiled import load_translations
from interview_app.i18n.extract import extract_form, form_messages
from tests.conftest import DATA_DIR, REPO_ROOT

MAPPING = REPO_ROOT / "babel.cfg"
COMMITTED = DATA_DIR / "translations"
NBSP = "\u00a0"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of tests/data (script and catalogues) that a test may change and compile into."""
    shutil.copytree(DATA_DIR / "forms", tmp_path / "forms")
    shutil.copytree(COMMITTED, tmp_path / "translations")
    return tmp_path


def test_the_committed_template_matches_the_sample() -> None:
    assert build.check(DATA_DIR, COMMITTED, MAPPING, [FORMS_DOMAIN]) == []
    template = build.extract_template(
        DATA_DIR, FORMS_DOMAIN, build.read_mapping(MAPPING)[FORMS_DOMAIN]
    )
    form = load_form(DATA_DIR / "forms" / "sample.yaml")
    expected = [message.key for message in form_messages(form)]
    assert [(m.context, m.id) for m in template if m.id] == expected


def test_the_extractor_gives_babel_pgettext_calls_with_translator_notes(
    sample_form_path: Path,
) -> None:
    with sample_form_path.open("rb") as stream:
        calls = list(extract_form(stream, ["_", "pgettext"], [], {}))
    line, function, (context, msgid), comments = calls[4]
    assert (function, context, msgid) == (
        "pgettext",
        "sample:welcome",
        "Sit at the same level as the person. Offer water before you start.",
    )
    assert line == 28
    assert comments == [
        "guidance: advice to the interviewer. Interviewer only: never shown to the interviewee."
    ]


def test_the_french_catalogue_is_complete_and_shows_french_prompts(tree: Path) -> None:
    form = load_form(tree / "forms" / "sample.yaml")
    catalog = load_catalog("fr", FORMS_DOMAIN, tree / "translations")
    status = completeness(catalog, form)
    assert status.is_complete
    assert status.total == len(form_messages(form))
    assert status.draft == 0

    french = translated_form(form, catalog)
    assert french.language == "fr"
    assert french.item("age_years").prompt == f"Quel âge avez-vous{NBSP}?"
    assert french.item("age_years").unit == "ans"
    assert french.item("workplace_sector").options[1].label == "Chantier"
    assert french.item("rights_told").checklist[0].text.startswith("Vous recevrez de l’aide")

    # The compiled catalogue (what run time reads) agrees with the .po it was compiled from.
    runtime = load_translations("fr", FORMS_DOMAIN, tree / "translations")
    assert runtime is not None
    assert runtime.pgettext("sample:age_years", "How old are you?") == f"Quel âge avez-vous{NBSP}?"
    assert (tree / "translations" / "fr" / "LC_MESSAGES" / "forms.mo").is_file()


def _change(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_source_text_makes_the_script_incomplete_after_update(tree: Path) -> None:
    script = tree / "forms" / "sample.yaml"
    translations = tree / "translations"
    _change(script, "prompt: How old are you?", "prompt: How old are you now?")
    _change(script, "label: Building site", "label: Roads and big construction works")

    assert build.extract(tree, translations, MAPPING, [FORMS_DOMAIN]) == [
        translations / "forms.pot"
    ]
    assert build.check(tree, translations, MAPPING, [FORMS_DOMAIN]) == [
        f"{translations / 'fr/LC_MESSAGES/forms.po'}: not updated from forms.pot; "
        "run `make translations`"
    ]
    assert build.update(translations, [FORMS_DOMAIN]) == [
        translations / "fr" / "LC_MESSAGES" / "forms.po"
    ]

    form = load_form(script)
    catalog = load_catalog("fr", FORMS_DOMAIN, translations)
    # A small edit keeps the old translation for review, marked fuzzy; a rewrite starts empty.
    edited = catalog.get("How old are you now?", "sample:age_years")
    assert edited is not None
    assert edited.fuzzy
    assert edited.previous_id == ["How old are you?"]
    rewritten = catalog.get("Roads and big construction works", "sample:@sectors.construction")
    assert rewritten is not None
    assert rewritten.string == ""
    assert not rewritten.fuzzy
    assert ("Building site", "sample:@sectors.construction") in catalog.obsolete

    status = completeness(catalog, form)
    assert (status.fuzzy, status.missing, status.is_complete) == (1, 1, False)
    with pytest.raises(CatalogError, match="1 fuzzy, 1 missing"):
        translated_form(form, catalog)
    assert build.check(tree, translations, MAPPING, [FORMS_DOMAIN]) == []
    # A second run changes nothing, and the translator still sees the text before the edit.
    assert build.update(translations, [FORMS_DOMAIN]) == []
    po_text = (translations / "fr" / "LC_MESSAGES" / "forms.po").read_text(encoding="utf-8")
    assert '#| msgid "How old are you?"\nmsgctxt "sample:age_years"' in po_text


def test_a_broken_script_stops_extraction_naming_file_and_line(tree: Path) -> None:
    script = tree / "forms" / "sample.yaml"
    _change(
        script,
        "        kind: yes_no\n        prompt: Do you need",
        "        kind: maybe\n        prompt: Do you need",
    )
    with pytest.raises(FormError, match=r"sample\.yaml:\d+: "):
        build.extract(tree, tree / "translations", MAPPING, [FORMS_DOMAIN])
    problems = build.check(tree, tree / "translations", MAPPING, [FORMS_DOMAIN])
    assert len(problems) == 1
    assert "sample.yaml:" in problems[0]


def test_a_script_is_offered_only_in_languages_that_complete_it(tree: Path) -> None:
    form = load_form(tree / "forms" / "sample.yaml")
    translations = tree / "translations"
    assert interview_languages(form, translations) == [ScriptLanguage("en"), ScriptLanguage("fr")]
    assert script_in_language(form, "en", translations) is form
    assert script_in_language(form, "fr", translations).title == "Entretien d’exemple"
    with pytest.raises(CatalogError, match="cannot read"):
        script_in_language(form, "de", translations)

    french = translations / "fr" / "LC_MESSAGES" / "forms.po"
    entry = 'msgctxt "sample:age_years"\nmsgid "How old are you?"'
    _change(french, entry, f"# draft\n{entry}")
    assert interview_languages(form, translations)[1] == ScriptLanguage("fr", draft=True)

    _change(french, "# draft\n", "#, fuzzy\n")
    assert interview_languages(form, translations) == [ScriptLanguage("en")]
    with pytest.raises(CatalogError, match="1 fuzzy"):
        script_in_language(form, "fr", translations)
