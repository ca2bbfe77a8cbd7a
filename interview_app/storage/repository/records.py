"""Consents, rights information given, indicator observations and risk assessments: history.

Each is append-only. The current consent for a purpose and recipient is the latest live row
(neither retracted nor a retraction); a withdrawal is a new row, never an edit. Indicators are
observations with their source, never a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interview_app.domain.model import DataClass
from interview_app.storage.encoding import timestamp
from interview_app.storage.repository.base import RepositoryBase, Writer


class ConsentStatus(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class IndicatorSource(StrEnum):
    OBSERVED = "observed"
    STATED = "stated"
    DOCUMENT = "document"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Consent:
    id: int
    case_id: int
    session_id: int | None
    purpose: str
    recipient: str | None
    status: ConsentStatus
    given_at: str
    language: str
    witnessed_by: str | None
    recorded_at: str
    recorded_by: int
    retracts: int | None = None
    """Set on a retraction: the decision it takes back (recorded in error). Its status is
    never given, so a reader unaware of retractions errs towards not sharing."""


@dataclass(frozen=True)
class ConsentDecision:
    """What one consent answer decides, recorded in the answer's own transaction.

    ``status`` None means the answer decides nothing (it was corrected to a non-response):
    the decisions this session recorded for the purpose are then retracted, so the purpose
    stands as it did before the session.
    """

    purpose: str
    status: ConsentStatus | None
    language: str
    recipient: str | None = None
    witnessed_by: str | None = None


_CONSENT = (
    "SELECT id, case_id, session_id, purpose, recipient, status, given_at, language,"
    " witnessed_by, recorded_at, recorded_by, retracts FROM consents"
)


def _consent(r: tuple[Any, ...]) -> Consent:
    return Consent(r[0], r[1], r[2], r[3], r[4], ConsentStatus(r[5]), r[6], r[7], r[8], r[9],
                   r[10], r[11])


def _insert_consent(
    tx: Writer,
    case_id: int,
    session_id: int | None,
    decision: ConsentDecision,
    *,
    status: ConsentStatus,
    when: str,
    retracts: int | None = None,
) -> int:
    consent_id = tx.insert(
        "INSERT INTO consents (case_id, session_id, purpose, recipient, status, given_at,"
        " language, witnessed_by, recorded_at, recorded_by, retracts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, session_id, decision.purpose, decision.recipient, status.value, when,
         decision.language, decision.witnessed_by, tx.now, tx.user_id, retracts),
    )
    if retracts is None:
        tx.audit("consent.recorded", "case", case_id, consent=consent_id, status=status.value)
    else:
        tx.audit("consent.retracted", "case", case_id, consent=consent_id, retracts=retracts)
    return consent_id


def write_consent_decision(
    tx: Writer, case_id: int, session_id: int, decision: ConsentDecision
) -> list[int]:
    """Inside ``tx``: record ``decision`` for a session, or retract what the session decided
    for its purpose when it decides nothing. The ids of the rows written."""
    if decision.status is not None:
        return [_insert_consent(tx, case_id, session_id, decision, status=decision.status,
                                when=tx.now)]
    live = tx.execute(
        "SELECT id, status FROM consents c WHERE case_id = ? AND session_id = ?"
        " AND purpose = ? AND recipient IS ? AND retracts IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM consents r WHERE r.retracts = c.id) ORDER BY id",
        (case_id, session_id, decision.purpose, decision.recipient),
    ).fetchall()
    return [
        _insert_consent(tx, case_id, session_id, decision, status=_retraction_status(status),
                        when=tx.now, retracts=int(row_id))
        for row_id, status in live
    ]


def _retraction_status(retracted: str) -> ConsentStatus:
    # Never "given": a reader that does not know retractions (and takes the latest row) then
    # errs towards not sharing.
    status = ConsentStatus(retracted)
    return ConsentStatus.REFUSED if status is ConsentStatus.REFUSED else ConsentStatus.WITHDRAWN


def live_consents(history: list[Consent]) -> list[Consent]:
    """The decisions that stand: retractions and the rows they retract left out."""
    retracted = {c.retracts for c in history if c.retracts is not None}
    return [c for c in history if c.retracts is None and c.id not in retracted]


@dataclass(frozen=True)
class RightsGiven:
    id: int
    case_id: int
    session_id: int | None
    item: str
    given_at: str
    language: str
    given_by: int
    interpreter: int | None


@dataclass(frozen=True)
class IndicatorObservation:
    id: int
    case_id: int
    session_id: int | None
    indicator_id: str
    source: IndicatorSource
    note: str | None
    data_class: DataClass
    retracts: int | None
    recorded_at: str
    recorded_by: int


@dataclass(frozen=True)
class RiskAssessment:
    id: int
    case_id: int
    session_id: int | None
    area: str
    level: RiskLevel
    note: str | None
    data_class: DataClass
    assessed_at: str
    assessed_by: int


class RecordsMixin(RepositoryBase):
    def _when(self, moment: dt.datetime | None, now: str) -> str:
        return now if moment is None else timestamp(moment)

    def record_consent(
        self,
        case_id: int,
        purpose: str,
        status: ConsentStatus,
        *,
        language: str,
        recipient: str | None = None,
        witnessed_by: str | None = None,
        session_id: int | None = None,
        given_at: dt.datetime | None = None,
    ) -> Consent:
        """The person's decision on one purpose (and recipient), in the language it was asked.

        A decision given as an answer in an interview is recorded with that answer instead
        (``save_answer(..., consent=...)``), in the same transaction.
        """
        decision = ConsentDecision(purpose, status, language, recipient, witnessed_by)
        with self._write() as tx:
            when = self._when(given_at, tx.now)
            consent_id = _insert_consent(tx, case_id, session_id, decision, status=status,
                                         when=when)
        return Consent(consent_id, case_id, session_id, purpose, recipient, status, when,
                       language, witnessed_by, tx.now, tx.user_id)

    def consent_history(self, case_id: int) -> list[Consent]:
        """Every row, oldest first, retractions included (``Consent.retracts``)."""
        rows = self._read(f"{_CONSENT} WHERE case_id = ? ORDER BY id", (case_id,))
        return [_consent(r) for r in rows]

    def current_consents(self, case_id: int) -> dict[tuple[str, str | None], Consent]:
        """The latest decision that stands for each (purpose, recipient)."""
        return {(c.purpose, c.recipient): c for c in live_consents(self.consent_history(case_id))}

    def record_rights_given(
        self,
        case_id: int,
        item: str,
        *,
        language: str,
        session_id: int | None = None,
        interpreter: int | None = None,
        given_at: dt.datetime | None = None,
    ) -> RightsGiven:
        """One piece of rights information told to the person, by the current user."""
        with self._write() as tx:
            when = self._when(given_at, tx.now)
            row_id = tx.insert(
                "INSERT INTO rights_given (case_id, session_id, item, given_at, language,"
                " given_by, interpreter, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, session_id, item, when, language, tx.user_id, interpreter, tx.now),
            )
            tx.audit("rights.given", "case", case_id, record=row_id)
        return RightsGiven(row_id, case_id, session_id, item, when, language, tx.user_id,
                           interpreter)

    def rights_given(self, case_id: int) -> list[RightsGiven]:
        rows = self._read(
            "SELECT id, case_id, session_id, item, given_at, language, given_by, interpreter"
            " FROM rights_given WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [RightsGiven(*r) for r in rows]

    def observe_indicator(
        self,
        case_id: int,
        indicator_id: str,
        source: IndicatorSource,
        *,
        note: str | None = None,
        data_class: DataClass = DataClass.STATEMENT,
        session_id: int | None = None,
        retracts: int | None = None,
    ) -> IndicatorObservation:
        """An observation with its source; ``retracts`` names an earlier one it withdraws."""
        self._require_write(data_class)
        with self._write() as tx:
            row_id = tx.insert(
                "INSERT INTO indicator_observations (case_id, session_id, indicator_id, source,"
                " note, data_class, retracts, recorded_at, recorded_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, session_id, indicator_id, source.value, note, data_class.value,
                 retracts, tx.now, tx.user_id),
            )
            tx.audit("indicator.observed", "case", case_id, record=row_id, source=source.value)
        return IndicatorObservation(row_id, case_id, session_id, indicator_id, source, note,
                                    data_class, retracts, tx.now, tx.user_id)

    def indicator_observations(self, case_id: int) -> list[IndicatorObservation]:
        """Observations this role may read, oldest first, retractions included."""
        rows = self._read(
            "SELECT id, case_id, session_id, indicator_id, source, note, data_class, retracts,"
            " recorded_at, recorded_by FROM indicator_observations WHERE case_id = ?"
            " AND data_class IN (SELECT value FROM json_each(?)) ORDER BY id",
            (case_id, self._readable_json()),
        )
        return [
            IndicatorObservation(r[0], r[1], r[2], r[3], IndicatorSource(r[4]), r[5],
                                 DataClass(r[6]), r[7], r[8], r[9])
            for r in rows
        ]

    def assess_risk(
        self,
        case_id: int,
        area: str,
        level: RiskLevel,
        *,
        note: str | None = None,
        data_class: DataClass = DataClass.ASSISTANCE,
        session_id: int | None = None,
    ) -> RiskAssessment:
        self._require_write(data_class)
        with self._write() as tx:
            row_id = tx.insert(
                "INSERT INTO risk_assessments (case_id, session_id, area, level, note,"
                " data_class, assessed_at, assessed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, session_id, area, level.value, note, data_class.value, tx.now,
                 tx.user_id),
            )
            tx.audit("risk.assessed", "case", case_id, record=row_id, level=level.value)
        return RiskAssessment(row_id, case_id, session_id, area, level, note, data_class,
                              tx.now, tx.user_id)

    def risk_assessments(self, case_id: int) -> list[RiskAssessment]:
        rows = self._read(
            "SELECT id, case_id, session_id, area, level, note, data_class, assessed_at,"
            " assessed_by FROM risk_assessments WHERE case_id = ?"
            " AND data_class IN (SELECT value FROM json_each(?)) ORDER BY id",
            (case_id, self._readable_json()),
        )
        return [
            RiskAssessment(r[0], r[1], r[2], r[3], RiskLevel(r[4]), r[5], DataClass(r[6]),
                           r[7], r[8])
            for r in rows
        ]
