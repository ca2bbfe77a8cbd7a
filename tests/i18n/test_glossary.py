"""The glossary: a file checked with lines, and problems found in translations, inflected too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_app.i18n.catalogs import parse_po
from interview_app.i18n.glossary import Glossary, GlossaryError, load_glossary, parse_glossary
from interview_app.i18n.glossary_check import (
    TermProblem,
    check_catalog,
    check_translation,
    terms_in,
)
from interview_app.i18n.locales import SOURCE_LANGUAGE, SUPPORTED_CODES
from tests.conftest import REPO_ROOT
from tests.i18n.conftest import po_bytes

SHIPPED = REPO_ROOT / "translations" / "glossary.yaml"
TARGETS = [code for code in SUPPORTED_CODES if code != SOURCE_LANGUAGE]

SMALL = """\
version: 1
terms:
  trafficking:
    source: [trafficking, human trafficking]
    ru:
      approved: торговля людьми
      stems: [торговл* людьми]
      forbidden: ["контрабанд*"]
      reviewed: false
    ar: {approved: الاتجار بالبشر, stems: ["*اتجار *بشر"], forbidden: ["*تهريب*"], reviewed: no}
    zh_Hans: {approved: 人口贩运, stems: [贩运], forbidden: [走私], reviewed: false}
    fr:
      approved: traite des êtres humains
      stems: [traite]
      forbidden: ["trafic* de migrant*"]
      reviewed: true
  smuggling:
    source: [smuggling]
    ru:
      approved: незаконный ввоз мигрантов
      stems: ["незаконн* ввоз*"]
      forbidden: [торговл* людьми]
      reviewed: false
  identification:
    source: [identification]
    ignore: [identification document]
    fr: {approved: identification, stems: ["identifi*"], reviewed: false}
  victim:
    source: [victim]
    fr: {approved: victime, stems: ["victim*"], reviewed: false}
