"""An uncaught exception is logged by type and place, never with its message."""

from __future__ import annotations

import logging
import subprocess
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


def test_installing_switches_core_dumps_off() -> None:
    # In a child process: a lowered hard limit cannot be raised again by this one.
    code = (
        "import resource\n"
        "from interview_app import crash_guard\n"
        "crash_guard.install()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "(0, 0)"
