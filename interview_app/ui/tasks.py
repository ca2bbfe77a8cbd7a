"""One way to run slow work (key derivation) off the UI thread, with results on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from interview_app.ui.main_thread_gc import collect_on_ui_thread_only

T = TypeVar("T")

_pools: list[QThreadPool] = []
# A job's signals object lives here until its result is delivered, so nothing collects it early.
_in_flight: set[_Relay] = set()


def _pool() -> QThreadPool:
    if not _pools:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)  # one slow job at a time: an unlock, a vault being made
        _pools.append(pool)
    return _pools[0]


class _Relay(QObject):
    """Created on the UI thread: its signals, emitted on the worker, reach its own slots
    through queued connections, so the callbacks run on the UI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[Any], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.done.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._finish()
        self._on_error(error)

    def _finish(self) -> None:
        _in_flight.discard(self)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Run ``fn`` on a worker thread; ``on_done(result)`` or ``on_error(error)`` runs on the
    UI thread afterwards. ``fn`` must not touch widgets."""
    collect_on_ui_thread_only()  # a collection on the worker could finalise Qt objects there
    relay = _Relay(on_done, on_error)
    _in_flight.add(relay)
    _pool().start(_Job(fn, relay))


def run_soon(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[Exception], None],
) -> None:
    """The same contract on the UI thread, after the current event (so a busy state paints
    first); for work whose result may not cross threads."""

    def call() -> None:
        try:
            result = fn()
        except Exception as error:
            on_error(error)
            return
        on_done(result)

    QTimer.singleShot(0, call)


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Block until every background job has finished (at exit and in tests)."""
    return _pool().waitForDone(timeout_ms)
