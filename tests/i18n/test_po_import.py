"""Importing a translator's .po: each kind of bad file refused with file:line, a good one merged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.i18n import build
from interview_app.i18n.catalogs import (
    FORMS_DOMAIN,
    INTERFACE_DOMAIN,
    is_draft,
    load_catalog,
    po_path,
)
from interview_app.i18n.po_import import CatalogImportError, import_po
from tests.conftest import DATA_DIR, REPO_ROOT
from tests.i18n.conftest import Entry, po_bytes

MAPPING = REPO_ROOT / "babel.cfg"
INTERFACE: list[Entry] = [
    (None, "Open case", ""),
    (None, "Saved {count} answers for %(name)s.", ""),
    (None, "Exported %s of %s", ""),
    (None, ("{n} document", "{n} documents"), ("", "")),
]
BABEL_AR = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=0 && n%100<=2 ? 4 : 5);"
)
# GNU gettext and Weblate write Arabic's rule with forms 4 and 5 the other way round.
WEBLATE_AR = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5;"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The sample's forms template and French catalogue, and a small interface template."""
    shutil.copytree(DATA_DIR / "translations", tmp_path / "translations")
    pot = tmp_path / "translations" / "interview_app.pot"
    pot.write_bytes(po_bytes(None, INTERFACE, domain=INTERFACE_DOMAIN))
    return tmp_path / "translations"


def header(language: str = "fr", plural: str | None = "nplurals=2; plural=(n > 1);") -> str:
    """A header as Poedit writes it: its own field order, no babel comments."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: interview-app\\n"',
        '"PO-Revision-Date: 2026-12-01 10:00+0100\\n"',
        '"Last-Translator: A Translator\\n"',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
    ]
    if plural is not None:
        lines.append(f'"Plural-Forms: {plural}\\n"')
    lines.append('"X-Generator: Poedit 3.4\\n"')
    return "\n".join(lines) + "\n\n"


GOOD_FORMS = """\
# draft: ask the child protection team about "tuteur"
#: forms/sample.yaml:40
msgctxt "sample:guardian_present"
msgid "Is a parent or guardian here with you today?"
msgstr "Un parent ou un tuteur est-il avec vous aujourd’hui ?"

#, fuzzy
msgctxt "sample:age_years"
msgid "How old are you?"
msgstr "Quel âge as-tu ?"

msgctxt "sample"
msgid "Sample interview"
msgstr "Entretien d’exemple"

msgctxt "sample:story"
msgid "In your own words, how did you come to leave?"
msgstr ""

