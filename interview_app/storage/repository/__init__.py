"""The repository: every read and write of case records, checked against the user's role."""

from __future__ import annotations

from interview_app.storage.repository.answers import AnswerRevision, AnswersMixin
from interview_app.storage.repository.cases import Case, CasesMixin, CaseStatus, IdentityValue, Note
from interview_app.storage.repository.records import (
    Consent,
    ConsentDecision,
    ConsentStatus,
    IndicatorObservation,
    IndicatorSource,
    RecordsMixin,
    RightsGiven,
    RiskAssessment,
    RiskLevel,
)
from interview_app.storage.repository.referrals import (
    DirectoryEntry,
    ExportRecord,
    Referral,
    ReferralsMixin,
    ReferralStatus,
)
from interview_app.storage.repository.search import SearchMixin
from interview_app.storage.repository.sessions import (
    Break,
    Participant,
    ParticipantRole,
    Session,
    SessionsMixin,
)
from interview_app.storage.repository.users import AdminMixin, UserRecord


class Repository(
    CasesMixin,
    SearchMixin,
    SessionsMixin,
    AnswersMixin,
    RecordsMixin,
    ReferralsMixin,
    AdminMixin,
):
    """Obtained from an unlocked :class:`~interview_app.storage.vault.Vault`; acts as its user."""


__all__ = [
    "AnswerRevision",
    "Break",
    "Case",
    "CaseStatus",
    "Consent",
    "ConsentDecision",
    "ConsentStatus",
    "DirectoryEntry",
    "ExportRecord",
    "IdentityValue",
    "IndicatorObservation",
    "IndicatorSource",
    "Note",
    "Participant",
    "ParticipantRole",
    "Referral",
    "ReferralStatus",
    "Repository",
    "RightsGiven",
    "RiskAssessment",
    "RiskLevel",
    "Session",
    "UserRecord",
]
