"""`make translations` and `make check-translations` through scripts/translations.py's functions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interview_app.errors import CatalogError
from interview_app.i18n import build
from interview_app.i18n.catalogs import INTERFACE_DOMAIN, load_catalog, mo_path, po_path
from tests.conftest import REPO_ROOT

MAPPING = REPO_ROOT / "babel.cfg"
ONLY_INTERFACE = [INTERFACE_DOMAIN]

SOURCE = """\
from interview_app.i18n import _, ngettext, pgettext


def labels(count: int) -> list[str]:
    return [
        # Translators: the button that opens a case file.
        _("Open case"),
        pgettext("menu", "File"),
        ngettext("{n} answer", "{n} answers", count),
    ]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    package = tmp_path / "interview_app"
    package.mkdir()
    (package / "labels.py").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def extract(project: Path) -> list[Path]:
    return build.extract(project, project / "translations", MAPPING, ONLY_INTERFACE)


def test_interface_strings_are_extracted_without_locations(project: Path) -> None:
    assert extract(project) == [project / "translations" / "interview_app.pot"]
    pot = (project / "translations" / "interview_app.pot").read_text(encoding="utf-8")
    assert '#. Translators: the button that opens a case file.\nmsgid "Open case"' in pot
    assert 'msgctxt "menu"\nmsgid "File"' in pot
    assert 'msgid "{n} answer"\nmsgid_plural "{n} answers"' in pot
    assert "#:" not in pot
    assert not (project / "translations" / "forms.pot").exists()


def test_extracting_again_changes_nothing_not_even_the_date(project: Path) -> None:
    extract(project)
    pot = project / "translations" / "interview_app.pot"
    dated = re.sub(
        r"POT-Creation-Date: [^\\]*", "POT-Creation-Date: 2020-01-01 00:00+0000", pot.read_text()
    )
    pot.write_text(dated)
    assert extract(project) == []
    assert pot.read_text() == dated


def test_new_languages_get_one_msgstr_per_plural_form(project: Path) -> None:
    extract(project)
    translations = project / "translations"
    assert build.init(translations, "ar", ONLY_INTERFACE) == [
        po_path(translations, "ar", INTERFACE_DOMAIN)
    ]
    assert build.init(translations, "ar", ONLY_INTERFACE) == []  # never overwrites
    build.init(translations, "fa", ONLY_INTERFACE)
    arabic = po_path(translations, "ar", INTERFACE_DOMAIN).read_text(encoding="utf-8")
    assert 'msgstr[5] ""' in arabic
    assert "msgstr[6]" not in arabic
    persian = po_path(translations, "fa", INTERFACE_DOMAIN).read_text(encoding="utf-8")
    assert 'msgstr[0] ""' in persian
    assert "msgstr[1]" not in persian
    assert load_catalog("ar", INTERFACE_DOMAIN, translations).num_plurals == 6


def test_update_compile_and_check(project: Path) -> None:
    translations = project / "translations"
    extract(project)
    build.init(translations, "ru", ONLY_INTERFACE)
    assert build.check(project, translations, MAPPING, ONLY_INTERFACE) == []
    assert build.compile_all(translations, ONLY_INTERFACE) == [
        mo_path(translations, "ru", INTERFACE_DOMAIN)
    ]

    # A new string in the code: the template is stale until extracted, the .po until updated.
    labels = project / "interview_app" / "labels.py"
    labels.write_text(SOURCE.replace('_("Open case"),', '_("Open case"), _("Close case"),'))
    problems = build.check(project, translations, MAPPING, ONLY_INTERFACE)
    assert problems == [
        f"{translations / 'interview_app.pot'}: out of date with the sources; "
        "run `make translations`"
    ]
    extract(project)
    assert len(build.check(project, translations, MAPPING, ONLY_INTERFACE)) == 1
    assert build.update(translations, ONLY_INTERFACE) == [
        po_path(translations, "ru", "interview_app")
    ]
    assert build.check(project, translations, MAPPING, ONLY_INTERFACE) == []
    assert load_catalog("ru", INTERFACE_DOMAIN, translations).get("Close case") is not None


def test_a_catalogue_that_does_not_compile_fails_the_check(project: Path) -> None:
    translations = project / "translations"
    extract(project)
    build.init(translations, "ru", ONLY_INTERFACE)
    po = po_path(translations, "ru", INTERFACE_DOMAIN)
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Open case"\nbroken line\n')
    problems = build.check(project, translations, MAPPING, ONLY_INTERFACE)
    assert len(problems) == 1
    assert problems[0].startswith(f"{po}:")
    with pytest.raises(CatalogError):
        build.compile_all(translations, ONLY_INTERFACE)


def test_the_mapping_sends_each_method_to_its_catalogue() -> None:
    mapping = build.read_mapping(MAPPING)
    assert mapping["forms"].methods == [("forms/*.yaml", "interview_form")]
    assert mapping["interview_app"].methods == [("interview_app/**.py", "python")]
