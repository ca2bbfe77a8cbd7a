"""Every error's fixed sentence is extracted for translators and shown in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app import errors
from interview_app.errors import InterviewAppError, StorageFull, WrongPassphrase
from interview_app.i18n import build, install_interface_language
from interview_app.i18n.catalogs import INTERFACE_DOMAIN
from interview_app.ui.error_text import error_text
from tests.conftest import REPO_ROOT
from tests.i18n.conftest import po_bytes, write_catalog

pytestmark = pytest.mark.usefixtures("english_interface")

FRENCH_FULL = "Le disque est plein : la dernière modification n'a pas été enregistrée."


def _error_classes() -> list[type[InterviewAppError]]:
    found: list[type[InterviewAppError]] = []
    waiting: list[type[InterviewAppError]] = [InterviewAppError]
    while waiting:
        cls = waiting.pop()
        found.append(cls)
        waiting.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__ == errors.__name__]


def test_every_error_message_is_in_the_interface_template() -> None:
    mapping = build.read_mapping(REPO_ROOT / "babel.cfg")[INTERFACE_DOMAIN]
    template = build.extract_template(REPO_ROOT, INTERFACE_DOMAIN, mapping)
    classes = _error_classes()
    assert len(classes) > 30
    for cls in classes:
        assert cls.message in template, cls.__name__
        assert "{" not in cls.message, cls.__name__  # fixed text: nothing to fill in


def test_the_interface_shows_an_error_in_its_own_language(tmp_path: Path) -> None:
    data = po_bytes("fr", [(None, StorageFull.message, FRENCH_FULL)], domain=INTERFACE_DOMAIN)
    write_catalog(tmp_path, "fr", INTERFACE_DOMAIN, data)
    assert install_interface_language("fr", tmp_path) == "fr"
    assert error_text(StorageFull()) == FRENCH_FULL
    assert str(StorageFull()) == StorageFull.message  # logs and the command line: English
    assert error_text(WrongPassphrase()) == WrongPassphrase.message  # not translated yet
    assert error_text(ValueError("a detail")) == InterviewAppError.message
