"""`interview-app translations status`: one aligned line per script (and interface) and language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_app.cli import main
from tests.conftest import DATA_DIR
from tests.i18n.conftest import po_bytes, write_catalog

SAMPLE = DATA_DIR / "forms" / "sample.yaml"
COMMITTED = DATA_DIR / "translations"


def status(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["translations", "status", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_the_sample_is_complete_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = status(capsys, "--forms", str(SAMPLE), "--translations", str(COMMITTED))
    assert (code, err) == (0, "")
    assert lines == [
        "script  language  translated  fuzzy  missing  draft  glossary  total  complete",
        "sample  fr                56      0        0      0         -     56  yes",
    ]


def test_incomplete_and_draft_catalogues_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "translations"
    shutil.copytree(COMMITTED, root)
    french = root / "fr" / "LC_MESSAGES" / "forms.po"
    text = french.read_text(encoding="utf-8")
    text = text.replace('msgctxt "sample:age_years"\n', '#, fuzzy\nmsgctxt "sample:age_years"\n', 1)
    text = text.replace(
        'msgctxt "sample:story"\n',
        '# draft: check with a native speaker\nmsgctxt "sample:story"\n',
        1,
    )
    french.write_text(text, encoding="utf-8")
    write_catalog(root, "de", "forms", po_bytes("de", [("sample", "Sample interview", "Beispiel")]))
    write_catalog(
        root,
        "ar",
        "interview_app",
        po_bytes("ar", [(None, "Open case", "فتح الملف")], domain="interview_app"),
    )
    (root / "interview_app.pot").write_bytes(
        po_bytes(None, [(None, "Open case", ""), (None, "Lock", "")], domain="interview_app")
    )

    code, lines, err = status(capsys, "--forms", str(SAMPLE), "--translations", str(root))
    assert (code, err) == (0, "")
    assert lines == [
        "script       language  translated  fuzzy  missing  draft  glossary  total  complete",
        "(interface)  ar                 1      0        1      0         -      2  no",
        "sample       de                 1      0       55      0         -     56  no",
        "sample       fr                55      1        0      1         -     56  no",
    ]


def test_unreadable_files_are_errors_but_the_rest_is_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "translations"
    shutil.copytree(COMMITTED, root)
    write_catalog(root, "ru", "forms", b'msgid "x"\nmsgstr "y"\nnot gettext\n')
    broken = tmp_path / "broken.yaml"
    broken.write_text("form: [\n", encoding="utf-8")

    code, lines, err = status(
        capsys, "--forms", str(SAMPLE), str(broken), "--translations", str(root)
    )
    assert code == 1
    assert lines[1].startswith("sample  fr")
    assert f"{broken}:" in err
    assert "ru/LC_MESSAGES/forms.po:" in err


def test_without_catalogues_it_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, lines, _err = status(capsys, "--forms", str(SAMPLE), "--translations", str(tmp_path))
    assert code == 0
    assert lines == [f"no catalogues under {tmp_path}"]


GLOSSARY = """\
version: 1
terms:
  guardian:
    source: [guardian]
    fr: {approved: tuteur, stems: ["tuteur*", "tutelle*"], forbidden: ["gardien*"], reviewed: false}
  interpreter:
    source: [interpreter]
    fr: {approved: interprète, stems: ["interprèt*"], reviewed: true}
"""


def test_glossary_problems_are_counted_and_listed_with_details(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "translations"
    shutil.copytree(COMMITTED, root)
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    args = ("--forms", str(SAMPLE), "--translations", str(root))
    code, lines, err = status(capsys, *args)
    assert (code, err) == (0, "")
    assert lines == [
        "script  language  translated  fuzzy  missing  draft  glossary  total  complete",
        "sample  fr                56      0        0      0         0     56  yes",
        "",
        "glossary: 1 of 2 renderings are not yet reviewed by a qualified translator",
    ]

    french = root / "fr" / "LC_MESSAGES" / "forms.po"
    text = french.read_text(encoding="utf-8")
    french.write_text(text.replace("ou un tuteur", "ou un gardien"), encoding="utf-8")
    code, lines, err = status(capsys, *args, "--details")
    assert (code, err) == (0, "")
    line = text.split("\n").index('msgid "Is a parent or guardian here with you today?"') + 1
    assert lines[1] == "sample  fr                56      0        0      0         2     56  yes"
    assert lines[3:6] == [
        "glossary problems (file:line: msgctxt: term: problem):",
        f"{french}:{line}: sample:guardian_present: guardian: "
        "the translation does not use the approved term 'tuteur'",
        f"{french}:{line}: sample:guardian_present: guardian: "
        "'gardien' must not stand for 'guardian'; use 'tuteur'",
    ]


def test_a_broken_glossary_is_an_error_naming_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text("version: 1\nterms:\n  guardian:\n    source: guardian\n", "utf-8")
    code, lines, err = status(
        capsys,
        "--forms",
        str(SAMPLE),
        "--translations",
        str(COMMITTED),
        "--glossary",
        str(glossary),
    )
    assert code == 1
    assert lines[1].endswith("-     56  yes")
    assert f"{glossary}:4: 'source' must be a list of texts" in err
