"""The training vault: fictional cases that walk every script, for practice and demonstration.

A training vault is an ordinary encrypted vault, flagged as training inside its database
(:attr:`Vault.is_training`, so the interface marks it on every screen), with one user whose
passphrase is published here on purpose. It must never hold a real case. Each script gets one
fictional case with a session walked from start to end, consents, rights information, an
indicator observation and, when a referral directory is present, a referral.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_app import paths
from interview_app.domain.forms import load_form, script_paths
from interview_app.domain.model import Answer, DataClass, Form, GateKind, Item, ItemKind
from interview_app.domain.yaml_source import read_yaml
from interview_app.errors import VaultExists
from interview_app.storage import vault as vault_module
from interview_app.storage.files import fsync_dir
from interview_app.storage.kdf import KdfParams
from interview_app.storage.repository import (
    ConsentStatus,
    DirectoryEntry,
    IndicatorSource,
    ParticipantRole,
    Repository,
)
from interview_app.training_walk import MARK, PLACE, walk

TRAINING_USER = "trainer"
# Published on purpose: a training vault holds fictional cases only.
TRAINING_PASSPHRASE = "training-only-passphrase"  # noqa: S105
DIRECTORY_FILE = paths.RESOURCES_DIR / "directory" / "sample.yaml"
# Clearly invented names, one per case; the list repeats with a number when scripts outnumber it.
NAMES = ("Amara Example", "Dmitri Sample", "Lina Placeholder", "Tomas Fictive", "Sana Testcase",
         "Kofi Madeup", "Ilse Specimen", "Ravi Pretend")
# Used when a script has no rights gate of its own, so every session records rights given.
DEFAULT_RIGHTS = ("support_unconditional", "may_decline", "confidentiality")


@dataclass(frozen=True)
class Organisation:
    """One entry of the referral directory file, as much of it as the vault's directory keeps."""

    name: str
    kind: str
    contact: dict[str, str]
    languages: tuple[str, ...]
    notes: str


def _scalar_text(value: object) -> str | None:
    return str(value) if isinstance(value, str | int | float) and not isinstance(value, bool) \
        else None


def _organisation(data: object) -> Organisation | None:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    kind = data.get("kind") or data.get("type") or "organisation"
    contact: dict[str, str] = {}
    raw_contact = data.get("contact")
    if isinstance(raw_contact, dict):
        contact.update({str(k): t for k, v in raw_contact.items() if (t := _scalar_text(v))})
    for key, value in data.items():
        text = _scalar_text(value)
        if text and any(w in str(key) for w in ("phone", "email", "address", "emergency")):
            contact[str(key)] = text
    languages = data.get("languages")
    codes = tuple(str(x) for x in languages) if isinstance(languages, list) else ()
    services = data.get("services")
    notes = ", ".join(str(s) for s in services) if isinstance(services, list) else ""
    return Organisation(data["name"], str(kind), contact, codes, notes)


def read_directory(path: Path) -> list[Organisation]:
    """Organisations in a referral directory file: a list, or a mapping holding one."""
    data = read_yaml(path.read_bytes(), str(path)).data
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if lists else []
    entries = data if isinstance(data, list) else []
    return [o for o in map(_organisation, entries) if o is not None]


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
    organisations = read_directory(listing) if listing.is_file() else []
    when = today or dt.date.today()  # the local calendar date, as the interview view uses
    staging = directory.with_name(f".{directory.name}.{secrets.token_hex(4)}.training")
    vault, _recovery = vault_module.create(staging, TRAINING_USER, TRAINING_PASSPHRASE, kdf=kdf,
                                           training=True)
    try:
        with vault:
            repo = vault.repository
            entries = [repo.add_directory_entry(
                f"{o.name} ({MARK} copy)", o.kind, contact=o.contact, languages=o.languages,
                notes=f"{MARK}. {o.notes}".strip()) for o in organisations]
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


def _gates(form: Form, kind: GateKind) -> list[Item]:
    return [i for i in form.all_items() if i.kind is ItemKind.GATE and i.gate is kind]


def _training_case(
    repo: Repository, form: Form, number: int, entries: Sequence[DirectoryEntry],
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
    purposes = [str(g.id) for g in _gates(form, GateKind.CONSENT)] or ["interview"]
    for purpose in purposes:
        repo.record_consent(case.id, purpose, ConsentStatus.GIVEN, language=language,
                            witnessed_by=witness, session_id=session.id)
    rights = [e.id for g in _gates(form, GateKind.RIGHTS) for e in g.checklist]
    for item in rights or DEFAULT_RIGHTS:
        repo.record_rights_given(case.id, item, language=language, session_id=session.id,
                                 interpreter=interpreter.id)

    indicators: list[str] = []

    def save(item: Item, answer: Answer) -> None:
        repo.save_answer(session.id, answer, data_class=item.data_class)
        if answer.is_substantive:
            indicators.extend(item.indicators)

    walk(form, today, save)
    indicator = indicators[0] if indicators else "training.example"
    repo.observe_indicator(case.id, indicator, IndicatorSource.STATED, session_id=session.id,
                           note=f"{MARK}: a fictional observation, stated by the person.")
    if entries:
        entry = entries[number % len(entries)]
        consent = repo.record_consent(case.id, "referral", ConsentStatus.GIVEN,
                                      recipient=entry.kind, language=language,
                                      witnessed_by=witness, session_id=session.id)
        repo.record_consent(case.id, "referral", ConsentStatus.REFUSED, recipient="police",
                            language=language, witnessed_by=witness, session_id=session.id)
        repo.create_referral(case.id, entry.id, ["case_code", "assistance"],
                             consent_id=consent.id)
    repo.finalise_session(session.id)
