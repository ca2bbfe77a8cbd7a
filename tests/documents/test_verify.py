"""`interview-app verify`: an exported file is recognised, a changed one or a stranger's is not."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from interview_app.cli import main
from interview_app.documents.exporting import pdf_bytes
from interview_app.documents.model import Document, Paragraph
from interview_app.documents.statement import StatementOptions, export_statement
from tests.documents.statement_support import StatementCase, new_vault, statement_case
from tests.storage.conftest import PASSPHRASE, SUPERVISOR

pytestmark = pytest.mark.usefixtures("qapp")
PASSWORD = "river farm 2026"  # noqa: S105 - a test document's password


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qapp: Any) -> tuple[StatementCase, Path]:
    directory = tmp_path_factory.mktemp("verify")
    case = statement_case(directory / "vault")
    path = directory / "statement.pdf"
    export_statement(case.repo, case.session_id, case.form, path,
                     options=StatementOptions(recipient="Prosecutor"), password=PASSWORD)
    case.vault.lock()
    return case, path


def _verify(path: Path, vault: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    read, write = os.pipe()
    os.write(write, f"{PASSPHRASE}\n".encode())
    os.close(write)
    try:
        code = main(["verify", str(path), "--vault", str(vault), "--user", SUPERVISOR,
                     "--passphrase-fd", str(read)])
    finally:
        os.close(read)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_an_exported_file_is_verified_with_when_and_for_whom(
    exported: tuple[StatementCase, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    case, path = exported
    code, out = _verify(path, case.vault.directory, capsys)
    assert code == 0, out
    assert "VERIFIED: exported by this vault and unchanged" in out
    assert "for: Prosecutor" in out
    assert f"by {SUPERVISOR}" in out
    assert "(statement)" in out
    assert "case: C-" in out


@pytest.mark.parametrize("where", [0.1, 0.5, 0.97])
def test_a_single_changed_byte_is_rejected(
    exported: tuple[StatementCase, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
    where: float,
) -> None:
    case, path = exported
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, out = _verify(changed, case.vault.directory, capsys)
    assert code == 1
    assert "NOT VERIFIED" in out
    assert "VERIFIED: exported" not in out


def test_a_document_of_another_vault_is_rejected(
    exported: tuple[StatementCase, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    case, _path = exported
    document = Document("ST-0THE-RVAU-LT00", "statement", "Other", "en", (Paragraph("x"),))
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf_bytes(document)[0])
    code, out = _verify(other, case.vault.directory, capsys)
    assert code == 1
    assert "never exported a document ST-0THE-RVAU-LT00" in out


def test_a_pdf_without_marks_and_a_missing_file_are_rejected(
    exported: tuple[StatementCase, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    case, _path = exported
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out = _verify(plain, case.vault.directory, capsys)
    assert code == 1
    assert "carries no document id" in out
    code, out = _verify(tmp_path / "missing.pdf", case.vault.directory, capsys)
    assert code == 1
    assert "there is no file" in out


def test_the_same_file_checked_against_another_vault_is_rejected(
    exported: tuple[StatementCase, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    _case, path = exported
    other = new_vault(tmp_path / "other")
    other.lock()
    code, out = _verify(path, tmp_path / "other", capsys)
    assert code == 1
    assert "never exported" in out
