"""Vaults with hand-made cases for the export tests: real scripts, real SQLCipher, tiny KDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from interview_app import paths
from interview_app.domain.consent import SHARING_PURPOSE
from interview_app.domain.model import Answer, ConsentPurpose, ItemRef, JsonValue, NonResponse
from interview_app.script_shelf import ScriptShelf
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import Case, ConsentStatus, Repository
from interview_app.storage.unlocked import Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

TODAY = dt.date(2026, 3, 1)
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
RECIPIENT_OF = {purpose: recipient for recipient, purpose in SHARING_PURPOSE.items()}
# The fictional person agrees to everything but the police (as in the training vault).
USUAL_CONSENTS: Mapping[ConsentPurpose, bool] = {
    ConsentPurpose.INTERVIEW: True,
    ConsentPurpose.KEEP_RECORD: True,
    ConsentPurpose.SHARE_SHELTER: True,
    ConsentPurpose.SHARE_MEDICAL: True,
    ConsentPurpose.SHARE_LEGAL_AID: True,
    ConsentPurpose.SHARE_POLICE: False,
}

AnswerSpec = Mapping[str, JsonValue | NonResponse]


@cache
def shelf() -> ScriptShelf:
    return ScriptShelf.load(paths.FORMS_DIR)


def new_vault(directory: Path) -> Vault:
    vault, _recovery = vault_module.create(directory, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    return vault


def answer_session(
    repo: Repository, case_id: int, form_id: str, answers: AnswerSpec, language: str = "en"
) -> int:
    """A session of ``form_id`` holding ``answers`` (``question`` or ``question#instance``)."""
    form = shelf().get(form_id)
    assert form is not None
    session = repo.start_session(case_id, form.id, form.version, interface_language="en",
                                 interview_language=language)
    for key, value in answers.items():
        question, _, instance = key.partition("#")
        ref = ItemRef(form.item(question).id, int(instance) if instance else None)
        answer = (Answer(ref, non_response=value) if isinstance(value, NonResponse)
                  else Answer(ref, value))
        text = value if isinstance(value, str) else None
        repo.save_answer(session.id, answer, data_class=form.item(question).data_class,
                         text=text)
    return session.id


def decide(repo: Repository, case_id: int, purpose: ConsentPurpose, status: ConsentStatus) -> None:
    recipient = RECIPIENT_OF.get(purpose)
    repo.record_consent(case_id, purpose.value, status, language="en",
                        recipient=None if recipient is None else recipient.value)


def add_case(
    repo: Repository,
    sessions: Mapping[str, AnswerSpec],
    *,
    consents: Mapping[ConsentPurpose, bool] = USUAL_CONSENTS,
    identity: Mapping[str, JsonValue] | None = None,
    pseudonym: str = "",
) -> Case:
    case = repo.create_case(pseudonym)
    for purpose, given in consents.items():
        decide(repo, case.id, purpose, ConsentStatus.GIVEN if given else ConsentStatus.REFUSED)
    for field, value in (identity or {}).items():
        repo.record_identity(case.id, field, value)
    for form_id, answers in sessions.items():
        answer_session(repo, case.id, form_id, answers)
    return case
