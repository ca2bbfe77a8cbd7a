"""Keeps ``None`` alive under PySide6 6.12 on Python 3.11, whose void methods drop a reference."""

from __future__ import annotations

import ctypes
import sys

# Measured here (PySide6-Essentials 6.12.0, shiboken6 6.12.0, CPython 3.11.7): every call
# of a Qt method returning void (QTextCursor.insertText, QPainter.save, QRectF.setX ...)
# decrements None's reference count once more than it increments it. Python 3.12 made None
# immortal, so there it is harmless; on 3.11 the count reaches zero after a few thousand calls
# and the interpreter aborts ("none_dealloc"), at once or at exit. A statement makes
# thousands of such calls. Until the pin moves, the count is raised for good (never given
# back, not even at exit) whenever it falls under the floor: None is a static object that
# is never freed, so an excess count costs nothing.
_FLOOR = 1 << 20
_AFFECTED = sys.version_info < (3, 12) and sys.implementation.name == "cpython"


def keep_none_alive() -> None:
    """Call before and during long runs of Qt calls; cheap when nothing is needed."""
    if _AFFECTED and sys.getrefcount(None) < _FLOOR:
        # ob_refcnt is the first field of every CPython 3.11 object; id() is its address.
        count = ctypes.c_ssize_t.from_address(id(None))
        count.value += _FLOOR
