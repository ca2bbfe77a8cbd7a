"""A second instance on the same vault is refused and the first one comes forward; no socket."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from interview_app import paths
from interview_app.instance_lock import INSTANCE_FILE, InstanceLock, ask_to_come_forward, in_use
from interview_app.ui.main_window import MainWindow
from interview_app.ui.shell_config import ShellConfig
from interview_app.ui.single_instance import SingleInstance
from tests.conftest import REPO_ROOT
from tests.shell_support import create_vault_through_ui, shell_config, unlock_through_ui

WAIT_MS = 10_000


def test_the_lock_is_exclusive_and_released_by_its_holder(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert not in_use(tmp_path)
    assert not (tmp_path / INSTANCE_FILE).exists()  # asking creates nothing
    assert first.acquire()
    assert oct((tmp_path / INSTANCE_FILE).stat().st_mode & 0o777) == "0o600"
    assert in_use(tmp_path)
    assert not second.acquire()
    first.release()
    assert not in_use(tmp_path)
    assert second.acquire()
    second.release()


def test_a_killed_holder_leaves_the_vault_free(tmp_path: Path) -> None:
    """However an instance ends, the kernel drops its lock: no stale lock to clear by hand."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path;"
         "from interview_app.instance_lock import InstanceLock;"
         "assert InstanceLock(Path(sys.argv[1])).acquire(); print('held', flush=True);"
         "sys.stdin.read()", str(tmp_path)],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    assert in_use(tmp_path)
    assert not InstanceLock(tmp_path).acquire()
    holder.kill()
    holder.communicate()
    assert not in_use(tmp_path)


def _window(qtbot: QtBot, config: ShellConfig) -> tuple[MainWindow, SingleInstance]:
    shell = MainWindow(config)
    qtbot.addWidget(shell)
    qtbot.addWidget(shell.neutral)
    single = SingleInstance(shell)
    shell.show()
    qtbot.waitExposed(shell)
    return shell, single


@pytest.fixture
def first(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, SingleInstance]]:
    """The instance that has the vault open."""
    shell, single = _window(qtbot, shell_config(tmp_path))
    create_vault_through_ui(qtbot, shell)
    assert single.holds == tmp_path / "vault"
    yield shell, single
    shell.lock()


@pytest.mark.gui
def test_a_second_window_that_unlocks_the_open_vault_gives_way(
    qtbot: QtBot, tmp_path: Path, first: tuple[MainWindow, SingleInstance]
) -> None:
    """Both were at the unlock page; the first unlocked. The second is refused after its
    unlock, before it shows anything of the vault, and the first comes forward."""
    window, single = first
    window.showMinimized()
    other, other_single = _window(qtbot, shell_config(tmp_path))
    refused: list[bool] = []
    other_single.refused.connect(lambda: refused.append(True))
    with qtbot.waitSignal(single.came_forward, timeout=WAIT_MS):
        unlock_through_ui(qtbot, other)
    assert refused == [True]
    assert other.vault is None
    assert other.workspace is None
    assert other.pages.currentWidget() is other.start.unlock_view
    assert other_single.holds is None
    assert window.is_unlocked
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert single.holds == tmp_path / "vault"


@pytest.mark.gui
def test_locking_frees_the_vault_for_another_window(
    qtbot: QtBot, tmp_path: Path, first: tuple[MainWindow, SingleInstance]
) -> None:
    window, single = first
    window.lock()
    assert single.holds is None
    assert not in_use(tmp_path / "vault")
    other, other_single = _window(qtbot, shell_config(tmp_path))
    unlock_through_ui(qtbot, other)
    assert other.is_unlocked
    assert other_single.holds == tmp_path / "vault"
    # ...and now the first window is the one that gives way.
    refused: list[bool] = []
    single.refused.connect(lambda: refused.append(True))
    with qtbot.waitSignal(other_single.came_forward, timeout=WAIT_MS):
        unlock_through_ui(qtbot, window)
    assert refused == [True]
    other.lock()


@pytest.mark.gui
def test_starting_the_app_again_brings_the_open_one_forward_and_quits(
    qtbot: QtBot, qapp: QApplication, private_home: Path
) -> None:
    """`interview-app` started while the vault is open: it shows nothing, exits, and the
    running window comes to the front, told by a touched file (no socket, no D-Bus)."""
    data = paths.user_data_dir()  # the folders the app itself uses, under the private home
    config = dataclasses.replace(shell_config(private_home), vault_dir=data / "vault",
                                 training_dir=data / "training-vault")
    window, single = _window(qtbot, config)
    create_vault_through_ui(qtbot, window)
    window.showMinimized()
    with qtbot.waitSignal(single.came_forward, timeout=WAIT_MS):
        done = subprocess.run(
            [sys.executable, "-m", "interview_app"], cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=60, check=False,
            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "asked to come forward" in done.stderr
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    window.lock()


def test_asking_a_vault_nobody_holds_does_nothing(tmp_path: Path) -> None:
    ask_to_come_forward(tmp_path)
    assert list(tmp_path.iterdir()) == []
