#!/usr/bin/env python3
"""Screenshots of the interview view, interviewee window, break screen and review, en and ar.

Runs offscreen on a throwaway vault in a temp dir, with the sample script and a temporary
Arabic catalogue (tests/interview_support.py). Look at every PNG it writes: mirrored layout,
right-aligned Arabic prompts, nothing clipped.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_interview.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: TID251 - a screenshot tool drives the widgets
from PySide6.QtWidgets import QApplication, QWidget  # noqa: TID251

from interview_app.domain.answer_validation import approximate_date, choices, narrative
from interview_app.domain.model import ItemRef, NonResponse, QuestionId
from interview_app.interview_session import InterviewSession
from interview_app.ui import fonts
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.review_view import ReviewView
from tests.interview_support import (
    INTERPRETER,
    SteppedClock,
    create_vault,
    open_session,
    start_session,
    write_arabic_catalogue,
)

SIZE = (1280, 800)


def ref(question_id: str, instance: int | None = None) -> ItemRef:
    return ItemRef(QuestionId(question_id), instance)


def grab(widget: QWidget, path: Path) -> None:
    widget.resize(*SIZE)
    widget.show()
    for _turn in range(3):  # layouts that follow a resize settle over a few turns
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)




STORY = (
    "كنت أعمل في المزرعة من الفجر حتى الليل. أخذوا جواز سفري وقالوا إنني مدينة لهم بالمال. "
    "في إحدى الليالي فتحت صديقتي الباب وهربنا معاً إلى المدينة.",
    "I worked on the farm from dawn until night. They took my passport and said I owed them "
    "money. One night my friend opened the door and we ran away together to the town.",
)


def shoot(language: str, session: InterviewSession, out: Path, clock: SteppedClock) -> None:
    view = InterviewView(session)
    shoot_start(view, session, out / language)
    shoot_end(view, session, out / language, clock)
    review = ReviewView(session)
    grab(review, out / f"{language}-11-review.png")
    view.close()
    review.close()


def shoot_start(view: InterviewView, session: InterviewSession, prefix: Path) -> None:
    """From the first note to the scale question."""
    language = prefix.name
    out = prefix.parent
    grab(view, out / f"{language}-1-note.png")
    session.answer(ref("welcome"), True)
    session.confirm_gate_entry(ref("safety_check"), "private_room")
    view.refresh()
    grab(view, out / f"{language}-2-gate.png")
    for entry in ("no_companion",):
        session.confirm_gate_entry(ref("safety_check"), entry)
    session.resume()
    session.answer(ref("urgent_medical"), False)
    for gate, entries in (
        ("consent_interview", ("purpose_explained", "agrees")),
        ("rights_told", ("support_unconditional", "may_decline")),
    ):
        for entry in entries:
            session.confirm_gate_entry(ref(gate), entry)
        session.resume()
    view.refresh()
    grab(view, out / f"{language}-3-date.png")
    session.answer(ref("birth_date"), approximate_date(1994, 5, about=True))
    view.refresh()
    grab(view, out / f"{language}-4-sensitive-warning.png")
    view.submit()  # continue past the warning
    grab(view, out / f"{language}-5-multi-choice.png")
    view.interviewee_window.resize(*SIZE)
    grab(view.interviewee_window, out / f"{language}-6-interviewee-window.png")
    view.interviewee_window.hide()
    session.answer(ref("sectors"), choices(["domestic", "other"], "Street market"))
    session.answer(ref("hours_per_day"), 14)
    view.refresh()
    grab(view, out / f"{language}-7-scale.png")


def shoot_end(
    view: InterviewView, session: InterviewSession, prefix: Path, clock: SteppedClock
) -> None:
    """From the repeat group to the break screen."""
    language = prefix.name
    out = prefix.parent
    session.answer(ref("rest_days"), 1)
    session.non_response(ref("documents_taken"), NonResponse.DECLINED)
    number = session.add_instance("workplaces", "Farm near the river")
    session.answer(ref("workplace_sector", number), {"option": "domestic"})
    session.answer(ref("workplace_locked", number), False)
    view.refresh()
    grab(view, out / f"{language}-8-repeat.png")
    session.finish_group("workplaces")
    view.refresh()
    view.submit()  # past the story's own warning
    grab(view, out / f"{language}-9-narrative.png")
    session.answer(ref("story"), narrative(STORY[0], STORY[1], INTERPRETER),
                   text=STORY[0], translation=STORY[1])
    clock.advance(minutes=46)
    view.refresh()
    view.tick()  # the break reminder
    grab(view, out / f"{language}-9b-text-and-reminder.png")
    view.interviewee_window.resize(*SIZE)
    grab(view.interviewee_window, out / f"{language}-9c-interviewee-window-text.png")
    view.interviewee_window.hide()
    view.open_observation()
    dialog = view.flow.observation_dialog
    if dialog is not None:
        dialog.grab().save(str(out / f"{language}-9d-observation-dialog.png"))
        dialog.reject()
    view.start_break()
    grab(view, out / f"{language}-10-break.png")
    view.end_break()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots/interview")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    fonts.register_fonts()  # the bundled faces, as the app uses them, not the system's
    fonts.apply_scale(1.0)
    with tempfile.TemporaryDirectory() as temp:
        root = write_arabic_catalogue(Path(temp) / "translations")
        clock = SteppedClock()
        vault = create_vault(Path(temp) / "vault", clock)
        try:
            for language in ("en", "ar"):
                session = open_session(
                    vault.repository, start_session(vault.repository, language), clock, root
                )
                # An Arabic-speaking interviewer sees a mirrored interface too.
                app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
                shoot(language, session, out, clock)
                clock.advance(minutes=47)
            session = open_session(
                vault.repository, start_session(vault.repository, "ar"), clock, root
            )
            app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            shoot("ar-rtl-interface", session, out, clock)
        finally:
            vault.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
