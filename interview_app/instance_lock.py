"""One application instance per open vault: an exclusive flock on a file in the vault folder."""

# The instance that unlocks a vault holds the lock until it locks the vault again (the kernel
# drops it when the process dies, however it dies). Another instance finds it held and asks the
# holder to come forward by touching the file, which the holder watches. No socket is involved:
# the application opens none (ARCHITECTURE D5), and a local socket is one.

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

INSTANCE_FILE = "instance.lock"


class InstanceLock:
    """The lock of one vault folder, held or not by this process."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / INSTANCE_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another instance (or another lock here) holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor releases the flock


def in_use(directory: Path) -> bool:
    """Whether an instance (this one included) has this vault open; creates nothing."""
    path = Path(directory) / INSTANCE_FILE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False  # no vault, or no instance ever held it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def ask_to_come_forward(directory: Path) -> None:
    """Touch the lock file: the instance holding it watches it and raises its window."""
    with contextlib.suppress(OSError):
        os.utime(Path(directory) / INSTANCE_FILE)
