"""The training vault: fictional cases that walk every script, for practice and demonstration.

A training vault is an ordinary encrypted vault, flagged as training inside its database
(:attr:`Vault.is_training`, so the interface marks it on every screen), with one user whose
passphrase is published here on purpose. It must never hold a real case. Each script gets one
fictional case with a session walked from start to end, consents, rights information, an
indicator observation and, when a referral directory is present, a referral.

The fictional person consents to everything except sharing with the police, so the vault
also shows that help goes on without it: referrals go only where consent was given.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from pathlib import Path

from interview_app import paths
from interview_app.domain.consent import SHARING_PURPOSE
from interview_app.domain.directory import Organisation, load_directory
from interview_app.domain.forms import load_form, script_paths
from interview_app.domain.model import (
    Answer,
    ConsentPurpose,
    DataClass,
    Form,
    GateKind,
    Item,
    ItemKind,
    JsonValue,
)
from interview_app.errors import VaultExists
from interview_app.storage import vault as vault_module
from interview_app.storage.files import fsync_dir
from interview_app.storage.kdf import KdfParams
from interview_app.storage.repository import (
    Consent,
    ConsentStatus,
    DirectoryEntry,
    IndicatorSource,
    ParticipantRole,
    Repository,
)
from interview_app.training_walk import MARK, PLACE, fictional_value, walk

TRAINING_USER = "trainer"
# Published on purpose: a training vault holds fictional cases only.
TRAINING_PASSPHRASE = "training-only-passphrase"  # noqa: S105
DIRECTORY_FILE = paths.RESOURCES_DIR / "directory" / "sample.yaml"
# Clearly invented names, one per case; the list repeats with a number when scripts outnumber it.
NAMES = ("Amara Example", "Dmitri Sample", "Lina Placeholder", "Tomas Fictive", "Sana Testcase",
         "Kofi Madeup", "Ilse Specimen", "Ravi Pretend")
# Used when a script has no rights gate of its own, so every session records rights given.
DEFAULT_RIGHTS = ("support_unconditional", "may_decline", "confidentiality")
# The fictional person's decisions, for purposes a script does not ask about itself.
DECISIONS = {
    ConsentPurpose.INTERVIEW: True,
    ConsentPurpose.KEEP_RECORD: True,
    ConsentPurpose.SHARE_SHELTER: True,
    ConsentPurpose.SHARE_MEDICAL: True,
    ConsentPurpose.SHARE_POLICE: False,
}
RECIPIENT_OF = {purpose: recipient for recipient, purpose in SHARING_PURPOSE.items()}


def training_scripts(forms_dir: Path = paths.FORMS_DIR) -> list[Path]:
    return script_paths([forms_dir])


def ensure_training_vault(
    directory: Path,
    *,
    forms: Sequence[Path] | None = None,
    directory_file: Path | None = None,
    kdf: KdfParams | None = None,
    today: dt.date | None = None,
) -> Path:
    """The training vault in ``directory``, built first if there is none. Safe to call at every
    start: a vault that is there is left alone. Slow (seconds); call it off the UI thread."""
    directory = Path(directory)
    if not vault_module.is_vault(directory):
        build_training_vault(directory, forms=forms, directory_file=directory_file, kdf=kdf,
                             today=today)
    return directory


def build_training_vault(
    directory: Path,
    *,
    forms: Sequence[Path] | None = None,
    directory_file: Path | None = None,
    kdf: KdfParams | None = None,
    today: dt.date | None = None,
) -> list[Form]:
    """Build a training vault in ``directory`` (which must not hold a vault) from ``forms``
    (default: every script in ``forms/``); returns the scripts it walked.

    Built beside ``directory`` and renamed into place when complete, so a crash never leaves
    half a training vault that would then be taken for a whole one.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise VaultExists
    scripts = [load_form(p) for p in (training_scripts() if forms is None else forms)]
    listing = DIRECTORY_FILE if directory_file is None else directory_file
    organisations = load_directory(listing).organisations if listing.is_file() else ()
    when = today or dt.date.today()  # the local calendar date, as the interview view uses
    staging = directory.with_name(f".{directory.name}.{secrets.token_hex(4)}.training")
    vault, _recovery = vault_module.create(staging, TRAINING_USER, TRAINING_PASSPHRASE, kdf=kdf,
                                           training=True)
    try:
        with vault:
            repo = vault.repository
            entries = [(o, _copy_entry(repo, o)) for o in organisations]
            for number, form in enumerate(scripts):
                _training_case(repo, form, number, entries, when)
        if directory.exists():
            directory.rmdir()  # empty, checked above: rename cannot replace it otherwise
        staging.rename(directory)
        fsync_dir(directory.parent)
    except BaseException:
        vault_module.erase(staging)
        raise
    return scripts


