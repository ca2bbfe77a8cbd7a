"""`interview-app forms check|outline` through the real command-line entry point."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_app import paths
from interview_app.cli import main
from tests.domain.forms_helpers import SAMPLE_PATH, line_of, sample_text


def _copy(directory: Path, name: str, text: str | None = None) -> Path:
    path = directory / name
    if text is None:
        shutil.copyfile(SAMPLE_PATH, path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_check_of_the_sample_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "check", str(SAMPLE_PATH)]) == 0
    out, err = capsys.readouterr()
    assert out == "1 script valid\n"
    assert err == ""


def test_check_of_a_condition_naming_an_unknown_question_fails_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_text().replace("show_if: {answered: sectors}", "show_if: {answered: sectorz}")
    broken = _copy(tmp_path, "sample.yaml", text)
    assert main(["forms", "check", str(broken)]) == 1
    out, err = capsys.readouterr()
    line = line_of(text, "sectorz")
    assert out.splitlines() == [
        f"{broken}:{line}: show_if of 'hours_per_day' names unknown question 'sectorz'"
    ]
    assert "1 problem(s) in 1 of 1 script(s)" in err


def test_check_expands_directories_and_reports_only_broken_scripts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy(tmp_path, "a.yaml")
    _copy(tmp_path, "b.yaml")
    assert main(["forms", "check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "2 scripts valid\n"
    bad = _copy(tmp_path, "c.yaml", sample_text().replace("kind: narrative", "kind: novel"))
    assert main(["forms", "check", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:{line_of(sample_text(), 'kind: narrative')}: ")
    assert "'novel'" in lines[0]


def test_check_defaults_to_the_forms_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(paths, "FORMS_DIR", tmp_path)
    assert main(["forms", "check"]) == 1  # nothing to check is not a success
    assert "no scripts found" in capsys.readouterr().err
    _copy(tmp_path, "intake.yaml")
    assert main(["forms", "check"]) == 0
    assert capsys.readouterr().out == "1 script valid\n"


def test_check_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent.yaml"
    assert main(["forms", "check", str(missing)]) == 1
    assert capsys.readouterr().out.startswith(f"{missing}:1: cannot read the script")


def test_forms_without_an_action_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms"]) == 2
    out = capsys.readouterr().out
    assert "check" in out
    assert "outline" in out


def test_outline_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", "outline", str(SAMPLE_PATH)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "sample 1.0.0: Sample interview"
    assert "section work: Your work  [topic: exploitation]  (sensitive)" in lines
    assert "  hours_per_day  number 0..24 hours, whole numbers" in lines
    assert "      show_if: sectors answered" in lines
    assert "      show_if: hours_per_day > 10" in lines
    assert "      show_if: birth_date not answered and age_years not answered" in lines
    assert (
        "      show_if: age from birth_date under 18 or age_years < 18 or age_band = under_18"
        in lines
    )
    assert "      require_if: sectors in [domestic, construction]" in lines
    assert "  safety_check  gate (safety): blocks what follows until done" in lines
    assert "      [ ] private_room" in lines
    assert "  guardian_present  yes_no  (required)" in lines
    assert "  contact_name  text  (non-responses: declined, not_asked)" in lines
    group = lines.index("  workplaces  repeat group, 0..10 instances")
    assert lines[group + 1].startswith("    workplace_sector  single_choice [sectors: ")
    assert lines[group + 2] == "    workplace_locked  yes_no"
    assert lines[group + 3] == "        show_if: workplace_sector = domestic"


def test_outline_of_a_broken_script_prints_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _copy(tmp_path, "s.yaml", sample_text().replace("options: age_bands", "options: x"))
    assert main(["forms", "outline", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:{line_of(sample_text(), 'options: age_bands')}: " in out
