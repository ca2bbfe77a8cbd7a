"""One window per open vault: hold the vault's instance lock, give way to a holder, come forward."""

# While this window has a vault open it holds that vault's lock (interview_app.instance_lock)
# and watches the lock file. Another instance that finds the lock held touches the file and
# quits; this window then comes to the front. An instance that unlocks a vault someone else
# holds (both were at the unlock page) locks it again at once and says so with ``refused``.

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Signal

from interview_app.instance_lock import InstanceLock, ask_to_come_forward, in_use

if TYPE_CHECKING:
    from interview_app.ui.main_window import MainWindow


def forward_to_running(*directories: Path) -> bool:
    """At start-up: if an instance has one of these vaults open, ask it to come forward."""
    for directory in directories:
        if in_use(directory):
            ask_to_come_forward(directory)
            return True
    return False


class SingleInstance(QObject):
    refused = Signal()  # the vault just unlocked is open in another instance: this one gave way
    came_forward = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._lock: InstanceLock | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._asked)
        window.vault_opened.connect(self._opened)
        window.vault_locked.connect(self._release)

    @property
    def holds(self) -> Path | None:
        """The vault folder whose lock this window holds, if any."""
        return None if self._lock is None else self._lock.path.parent

    def _opened(self) -> None:
        vault = self._window.vault
        if vault is None:
            return
        lock = InstanceLock(vault.directory)
        if not lock.acquire():
            ask_to_come_forward(vault.directory)
            self._window.lock()  # before the window shows anything of the vault
            self.refused.emit()
            return
        self._lock = lock
        self._watcher.addPath(str(lock.path))

    def _release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            if self._watcher.files():
                self._watcher.removePaths(self._watcher.files())
            lock.release()

    def _asked(self, path: str) -> None:
        if self._lock is None:
            return
        if path not in self._watcher.files():
            self._watcher.addPath(path)  # some changes end a watch; keep listening
        window = self._window
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        self.came_forward.emit()
