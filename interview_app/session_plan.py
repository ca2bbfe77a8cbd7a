"""What a session needs before it starts: who is in the room, where, and which script."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from interview_app.domain.model import Form
from interview_app.i18n import _
from interview_app.session_reuse import reuse_earlier_answers
from interview_app.storage.repository import ParticipantRole, Repository, Session


class Place(StrEnum):
    """Where a session takes place, as stored with the session (``sessions.place``)."""

    SUPPORT_OFFICE = "support_office"
    SHELTER = "shelter"
    HEALTH_FACILITY = "health_facility"
    POLICE_STATION = "police_station"
    PLACE_OF_EXPLOITATION = "place_of_exploitation"
    OUTREACH = "outreach"
    OTHER = "other"


class AgeGroup(StrEnum):
    ADULT = "adult"
    CHILD = "child"
    NOT_KNOWN = "not_known"


# What the vault keeps of the place in words (sessions.place_detail).
PLACE_DETAIL_LIMIT = 200
# A child should be seen where they feel safe; these two places are the ones to avoid.
_UNSUITABLE_FOR_A_CHILD = frozenset({Place.POLICE_STATION, Place.PLACE_OF_EXPLOITATION})


@dataclass(frozen=True)
class InterpreterPlan:
    name: str
    language: str
    dialect: str
    no_conflict: bool
    confidentiality: bool


@dataclass(frozen=True)
class SessionPlan:
    """Everything the setup page collects; :func:`problems` says whether it may start."""

    case_id: int
    form: Form
    interface_language: str
    interview_language: str
    lead: str
    second: str = ""
    interpreter: InterpreterPlan | None = None
    place: Place = Place.SUPPORT_OFFICE
    place_detail: str = ""
    age: AgeGroup = AgeGroup.NOT_KNOWN


def problems(plan: SessionPlan) -> list[str]:
    """What must be fixed before the session starts; empty when it may start."""
    found: list[str] = []
    if not plan.lead.strip():
        found.append(_("Name the lead interviewer."))
    interpreter = plan.interpreter
    if interpreter is not None:
        if not interpreter.name.strip():
            found.append(_("Name the interpreter."))
        if not interpreter.language.strip():
            found.append(_("Say which language the interpreter interprets."))
        if not interpreter.no_conflict:
            found.append(
                _("The interpreter must declare no relation to the person or to the suspects.")
            )
        if not interpreter.confidentiality:
            found.append(_("The interpreter must declare to keep everything confidential."))
    if plan.place is Place.OTHER and not plan.place_detail.strip():
        found.append(_("Say in a few words where the session takes place."))
    if len(plan.place_detail.strip()) > PLACE_DETAIL_LIMIT:
        found.append(_("Describe the place in at most {limit} characters.")
                     .format(limit=PLACE_DETAIL_LIMIT))
    return found


def warnings(plan: SessionPlan) -> list[str]:
    """What the interviewer should reconsider; the session may still start."""
    found: list[str] = []
    if plan.age is not AgeGroup.ADULT and plan.place in _UNSUITABLE_FOR_A_CHILD:
        found.append(
            _(
                "The person may be a child: do not interview a child at a police station or "
                "at the place of exploitation. Choose a safe, child-friendly place if you can."
            )
        )
    return found


def start(repository: Repository, plan: SessionPlan, today: dt.date | None = None) -> Session:
    """Open the session, record its participants, and fill in what the script reuses from
    the case's earlier sessions (as far as the person's consents allow); ValueError if
    :func:`problems` objects. ``today`` (default: the local date) checks reused dates."""
    if problems(plan):
        raise ValueError("the session plan is not complete")
    session = repository.start_session(
        plan.case_id,
        plan.form.id,
        plan.form.version,
        interface_language=plan.interface_language,
        interview_language=plan.interview_language,
        place=plan.place.value,
        place_detail=" ".join(plan.place_detail.split()) or None,
    )
    repository.add_participant(
        session.id, ParticipantRole.LEAD_INTERVIEWER, plan.lead.strip(),
        user_id=repository.user.id if plan.lead.strip() == repository.user.name else None,
    )
    if plan.second.strip():
        repository.add_participant(
            session.id, ParticipantRole.SECOND_INTERVIEWER, plan.second.strip()
        )
    if plan.interpreter is not None:
        interpreter = plan.interpreter
        repository.add_participant(
            session.id, ParticipantRole.INTERPRETER, interpreter.name.strip(),
            language=interpreter.language.strip(), dialect=interpreter.dialect.strip() or None,
            no_conflict=interpreter.no_conflict, confidentiality=interpreter.confidentiality,
        )
    reuse_earlier_answers(repository, session.id, plan.form, today or dt.date.today())
    return session
