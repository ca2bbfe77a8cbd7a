"""The interviewee screen's reading aid: text size, line spacing and the interface language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interview_app.domain.model import ItemRef, QuestionId
from interview_app.ui.interview_view import InterviewView
from interview_app.ui.reading_aid import MAX_SCALE, MAX_SPACING, MIN_SPACING, ReadingAid
from interview_app.ui.reading_label import ReadingLabel
from interview_app.ui.settings import Settings
from interview_app.ui.shortcuts import Shortcut
from tests.interview_support import Harness

pytestmark = pytest.mark.gui


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness.create(tmp_path)
    yield made
    made.vault.lock()


def labels(view: InterviewView) -> list[ReadingLabel]:
    return view.interviewee_window.findChildren(ReadingLabel)


def press(qtbot: QtBot, widget: object, shortcut: Shortcut) -> None:
    combination = shortcut.sequence[0]  # type: ignore[index]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_the_limits_hold() -> None:
    aid = ReadingAid()
    for _ in range(20):
        aid = aid.larger().wider()
    assert aid == ReadingAid(MAX_SCALE, MAX_SPACING)
    for _ in range(40):
        aid = aid.smaller().tighter()
    assert aid.spacing == MIN_SPACING
    assert aid.scale < 1.0


def test_size_and_spacing_go_up_and_down_from_either_window(
    qtbot: QtBot, harness: Harness
) -> None:
    view = InterviewView(harness.session("ar"), reading=ReadingAid())
    qtbot.addWidget(view)
    view.show()
    view.bar.window_button.setChecked(True)
    window = view.interviewee_window
    qtbot.waitExposed(window)
    changes: list[ReadingAid] = []
    view.reading_controls.changed.connect(changes.append)
    prompt = labels(view)[0]
    size, height = prompt.font().pointSizeF(), prompt.heightForWidth(800)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Shortcut.READING_LARGER)
    bigger = labels(view)[0]
    assert bigger.font().pointSizeF() > size
    assert bigger.heightForWidth(800) > height
    press(qtbot, window, Shortcut.READING_SPACING_WIDER)
    spaced = labels(view)[0]
    assert spaced.spacing > MIN_SPACING
    assert spaced.heightForWidth(800) > bigger.heightForWidth(800)

    view.reading_controls.smaller.trigger()
    view.reading_controls.tighter.trigger()
    assert labels(view)[0].font().pointSizeF() == pytest.approx(size)
    assert labels(view)[0].spacing == MIN_SPACING
    assert len(changes) == 4
    assert changes[-1] == ReadingAid()
    # The reading aid stays with the next prompt.
    view.reading_controls.larger.trigger()
    view.submit()
    assert labels(view)[0].font().pointSizeF() > size


def test_the_reading_aid_is_kept_in_the_settings_and_nothing_else_is(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    assert settings.reading_aid == ReadingAid()
    settings.reading_aid = ReadingAid(1.32, 150)
    settings.sync()
    assert Settings(tmp_path / "settings.ini").reading_aid == ReadingAid(1.32, 150)
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "[reading]" in text
    (tmp_path / "settings.ini").write_text("[reading]\nscale=huge\nspacing=9000\n", "utf-8")
    assert Settings(tmp_path / "settings.ini").reading_aid == ReadingAid()


def test_the_interpreter_can_switch_to_the_interface_language_and_back(
    qtbot: QtBot, harness: Harness
) -> None:
    session = harness.session("ar")
    view = InterviewView(session)
    qtbot.addWidget(view)
    session.answer(ItemRef(QuestionId("welcome")), True)
    view.refresh()
    window = view.interviewee_window
    prompt = view.prompt
    assert prompt is not None
    spoken = window.texts()
    assert spoken[0] == prompt.spoken.prompt
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    view.reading_controls.language.trigger()
    shown = window.texts()
    assert shown[0] == prompt.item.prompt
    assert shown[1:] == [entry.text for entry in prompt.item.checklist]
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    for guidance in (prompt.item.guidance, *view.guidance.texts()):
        assert not guidance or guidance not in "\n".join(shown)
    view.submit()  # the next prompt comes in the interface language too
    assert view.prompt is not None
    assert window.texts()[0] == view.prompt.item.prompt

    view.reading_controls.language.trigger()
    assert window.texts()[0] == view.prompt.spoken.prompt
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_reading_shortcuts_are_in_the_table_and_unique() -> None:
    reading = [m for m in Shortcut if m.name.startswith("READING_")]
    assert len(reading) == 5
    sequences = [m.sequence.toString() for m in Shortcut]
    assert len(sequences) == len(set(sequences))
