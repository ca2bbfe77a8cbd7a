"""Care for the person: a break hides everything and stops the clock; a reminder suggests one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_app.interview_session import InterviewSession
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.shortcuts import Shortcut
from tests.interview_support import Harness, click

pytestmark = pytest.mark.gui


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness.create(tmp_path)
    yield made
    made.vault.lock()


def open_view(qtbot: QtBot, session: InterviewSession, **options: dt.timedelta) -> InterviewView:
    view = InterviewView(session, **options)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_a_break_shows_a_calm_screen_and_stops_the_clock(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session("ar")
    view = open_view(qtbot, session)
    view.bar.window_button.setChecked(True)
    harness.clock.advance(minutes=12)
    view.tick()
    assert view.bar.clock.text() == "Session time 0:12"

    started: list[bool] = []
    view.break_requested.connect(lambda: started.append(True))
    qtbot.keyClick(view.focusWidget() or view, Shortcut.BREAK.sequence[0].key(),  # type: ignore[index]
                   Shortcut.BREAK.sequence[0].keyboardModifiers())  # type: ignore[index]
    assert started == [True]
    assert view.stack.currentWidget() is view.break_screen
    assert not view.question.isVisible()
    assert not view.guidance.isVisible()
    # Nothing of the case or the interview on either screen.
    assert view.break_screen.texts() == ["Break", "Take the time you need. Nothing is lost."]
    assert view.interviewee_window.texts() == []
    [pause] = harness.repository.breaks(session.session_id)
    assert pause.ended_at is None

    harness.clock.advance(minutes=30)
    view.tick()
    assert session.elapsed() == dt.timedelta(minutes=12)
    click(qtbot, view.break_screen.resume)
    assert view.stack.currentIndex() == 0
    assert harness.repository.breaks(session.session_id)[0].ended_at is not None
    harness.clock.advance(minutes=3)
    view.tick()
    assert view.bar.clock.text() == "Session time 0:15"
    assert view.interviewee_window.texts()[0].startswith("اسمي مكتوب")


def test_a_break_taken_before_a_lock_is_still_on_when_the_session_reopens(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session()
    view = open_view(qtbot, session)
    view.start_break()
    again = open_view(qtbot, harness.reopen(session))
    assert again.stack.currentWidget() is again.break_screen


def test_a_reminder_suggests_a_break_after_the_set_time(qtbot: QtBot, harness: Harness) -> None:
    session = harness.session()
    view = open_view(qtbot, session, break_reminder=dt.timedelta(minutes=30))
    harness.clock.advance(minutes=29)
    view.tick()
    assert view.bar.reminder.isHidden()
    harness.clock.advance(minutes=1)
    view.tick()
    assert view.bar.reminder.isVisible()
    assert "30 minutes without a break" in view.bar.reminder_text.text()

    later = [b for b in view.bar.reminder.findChildren(type(view.bar.break_button))
             if b.text() == "Later"][0]
    click(qtbot, later)
    assert view.bar.reminder.isHidden()
    harness.clock.advance(minutes=29)
    view.tick()
    assert view.bar.reminder.isHidden()
    harness.clock.advance(minutes=1)
    view.tick()
    assert view.bar.reminder.isVisible()

    take = [b for b in view.bar.reminder.findChildren(type(view.bar.break_button))
            if b.text() == "Take a break"][0]
    click(qtbot, take)
    assert session.on_break
    assert view.bar.reminder.isHidden()
