"""The script browser lists scripts, outlines a valid one and shows a broken one's problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_outlines_a_valid_script(qtbot: QtBot, tmp_path: Path, sample_form_path: Path) -> None:
    shutil.copy(sample_form_path, tmp_path / "sample.yaml")
    window = MainWindow(forms_dir=tmp_path)
    qtbot.addWidget(window)

    assert window.script_list.count() == 1
    assert window.outline.topLevelItemCount() > 0
    first_section = window.outline.topLevelItem(0)
    assert first_section.text(0) == "safety"
    assert first_section.child(0).text(0) == "welcome"
    assert window.problems.isHidden()


def test_shows_problems_of_a_broken_script(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("form: [not, a, mapping\n", encoding="utf-8")
    window = MainWindow(forms_dir=tmp_path)
    qtbot.addWidget(window)

    assert not window.problems.isHidden()
    assert "broken.yaml:" in window.problems.toPlainText()


def test_says_so_when_no_script_is_installed(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(forms_dir=tmp_path)
    qtbot.addWidget(window)
    assert not window.empty_note.isHidden()
    assert window.script_list.count() == 0
