"""A vault holding one statement session with hostile and multilingual answers, for the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from interview_app import paths
from interview_app.domain.answer_validation import approximate_date, confirmed, narrative
from interview_app.domain.model import Answer, Form, ItemRef, JsonValue, NonResponse, QuestionId
from interview_app.script_shelf import ScriptShelf
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import (
    ConsentStatus,
    IndicatorSource,
    ParticipantRole,
    Repository,
)
from interview_app.storage.unlocked import Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

RLO = "\u202e"
HOSTILE = (
    "<b>bold</b>",
    "Tom &amp; Jerry",
    '<img src="/etc/passwd">',
    "%(x)s and {0} and %s",
    f"invoice{RLO}fdp.exe",
)
ENGLISH = "They took my passport at the farm near the river."
FRENCH = "Ils ont pris mon passeport à la ferme près de la rivière."
RUSSIAN = "Они забрали мой паспорт на ферме у реки."
ARABIC = "أخذوا جواز سفري في المزرعة قرب النهر"
CHINESE = "他们在河边的农场拿走了我的护照。"
LANGUAGES = (ENGLISH, FRENCH, RUSSIAN, ARABIC, CHINESE)


def long_narrative(length: int = 50_000) -> str:
    """Numbered sentences with paragraph breaks, so any lost or reordered part shows."""
    parts: list[str] = []
    number = 0
    while sum(len(p) for p in parts) < length:
        number += 1
        parts.append(f"Sentence {number} of the account, said slowly and written down. ")
        if number % 12 == 0:
            parts.append("\n")
    return "".join(parts)[:length]


def statement_form() -> Form:
    form = ScriptShelf.load(paths.FORMS_DIR).get("statement")
    assert form is not None
    return form


@dataclass
class StatementCase:
    vault: Vault
    repo: Repository
    form: Form
    case_id: int
    session_id: int


def new_vault(directory: Path) -> Vault:
    vault, _recovery = vault_module.create(directory, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    return vault


def _save(repo: Repository, form: Form, session_id: int, key: str, value: JsonValue,
          **extras: object) -> None:
    question, _, instance = key.partition("#")
    ref = ItemRef(QuestionId(question), int(instance) if instance else None)
    answer = (Answer(ref, non_response=value) if isinstance(value, NonResponse)
              else Answer(ref, value))
    repo.save_answer(session_id, answer, data_class=form.item(question).data_class,
                     **extras)  # type: ignore[arg-type]


def statement_case(
    directory: Path,
    *,
    interview_language: str = "ar",
    record_language: str = "en",
    narrative_text: str | None = None,
    extra_answers: dict[str, JsonValue] | None = None,
    finalise: bool = True,
) -> StatementCase:
    """One case, one statement session with typical answers (the record language is the
    session's interface language)."""
    vault = new_vault(directory)
    repo = vault.repository
    form = statement_form()
    case = repo.create_case("Amal")
    repo.record_identity(case.id, "full_name", "REAL NAME MUST NOT APPEAR")
    session = repo.start_session(case.id, form.id, form.version,
                                 interface_language=record_language,
                                 interview_language=interview_language)
    repo.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, "Ana Lead",
                         user_id=repo.user.id, no_conflict=True, confidentiality=True)
    interpreter = repo.add_participant(session.id, ParticipantRole.INTERPRETER, "Ibrahim Tarjuman",
                                       language=interview_language, no_conflict=True,
                                       confidentiality=True)
    repo.record_rights_given(case.id, "purpose_known", language=interview_language,
                             session_id=session.id, interpreter=interpreter.id)
    repo.record_consent(case.id, "share_police", ConsentStatus.GIVEN, recipient="police",
                        language=interview_language, witnessed_by="Wafa Witness",
                        session_id=session.id)
    _save(repo, form, session.id, "statement_consent",
          confirmed("purpose_known", "risks_known", "may_stop"))
    _save(repo, form, session.id, "child_status", {"option": "adult"})
    pause = repo.start_break(session.id)
    repo.end_break(pause.id)
    _save(repo, form, session.id, "free_narrative",
          narrative(narrative_text or ARABIC, ENGLISH + " (translated)", "Ibrahim Tarjuman"),
          text=narrative_text or ARABIC, translation=ENGLISH + " (translated)",
          translated_by=interpreter.id)
    _save(repo, form, session.id, "rec_when", approximate_date(2024, 5))
    _save(repo, form, session.id, "rec_where", "Farm near the river")
    _save(repo, form, session.id, "rec_where", "A farm by the river, then a house",
          reason="The person corrected the place")
    _save(repo, form, session.id, "transit_happened", True)
    _save(repo, form, session.id, "transit_route", NonResponse.DECLINED)
    _save(repo, form, session.id, "places_list", [{"instance": 1, "label": "Farm"}])
    _save(repo, form, session.id, "place_country#1", "\n".join(LANGUAGES))
    _save(repo, form, session.id, "people_list", [{"instance": 1, "label": "Boss"}])
    _save(repo, form, session.id, "person_names#1", HOSTILE[0])
    _save(repo, form, session.id, "person_description#1", " | ".join(HOSTILE))
    for key, value in (extra_answers or {}).items():
        _save(repo, form, session.id, key, value)
    repo.observe_indicator(case.id, "generic.evidence_of_being_controlled", IndicatorSource.STATED,
                           note="Promised work in a hotel", session_id=session.id)
    if finalise:
        repo.finalise_session(session.id)
    return StatementCase(vault, repo, form, case.id, session.id)


NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