#~ msgctxt "sample:gone"
#~ msgid "An old question"
#~ msgstr "Une vieille question"
"""


def refuse(root: Path, data: bytes, language: str = "fr", domain: str | None = None) -> list[str]:
    """The problems of a refused import; checks that no catalogue changed and no file appeared."""
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    with pytest.raises(CatalogImportError) as caught:
        import_po(data, source="in.po", language=language, root=root, domain=domain)
    after = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    assert after == before
    return list(caught.value.problems)


def line_of(data: str, text: str) -> int:
    return data.split("\n").index(text) + 1


# --- a clean file is merged --------------------------------------------------------------------


def test_a_good_file_is_merged_keeping_fuzzy_flags_and_draft_marks(root: Path) -> None:
    data = (header() + GOOD_FORMS).encode()
    report = import_po(data, source="in.po", language="fr", root=root)
    target = po_path(root, "fr", FORMS_DOMAIN)
    assert (report.target, report.domain, report.written) == (target, FORMS_DOMAIN, True)
    assert (report.merged, report.fuzzy, report.draft) == (2, 1, 1)
    assert (report.unchanged, report.untranslated, report.obsolete) == (1, 1, 1)
    catalog = load_catalog("fr", FORMS_DOMAIN, root)
    guardian = catalog.get(
        "Is a parent or guardian here with you today?", "sample:guardian_present"
    )
    assert guardian is not None
    assert guardian.string == "Un parent ou un tuteur est-il avec vous aujourd’hui ?"
    assert is_draft(guardian)
    assert not guardian.fuzzy
    age = catalog.get("How old are you?", "sample:age_years")
    assert age is not None
    assert age.fuzzy
    assert age.string == "Quel âge as-tu ?"
    # An empty translation in the file leaves the catalogue's own alone.
    story = catalog.get("In your own words, how did you come to leave?", "sample:story")
    assert story is not None
    assert story.string.startswith("Avec vos propres mots")
    # The merged catalogue is one `make check-translations` accepts as it is.
    assert build.check(DATA_DIR, root, MAPPING, [FORMS_DOMAIN]) == []
    # Importing the same file again changes nothing.
    again = import_po(data, source="in.po", language="fr", root=root)
    assert (again.merged, again.unchanged, again.written) == (0, 3, False)


def test_a_dry_run_counts_but_writes_nothing(root: Path) -> None:
    target = po_path(root, "fr", FORMS_DOMAIN)
    before = target.read_bytes()
    report = import_po(
        (header() + GOOD_FORMS).encode(), source="in.po", language="fr", root=root, dry_run=True
    )
    assert (report.merged, report.written, report.dry_run) == (2, False, True)
    assert target.read_bytes() == before


def test_a_new_language_is_started_from_the_template(root: Path) -> None:
    body = (
        'msgid "Open case"\nmsgstr "فتح الملف"\n\n'
        'msgid "{n} document"\nmsgid_plural "{n} documents"\n'
        'msgstr[0] "لا وثائق"\nmsgstr[1] "وثيقة واحدة"\nmsgstr[2] "وثيقتان"\n'
        'msgstr[3] "{n} وثائق"\nmsgstr[4] "{n} وثيقة"\nmsgstr[5] "{n} وثيقةً"\n'
    )
    # The same rule as babel's, written the GNU way (no outer parentheses): same behaviour.
    gnu_style = BABEL_AR.replace("plural=(", "plural=").replace(" : 5);", " : 5;")
    data = (header("ar", gnu_style) + body).encode()
    report = import_po(data, source="ar.po", language="ar", root=root)
    assert (report.domain, report.merged) == (INTERFACE_DOMAIN, 2)
    catalog = load_catalog("ar", INTERFACE_DOMAIN, root)
    assert catalog.num_plurals == 6
    assert len(catalog) == len(INTERFACE)  # every template entry, translated or not
    # The catalogue keeps babel's own header, which its msgstr order was checked against.
    assert dict(catalog.mime_headers)["Plural-Forms"] == BABEL_AR


# --- each kind of bad file is refused ----------------------------------------------------------


def test_arabic_forms_four_and_five_swapped_are_refused(root: Path) -> None:
    text = header("ar", WEBLATE_AR) + 'msgid "Open case"\nmsgstr "فتح الملف"\n'
    problems = refuse(root, text.encode(), "ar")
    line = line_of(text, f'"Plural-Forms: {WEBLATE_AR}\\n"')
    assert len(problems) == 1
    assert problems[0].startswith(f"in.po:{line}: Plural-Forms ")
    assert "does not pick the same forms as ar's" in problems[0]


def test_a_missing_plural_forms_header_is_refused(root: Path) -> None:
    text = header(plural=None) + 'msgid "Open case"\nmsgstr "Ouvrir le dossier"\n'
    assert refuse(root, text.encode()) == [
        "in.po:1: no Plural-Forms header; fr needs 'nplurals=2; plural=(n > 1);'"
    ]
    no_header = 'msgid "Open case"\nmsgstr "Ouvrir le dossier"\n'
    assert refuse(root, no_header.encode())[0].startswith("in.po:1: the file has no header")


def test_a_file_for_another_language_is_refused(root: Path) -> None:
    text = header("de", "nplurals=2; plural=(n != 1);") + 'msgid "Open case"\nmsgstr "Öffnen"\n'
    problems = refuse(root, text.encode())
    line = line_of(text, '"Language: de\\n"')
    assert f"in.po:{line}: the file is for 'de', not fr" in problems
    regional = header("fr_FR") + 'msgid "Open case"\nmsgstr "Ouvrir"\n'
    assert refuse(root, regional.encode()) == [
        f"in.po:{line}: the file is for 'fr_FR', not fr; "
        "if it is the same language, set the file's Language to fr"
    ]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "problem"),
    [
        ("Saved {count} answers for %(name)s.", "Enregistré {nombre} réponses pour %(name)s.",
         "placeholder {nombre} is not in the English text"),
        ("Saved {count} answers for %(name)s.", "{count} réponses enregistrées.",
         "placeholder %(name)s of the English text is missing"),
        ("Exported %s of %s", "Exporté %s", "placeholder %s occurs 1 times, not 2"),
        ("Open case", "<b>Ouvrir</b> le dossier",
         "markup </b>, <b> is not in the English text (shown as plain text)"),
        ("Open case", 'Ouvrir <a href="https://example.org">le dossier</a>',
         'markup </a>, <a href="https://example.org"> is not in the English text'),
        ("Open case", "Ouvrir&nbsp;le dossier", "markup &nbsp; is not in the English text"),
        ("Open case", '<img src="x.png"> Ouvrir', 'markup <img src="x.png"> is not in'),
        ("Open case", "Ouvrir\\x01", "the translation contains a control character"),
    ],
)  # fmt: skip
def test_placeholders_and_markup_must_match_the_english(
    root: Path, msgid: str, msgstr: str, problem: str
) -> None:
    msgstr = msgstr.replace("\\x01", "\x01")
    text = (
        header() + f'msgid "Other"\nmsgstr "Autre"\n\nmsgid "{msgid}"\nmsgstr "{_quote(msgstr)}"\n'
    )
    problems = refuse(root, text.encode(), domain=INTERFACE_DOMAIN)
    line = line_of(text, f'msgid "{msgid}"')
    assert any(p.startswith(f"in.po:{line}: {problem}") for p in problems), problems


def _quote(text: str) -> str:
    return text.replace('"', '\\"')


def test_plural_forms_may_spell_the_number_but_add_no_placeholder(root: Path) -> None:
    good = (
        'msgid "{n} document"\nmsgid_plural "{n} documents"\n'
        'msgstr[0] "un document"\nmsgstr[1] "{n} documents"\n'
    )
    report = import_po((header() + good).encode(), source="in.po", language="fr", root=root)
    assert report.merged == 1
    bad = good.replace('"un document"', '"{count} document"')
    assert refuse(root, (header() + bad).encode())[0].endswith(
        "placeholder {count} is not in the English text"
    )


def test_a_fuzzy_entry_may_keep_the_old_placeholders_but_no_markup(root: Path) -> None:
    old = '#, fuzzy\nmsgid "Saved {count} answers for %(name)s."\nmsgstr "Enregistré {n}."\n'
    report = import_po((header() + old).encode(), source="in.po", language="fr", root=root)
    assert (report.merged, report.fuzzy) == (1, 1)
    marked = old.replace("Enregistré", "<i>Enregistré</i>")
    assert "markup" in refuse(root, (header() + marked).encode())[0]


def test_a_file_for_another_script_or_version_is_refused(root: Path) -> None:
    text = (
        header()
        + 'msgctxt "sample"\nmsgid "Sample interview"\nmsgstr "Entretien"\n\n'
        + 'msgctxt "shelter_intake:arrival"\nmsgid "Arrival"\nmsgstr "Arrivée"\n\n'
        + 'msgctxt "sample:age_years"\nmsgid "How old are you now?"\nmsgstr "Quel âge ?"\n'
    )
    arrival, changed = (
        line_of(text, 'msgid "Arrival"'),
        line_of(text, 'msgid "How old are you now?"'),
    )
    assert refuse(root, text.encode()) == [
        f"in.po:{arrival}: msgctxt 'shelter_intake:arrival' belongs "
        "to script 'shelter_intake', which forms.pot does not have: is this the file of another "
        "script?",
        f"in.po:{changed}: this msgid is not in "
        "forms.pot (made from another version of the English text?); update the file from the "
        "template, then translate the new entries",
    ]
    other = header() + 'msgctxt "shelter_intake:arrival"\nmsgid "Arrival"\nmsgstr "Arrivée"\n'
    assert refuse(root, other.encode())[0].startswith("in.po: none of its entries is in")


def test_a_single_entry_translated_as_plural_is_refused(root: Path) -> None:
    text = header() + 'msgid "Open case"\nmsgid_plural "Open cases"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'
    assert "this is a single entry" in refuse(root, text.encode(), domain=INTERFACE_DOMAIN)[0]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (header() + 'msgid "Open case"\nmsgstr "Ouvrir"\nnonsense\n',
         "in.po:15: Unknown or misformatted keyword"),
        ((header() + 'msgid "Open case"\nmsgstr "Ouvrir\xe9"\n').encode("latin-1"),
         "in.po:14: the file is not UTF-8 text; save it as UTF-8"),
        (header() + 'msgid "Open case"\nmsgstr "Ouvrir"\n\nmsgid "Open case"\nmsgstr "Voir"\n',
         "in.po:16: this entry was already given at line 13"),
        (header().replace("UTF-8", "ISO-8859-1") + 'msgid "Open case"\nmsgstr "Ouvrir"\n',
         "in.po:8: the charset must be UTF-8, not ISO-8859-1"),
        (b"\x00\xff" * 8, "in.po:1: the file is not UTF-8 text"),
        (b"x" * (10 * 1024 * 1024 + 1), "in.po:1: the file is larger than 10 MB"),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_with_a_line(
    root: Path, data: str | bytes, problem: str
) -> None:
    raw = data.encode() if isinstance(data, str) else data
    problems = refuse(root, raw)
    assert problems[0].startswith(problem), problems


@pytest.mark.parametrize(
    ("language", "problem"),
    [
        ("en", "en is the source language"),
        ("en_XA", "en_XA is generated"),
        ("tlh", "'tlh' is not a language code"),
    ],
)
def test_languages_that_take_no_import_are_refused(root: Path, language: str, problem: str) -> None:
    assert refuse(root, (header() + GOOD_FORMS).encode(), language)[0].startswith(problem)


def test_a_broken_existing_catalogue_is_not_replaced(root: Path) -> None:
    target = po_path(root, "fr", FORMS_DOMAIN)
    target.write_bytes(b'msgid "a"\nmsgstr "b"\nnonsense\n')
    problems = refuse(root, (header() + GOOD_FORMS).encode())
    assert "fix the existing catalogue first" in problems[0]


# --- the command -------------------------------------------------------------------------------


def test_the_command_reports_merges_and_refusals(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "fr.po"
    good.write_text(header() + GOOD_FORMS, encoding="utf-8")
    args = ["translations", "import", str(good), "--language", "fr", "--translations", str(root)]
    assert main([*args, "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would merge 2 entries into ")
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out == (
        f"merged 2 entries into {po_path(root, 'fr', FORMS_DOMAIN)} (1 fuzzy, 1 draft); "
        "1 unchanged, 1 without a translation left as they were, 1 obsolete ignored\n"
    )
    bad = tmp_path / "bad.po"
    bad.write_text(header(plural=None) + GOOD_FORMS, encoding="utf-8")
    assert main(["translations", "import", str(bad), "--language", "fr", "--translations",
                 str(root), "--domain", FORMS_DOMAIN]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert f"{bad}:1: no Plural-Forms header" in err
    assert f"nothing was merged from {bad}" in err
