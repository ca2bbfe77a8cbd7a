"""Test harness: offscreen Qt, a private home per test, and no sockets, ever."""

from __future__ import annotations

import os

# Must happen before anything imports Qt: without a display Qt would otherwise abort the run.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("INTERVIEW_APP_TEST_PLATFORM", "offscreen")

import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Bounded fuzzing in CI; `make fuzz` raises the count through HYPOTHESIS_PROFILE=fuzz.
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "tests" / "data"


class SocketOpenedError(AssertionError):
    """Raised when code under test tries to open a socket: the application must never do so."""


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own 0700 home and XDG directories, so nothing touches the real ones."""
    home = tmp_path_factory.mktemp("home")
    home.chmod(0o700)
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        directory = home / sub
        directory.mkdir(mode=0o700, parents=True)
        monkeypatch.setenv(var, str(directory))
    return home


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code opens a socket of any family."""

    def refuse(*_args: object, **_kwargs: object) -> socket.socket:
        raise SocketOpenedError("the application must not open sockets")

    class RefusingSocket(socket.socket):
        # Still a class, so modules that subclass socket.socket at import (ssl) keep working.
        def __init__(self, *_args: object, **_kwargs: object) -> None:
            raise SocketOpenedError("the application must not open sockets")

    monkeypatch.setattr(socket, "socket", RefusingSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture
def sample_form_path() -> Path:
    return DATA_DIR / "forms" / "sample.yaml"
