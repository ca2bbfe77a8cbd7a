"""Sessions of the shipped scripts in a real vault: earlier sessions stored, later ones driven."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from interview_app.domain.model import ItemKind, JsonValue, NonResponse
from interview_app.interview_session import InterviewSession
from interview_app.storage.repository import ParticipantRole, Repository
from tests.forms.walking import default_value, script, walk
from tests.interview_support import INTERPRETER, SteppedClock


def consents(**decisions: object) -> dict[str, object]:
    """A plan for consent_rights: yes to every purpose, except the ``decisions`` given."""
    form = script("consent_rights")
    return {**{item.id: True for item in form.all_items() if item.consent}, **decisions}


def start(repository: Repository, case_id: int, form_id: str, language: str = "en") -> int:
    """A session of a shipped script with a lead interviewer and an interpreter."""
    form = script(form_id)
    session = repository.start_session(case_id, form.id, form.version, interface_language="en",
                                       interview_language=language)
    repository.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, "Ana")
    repository.add_participant(session.id, ParticipantRole.INTERPRETER, INTERPRETER,
                               language=language, no_conflict=True, confidentiality=True)
    return session.id


def store_walk(
    repository: Repository, case_id: int, form_id: str, plan: Mapping[str, object]
) -> int:
    """An earlier session of ``form_id`` walked by the engine along ``plan``, answers stored."""
    session_id = start(repository, case_id, form_id)
    form = script(form_id)
    for ref, answer in walk(form_id, plan).engine.answers.items():
        repository.save_answer(session_id, answer,
                               data_class=form.item(ref.question_id).data_class)
    return session_id


def open_script_session(
    repository: Repository, session_id: int, clock: SteppedClock
) -> InterviewSession:
    form = script(repository.session(session_id).form_id)
    return InterviewSession(repository, session_id, form, clock=clock)


def drive(session: InterviewSession, plan: Mapping[str, object], *, until: str | None = None
          ) -> None:
    """Answer what the session asks next, along ``plan`` (a value or a NonResponse per
    question id; the rest plain answers), until it is done or reaches ``until``."""
    for _ in range(2000):
        ref = session.current
        if ref is None or ref.question_id == until:
            return
        item = session.form.item(ref.question_id)
        if item.kind is ItemKind.GATE:
            for entry in item.checklist:
                session.confirm_gate_entry(ref, entry.id)
            session.resume()
        elif item.kind is ItemKind.REPEAT:
            session.finish_group(item.id)
        else:
            planned = plan.get(item.id, default_value(item))
            if isinstance(planned, NonResponse):
                session.non_response(ref, planned)
            else:
                session.answer(ref, cast(JsonValue, planned))
    raise AssertionError("the session did not end")
