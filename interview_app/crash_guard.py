"""Uncaught exceptions are logged without their message: a message can quote case content."""

from __future__ import annotations

import logging
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


def install() -> None:
    """Replace the default hook for the main thread and for worker threads."""
    sys.excepthook = _hook
    import threading  # noqa: PLC0415 -- only the hook needs it

    threading.excepthook = lambda args: _hook(args.exc_type, args.exc_value or Exception(),
                                              args.exc_traceback)
