"""What a case page shows: sessions, consents, referrals, and the topics already recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from interview_app.domain.engine import Engine
from interview_app.domain.model import Form
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.repository import Case, Consent, Referral, Repository, Session


@dataclass(frozen=True)
class CaseOverview:
    case: Case
    sessions: tuple[Session, ...]
    consents: tuple[Consent, ...]
    referrals: tuple[Referral, ...]
    covered_topics: tuple[str, ...]
    """Titles of the topics some session already recorded, so nobody asks them again."""


def topic_title(form: Form, topic: str) -> str:
    """The title of the first section about ``topic``; the topic's own name otherwise."""
    return next((s.title for s in form.sections if s.topic == topic), topic)


def covered_topics(
    repository: Repository, sessions: list[Session], shelf: ScriptShelf, today: dt.date
) -> tuple[str, ...]:
    """Topics with a substantive answer in any session whose script is installed."""
    titles: dict[str, str] = {}
    for session in sessions:
        form = shelf.get(session.form_id)
        if form is None:
            continue  # a script that is no longer installed cannot be walked
        engine = Engine(form, repository.answers_for_session(session.id), today)
        covered = engine.covered_topics()
        # Section order first, as the interviewer met them; topics set on single items after.
        ordered = [s.topic for s in form.sections if s.topic in covered]
        for topic in dict.fromkeys([*ordered, *sorted(covered)]):
            if topic is not None:
                titles.setdefault(topic, topic_title(form, topic))
    return tuple(titles.values())


def case_overview(
    repository: Repository, case_id: int, shelf: ScriptShelf, today: dt.date
) -> CaseOverview:
    sessions = repository.sessions_for_case(case_id)
    return CaseOverview(
        case=repository.case(case_id),
        sessions=tuple(sessions),
        consents=tuple(repository.current_consents(case_id).values()),
        referrals=tuple(repository.referrals(case_id)),
        covered_topics=covered_topics(repository, sessions, shelf, today),
    )
