"""An uncaught exception is logged by type and place, never with its message."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from interview_app import crash_guard

CANARY = "Canary-Answer-7731"


def test_the_hook_logs_the_type_and_place_but_not_the_message(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash_guard.install()
    try:
        raise ValueError(f"could not parse {CANARY}")
    except ValueError as error:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(type(error), error, error.__traceback__)
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert message.startswith("unexpected ValueError at ")
    assert "test_crash_guard.py" in message
    assert CANARY not in caplog.text
