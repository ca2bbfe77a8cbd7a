#!/usr/bin/env python3
"""Screenshots of the interview view and interviewee window in every offered interview language.

Uses a real script (forms/first_contact.yaml) with the shipped catalogues under translations/,
on a throwaway vault in a temp dir, offscreen. Look at the right-to-left ones (ar, fa), the
ones in their own scripts (th, ti, am, zh_Hans): right-aligned prompts, no tofu boxes,
nothing clipped.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_languages.py [OUT_DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from PySide6.QtCore import Qt  # noqa: E402, TID251 - a screenshot tool drives the widgets
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget  # noqa: E402, TID251

from interview_app.domain.forms import load_form  # noqa: E402
from interview_app.domain.model import Form, ItemKind, NonResponse  # noqa: E402
from interview_app.i18n.catalogs import interview_languages  # noqa: E402
from interview_app.interview_session import InterviewSession  # noqa: E402
from interview_app.storage.repository import ParticipantRole, Repository  # noqa: E402
from interview_app.ui import fonts  # noqa: E402
from interview_app.ui.interview_view import InterviewView  # noqa: E402
from tests.interview_support import INTERPRETER, SteppedClock, create_vault  # noqa: E402

SIZE = (1280, 800)
SCRIPT = PROJECT_ROOT / "forms" / "first_contact.yaml"
TRANSLATIONS = PROJECT_ROOT / "translations"
CHOICES = (ItemKind.SINGLE_CHOICE, ItemKind.MULTI_CHOICE)
MAX_STEPS = 40


def grab(widget: QWidget, path: Path) -> Path:
    widget.resize(*SIZE)
    widget.show()
    for _turn in range(3):  # layouts that follow a resize settle over a few turns
        QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def start(
    repository: Repository, form: Form, language: str, clock: SteppedClock
) -> InterviewSession:
    case = repository.create_case("Screenshot")
    record = repository.start_session(case.id, form.id, form.version, interface_language="en",
                                      interview_language=language)
    repository.add_participant(record.id, ParticipantRole.LEAD_INTERVIEWER, "Ana")
    repository.add_participant(record.id, ParticipantRole.INTERPRETER, INTERPRETER,
                               language=language, no_conflict=True, confidentiality=True)
    return InterviewSession(repository, record.id, form, translations_root=TRANSLATIONS,
                            clock=clock)


def step(view: InterviewView) -> None:
    """One move forward: past a warning, through a checklist, or declining a question."""
    if view.pages.currentWidget() is view.warning:
        view.submit()
        return
    prompt = view.prompt
    if prompt is not None and prompt.item.kind is ItemKind.GATE and view.answer_widget:
        for box in view.answer_widget.findChildren(QCheckBox):
            if not box.isChecked():
                box.click()
        view.submit()
    elif prompt is not None and prompt.item.kind is ItemKind.NOTE:
        view.submit()
    else:
        view.record_non_response(NonResponse.DECLINED)


def shoot(view: InterviewView, out: Path, language: str) -> list[Path]:
    shots = [grab(view, out / f"{language}-1-interview.png"),
             grab(view.interviewee_window, out / f"{language}-2-interviewee-window.png")]
    view.interviewee_window.hide()
    for _step in range(MAX_STEPS):
        prompt = view.prompt
        if (prompt is not None and prompt.item.kind in CHOICES
                and view.pages.currentWidget() is view.question):
            shots.append(grab(view, out / f"{language}-3-choice.png"))
            shots.append(grab(view.interviewee_window,
                              out / f"{language}-4-interviewee-window-choice.png"))
            view.interviewee_window.hide()
            break
        if view.pages.currentWidget() is view.stopped:
            break
        step(view)
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", type=Path,
                        default=PROJECT_ROOT / "screenshots" / "languages")
    parser.add_argument("--language", action="append", help="only these interview languages")
    args = parser.parse_args(argv)
    os.umask(0o077)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # noqa: S101 -- instance() is typed as QCoreApplication
    fonts.register_fonts()
    fonts.apply_scale(1.0)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    form = load_form(SCRIPT)
    languages = [entry.code for entry in interview_languages(form, TRANSLATIONS)]
    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        clock = SteppedClock()
        vault = create_vault(Path(temp) / "vault", clock)
        try:
            for language in args.language or languages:
                view = InterviewView(start(vault.repository, form, language, clock))
                for path in shoot(view, args.out, language):
                    print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT)
                          else path)
                view.close()
                view.deleteLater()
        finally:
            vault.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
