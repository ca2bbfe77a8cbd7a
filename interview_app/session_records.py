"""What a session records besides answers: indicator observations, finalisation, addenda."""

from __future__ import annotations

from interview_app.domain.model import Form, ItemRef
from interview_app.storage.repository import (
    IndicatorObservation,
    IndicatorSource,
    Repository,
    Session,
)


class SessionRecords:
    """The part of an interview session that writes records other than answers."""

    repository: Repository
    session_id: int
    form: Form
    record: Session

    @property
    def on_break(self) -> bool:
        raise NotImplementedError

    def end_break(self) -> None:
        raise NotImplementedError

    def indicator_ids(self, ref: ItemRef | None = None) -> list[str]:
        """The script's indicator ids, those of ``ref``'s item first (most likely meant)."""
        first = [] if ref is None else list(self.form.item(ref.question_id).indicators)
        rest = sorted({i for item in self.form.all_items() for i in item.indicators})
        return list(dict.fromkeys([*first, *rest]))

    def record_observation(
        self, indicator_id: str, source: IndicatorSource, note: str | None = None
    ) -> IndicatorObservation:
        """An indicator noted with its source: an observation, never a verdict."""
        return self.repository.observe_indicator(
            self.record.case_id, indicator_id, source, note=note or None, session_id=self.session_id
        )

    def finalise(self) -> str:
        """Freeze the session; its SHA-256 fingerprint. Corrections become addenda."""
        if self.on_break:
            self.end_break()
        fingerprint = self.repository.finalise_session(self.session_id)
        self.record = self.repository.session(self.session_id)
        return fingerprint

    def open_addendum(self) -> Session:
        """A new session for corrections to this finalised one."""
        return self.repository.open_addendum(self.session_id)
