"""Crashes leak nothing: no core dump of decrypted memory, no exception message in the logs."""

from __future__ import annotations

import logging
import resource
import sys
import traceback
from types import TracebackType

log = logging.getLogger("interview_app.crash")


def describe(kind: type[BaseException], trace: TracebackType | None) -> str:
    """The exception's type and where it was raised (file and line), never its message."""
    frames = traceback.extract_tb(trace)
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"unexpected {kind.__name__}{where}"


def _hook(
    kind: type[BaseException], _error: BaseException, trace: TracebackType | None
) -> None:
    # Qt calls this for exceptions escaping a slot; the default prints the whole traceback,
    # message included, to stderr, which a desktop session often keeps in a file.
    log.error(describe(kind, trace))


def forbid_core_dumps() -> None:
    """A core file would hold the unlocked vault's key and answers in clear, on disk."""
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):  # a platform without the limit: nothing to lower
        log.warning("core dumps could not be switched off")


def install() -> None:
    """No core dumps; the quiet hook for the main thread and for worker threads."""
    forbid_core_dumps()
    sys.excepthook = _hook
    import threading  # noqa: PLC0415 -- only the hook needs it

    threading.excepthook = lambda args: _hook(args.exc_type, args.exc_value or Exception(),
                                              args.exc_traceback)
