"""The statement end to end: a real vault, a real PDF, read back with pdftotext."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from interview_app.documents.statement import StatementOptions, export_statement
from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.errors import AccessDenied
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from tests.documents.pdf_support import body_text, created_files, normal, pdftotext, rtl_words
from tests.documents.statement_support import (
    ARABIC,
    ENGLISH,
    HOSTILE,
    LANGUAGES,
    StatementCase,
    long_narrative,
    statement_case,
)
from tests.storage.conftest import TINY_KDF

pytestmark = pytest.mark.usefixtures("qapp")
PASSWORD = "river farm 2026"  # noqa: S105 - a test document's password


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, qapp: Any
) -> tuple[StatementCase, Path, str]:
    """One statement with a 50,000-character narrative, hostile and multilingual answers."""
    directory = tmp_path_factory.mktemp("statement")
    case = statement_case(directory / "vault", narrative_text=long_narrative())
    path = directory / "statement.pdf"
    export_statement(case.repo, case.session_id, case.form, path,
                     options=StatementOptions(place="Shelter office", recipient="Prosecutor"))
    return case, path, normal(body_text(path))


def test_answers_come_out_literally(exported: tuple[StatementCase, Path, str]) -> None:
    _case, _path, text = exported
    assert normal(HOSTILE[0]) in text  # <b>bold</b>, as typed
    assert normal(" | ".join(HOSTILE[:4])) in text
    assert "invoice[U+202E]fdp.exe" in text
    for sentence in LANGUAGES:
        assert normal(sentence) in text


def test_the_long_narrative_is_whole_and_its_translation_attributed(
    exported: tuple[StatementCase, Path, str],
) -> None:
    _case, _path, text = exported
    assert normal(long_narrative()) in text
    assert normal(f"Translation by Ibrahim Tarjuman: {ENGLISH} (translated)") in text


def test_the_header_names_the_case_never_the_person(
    exported: tuple[StatementCase, Path, str],
) -> None:
    case, path, text = exported
    assert "C-2026-0001" in text or case.repo.case(case.case_id).code in text
    assert "Amal" in text  # the pseudonym
    assert "REAL NAME" not in pdftotext(path).stdout
    assert "Identity details are kept in the separate identity annex" in text
    for expected in ("Shelter office", "Prosecutor", "Ana Lead", "Ibrahim Tarjuman",
                     "Witness statement", "Arabic (ar)", "English (en)"):
        assert expected in text


def test_the_time_line_has_rights_consent_and_breaks(
    exported: tuple[StatementCase, Path, str],
) -> None:
    _case, _path, text = exported
    for expected in ("Interview started", "Break started", "Break ended", "Interview ended",
                     # The cell goes on with the Arabic words told, which pdftotext
                     # reads beside the next columns: the English start is on one line.
                     "Told: You know this statement may be used by",
                     "Consent to share with the police or prosecutor: agreed",
                     "witnessed by Wafa Witness"):
        assert expected in text


def test_changes_and_non_responses_are_shown_as_such(
    exported: tuple[StatementCase, Path, str],
) -> None:
    _case, _path, text = exported
    assert "Declined to answer" in text
    assert "This answer was changed. Every version, oldest first:" in text
    assert "Farm near the river" in text
    assert "A farm by the river, then a house" in text
    assert "The person corrected the place" in text
    for expected in ("Interpreter's declaration", "Read-back and confirmation",
                     "The person interviewed", "Signature or mark"):
        assert expected in text


def test_the_export_is_registered_with_the_file_hash_and_audited(
    exported: tuple[StatementCase, Path, str],
) -> None:
    case, path, _text = exported
    [record] = case.repo.export_register(case.case_id)
    assert record.doc_type == "statement"
    assert record.session_id == case.session_id
    assert record.recipient == "Prosecutor"
    assert record.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.document_id in pdftotext(path).stdout
    entries = [e for e in case.repo.audit_entries() if e.action == "export"]
    assert [e.target_id for e in entries] == [record.id]


def test_arabic_words_of_the_answer_run_right_to_left(tmp_path: Path) -> None:
    case = statement_case(tmp_path / "vault")
    path = tmp_path / "ar.pdf"
    export_statement(case.repo, case.session_id, case.form, path)
    expected = normal(ARABIC).split()
    lines: dict[tuple[int, float], dict[str, float]] = {}
    for word in rtl_words(path):
        if word.text in expected:
            lines.setdefault((word.page, word.y_min), {})[word.text] = word.x_min
    full = [line for line in lines.values() if set(line) == set(expected)]
    assert full, "the Arabic answer on one line"
    for line in full:
        xs = [line[w] for w in expected]
        assert xs == sorted(xs, reverse=True)


def test_an_addendum_is_shown_as_a_correction(tmp_path: Path) -> None:
    case = statement_case(tmp_path / "vault")
    addendum = case.repo.open_addendum(case.session_id)
    ref = ItemRef(QuestionId("rec_where"))
    case.repo.save_answer(addendum.id, Answer(ref, "The house in the town"),
                          data_class=DataClass.INTELLIGENCE)
    path = tmp_path / "statement.pdf"
    export_statement(case.repo, case.session_id, case.form, path)
    text = normal(body_text(path))
    assert "Addenda: corrections after the statement was finalised" in text
    assert "Addendum opened at" in text
    assert "corrects question" in text
    assert "The house in the town" in text
    assert "A farm by the river, then a house" in text  # the original stays


def test_observations_go_into_an_annex_only_when_asked(tmp_path: Path) -> None:
    case = statement_case(tmp_path / "vault")
    without, with_annex = tmp_path / "without.pdf", tmp_path / "with.pdf"
    export_statement(case.repo, case.session_id, case.form, without)
    export_statement(case.repo, case.session_id, case.form, with_annex,
                     options=StatementOptions(observations_annex=True))
    assert "Promised work in a hotel" not in body_text(without)
    text = normal(body_text(with_annex))
    assert "Annex: indicator observations" in text
    assert "not a determination that the person is or is not a victim" in text
    assert "Promised work in a hotel" in text
    assert "Appears to be under someone else's control" in text  # the catalogue's label
    pages = [page for page in pdftotext(with_annex).stdout.split("\f") if page.strip()]
    assert pages[-1].lstrip().startswith("Annex: indicator observations")  # a page of its own


def test_an_encrypted_statement_opens_only_with_its_password(tmp_path: Path) -> None:
    case = statement_case(tmp_path / "vault")
    path = tmp_path / "locked.pdf"
    result = export_statement(case.repo, case.session_id, case.form, path, password=PASSWORD)
    assert result.encrypted
    assert pdftotext(path).returncode != 0
    assert "A farm by the river" in pdftotext(path, password=PASSWORD).stdout


def test_no_temporary_file_appears_anywhere_during_an_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = statement_case(tmp_path / "vault")
    temp, home, target = tmp_path / "tmp", tmp_path / "home", tmp_path / "exports"
    for directory in (temp, home, target):
        directory.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.chdir(home)
    with created_files(temp, home, target, tmp_path) as created:
        export_statement(case.repo, case.session_id, case.form, target / "statement.pdf",
                         password=PASSWORD)
    assert created.names == [(str(target), "statement.pdf")]
    assert [p.name for p in target.iterdir()] == ["statement.pdf"]


def test_a_role_that_may_not_read_statements_cannot_export_one(tmp_path: Path) -> None:
    case = statement_case(tmp_path / "vault")
    case.vault.add_user("ike", Role.INTAKE, "intake passphrase", kdf=TINY_KDF)
    case.vault.lock()
    intake = vault_module.unlock(tmp_path / "vault", "ike", "intake passphrase")
    with pytest.raises(AccessDenied):
        export_statement(intake.repository, case.session_id, case.form, tmp_path / "s.pdf")
    assert not (tmp_path / "s.pdf").exists()
