"""Hostile text and hostile file names through every kind of export."""

# Answers hold markup, format strings, direction overrides and paths; file names hold markup,
# direction overrides, a leading dash, percent-encoded slashes, a newline and 200 characters.
# Every export writes exactly the files it names (never a path made of case content), reads
# back literally, carries no active PDF content, and never writes through a symbolic link.
# Markup rendered literally in the PDF's text is tested in tests/documents/test_render.py and
# tests/documents/test_statement.py; this file adds every other kind of export.

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtWidgets import QApplication

from interview_app.documents import export_actions
from interview_app.documents.protect import ExportExists
from interview_app.storage.repository import Case, Repository
from tests.documents.export_support import NOW, add_case, new_vault, shelf
from tests.documents.statement_support import HOSTILE

PATHS = ("../../../etc/passwd", "/tmp/x; rm -rf ~", "C:\\Windows\\win.ini", "~/.bashrc")  # noqa: S108
WORDS = " | ".join((*HOSTILE, *PATHS))
NAMES = (
    "<script>alert(1)<\\script> & \"quotes\" 'too'",  # a name cannot hold a slash
    "invoice\u202efdp.exe",
    "-rf --help",
    "..%2F..%2Fetc%2Fpasswd",
    "new\nline",
    "名前 اسم",
    "a" * 200,
)
KINDS = ("statement", "referral", "intake", "annex", "json", "stats")
PASSWORD = "hostile exports 1"  # noqa: S105 - a test document's password
# Names in a PDF that run something, fetch something or carry a file.
ACTIVE = ("/JavaScript", "/JS", "/Launch", "/URI", "/EmbeddedFile", "/OpenAction", "/AA",
          "/SubmitForm", "/GoToR", "/ImportData", "/RichMedia")


@pytest.fixture
def case(qapp: QApplication, tmp_path: Path) -> Iterator[tuple[Repository, Case, int]]:
    """A case whose every free-text answer is hostile, with a shelter to refer it to."""
    with new_vault(tmp_path / "vault") as vault:
        repo = vault.repository
        shelter = repo.add_directory_entry(f"Shelter {HOSTILE[0]}", "shelter")
        made = add_case(repo, {
            "statement": {"free_narrative": {"original": WORDS}},
            "shelter_intake": {"religion_needs": WORDS, "health_to_plan": WORDS},
        }, identity={"full_name": WORDS}, pseudonym=HOSTILE[2])
        yield repo, made, shelter.id


def _request(kind: str, case: tuple[Repository, Case, int], path: Path, *,
             overwrite: bool = False) -> export_actions.Request:
    repo, made, shelter = case
    sessions = repo.sessions_for_case(made.id)
    statement = next(s.id for s in sessions if s.form_id == "statement")
    return export_actions.Request(
        kind=kind, case_id=made.id, path=path, overwrite=overwrite, session_id=statement,
        recipient=shelter, password=PASSWORD if kind in ("annex", "intake") else None,
    )


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {s for item in value.values() for s in _strings(item)}
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    return set()


def _active_content(data: bytes, password: str | None) -> list[str]:
    found = []
    with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                found += [key for key in obj.keys() if key in ACTIVE]  # noqa: SIM118
        found += [key for key in pdf.Root.keys() if key in ACTIVE]  # noqa: SIM118
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_writes_exactly_its_files_under_any_name(
    case: tuple[Repository, Case, int], tmp_path: Path, kind: str
) -> None:
    name = NAMES[KINDS.index(kind) % len(NAMES)]
    folder = tmp_path / "out"
    folder.mkdir()
    before = _files(tmp_path)
    path = folder / f"{name}.{'csv' if kind == 'stats' else 'json' if kind == 'json' else 'pdf'}"
    lines = export_actions.run(case[0], shelf(), _request(kind, case, path), now=NOW)
    assert lines
    written = _files(tmp_path) - before
    assert written == set(export_actions.targets(kind, path))
    for target in written:
        assert oct(target.stat().st_mode & 0o777) == "0o600"
        data = target.read_bytes()
        if target.suffix == ".pdf":
            password = PASSWORD if kind in ("annex", "intake") else None
            assert _active_content(data, password) == []
        elif target.suffix == ".json":
            assert WORDS in _strings(json.loads(data))  # as typed, and only as a string
        else:  # the statistics table: counts by category, never a formula for a spreadsheet
            for row in csv.reader(io.StringIO(data.decode("utf-8"))):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
                    assert not cell.startswith("-") or cell[1:].replace(".", "").isdigit()


@pytest.mark.parametrize("kind", ["statement", "json"])
def test_an_export_never_writes_through_a_symbolic_link(
    case: tuple[Repository, Case, int], tmp_path: Path, kind: str
) -> None:
    """Someone who can write to the export folder plants a link where the document will go:
    the export refuses the name, and replacing replaces the link, not what it points to."""
    victim = tmp_path / "victim.txt"
    victim.write_text("the file the link points to\n")
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / ("statement.pdf" if kind == "statement" else "case.json")
    path.symlink_to(victim)
    with pytest.raises(ExportExists):
        export_actions.run(case[0], shelf(), _request(kind, case, path), now=NOW)
    dangling = folder / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ExportExists):
        export_actions.run(case[0], shelf(), _request(kind, case, dangling), now=NOW)
    assert not (tmp_path / "nowhere.txt").exists()
    export_actions.run(case[0], shelf(), _request(kind, case, path, overwrite=True), now=NOW)
    assert victim.read_text() == "the file the link points to\n"
    assert not path.is_symlink()
    assert path.stat().st_size > 0
    assert len(case[0].export_register()) == 1  # the refused attempts were not recorded


def test_a_file_name_is_never_made_of_case_content(
    case: tuple[Repository, Case, int], tmp_path: Path
) -> None:
    """Whatever the answers say (paths included), an export writes where the person chose."""
    cwd = Path.cwd()
    os.chdir(tmp_path)  # a relative path made of content would land here
    try:
        before = _files(tmp_path)
        path = tmp_path / "chosen" / "statement.pdf"
        path.parent.mkdir()
        export_actions.run(case[0], shelf(), _request("statement", case, path), now=NOW)
        assert _files(tmp_path) - before == {path}
    finally:
        os.chdir(cwd)
