"""The harness itself: sockets are refused, the home is private, Qt runs offscreen."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.conftest import SocketOpenedError


def test_opening_a_socket_fails_the_test() -> None:
    with pytest.raises(SocketOpenedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(SocketOpenedError):
        socket.create_connection(("127.0.0.1", 9))


def test_each_test_has_a_private_home(private_home: Path) -> None:
    assert Path(os.environ["HOME"]) == private_home
    assert Path.home() == private_home
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700
    assert os.environ["XDG_DATA_HOME"].startswith(str(private_home))


def test_qt_runs_offscreen() -> None:
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