"""


@pytest.fixture(scope="module")
def small() -> Glossary:
    return parse_glossary(SMALL, "glossary.yaml")


def problems(glossary: Glossary, language: str, english: str, translation: str) -> list[str]:
    return [
        f"{p.term} {p.kind}" + (f" {p.found}" if p.found else "")
        for p in check_translation(glossary, language, [english], [translation])
    ]


# --- the shipped glossary ----------------------------------------------------------------------


def test_the_shipped_glossary_covers_every_language_and_says_nobody_reviewed_it() -> None:
    glossary = load_glossary(SHIPPED)
    assert len(glossary.terms) >= 25
    for term in glossary.terms:
        assert sorted(r.language for r in term.renderings) == sorted(TARGETS), term.id
    # No qualified human has reviewed these renderings: the file must not claim otherwise.
    assert glossary.unreviewed == glossary.renderings == len(glossary.terms) * len(TARGETS)
    assert "NOT REVIEWED" in SHIPPED.read_text(encoding="utf-8")
    needed = {
        "trafficking", "smuggling", "exploitation", "forced_labour", "debt_bondage", "consent",
        "reflection_period", "interpreter", "shelter", "victim", "presumed_victim",
        "identification", "referral", "statement", "legal_aid", "compensation",
        "residence_permit", "guardian", "child_protection", "non_punishment", "confidentiality",
    }  # fmt: skip
    assert needed <= {term.id for term in glossary.terms}


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [
        ("fr", "Victimes de la traite des êtres humains", "Victimes du trafic de migrants"),
        ("es", "Víctimas de trata de personas", "Víctimas de tráfico de personas"),
        ("de", "Opfer von Menschenhandel", "Opfer von Menschenschmuggel"),
        ("ru", "Жертвы торговли людьми", "Жертвы контрабанды людей"),
        ("uk", "Жертви торгівлі людьми", "Жертви контрабанди людей"),
        ("ar", "ضحايا الاتجار بالبشر", "ضحايا تهريب البشر"),
        ("fa", "قربانیان قاچاق انسان", "قربانیان قاچاق مهاجران"),
        ("zh_Hans", "人口贩运受害人", "人口走私受害人"),
        ("th", "ผู้เสียหายจากการค้ามนุษย์", "ผู้เสียหายจากการลักลอบขนคน"),
        ("vi", "nạn nhân của mua bán người", "nạn nhân của buôn lậu người"),
    ],
)
def test_trafficking_is_never_rendered_as_smuggling(language: str, good: str, bad: str) -> None:
    glossary = load_glossary(SHIPPED)
    english = "Victims of human trafficking"
    assert problems(glossary, language, english, good) == []
    found = problems(glossary, language, english, bad)
    assert "trafficking missing" in found
    assert any(problem.startswith("trafficking forbidden") for problem in found)


def test_every_approved_rendering_passes_its_own_check() -> None:
    glossary = load_glossary(SHIPPED)
    for term in glossary.terms:
        for rendering in term.renderings:
            found = check_translation(
                glossary, rendering.language, [term.source[0]], [rendering.approved]
            )
            assert found == [], (term.id, rendering.language)


# --- finding problems --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "translation",
    [
        "Торговля людьми — это преступление.",
        "Жертвы торговли людьми имеют право на помощь.",
        "Она пострадала от торговлей людьми.",  # wrong grammar, right term
        "ТОРГОВЛЕ ЛЮДЬМИ",
    ],
)
def test_inflected_russian_forms_use_the_approved_term(small: Glossary, translation: str) -> None:
    assert problems(small, "ru", "Human trafficking is a crime.", translation) == []


def test_a_missing_or_forbidden_term_is_found(small: Glossary) -> None:
    english = "Victims of human trafficking have rights."
    assert problems(small, "ru", english, "Жертвы имеют права.") == ["trafficking missing"]
    assert problems(small, "ru", english, "Жертвы контрабанды людей имеют права.") == [
        "trafficking missing",
        "trafficking forbidden контрабанды",
    ]
    # The approved term does not excuse a forbidden one beside it.
    both = "Жертвы торговли людьми и контрабанды имеют права."
    assert problems(small, "ru", both, both) == []  # English source is Russian: no term
    assert problems(small, "ru", english, both) == ["trafficking forbidden контрабанды"]


def test_english_matching_is_whole_words_any_case_and_simple_plural(small: Glossary) -> None:
    assert [t.id for t in terms_in(small, "TRAFFICKING")] == ["trafficking"]
    assert [t.id for t in terms_in(small, "Two victims.")] == ["victim"]
    assert terms_in(small, "Victimhood") == []
    assert terms_in(small, "untrafficked") == []
    # An ignored phrase is another meaning: an identity document, not victim identification.
    assert terms_in(small, "Do you have an identification document?") == []
    assert [t.id for t in terms_in(small, "Identification as a victim")] == [
        "identification",
        "victim",
    ]


def test_prefixes_and_spelling_variants_are_allowed_where_patterns_say(small: Glossary) -> None:
    english = "human trafficking"
    # Arabic attaches "and"/"for" and writes hamza and vowel marks or not.
    for text in ("والاتجار بالبشر", "للاتجار بالبشر", "الإتجار بالبشر", "الاتِّجار بالبشر"):
        assert problems(small, "ar", english, text) == [], text
    assert problems(small, "ar", english, "تهريب البشر") == [
        "trafficking missing",
        "trafficking forbidden تهريب",
    ]
    # Chinese has no spaces: a pattern matches inside the text.
    assert problems(small, "zh_Hans", english, "打击人口贩运行为") == []
    assert problems(small, "zh_Hans", english, "打击人口走私") == [
        "trafficking missing",
        "trafficking forbidden 走私",
    ]


def test_a_forbidden_word_is_allowed_when_it_renders_another_term(small: Glossary) -> None:
    english = "Smuggling is not trafficking."
    assert problems(small, "ru", english, "Незаконный ввоз мигрантов — не торговля людьми.") == []
    assert problems(small, "ru", "Smuggling", "Торговля людьми") == [
        "smuggling missing",
        "smuggling forbidden Торговля людьми",
    ]


def test_whole_words_only_unless_a_star_says_otherwise(small: Glossary) -> None:
    # "traite" is approved; "maltraité" (ill-treated) and "traitement" (treatment) are not it.
    assert problems(small, "fr", "trafficking", "maltraitance et traitement") == [
        "trafficking missing"
    ]
    assert problems(small, "fr", "trafficking", "la traite") == []


def test_languages_without_a_rendering_are_not_checked(small: Glossary) -> None:
    assert problems(small, "de", "human trafficking", "irgendwas") == []


def test_problems_say_what_to_use() -> None:
    missing = TermProblem("trafficking", "missing", "торговля людьми")
    assert str(missing) == "the translation does not use the approved term 'торговля людьми'"
    forbidden = TermProblem("trafficking", "forbidden", "торговля людьми", "контрабанды")
    assert str(forbidden) == (
        "'контрабанды' must not stand for 'trafficking'; use 'торговля людьми'"
    )


def test_a_catalogue_reports_file_line_and_context(small: Glossary) -> None:
    data = po_bytes(
        "ru",
        [
            ("sample:intro", "Human trafficking is a crime.", "Контрабанда — преступление."),
            ("sample:ok", "Victims of trafficking", "Жертвы торговли людьми"),
            ("sample:empty", "Trafficking", ""),
            (None, ("{n} victim of trafficking", "{n} victims of trafficking"),
             ("{n} жертва торговли людьми", "{n} жертвы контрабанды", "{n} жертв торговли людьми")),
        ],
    )  # fmt: skip
    catalog = parse_po(data, source="ru.po", language="ru")
    found = [str(problem) for problem in check_catalog(small, catalog, "ru.po")]
    lines = data.decode().split("\n")
    intro = lines.index('msgid "Human trafficking is a crime."') + 1
    plural = lines.index('msgid "{n} victim of trafficking"') + 1
    assert found == [
        f"ru.po:{intro}: sample:intro: trafficking: "
        "the translation does not use the approved term 'торговля людьми'",
        f"ru.po:{intro}: sample:intro: trafficking: "
        "'Контрабанда' must not stand for 'trafficking'; use 'торговля людьми'",
        f"ru.po:{plural}: -: trafficking: "
        "the translation does not use the approved term 'торговля людьми'",
        f"ru.po:{plural}: -: trafficking: "
        "'контрабанды' must not stand for 'trafficking'; use 'торговля людьми'",
    ]
    only = check_catalog(small, catalog, "ru.po", keys=[("sample:ok", "Victims of trafficking")])
    assert only == []


# --- loading errors ----------------------------------------------------------------------------


def error_lines(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "g.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_every_problem_is_reported_with_its_line() -> None:
    text = """\
