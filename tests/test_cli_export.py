"""`interview-app export ...`: secrets from descriptors, one-line errors, nothing on refusal."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.domain.model import ConsentPurpose
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import Case, ConsentStatus, DirectoryEntry
from tests.documents.export_support import add_case, decide, new_vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR

# Documents render through Qt: pytest-qt's QApplication first, never a bare QGuiApplication
# that a later widget test would trip over.
pytestmark = pytest.mark.usefixtures("qapp")

PDF_PASSWORD = "pdf password 42"  # noqa: S105 - a test document's password
NAME = "Nadia Example"


@pytest.fixture
def made(tmp_path: Path) -> Iterator[tuple[Path, Case, dict[str, DirectoryEntry]]]:
    directory = tmp_path / "vault"
    with new_vault(directory) as vault:
        repo = vault.repository
        entries = {
            "shelter": repo.add_directory_entry("Lantern House (fictional)", "shelter",
                                                contact={"phone": "+00 555 0101"}),
            "police": repo.add_directory_entry("Harbour police (fictional)", "police"),
        }
        case = add_case(repo, {
            "identification": {"origin_country": "Albania",
                               "help_wanted": {"options": ["safe_place"]}},
            "statement": {"free_narrative": {"original": "The account, as said"}},
            "shelter_intake": {"religion_needs": "A prayer mat"},
        }, identity={"full_name": NAME})
    return directory, case, entries


def export(*args: str, lines: tuple[str, ...] = (PASSPHRASE,),
           passwords: tuple[str, ...] | None = None) -> int:
    """``interview-app export ARGS`` with the passphrase (and PDF password) on descriptors."""
    read, write = os.pipe()
    os.write(write, "".join(f"{line}\n" for line in lines).encode())
    os.close(write)
    extra = ["--user", SUPERVISOR, "--passphrase-fd", str(read)]
    opened = [read]
    if passwords is not None:
        p_read, p_write = os.pipe()
        os.write(p_write, "".join(f"{p}\n" for p in passwords).encode())
        os.close(p_write)
        extra += ["--password-fd", str(p_read)]
        opened.append(p_read)
    try:
        return main(["export", *args, *extra])
    finally:
        for fd in opened:
            os.close(fd)


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    return err


def test_a_referral_goes_to_a_shelter_and_is_recorded(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, entries = made
    out = tmp_path / "referral.pdf"
    assert export("referral", "--vault", str(directory), "--case", case.code, "--recipient",
                  str(entries["shelter"].id), "--out", str(out), "--contact-phone",
                  "+00 555 0199", "--urgency", "urgent") == 0
    printed = capsys.readouterr().out
    assert "written:" in printed
    assert "recorded as sent" in printed
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "A prayer mat" in text
    assert "The account, as said" not in text
    with vault_module.unlock(directory, SUPERVISOR, PASSPHRASE) as vault:
        assert len(vault.repository.referrals(case.id)) == 1


def test_a_police_referral_without_consent_is_one_clear_line(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, entries = made
    out = tmp_path / "police.pdf"
    assert export("referral", "--vault", str(directory), "--case", case.code, "--recipient",
                  str(entries["police"].id), "--out", str(out)) == 1
    assert "refused sharing" in one_line_error(capsys)
    assert not out.exists()


def test_the_annex_needs_a_password_and_opens_with_it(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, _entries = made
    out = tmp_path / "annex.pdf"
    assert export("annex", "--vault", str(directory), "--case", case.code, "--out", str(out),
                  passwords=("",)) == 1
    assert "password" in one_line_error(capsys)
    assert not out.exists()
    assert export("annex", "--vault", str(directory), "--case", case.code, "--out", str(out),
                  passwords=(PDF_PASSWORD,)) == 0
    assert "encrypted" in capsys.readouterr().out
    assert subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                          check=False).returncode != 0
    opened = subprocess.run(["pdftotext", "-upw", PDF_PASSWORD, str(out), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert NAME in opened


def test_json_for_a_shelter_and_statistics_and_a_withdrawn_consent(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, _entries = made
    out = tmp_path / "case.json"
    assert export("json", "--vault", str(directory), "--case", case.code, "--for", "shelter",
                  "--out", str(out)) == 0
    document = json.loads(out.read_text())
    assert document["htcds"]["prs_Citizenship"] == "Albania"
    assert "The account, as said" not in out.read_text()
    stats = tmp_path / "stats.csv"
    assert export("stats", "--vault", str(directory), "--out", str(stats)) == 0
    assert NAME not in stats.read_text()
    assert case.code not in stats.read_text()
    capsys.readouterr()
    with vault_module.unlock(directory, SUPERVISOR, PASSPHRASE) as vault:
        decide(vault.repository, case.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    later = tmp_path / "later.json"
    assert export("json", "--vault", str(directory), "--case", case.code, "--out",
                  str(later)) == 1
    assert "keeping the record" in one_line_error(capsys)
    assert not later.exists()


def test_an_existing_file_is_never_replaced_and_a_wrong_passphrase_is_one_line(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, _entries = made
    taken = tmp_path / "taken.json"
    taken.write_text("mine")
    assert export("json", "--vault", str(directory), "--case", case.code, "--out",
                  str(taken)) == 1
    assert "already exists" in one_line_error(capsys)
    assert taken.read_text() == "mine"
    assert export("json", "--vault", str(directory), "--case", case.code, "--out",
                  str(tmp_path / "x.json"), lines=("not the passphrase",)) == 1
    assert "passphrase is not correct" in one_line_error(capsys)


def test_the_recipients_listing_gives_the_numbers(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], capsys: pytest.CaptureFixture[str],
) -> None:
    directory, _case, entries = made
    assert export("recipients", "--vault", str(directory)) == 0
    out = capsys.readouterr().out
    assert f"{entries['shelter'].id}  shelter" in out


def test_a_statement_with_a_password_and_not_once_the_record_may_not_be_kept(
    made: tuple[Path, Case, dict[str, DirectoryEntry]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, case, _entries = made
    with vault_module.unlock(directory, SUPERVISOR, PASSPHRASE) as vault:
        session = next(s for s in vault.repository.sessions_for_case(case.id)
                       if s.form_id == "statement")
    out = tmp_path / "statement.pdf"
    assert export("statement", "--vault", str(directory), "--case", case.code, "--session",
                  str(session.id), "--out", str(out), passwords=(PDF_PASSWORD,)) == 0
    assert "encrypted" in capsys.readouterr().out
    with vault_module.unlock(directory, SUPERVISOR, PASSPHRASE) as vault:
        decide(vault.repository, case.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    again = tmp_path / "again.pdf"
    assert export("statement", "--vault", str(directory), "--case", case.code, "--session",
                  str(session.id), "--out", str(again)) == 1
    one_line_error(capsys)
    assert not again.exists()
