"""The language table comes from CLDR: names, direction, digits and plural rules per language."""

from __future__ import annotations

import pytest

from interview_app.i18n.locales import (
    PSEUDO_LANGUAGE,
    RTL_CODES,
    SUPPORTED_CODES,
    describe,
    is_rtl,
    is_supported,
    num_plurals,
    plural_forms,
    supported_languages,
)

REQUIRED = [
    "en",
    "fr",
    "es",
    "de",
    "ar",
    "ru",
    "fa",
    "uk",
    "ro",
    "bg",
    "sq",
    "vi",
    "zh_Hans",
    "th",
    "ti",
    "am",
]


def test_every_required_language_is_supported() -> None:
    assert set(REQUIRED) <= set(SUPPORTED_CODES)
    assert [language.code for language in supported_languages()] == list(SUPPORTED_CODES)


@pytest.mark.parametrize(
    ("code", "english", "native"),
    [
        ("fr", "French", "français"),
        ("ar", "Arabic", "العربية"),
        ("fa", "Persian", "فارسی"),
        ("zh_Hans", "Chinese (Simplified)", "中文 (简体)"),
        ("ti", "Tigrinya", "ትግርኛ"),
        ("am", "Amharic", "አማርኛ"),
    ],
)
def test_names_are_in_english_and_in_the_language_itself(
    code: str, english: str, native: str
) -> None:
    language = describe(code)
    assert (language.english_name, language.native_name) == (english, native)


def test_the_quick_right_to_left_table_agrees_with_cldr() -> None:
    # is_rtl answers offered codes from RTL_CODES without loading babel (application start).
    assert {code for code in SUPPORTED_CODES if describe(code).is_rtl} == RTL_CODES
    for code in (*SUPPORTED_CODES, PSEUDO_LANGUAGE, "zh-Hans", " ar "):
        assert is_rtl(code) == describe(code.strip()).is_rtl, code
    assert is_rtl("ar_MA")  # not offered: asks CLDR
    assert not is_rtl("fr_CA")


def test_only_arabic_and_persian_run_right_to_left() -> None:
    rtl = {language.code for language in supported_languages() if language.is_rtl}
    assert rtl == {"ar", "fa"}
    assert is_rtl("ar")
    assert is_rtl("fa")
    assert not is_rtl("en")
    assert not is_rtl("ti")


def test_native_digits_are_expected_where_the_usual_locale_has_them() -> None:
    native = {language.code for language in supported_languages() if language.native_digits}
    assert native == {"ar", "fa"}
    assert describe("fa").numbering_system == "arabext"
    assert describe("ar").numbering_system == "arab"  # ar means ar_EG, as it does for QLocale
    assert describe("ar_MA").native_digits is False


def test_plural_forms_are_babels_headers() -> None:
    assert plural_forms("ar").startswith("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2")
    # babel's Arabic order: index 4 is n%100 in 0..2 ("other"), index 5 is 11..99 ("many").
    assert "n%100>=0 && n%100<=2 ? 4 : 5" in plural_forms("ar")
    counts = {code: num_plurals(code) for code in ("ru", "uk", "ro", "fr", "ti", "am", "fa")}
    assert counts == {"ru": 3, "uk": 3, "ro": 3, "fr": 2, "ti": 2, "am": 2, "fa": 1}
    assert {num_plurals(code) for code in ("zh_Hans", "th", "vi")} == {1}


def test_codes_are_normalised_and_unknown_codes_refused() -> None:
    assert is_supported("zh-Hans")
    assert is_supported("zh_Hans")
    assert not is_supported("xx")
    with pytest.raises(LookupError):
        is_rtl("not a language")