version: 1
terms:
  trafficking:
    source: [trafficking]
    ru: {approved: торговля людьми, stems: [торговл* людьми], reviewed: maybe}
    xx: {approved: x, reviewed: false}
    fr: {approved: traite, stem: [traite], reviewed: false}
  smuggling:
    source: [smuggling, trafficking]
    de: {approved: Schleusung, stems: ["schlepp*"], reviewed: false}
    es: {approved: tráfico ilícito, forbidden: ["tráfico*"], reviewed: false}
    ar: {approved: تهريب, stems: ["*"], reviewed: false}
  Bad-Id:
    source: []
"""
    assert error_lines(text) == [
        "g.yaml:5: 'ru' needs 'reviewed: true' or 'reviewed: false'",
        "g.yaml:6: 'xx' is neither a field of a term (source, ignore, note) "
        "nor a language code of a translation",
        "g.yaml:7: unknown field 'stem' (known: approved, stems, forbidden, reviewed, note)",
        "g.yaml:10: 'Schleusung' matches none of its own stems",
        "g.yaml:11: 'tráfico ilícito' matches 'tráfico*'",
        "g.yaml:12: '*': the pattern has no letters",
        "g.yaml:13: term id 'Bad-Id' must be lower-case letters, digits and _",
        "g.yaml:13: term 'Bad-Id' needs 'source': the English wordings to look for",
        "g.yaml:9: 'trafficking' is already a source of term 'trafficking' (line 3)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "g.yaml:1: the file is empty; the glossary needs 'version' and 'terms'"),
        ("version: 2\nterms: {}\n", "g.yaml:1: 'version' must be 1"),
        ("version: 1\nterms:\n  t:\n    source: [t]\n    ru: {approved: x, stems: [*x]}\n",
         "g.yaml:5: a pattern that starts with * must be in quotes"),
        ("version: 1\nterms:\n  t:\n    source: [t]\n  t:\n    source: [u]\n",
         "g.yaml:5: duplicate key 't' (first at line 3)"),
        ("version: 1\nterms:\n\tt: 1\n", "g.yaml:3: this line is indented with a tab"),
        ("version: 1\ncolour: red\nterms:\n  t:\n    source: [t]\n",
         "g.yaml:2: unknown key 'colour'"),
    ],
)  # fmt: skip
def test_yaml_problems_name_the_line(text: str, expected: str) -> None:
    found = error_lines(text)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_missing_file_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"nothing\.yaml:1: cannot read"):
        load_glossary(tmp_path / "nothing.yaml")
    copy = tmp_path / "glossary.yaml"
    shutil.copy(SHIPPED, copy)
    assert load_glossary(copy).terms
