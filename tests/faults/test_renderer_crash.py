"""The renderer failing in the middle of an export: no file, no register row, the vault intact."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from interview_app.documents import render
from interview_app.documents.exporting import export_document
from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.storage import vault as vault_module
from interview_app.storage.vault import Vault
from tests.conftest import REPO_ROOT
from tests.faults.fault_child import long_document
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, Sleeps


class RendererBroke(RuntimeError):
    """Stands for a bug in the layout code, met on the second page."""


def test_an_exception_while_painting_leaves_no_file_and_the_vault_usable(
    qapp: QApplication, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = vault.repository.create_case("Earlier")
    out = tmp_path / "exports"
    out.mkdir()
    real_footer = render._footer

    def footer(*args: object, page: int, **kwargs: object) -> None:
        if page == 2:
            raise RendererBroke
        real_footer(*args, page=page, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "_footer", footer)
    with pytest.raises(RendererBroke):
        export_document(vault.repository, long_document(), out / "statement.pdf",
                        case_id=case.id)
    assert list(out.iterdir()) == []
    assert vault.repository.export_register() == []
    # The vault did not notice: the interview goes on.
    session = vault.repository.start_session(case.id, "f", "1", interface_language="en",
                                             interview_language="en")
    vault.repository.save_answer(session.id, Answer(ItemRef(QuestionId("after")), value=1),
                                 data_class=DataClass.STATEMENT)
    assert vault.check_integrity() == ([], [])
    assert vault.repository.verify_audit() is None
    monkeypatch.undo()
    export_document(vault.repository, long_document(), out / "statement.pdf", case_id=case.id)
    assert [p.name for p in out.iterdir()] == ["statement.pdf"]


def test_a_renderer_that_crashes_the_process_leaves_no_file_and_the_vault_opens(
    vault: Vault, vault_dir: Path, tmp_path: Path, sleeps: Sleeps
) -> None:
    """A crash inside Qt's painting takes the process down (SIGSEGV) with the vault open:
    everything committed before stays, and nothing of the document reached the disk."""
    vault.repository.create_case("Earlier")
    vault.lock()
    out = tmp_path / "exports"
    out.mkdir()
    child = subprocess.run(
        [sys.executable, "-m", "tests.faults.fault_child", "crash", str(vault_dir),
         str(out / "statement.pdf")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert child.returncode == -signal.SIGSEGV, child.stderr[-2000:]
    assert child.stdout.splitlines() == ["crashing"]
    assert list(out.iterdir()) == []
    with vault_module.unlock(vault_dir, SUPERVISOR, PASSPHRASE, sleep=sleeps) as again:
        assert [c.pseudonym for c in again.repository.cases()] == ["Earlier"]
        assert again.repository.export_register() == []
        assert again.check_integrity() == ([], [])
        assert again.repository.verify_audit() is None
