"""Session setup: languages offered, the interpreter's declarations, the place warning, start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.storage.repository import ParticipantRole
from interview_app.ui.main_window import MainWindow
from interview_app.ui.session_setup import SessionSetupView
from tests.interview_support import write_arabic_catalogue
from tests.shell_support import SUPERVISOR, click, create_vault_through_ui, shell_config, type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    translations = write_arabic_catalogue(tmp_path / "translations")
    shell = MainWindow(shell_config(tmp_path, translations))
    qtbot.addWidget(shell)
    shell.show()
    create_vault_through_ui(qtbot, shell)
    return shell


@pytest.fixture
def setup(window: MainWindow) -> SessionSetupView:
    assert window.vault is not None
    case = window.vault.repository.create_case("Rose")
    window.open_case(case.id)
    assert window.case_page is not None
    window.case_page.new_session_button.click()
    assert window.session_setup is not None
    return window.session_setup


def choose(combo: object, data: str) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_offers_english_and_each_complete_translation_with_draft_marks(
    setup: SessionSetupView,
) -> None:
    codes = [setup.interview_language.itemData(i) for i in range(setup.interview_language.count())]
    assert codes[0] == "en"
    assert "ar" in codes
    arabic = setup.interview_language.itemText(codes.index("ar"))
    assert "draft translation" in arabic  # the Arabic sample catalogue has an unreviewed entry
    assert setup.lead.text() == SUPERVISOR
    assert setup.start_button.isEnabled()


def test_an_interpreter_must_make_both_declarations(setup: SessionSetupView) -> None:
    setup.interpreter.setChecked(True)
    assert not setup.start_button.isEnabled()
    assert "Name the interpreter." in setup.problems.text()
    type_text(setup.interpreter_name, "سميرة حداد")
    setup.no_conflict.setChecked(True)
    assert not setup.start_button.isEnabled()
    setup.confidentiality.setChecked(True)
    assert setup.start_button.isEnabled()
    assert setup.problems.text() == ""


def test_the_interpreter_language_follows_the_interview_language(setup: SessionSetupView) -> None:
    choose(setup.interview_language, "ar")
    assert setup.interpreter_language.currentData() == "ar"


def test_warns_for_a_child_at_a_police_station(setup: SessionSetupView) -> None:
    assert setup.warnings.isHidden()
    choose(setup.place, "police_station")
    choose(setup.age, "child")
    assert not setup.warnings.isHidden()
    assert "child" in setup.warnings.text()
    assert setup.start_button.isEnabled()  # a warning, not a refusal
    choose(setup.place, "shelter")
    assert setup.warnings.isHidden()


def test_starting_records_the_session_and_opens_the_interview(
    qtbot: QtBot, window: MainWindow, setup: SessionSetupView
) -> None:
    choose(setup.interview_language, "ar")
    setup.interpreter.setChecked(True)
    type_text(setup.interpreter_name, "Samira")
    type_text(setup.dialect, "Levantine")
    setup.no_conflict.setChecked(True)
    setup.confidentiality.setChecked(True)
    choose(setup.place, "other")
    assert not setup.start_button.isEnabled()  # "somewhere else" says where
    assert "where the session takes place" in setup.problems.text()
    type_text(setup.place_detail, "Café near the bus station")
    click(qtbot, setup.start_button)

    assert window.vault is not None
    repository = window.vault.repository
    case = repository.search_cases("Rose")[0]
    (session,) = repository.sessions_for_case(case.id)
    assert (session.interview_language, session.interface_language) == ("ar", "en")
    assert (session.place, session.place_detail) == ("other", "Café near the bus station")
    roles = [(p.role, p.name, p.dialect) for p in repository.participants(session.id)]
    assert roles == [
        (ParticipantRole.LEAD_INTERVIEWER, SUPERVISOR, None),
        (ParticipantRole.INTERPRETER, "Samira", "Levantine"),
    ]
    assert window.session_setup is None
    assert window.pages.currentWidget() is window.session_page
