"""Intake record for shelter staff, and the identity annex that is always sealed."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from interview_app.documents.intake import export_identity_annex, export_intake
from interview_app.documents.protect import PasswordRequired, is_encrypted
from interview_app.domain.model import ConsentPurpose
from interview_app.errors import RecordNotKept
from interview_app.session_reuse import reuse_earlier_answers
from interview_app.storage.repository import ConsentStatus, Repository
from interview_app.storage.unlocked import Vault
from tests.documents.export_support import (
    NOW,
    TODAY,
    AnswerSpec,
    add_case,
    answer_session,
    decide,
    new_vault,
    shelf,
)

# Documents render through Qt: pytest-qt's QApplication first, never a bare QGuiApplication
# that a later widget test would trip over.
pytestmark = pytest.mark.usefixtures("qapp")

NAME = "Selam Example-Tesfay"
PASSWORD = "sealed annex 2026"  # noqa: S105 - a test document's password
INTAKE: AnswerSpec = {
    "preferred_name": "Selam",
    "health_to_plan": "Pregnant, fourth month",
    "diet": {"options": ["halal", "allergy"], "specify": "peanuts"},
    "religion_needs": "A quiet room to pray",
    "children_with_you": True,
    "dependants_list": [{"instance": 1, "label": "Little one"}],
    "dependant_age#1": 4,
    "dependant_needs#1": "Warm clothes",
    "worried_found": True,
    "who_may_know": "Only my sister",
}


def pdftotext(path: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """The text, ligatures (Qt's "fi") folded back into letters."""
    extra = ["-upw", password] if password else []
    done = subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True,
                          text=True, check=False)
    done.stdout = unicodedata.normalize("NFKC", done.stdout)
    return done


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as opened:
        yield opened


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


def test_the_intake_record_has_the_needs_and_no_identity(repo: Repository, tmp_path: Path) -> None:
    case = add_case(repo, {"statement": {"free_narrative": {"original": "They hit me"}},
                           "shelter_intake": INTAKE}, identity={"full_name": NAME})
    result = export_intake(repo, shelf(), case.id, tmp_path / "intake.pdf", now=NOW)
    text = " ".join(pdftotext(result.path).stdout.split())
    for need in ("Pregnant, fourth month", "Halal food", "peanuts", "A quiet room to pray",
                 "Warm clothes", "Little one", "Are you worried that someone"):
        assert need in text
    assert NAME not in text
    assert "Only my sister" not in text
    assert "Selam" not in text
    assert "They hit me" not in text
    assert "Nothing was taken over" in text
    (record,) = repo.export_register(case.id)
    assert record.doc_type == "intake"
    assert record.session_id == repo.sessions_for_case(case.id)[-1].id


def test_the_intake_record_says_what_was_taken_over_from_earlier_sessions(
    repo: Repository, tmp_path: Path
) -> None:
    case = add_case(repo, {"first_contact": {"medicine_needed": True,
                                             "language_main": "Tigrinya"}})
    form = shelf().get("shelter_intake")
    assert form is not None
    intake = answer_session(repo, case.id, "shelter_intake", {})
    filled = reuse_earlier_answers(repo, intake, form, TODAY)
    assert filled.reused  # the usual consents let a shelter have assistance answers
    text = " ".join(pdftotext(export_intake(repo, shelf(), case.id, tmp_path / "i.pdf",
                                            now=NOW).path).stdout.split())
    assert "Taken over from earlier sessions" in text
    assert "Do you need any medicine that you normally take? from session" in text
    assert "First contact" in text
    assert "not yet confirmed with the person" in text


def test_no_intake_record_once_the_record_may_not_be_kept(
    repo: Repository, tmp_path: Path
) -> None:
    case = add_case(repo, {"shelter_intake": INTAKE})
    decide(repo, case.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    with pytest.raises(RecordNotKept):
        export_intake(repo, shelf(), case.id, tmp_path / "i.pdf", now=NOW)
    assert not (tmp_path / "i.pdf").exists()


@pytest.mark.parametrize("password", [None, ""])
def test_the_identity_annex_is_refused_without_a_password(
    repo: Repository, tmp_path: Path, password: str | None
) -> None:
    case = add_case(repo, {"shelter_intake": INTAKE}, identity={"full_name": NAME})
    with pytest.raises(PasswordRequired):
        export_identity_annex(repo, shelf(), case.id, tmp_path / "annex.pdf", now=NOW,
                              password=password)
    assert not (tmp_path / "annex.pdf").exists()
    assert repo.export_register(case.id) == []


def test_the_identity_annex_opens_only_with_its_password(
    repo: Repository, tmp_path: Path
) -> None:
    case = add_case(repo, {"shelter_intake": INTAKE}, identity={
        "full_name": NAME, "date_of_birth": {"year": 2001, "month": 5}})
    path = export_identity_annex(repo, shelf(), case.id, tmp_path / "annex.pdf", now=NOW,
                                 password=PASSWORD).path
    data = path.read_bytes()
    assert is_encrypted(data)
    assert NAME.encode() not in data
    assert pdftotext(path).returncode != 0
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path, password=PASSWORD[::-1])
    opened = pdftotext(path, PASSWORD)
    assert opened.returncode == 0
    text = " ".join(opened.stdout.split())
    assert NAME in text
    assert "Only my sister" in text
    assert "May 2001" in text
    assert "Pregnant" not in text  # needs belong to the intake record
    (record,) = repo.export_register(case.id)
    assert record.doc_type == "identity_annex"
