"""Python's cyclic garbage collection, run only on the UI thread.

A collection triggered on a worker thread can finalise Qt objects there (a widget left in a
reference cycle by an earlier page), which crashes Qt. So automatic collection is switched
off while the UI runs and the UI thread collects on a timer instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects garbage on the UI thread, generation by generation, as gc would."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(INTERVAL_MS)
        app.aboutToQuit.connect(self._restore)

    def collect_if_due(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return

    def _restore(self) -> None:
        self._timer.stop()
        gc.enable()


def collect_on_ui_thread_only() -> None:
    """Install the collector once for the running application (idempotent)."""
    app = QCoreApplication.instance()
    if app is None or app.findChild(MainThreadCollector) is not None:
        return
    MainThreadCollector(app)
