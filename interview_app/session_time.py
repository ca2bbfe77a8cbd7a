"""A session's clock: interview time with breaks left out, and when to suggest a break."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from interview_app.storage.encoding import parse_timestamp
from interview_app.storage.repository import Break, Repository, Session

Clock = Callable[[], dt.datetime]
DEFAULT_BREAK_REMINDER = dt.timedelta(minutes=45)


class SessionTime:
    """Breaks as the vault records them, and the time they leave out.

    Everything is computed from the recorded start, breaks and end, so the clock reads the same
    after a lock and unlock; ``clock`` says what time it is now.
    """

    def __init__(self, repository: Repository, session_id: int, clock: Clock) -> None:
        self._repository = repository
        self._session_id = session_id
        self._clock = clock
        self._breaks: list[Break] = repository.breaks(session_id)
        self._reminder_from: dt.datetime | None = None

    @property
    def on_break(self) -> bool:
        return bool(self._breaks) and self._breaks[-1].ended_at is None

    def start_break(self) -> None:
        if not self.on_break:
            self._breaks.append(self._repository.start_break(self._session_id))

    def end_break(self) -> None:
        if self.on_break:
            self._repository.end_break(self._breaks[-1].id)
            self._breaks = self._repository.breaks(self._session_id)
            self._reminder_from = None

    def elapsed(self, started_at: str, ended_at: str | None) -> dt.timedelta:
        """Time since the session started, breaks left out; it stops when the session ended."""
        end = self._clock()
        if ended_at is not None:
            end = min(end, parse_timestamp(ended_at))
        total = end - parse_timestamp(started_at)
        for pause in self._breaks:
            stop = end if pause.ended_at is None else parse_timestamp(pause.ended_at)
            total -= max(min(stop, end) - parse_timestamp(pause.started_at), dt.timedelta())
        return max(total, dt.timedelta())

    def since_rest(self, started_at: str) -> dt.timedelta:
        """Time since the start, the last break or the last postponed reminder; zero on a break."""
        if self.on_break:
            return dt.timedelta()
        rested = parse_timestamp(started_at)
        if self._breaks and self._breaks[-1].ended_at is not None:
            rested = parse_timestamp(self._breaks[-1].ended_at)
        if self._reminder_from is not None:
            rested = max(rested, self._reminder_from)
        return max(self._clock() - rested, dt.timedelta())

    def postpone_reminder(self) -> None:
        """The interviewer saw the suggestion and carried on: remind again a period later."""
        self._reminder_from = self._clock()


class TimedSession:
    """The break and clock part of an interview session, over its :class:`SessionTime`."""

    time: SessionTime
    record: Session

    @property
    def on_break(self) -> bool:
        return self.time.on_break

    def start_break(self) -> None:
        """Record the start of a break; the session clock stops until :meth:`end_break`."""
        self.time.start_break()

    def end_break(self) -> None:
        self.time.end_break()

    def elapsed(self) -> dt.timedelta:
        """Interview time so far, breaks left out."""
        return self.time.elapsed(self.record.started_at, self.record.ended_at)

    def since_rest(self) -> dt.timedelta:
        return self.time.since_rest(self.record.started_at)

    def break_due(self, after: dt.timedelta = DEFAULT_BREAK_REMINDER) -> bool:
        """Whether to suggest a break: ``after`` without one (or since the last reminder)."""
        return not self.on_break and not self.record.is_finalised and self.since_rest() >= after

    def postpone_break_reminder(self) -> None:
        self.time.postpone_reminder()
