"""Small durable file operations for the vault directory: atomic 0600 writes and erasure."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from interview_app.errors import StorageFull, StorageWriteFailed

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in ``directory`` durable, not only the file contents."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _raise_for(error: OSError) -> None:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        raise StorageFull from error
    raise StorageWriteFailed from error


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old or the new file, never half.

    ``data`` may be an iterable of chunks, so large files are streamed. Temp file in the same
    directory (same filesystem, so ``os.replace`` is atomic), written and fsynced before the
    rename, then the directory is fsynced so the rename survives power loss.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")
    chunks = [data] if isinstance(data, bytes) else data
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_dir(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        _raise_for(error)


def remove_stale_temps(directory: Path, name: str) -> None:
    """Delete temp files a killed writer of ``name`` left behind; the real file is intact."""
    for stale in directory.glob(f".{name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def overwrite_and_unlink(path: Path) -> None:
    """Overwrite a file with random bytes, fsync, then unlink it.

    On SSDs and copy-on-write filesystems the old blocks may survive; the vault relies on
    crypto-erasure (the key slots go first, and without them the database is noise).
    """
    try:
        size = path.stat().st_size
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        remaining = size
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            os.write(fd, secrets.token_bytes(chunk))
            remaining -= chunk
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
