"""Completeness is ours, not babel's: plurals, fuzzy, drafts, and no silent fallback in scripts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from interview_app.domain.model import Form
from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import (
    Completeness,
    completeness,
    load_catalog,
    mo_path,
    parse_po,
    template_completeness,
    translated_form,
)
from interview_app.i18n.compiled import compile_mo, load_translations, translations_from_mo
from interview_app.i18n.extract import form_messages
from tests.i18n.conftest import Entry, po_bytes, write_catalog


def french(form: Form, *, fuzzy: tuple[int, ...] = (), drafts: tuple[int, ...] = ()) -> Catalog:
    """A catalogue translating every string of ``form`` as "FR " + the English text."""
    entries: list[Entry] = [(m.msgctxt, m.msgid, f"FR {m.msgid}") for m in form_messages(form)]
    data = po_bytes("fr", entries, fuzzy=fuzzy, drafts=drafts)
    return parse_po(data, source="fr.po", language="fr")


def test_a_full_catalogue_translates_every_field(form: Form) -> None:
    catalog = french(form)
    assert completeness(catalog, form) == Completeness(24, 0, 0, 0, 24)
    translated = translated_form(form, catalog)
    assert translated.language == "fr"
    assert all(m.msgid.startswith("FR ") for m in form_messages(translated))
    assert translated.item("hours").unit == "FR hours"
    assert translated.item("sector").guidance == "FR Let the person choose; do not suggest."
    # One shared-list entry serves both questions that use the list.
    assert translated.item("sector").options[0].label == "FR Farm"
    assert translated.item("place_sector").options[0].label == "FR Farm"
    assert translated.item("left").options[1].label == "FR No"
    assert translated.item("agree").checklist[0].text == "FR The person agrees."
    assert translated.sections[0].sensitive == "FR These questions are about your work."
    # Everything that is not text stays as it was.
    assert translated.item("places").items[0].options[0].value == "farm"
    assert translated.sections[0].items[1].gate == form.sections[0].items[1].gate


def test_a_missing_entry_makes_the_script_unavailable(form: Form) -> None:
    entries: list[Entry] = [(m.msgctxt, m.msgid, "x") for m in form_messages(form)[:-1]]
    catalog = parse_po(po_bytes("fr", entries), source="fr.po", language="fr")
    status = completeness(catalog, form)
    assert (status.translated, status.missing, status.is_complete) == (23, 1, False)
    with pytest.raises(CatalogError, match="incomplete: 23 of 24 translated, 0 fuzzy, 1 missing"):
        translated_form(form, catalog)


def test_an_empty_msgstr_counts_as_missing(form: Form) -> None:
    entries: list[Entry] = [(m.msgctxt, m.msgid, "x") for m in form_messages(form)]
    entries[3] = (entries[3][0], entries[3][1], "")
    catalog = parse_po(po_bytes("fr", entries), source="fr.po", language="fr")
    assert completeness(catalog, form) == Completeness(23, 0, 1, 0, 24)


def test_a_fuzzy_entry_is_not_translated(form: Form) -> None:
    catalog = french(form, fuzzy=(2, 5))
    assert completeness(catalog, form) == Completeness(22, 2, 0, 0, 24)
    with pytest.raises(CatalogError, match="2 fuzzy"):
        translated_form(form, catalog)


def test_drafts_are_complete_but_counted(form: Form) -> None:
    catalog = french(form, drafts=(0, 7))
    status = completeness(catalog, form)
    assert status == Completeness(24, 0, 0, 2, 24)
    assert status.is_complete
    assert status.is_draft
    assert translated_form(form, catalog).title == "FR Small interview"


def test_entries_of_other_scripts_do_not_count(form: Form) -> None:
    entries: list[Entry] = [(m.msgctxt, m.msgid, "x") for m in form_messages(form)]
    entries.append(("other", "Another script", ""))
    catalog = parse_po(po_bytes("fr", entries), source="fr.po", language="fr")
    assert completeness(catalog, form).is_complete


def test_a_catalogue_without_a_language_cannot_translate_a_script(form: Form) -> None:
    entries: list[Entry] = [(m.msgctxt, m.msgid, "x") for m in form_messages(form)]
    template = parse_po(po_bytes(None, entries), source="forms.pot")
    with pytest.raises(CatalogError, match="names no language"):
        translated_form(form, template)


# --- plurals ---------------------------------------------------------------------------------

PLURAL = ("{n} document", "{n} documents")
TEMPLATE: list[Entry] = [(None, PLURAL, ("", "")), (None, "Save", "")]


def plural_catalog(language: str, forms: tuple[str, ...]) -> Catalog:
    entries: list[Entry] = [(None, PLURAL, forms), (None, "Save", "x")]
    return parse_po(po_bytes(language, entries), source="p.po", language=language)


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ar", ("٠ وثيقة", "وثيقة", "وثيقتان", "{n} وثائق", "{n} وثيقة", "{n} وثيقةً")),
        ("ru", ("{n} документ", "{n} документа", "{n} документов")),
        ("fa", ("{n} سند",)),
    ],
)
def test_a_plural_entry_counts_when_every_form_is_filled(
    language: str, forms: tuple[str, ...]
) -> None:
    template = parse_po(po_bytes(None, TEMPLATE), source="t.pot")
    full = plural_catalog(language, forms)
    assert template_completeness(full, template) == Completeness(2, 0, 0, 0, 2)
    for hole in range(len(forms)):
        partial = plural_catalog(
            language, tuple("" if i == hole else f for i, f in enumerate(forms))
        )
        assert template_completeness(partial, template) == Completeness(1, 0, 1, 0, 2)


def test_an_untranslated_plural_entry_is_not_translated() -> None:
    # babel's --statistics counts msgstr ('', '') as translated because the tuple is not empty.
    template = parse_po(po_bytes(None, TEMPLATE), source="t.pot")
    empty = plural_catalog("ru", ("", "", ""))
    assert template_completeness(empty, template) == Completeness(1, 0, 1, 0, 2)


def test_a_plural_rule_other_than_babels_is_refused() -> None:
    # The Arabic rule common in other tools swaps forms 4 and 5: msgstr order would be wrong.
    weblate_rule = (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    )
    data = (
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n'
        f'"Plural-Forms: {weblate_rule}\\n"\n\n'
        'msgid "Save"\nmsgstr "حفظ"\n'
    ).encode()
    with pytest.raises(CatalogError, match="Plural-Forms is .* ar needs"):
        parse_po(data, source="ar.po", language="ar")
    babels_rule = data.replace(b"n%100>=11 ? 4 : 5", b"n%100>=0 && n%100<=2 ? 4 : 5")
    assert parse_po(babels_rule, source="ar.po", language="ar").num_plurals == 6


def test_a_catalogue_filed_under_another_language_is_refused() -> None:
    with pytest.raises(CatalogError, match="catalogue is for de, but it is filed under fr"):
        parse_po(po_bytes("de", [(None, "Save", "Speichern")]), source="x.po", language="fr")


def test_a_malformed_catalogue_names_the_file() -> None:
    with pytest.raises(CatalogError, match="^broken.po:3: Unknown or misformatted keyword"):
        parse_po(b'msgid "a"\nmsgstr "b"\nnonsense\n', source="broken.po", language="fr")


# --- compiled catalogues ---------------------------------------------------------------------


def test_compiled_catalogues_hold_only_whole_translations() -> None:
    entries: list[Entry] = [
        (None, "Save", "Сохранить"),
        (None, "Open", "Открыть"),
        (None, "Close", ""),
        (None, PLURAL, ("{n} документ", "{n} документа", "{n} документов")),
        (None, ("{n} case", "{n} cases"), ("{n} дело", "", "{n} дел")),
    ]
    catalog = parse_po(po_bytes("ru", entries, fuzzy=[1]), source="ru.po", language="ru")
    runtime = translations_from_mo(compile_mo(catalog), source="ru.mo")
    assert runtime.gettext("Save") == "Сохранить"
    assert runtime.gettext("Open") == "Open"  # fuzzy: English
    assert runtime.gettext("Close") == "Close"
    assert [runtime.ngettext(*PLURAL, n) for n in (1, 2, 5, 21)] == [
        "{n} документ",
        "{n} документа",
        "{n} документов",
        "{n} документ",
    ]
    # A plural entry with a form missing is left out whole, never half Russian, half English.
    assert [runtime.ngettext("{n} case", "{n} cases", n) for n in (1, 2, 5)] == [
        "{n} case",
        "{n} cases",
        "{n} cases",
    ]


def test_run_time_catalogues_are_compiled_when_missing_or_stale(tmp_path: Path) -> None:
    po = write_catalog(tmp_path, "fr", "forms", po_bytes("fr", [("c", "Yes", "Oui")]))
    mo = mo_path(tmp_path, "fr", "forms")
    assert not mo.exists()
    runtime = load_translations("fr", "forms", tmp_path)
    assert runtime is not None
    assert runtime.pgettext("c", "Yes") == "Oui"
    assert mo.is_file()

    po.write_bytes(po_bytes("fr", [("c", "Yes", "Oui, bien sûr")]))
    old = po.stat().st_mtime_ns - 10**9
    os.utime(mo, ns=(old, old))
    runtime = load_translations("fr", "forms", tmp_path)
    assert runtime is not None
    assert runtime.pgettext("c", "Yes") == "Oui, bien sûr"
    assert mo.stat().st_mtime_ns > po.stat().st_mtime_ns

    # A fresh .mo is used as it is, and a .mo alone (an installed build) is enough.
    po.unlink()
    runtime = load_translations("fr", "forms", tmp_path)
    assert runtime is not None
    assert runtime.pgettext("c", "Yes") == "Oui, bien sûr"


def test_no_catalogue_gives_none_and_load_catalog_says_which_file(tmp_path: Path) -> None:
    assert load_translations("de", "forms", tmp_path) is None
    with pytest.raises(CatalogError, match=r"de/LC_MESSAGES/forms.po: cannot read"):
        load_catalog("de", "forms", tmp_path)


def test_a_compiled_catalogue_whose_plural_rule_fails_is_refused_at_load() -> None:
    catalog = Catalog(locale="fr")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=n%0;")]
    catalog.add("Save", "Enregistrer")
    with pytest.raises(CatalogError, match="fr.mo: unreadable compiled catalogue"):
        translations_from_mo(compile_mo(catalog), source="fr.mo")
    with pytest.raises(CatalogError, match="bad.mo: unreadable compiled catalogue"):
        translations_from_mo(b"\x00" * 40, source="bad.mo")


def test_a_language_header_babel_does_not_know_is_still_another_language() -> None:
    # babel keeps an unknown Language value without a Locale; it must not pass for "fr".
    with pytest.raises(CatalogError, match="catalogue is for xx_YY, but it is filed under fr"):
        parse_po(po_bytes("xx_YY", [(None, "Save", "x")]), source="x.po", language="fr")
    same = parse_po(
        po_bytes("zh_Hans", [(None, "Save", "保存")]), source="x.po", language="zh-Hans"
    )
    assert str(same.locale) == "zh_Hans"
