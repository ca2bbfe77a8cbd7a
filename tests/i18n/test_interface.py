"""The interviewer's language: gettext functions that fall back to English one string at a time."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app import i18n
from interview_app.errors import CatalogError
from interview_app.i18n import (
    _,
    install_interface_language,
    interface_language,
    ngettext,
    npgettext,
    pgettext,
)
from tests.i18n.conftest import Entry, po_bytes, write_catalog

pytestmark = pytest.mark.usefixtures("english_interface")

RUSSIAN: list[Entry] = [
    (None, "Open case", "Открыть дело"),
    (None, "Lock now", "Заблокировать"),
    (None, "Export", ""),
    ("menu", "File", "Файл"),
    (None, ("{n} answer", "{n} answers"), ("{n} ответ", "{n} ответа", "{n} ответов")),
    ("review", ("{n} change", "{n} changes"), ("{n} изменение", "", "{n} изменений")),
]


@pytest.fixture
def russian(tmp_path: Path) -> Path:
    data = po_bytes("ru", RUSSIAN, fuzzy=[1], domain="interview_app")
    write_catalog(tmp_path, "ru", "interview_app", data)
    return tmp_path


def test_english_is_the_source_text() -> None:
    assert install_interface_language("en") == "en"
    assert _("Open case") == "Open case"
    assert [ngettext("{n} answer", "{n} answers", n) for n in (1, 2)] == [
        "{n} answer",
        "{n} answers",
    ]


def test_a_translated_interface_falls_back_to_english_string_by_string(russian: Path) -> None:
    assert install_interface_language("ru", russian) == "ru"
    assert interface_language() == "ru"
    assert _("Open case") == "Открыть дело"
    assert _("Lock now") == "Lock now"  # fuzzy
    assert _("Export") == "Export"  # untranslated
    assert _("Never seen") == "Never seen"
    assert pgettext("menu", "File") == "Файл"
    assert pgettext("other", "File") == "File"
    assert [ngettext("{n} answer", "{n} answers", n) for n in (1, 3, 5, 21)] == [
        "{n} ответ",
        "{n} ответа",
        "{n} ответов",
        "{n} ответ",
    ]
    # A plural entry with a form missing is English as a whole, never a mixture.
    assert npgettext("review", "{n} change", "{n} changes", 3) == "{n} changes"


def test_nothing_is_put_into_builtins(russian: Path) -> None:
    install_interface_language("ru", russian)
    assert not hasattr(builtins, "_")
    assert not hasattr(builtins, "ngettext")


def test_a_language_without_a_catalogue_is_shown_in_english(tmp_path: Path) -> None:
    assert install_interface_language("de", tmp_path) == "en"
    assert _("Open case") == "Open case"


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(LookupError):
        install_interface_language("tlh")


def test_an_unreadable_catalogue_keeps_the_current_language(russian: Path, tmp_path: Path) -> None:
    install_interface_language("ru", russian)
    write_catalog(tmp_path / "broken", "fr", "interview_app", b'msgid "x"\nmsgstr "y"\ngarbage\n')
    with pytest.raises(CatalogError, match="interview_app.po"):
        install_interface_language("fr", tmp_path / "broken")
    assert i18n.interface_language() == "ru"
    assert _("Open case") == "Открыть дело"


def test_the_start_path_reads_a_fresh_catalogue_without_babel(russian: Path) -> None:
    # babel and the .po reader cost about 45 ms of start-up: they load only to compile a .mo.
    install_interface_language("ru", russian)  # writes the .mo beside the .po
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import interview_app.app\n"
        "from interview_app.i18n import _, install_interface_language\n"
        "from interview_app.i18n.locales import is_rtl\n"
        f"print(install_interface_language('ru', Path({str(russian)!r})))\n"
        "print(ascii(_('Open case')), ascii(_('Export')), is_rtl('ru'), is_rtl('fa'))\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'babel'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines() == [
        "ru",
        f"{ascii('Открыть дело')} 'Export' False True",
        "[]",
    ]
