"""The export dialog, end to end with a real vault: what is withheld, passwords, files."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from interview_app.documents import export_jobs
from interview_app.documents.exporting import write_and_register
from interview_app.documents.protect import is_encrypted
from interview_app.storage.repository import Case, DirectoryEntry, Repository
from interview_app.storage.unlocked import Vault
from interview_app.ui.case_page import CasePage
from interview_app.ui.export_dialog import ExportDialog, Kind
from interview_app.ui.shortcuts import Shortcut
from tests.documents.export_support import NOW, TODAY, add_case, new_vault, shelf

ACCOUNT = "What happened at the farm, in the person's words"
PASSWORD = "annex password 7"  # noqa: S105 - a test document's password


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as opened:
        yield opened


@pytest.fixture
def setup(vault: Vault) -> tuple[Repository, Case, dict[str, DirectoryEntry]]:
    repo = vault.repository
    entries = {
        "shelter": repo.add_directory_entry("Lantern House (fictional)", "shelter",
                                            contact={"phone": "+00 555 0101"}),
        "police": repo.add_directory_entry("Harbour police (fictional)", "police"),
    }
    case = add_case(repo, {
        "statement": {"free_narrative": {"original": ACCOUNT}},
        "shelter_intake": {"religion_needs": "A quiet room"},
    }, identity={"full_name": "Rana Example"})
    return repo, case, entries


@pytest.fixture
def dialog(qtbot: QtBot, setup: tuple[Repository, Case, dict[str, DirectoryEntry]]
           ) -> ExportDialog:
    repo, case, _entries = setup
    shown = ExportDialog(repo, shelf(), case.id, clock=lambda: NOW)
    qtbot.addWidget(shown)
    return shown


def finished(qtbot: QtBot, dialog: ExportDialog) -> None:
    """Rendering runs on a worker: wait until the files are written and registered."""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


def export_now(qtbot: QtBot, dialog: ExportDialog) -> bool:
    """Start an export and wait for it; True when the files were written."""
    with qtbot.waitSignal(dialog.export_done, timeout=30_000) as done:
        if not dialog.run_export():
            return False
    return bool(done.args[0])


def pick(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_referral_shows_what_is_withheld_then_exports_and_is_recorded(
    qtbot: QtBot, dialog: ExportDialog, setup: tuple[Repository, Case, dict[str, DirectoryEntry]],
    tmp_path: Path,
) -> None:
    repo, case, entries = setup
    dialog.choose_kind(Kind.REFERRAL)
    pick(dialog.recipient, entries["shelter"].id)
    assert "Statement (the account of what happened)" in dialog.withheld.text()
    assert ACCOUNT not in dialog.withheld.text()
    assert dialog.stage.currentData() == "first_assistance"
    dialog.contact_phone.setText("+00 555 0199")
    dialog.destination.setText(str(tmp_path / "referral"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert "Written:" in dialog.status.text()
    assert "recorded as sent" in dialog.status.text()
    text = pdftotext(tmp_path / "referral")
    assert "A quiet room" in text
    assert ACCOUNT not in text
    assert "withheld" in text
    assert len(repo.referrals(case.id)) == 1


def test_a_police_referral_without_consent_is_refused_in_plain_words(
    qtbot: QtBot, dialog: ExportDialog, setup: tuple[Repository, Case, dict[str, DirectoryEntry]],
    tmp_path: Path,
) -> None:
    repo, case, entries = setup
    dialog.choose_kind(Kind.REFERRAL)
    pick(dialog.recipient, entries["police"].id)
    assert "refused sharing" in dialog.withheld.text()
    dialog.destination.setText(str(tmp_path / "police.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "refused sharing" in dialog.status.text()
    assert not (tmp_path / "police.pdf").exists()
    assert repo.referrals(case.id) == []


def test_the_identity_annex_needs_the_password_twice(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.choose_kind(Kind.ANNEX)
    target = tmp_path / "annex.pdf"
    dialog.destination.setText(str(target))
    assert not dialog.run_export()
    assert "always encrypted" in dialog.status.text()
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD + "x")
    assert not dialog.run_export()
    assert "differ" in dialog.status.text()
    assert not target.exists()
    dialog.repeat.setText(PASSWORD)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert "encrypted" in dialog.status.text()
    assert is_encrypted(target.read_bytes())
    assert dialog.password.text() == ""  # not kept once used


def test_an_existing_file_is_replaced_only_when_the_person_says_so(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    target = tmp_path / "case.json"
    target.write_text("keep me")
    dialog.choose_kind(Kind.JSON)
    pick(dialog.audience, "shelter")
    assert "Statement" in dialog.withheld.text()
    dialog.destination.setText(str(target))
    asked: list[Path] = []
    dialog.confirm_replace = lambda path: asked.append(path) or False
    assert not dialog.run_export()
    assert asked == [target]
    assert target.read_text() == "keep me"
    dialog.confirm_replace = lambda _path: True
    assert export_now(qtbot, dialog)
    assert '"audience": "shelter"' in target.read_text()
    assert ACCOUNT not in target.read_text()


def test_statistics_write_the_csv_and_the_chart_page(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.choose_kind(Kind.STATISTICS)
    dialog.destination.setText(str(tmp_path / "stats"))
    assert export_now(qtbot, dialog), dialog.status.text()
    assert (tmp_path / "stats.csv").read_text().startswith("dimension,category,year,cases")
    assert "Statistics (anonymised)" in pdftotext(tmp_path / "stats.pdf")


def test_the_file_chooser_is_the_non_native_one(
    dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def fake(*args: Any, **kwargs: Any) -> tuple[str, str]:
        seen.update(kwargs)
        return str(tmp_path / "chosen.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    dialog.choose_destination()
    assert dialog.destination.text() == str(tmp_path / "chosen.pdf")
    assert seen["options"] & QFileDialog.Option.DontUseNativeDialog


def test_the_case_page_opens_the_dialog_with_its_shortcut(
    qtbot: QtBot, setup: tuple[Repository, Case, dict[str, DirectoryEntry]],
) -> None:
    repo, case, _entries = setup
    page = CasePage(repo, shelf(), case.id, TODAY)
    qtbot.addWidget(page)
    assert page.export_button.shortcut() == Shortcut.EXPORT.sequence
    opened = page.open_export()
    assert isinstance(opened, ExportDialog)
    assert opened.case_id == case.id
    opened.close()
    values = [s.value for s in Shortcut]
    assert len(values) == len(set(values))


def test_rendering_runs_off_the_ui_thread_and_the_form_waits_for_it(
    qtbot: QtBot, dialog: ExportDialog, setup: tuple[Repository, Case, dict[str, DirectoryEntry]],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo, case, _entries = setup
    threads: dict[str, bool] = {}
    render = export_jobs.render

    def watched(plan: export_jobs.Plan) -> export_jobs.Rendered:
        threads["render"] = threading.current_thread() is threading.main_thread()
        return render(plan)

    def write(*args: Any, **kwargs: Any) -> Any:
        threads["write"] = threading.current_thread() is threading.main_thread()
        return write_and_register(*args, **kwargs)

    monkeypatch.setattr(export_jobs, "render", watched)
    monkeypatch.setattr(export_jobs, "write_and_register", write)
    dialog.choose_kind(Kind.STATEMENT)
    pick(dialog.session, next(x.id for x in repo.sessions_for_case(case.id)
                              if x.form_id == "statement"))
    target = tmp_path / "statement.pdf"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.export_done, timeout=30_000) as done:
        assert dialog.run_export()
        assert dialog.busy
        assert not dialog.export_button.isEnabled()
        assert not dialog.run_export()  # one at a time
        dialog.reject()  # the dialog stays while its file is being made
        assert not target.exists()
    assert done.args == [True]
    assert threads == {"render": False, "write": True}
    assert ACCOUNT in pdftotext(target)
    assert [r.doc_type for r in repo.export_register(case.id)] == ["statement"]
    assert dialog.export_button.isEnabled()


def test_a_training_vault_marks_the_json(
    qtbot: QtBot, setup: tuple[Repository, Case, dict[str, DirectoryEntry]], tmp_path: Path
) -> None:
    repo, case, _entries = setup
    shown = ExportDialog(repo, shelf(), case.id, clock=lambda: NOW, training=True)
    qtbot.addWidget(shown)
    shown.choose_kind(Kind.JSON)
    shown.destination.setText(str(tmp_path / "case"))
    assert export_now(qtbot, shown), shown.status.text()
    assert json.loads((tmp_path / "case.json").read_text())["training"] is True
