"""Cases: the list and its search, a new case, and a case page that says what is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.domain.model import Answer, ItemRef, QuestionId
from interview_app.storage.repository import ConsentStatus, ParticipantRole
from interview_app.ui.main_window import MainWindow
from tests.shell_support import create_vault_through_ui, shell_config, type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    shell = MainWindow(shell_config(tmp_path))
    qtbot.addWidget(shell)
    shell.show()
    create_vault_through_ui(qtbot, shell)
    return shell


def test_new_case_gets_a_code_and_opens_its_page(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "interview_app.ui.workspace.QInputDialog.getText", lambda *_a, **_k: ("Rose", True)
    )
    window.shell_actions.new_case.trigger()
    page = window.case_page
    assert page is not None
    assert window.pages.currentWidget() is page
    assert page.heading.text().startswith("C-")
    assert page.heading.text().endswith("Rose")
    assert page.covered.text() == "Nothing recorded yet."


def test_search_finds_cases_by_pseudonym_in_any_script(qtbot: QtBot, window: MainWindow) -> None:
    assert window.vault is not None
    repository = window.vault.repository
    repository.create_case("Nguyễn Thị Lan")
    repository.create_case("王小明")
    repository.create_case("Maria")
    window.show_cases()
    view = window.case_list
    assert view is not None
    assert view.cases.count() == 3

    type_text(view.search, "nguyen")
    qtbot.waitUntil(lambda: view.cases.count() == 1)
    assert "Nguyễn" in view.cases.item(0).text()
    view.search.clear()
    type_text(view.search, "小明")
    qtbot.waitUntil(lambda: view.cases.count() == 1 and "王小明" in view.cases.item(0).text())
    view.search.clear()
    type_text(view.search, "nobody like this")
    qtbot.waitUntil(lambda: view.cases.count() == 0)
    assert view.empty.text() == "No case matches this search."


def test_case_page_lists_sessions_consents_and_covered_topics(window: MainWindow) -> None:
    assert window.vault is not None
    repository = window.vault.repository
    case = repository.create_case("Rose")
    session = repository.start_session(case.id, "sample", "1.0.0", interface_language="en",
                                       interview_language="en", place="shelter",
                                       place_detail="north wing")
    repository.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, "ana")
    repository.save_answer(
        session.id, Answer(ItemRef(QuestionId("urgent_medical")), value=False),
        data_class=window.shelf.forms[0].item("urgent_medical").data_class,
    )
    repository.record_consent(case.id, "interview", ConsentStatus.GIVEN, language="en",
                              session_id=session.id)

    window.open_case(case.id)
    page = window.case_page
    assert page is not None
    assert page.covered.text() == (
        "Already recorded: Safety first. Do not ask about these again."
    )
    assert page.sessions.count() == 1
    assert "Sample interview" in page.sessions.item(0).text()
    assert "open" in page.sessions.item(0).text()
    assert "\u2068Shelter: north wing\u2069" in page.sessions.item(0).text()
    assert page.consents.item(0).text().startswith("This interview: given")
    assert page.referrals.item(0).text().strip("\u2068\u2069") == "No referral made."
    assert not page.referrals.isEnabled()
