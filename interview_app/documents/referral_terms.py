"""The words of a referral that need no Qt: stages, urgency and the case manager to call."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from interview_app.domain.consent import Recipient
from interview_app.i18n import _

__all__ = ["DEFAULT_STAGE", "CaseManager", "Stage", "Urgency", "stage_name", "urgency_name"]


class Stage(StrEnum):
    """The five standard operating procedures of a transnational referral mechanism."""

    IDENTIFICATION = "identification"
    FIRST_ASSISTANCE = "first_assistance"
    LONG_TERM_ASSISTANCE = "long_term_assistance"
    RETURN = "return_and_inclusion"
    PROCEEDINGS = "proceedings"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"  # life or freedom in immediate danger: a person decides, never us


DEFAULT_STAGE: dict[Recipient, Stage] = {
    Recipient.SHELTER: Stage.FIRST_ASSISTANCE,
    Recipient.MEDICAL: Stage.FIRST_ASSISTANCE,
    Recipient.LEGAL_AID: Stage.FIRST_ASSISTANCE,
    Recipient.CHILD_PROTECTION: Stage.FIRST_ASSISTANCE,
    Recipient.COORDINATOR: Stage.IDENTIFICATION,
    Recipient.POLICE: Stage.PROCEEDINGS,
    Recipient.LABOUR_INSPECTORATE: Stage.PROCEEDINGS,
    Recipient.RETURN_PROGRAMME: Stage.RETURN,
    Recipient.ORIGIN_COUNTRY: Stage.RETURN,
}


def stage_name(stage: Stage) -> str:
    return {
        Stage.IDENTIFICATION: _("1. Identification"),
        Stage.FIRST_ASSISTANCE: _("2. First assistance and protection"),
        Stage.LONG_TERM_ASSISTANCE: _("3. Long-term assistance and social inclusion"),
        Stage.RETURN: _("4. Return and social inclusion"),
        Stage.PROCEEDINGS: _("5. Criminal and civil proceedings"),
    }[stage]


def urgency_name(urgency: Urgency) -> str:
    return {
        Urgency.ROUTINE: _("Routine"),
        Urgency.URGENT: _("Urgent"),
        Urgency.EMERGENCY: _("Emergency: life or freedom in immediate danger"),
    }[urgency]


@dataclass(frozen=True)
class CaseManager:
    """Who the recipient calls back: the referring case manager (an organisation's phone)."""

    name: str
    phone: str = ""
    organisation: str = ""
