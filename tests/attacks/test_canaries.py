"""A whole interview with canaries in every free-text place, then a search for them everywhere."""

# The interview of tests/functional/test_whole_interview.py runs again through the real widgets,
# its free text replaced by canaries (random tags in several scripts). Afterwards no canary may
# be in any file under the home, temporary and vault folders (as UTF-8 or UTF-16, case-folded,
# without diacritics), in any log record or anything the process wrote to stdout or stderr, in
# Qt's settings, or on the clipboard; only in the files the person exported on purpose.

from __future__ import annotations

import logging
import secrets
import tempfile
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from interview_app.ui.export_dialog import ExportDialog, Kind
from interview_app.ui.main_window import MainWindow
from tests.functional import test_whole_interview as interview
from tests.functional.test_whole_interview import window  # noqa: F401 -- the fixture
from tests.shell_support import create_vault_through_ui
from tests.storage.test_plaintext import _leaks

pytestmark = [pytest.mark.gui, pytest.mark.slow]

TAG = secrets.token_hex(4).upper()
CANARIES = {
    "PSEUDONYM": f"Pseudocanary{TAG}",
    "INTERPRETER": f"سميرة كناري{TAG}",
    "STORY": f"غادرت في الليل كناري{TAG}",
    "STORY_TRANSLATION": f"I left at night canary{TAG}",
    "PLACE": f"河边的农场金丝雀{TAG}",
    "CONTACT": f"Nguyễn Canary{TAG}",
}
FOLDER = f"Exports for Pseudocanary{TAG}"  # a person may well name a folder after a case


class _PseudonymPatch:
    """Stands in for monkeypatch where the interview answers the pseudonym dialog, so the
    pseudonym typed is a canary too."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch

    def setattr(self, target: str, _value: object) -> None:
        self._monkeypatch.setattr(target, lambda *_a, **_k: (CANARIES["PSEUDONYM"], True))


def _answer_file_dialog(folder: Path, name: str) -> None:
    """Choose ``folder / name`` in the (non-native, modal) file dialog once it is open."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(50, lambda: _answer_file_dialog(folder, name))
        return
    dialog.setDirectory(str(folder))
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(edit, QLineEdit)
    edit.setText(name)
    dialog.accept()


def _export(qtbot: QtBot, shell: MainWindow, kind: Kind, folder: Path, name: str) -> None:
    assert shell.vault is not None
    (case,) = shell.vault.repository.cases()
    dialog = ExportDialog(shell.vault.repository, shell.shelf, case.id, shell)
    qtbot.addWidget(dialog)
    dialog.choose_kind(kind)
    QTimer.singleShot(50, lambda: _answer_file_dialog(folder, name))
    dialog.choose_destination()
    with qtbot.waitSignal(dialog.export_done, timeout=60_000) as done:
        assert dialog.run_export(), dialog.status.text()
    assert done.args == [True], dialog.status.text()
    dialog.close()


def test_no_canary_is_left_anywhere_but_in_the_exports(
    qtbot: QtBot, window: MainWindow, *, tmp_path: Path, private_home: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    temp = tmp_path / "tmp"
    temp.mkdir(mode=0o700)
    for variable in ("TMPDIR", "SQLITE_TMPDIR"):
        monkeypatch.setenv(variable, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for name, canary in CANARIES.items():
        if name != "PSEUDONYM":  # typed into a dialog the patch below answers
            monkeypatch.setattr(interview, name, canary)

    create_vault_through_ui(qtbot, window)
    interview.set_up_session(qtbot, window, cast(pytest.MonkeyPatch, _PseudonymPatch(monkeypatch)))
    interview.gates_and_first_answers(qtbot, window)
    interview.take_a_break(qtbot, window)
    interview.workplace(qtbot, window)
    interview.hide_and_come_back(qtbot, window)
    interview.story_contact_controls(qtbot, window)
    interview.review_and_finalise(qtbot, window)
    exports = tmp_path / "exports" / FOLDER
    exports.mkdir(parents=True)
    _export(qtbot, window, Kind.STATEMENT, exports, "statement.pdf")
    _export(qtbot, window, Kind.JSON, exports, "case.json")
    window.lock()

    canaries = list(CANARIES.values())
    # The exports are where the words were meant to go (the JSON holds them in clear).
    json_text = (exports / "case.json").read_text(encoding="utf-8")
    assert CANARIES["STORY"] in json_text
    roots = [private_home, *(p for p in tmp_path.iterdir() if p.name != "exports")]
    assert temp in roots
    assert _leaks(roots, canaries) == []
    assert not [r for r in caplog.records if any(c in r.getMessage() for c in canaries)]
    printed = capfd.readouterr()
    assert not [c for c in canaries if c in printed.out + printed.err]
    clipboard = QApplication.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        assert not [c for c in canaries if c in clipboard.text(mode)]
    # Qt's file dialog wrote the export folder's name (which names the case) to its settings
    # in the home folder; the app removed it again.
    assert _leaks([private_home], [FOLDER]) == []