def _copy_entry(repo: Repository, organisation: Organisation) -> DirectoryEntry:
    contact = {"phone": organisation.phone, "hours": organisation.hours}
    if organisation.emergency is not None:
        contact["emergency"] = organisation.emergency.phone
    return repo.add_directory_entry(
        f"{organisation.name} ({MARK} copy)", organisation.kind.value, contact=contact,
        languages=organisation.languages,
        notes=f"{MARK}. Services: {', '.join(organisation.services)}.")


def _decision(item: Item, today: dt.date) -> JsonValue:
    """The fictional answer, except that consent questions follow :data:`DECISIONS`."""
    if item.consent is not None and item.kind is ItemKind.YES_NO:
        return DECISIONS.get(item.consent, True)
    return fictional_value(item, today)


def _gates(form: Form, kind: GateKind) -> list[Item]:
    return [i for i in form.all_items() if i.kind is ItemKind.GATE and i.gate is kind]


def _training_case(
    repo: Repository,
    form: Form,
    number: int,
    entries: Sequence[tuple[Organisation, DirectoryEntry]],
    today: dt.date,
) -> None:
    """One fictional case with one finalised session of ``form``, walked to its end."""
    name = NAMES[number % len(NAMES)] + ("" if number < len(NAMES) else f" {number + 1}")
    case = repo.create_case(f"{MARK} {name}")
    repo.add_note(case.id, f"{MARK}: a fictional case for practising '{form.title}'. "
                  "No real person.", DataClass.ASSISTANCE)
    repo.record_identity(case.id, "full_name", f"{MARK} {name} (fictional)")
    repo.record_identity(case.id, "place_of_birth", PLACE)
    language = form.language
    session = repo.start_session(case.id, form.id, form.version, interface_language="en",
                                 interview_language=language)
    repo.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, f"{MARK} trainer",
                         user_id=repo.user.id, no_conflict=True, confidentiality=True)
    interpreter = repo.add_participant(
        session.id, ParticipantRole.INTERPRETER, f"{MARK} interpreter (fictional)",
        language=language, no_conflict=True, confidentiality=True)
    witness = f"{MARK} witness (fictional)"
    rights = [e.id for g in _gates(form, GateKind.RIGHTS) for e in g.checklist]
    for item in rights or DEFAULT_RIGHTS:
        repo.record_rights_given(case.id, item, language=language, session_id=session.id,
                                 interpreter=interpreter.id)
    decided: dict[ConsentPurpose, Consent] = {}
    indicators: list[str] = []

    def consent(purpose: ConsentPurpose, given: bool) -> None:
        recipient = RECIPIENT_OF.get(purpose)
        decided[purpose] = repo.record_consent(
            case.id, purpose.value, ConsentStatus.GIVEN if given else ConsentStatus.REFUSED,
            recipient=None if recipient is None else recipient.value, language=language,
            witnessed_by=witness, session_id=session.id)

    def save(item: Item, answer: Answer) -> None:
        repo.save_answer(session.id, answer, data_class=item.data_class)
        if answer.is_substantive:
            indicators.extend(item.indicators)
            if item.consent is not None and isinstance(answer.value, bool):
                consent(item.consent, answer.value)

    walk(form, today, save, _decision)
    for purpose, wanted in DECISIONS.items():
        if purpose not in decided:
            consent(purpose, wanted)
    indicator = indicators[0] if indicators else "training.example"
    repo.observe_indicator(case.id, indicator, IndicatorSource.STATED, session_id=session.id,
                           note=f"{MARK}: a fictional observation, stated by the person.")
    # Referrals go only where the person agreed to sharing; the cases take turns.
    targets = [(e, decided[SHARING_PURPOSE[o.recipient]]) for o, e in entries
               if o.recipient is not None and SHARING_PURPOSE[o.recipient] in decided
               and decided[SHARING_PURPOSE[o.recipient]].status is ConsentStatus.GIVEN]
    if targets:
        entry, agreed = targets[number % len(targets)]
        repo.create_referral(case.id, entry.id, ["case_code", "assistance"],
                             consent_id=agreed.id)
    repo.finalise_session(session.id)
