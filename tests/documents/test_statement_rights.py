"""Rights in the statement's time line: the words told, from the script they were told under."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app import paths
from interview_app.documents.statement import export_statement
from interview_app.script_shelf import ScriptShelf
from tests.documents.pdf_support import body_text, normal
from tests.documents.statement_support import statement_case

pytestmark = pytest.mark.usefixtures("qapp")
# Short enough to stay on one line of its table cell (pdftotext reads cells row by row).
HELP_EN = "Your help does not depend on talking"


def _rights_told_in_another_session(tmp_path: Path, interview_language: str) -> Path:
    """Rights told in a consent and rights session, the statement of a later session."""
    case = statement_case(tmp_path / "vault", interview_language=interview_language)
    shelf = ScriptShelf.load(paths.FORMS_DIR)
    rights = shelf.get("consent_rights")
    assert rights is not None
    earlier = case.repo.start_session(case.case_id, rights.id, rights.version,
                                      interface_language="en",
                                      interview_language=interview_language)
    for item in ("help_unconditional", "reflection_period", "no_such_right_any_more"):
        case.repo.record_rights_given(case.case_id, item, language=interview_language,
                                      session_id=earlier.id)
    path = tmp_path / "statement.pdf"
    export_statement(case.repo, case.session_id, case.form, path, shelf=shelf)
    return path


def test_rights_show_their_words_in_both_languages_not_their_ids(tmp_path: Path) -> None:
    text = normal(body_text(_rights_told_in_another_session(tmp_path, "fr")))
    assert f"Told: {HELP_EN}" in text
    assert "L’aide que vous recevez ne dépend pas" in text  # the words the person heard
    assert "Told: You can have time to recover" in text
    assert "help_unconditional" not in text
    assert "reflection_period" not in text
    # The statement's own script still names its own rights; a right no script has any more
    # stays an id rather than disappearing.
    assert "Told: You know this statement may be used by the police and in court." in text
    assert "Told: no_such_right_any_more" in text


def test_a_one_language_statement_says_each_right_once(tmp_path: Path) -> None:
    text = normal(body_text(_rights_told_in_another_session(tmp_path, "en")))
    assert text.count(HELP_EN) == 1
