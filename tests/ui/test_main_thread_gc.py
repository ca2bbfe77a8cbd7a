"""Garbage collection runs on the UI thread only, so no worker ever finalises a Qt object."""

from __future__ import annotations

import gc

import pytest
from pytestqt.qtbot import QtBot

from interview_app.ui.main_thread_gc import MainThreadCollector, collect_on_ui_thread_only
from interview_app.ui.tasks import run_in_background

pytestmark = pytest.mark.gui


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_background_work_switches_automatic_collection_to_the_ui_thread(qtbot: QtBot) -> None:
    results: list[int] = []
    run_in_background(lambda: 42, results.append, lambda error: None)
    qtbot.waitUntil(lambda: results == [42])
    assert not gc.isenabled()
    collectors = qtbot_app_collectors()
    assert len(collectors) == 1
    collect_on_ui_thread_only()
    assert len(qtbot_app_collectors()) == 1, "installing twice keeps one collector"


def test_cycles_are_still_collected_on_the_ui_thread(qtbot: QtBot) -> None:
    collect_on_ui_thread_only()
    collector = qtbot_app_collectors()[0]
    gc.collect()
    for _ in range(gc.get_threshold()[0] + 10):
        Cycle()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    collector.collect_if_due()
    assert gc.get_count()[0] < gc.get_threshold()[0]


def qtbot_app_collectors() -> list[MainThreadCollector]:
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 -- qapp exists by now

    app = QCoreApplication.instance()
    assert app is not None
    return app.findChildren(MainThreadCollector)
