"""What each `interview-app export KIND` does once the vault is open; loads Qt (documents)."""

from __future__ import annotations

import argparse

from interview_app.commands.export import Secrets, now, shelf
from interview_app.commands.vault import CommandError
from interview_app.documents.case_data import consent_events_of_case
from interview_app.documents.data_export import case_json, statistics_csv
from interview_app.documents.exporting import ExportResult
from interview_app.documents.intake import export_identity_annex, export_intake
from interview_app.documents.model import short_fingerprint
from interview_app.documents.referral import (
    CaseManager,
    Stage,
    Urgency,
    export_referral,
)
from interview_app.documents.saving import save_bytes
from interview_app.documents.sharing import INTERNAL, select
from interview_app.documents.statement import StatementOptions, export_statement
from interview_app.documents.statistics_pdf import export_statistics_pdf
from interview_app.domain.consent import Recipient
from interview_app.storage.access import readable
from interview_app.storage.repository import Case
from interview_app.storage.unlocked import Vault

__all__ = [
    "run_annex",
    "run_intake",
    "run_json",
    "run_recipients",
    "run_referral",
    "run_statement",
    "run_stats",
]


def _written(result: ExportResult) -> str:
    protected = ", encrypted" if result.encrypted else ""
    return (f"written: {result.path} (document {result.document_id}, SHA-256 "
            f"{short_fingerprint(result.fingerprint)}{protected})")


def _case(vault: Vault, code: str) -> Case:
    return vault.repository.case_by_code(code)


def _password(args: argparse.Namespace, secrets: Secrets, *, required: bool = False) -> str | None:
    return secrets.pdf_password(required=required, wanted=bool(getattr(args, "encrypt", False)))


def run_statement(args: argparse.Namespace, vault: Vault, secrets: Secrets) -> str:
    repository = vault.repository
    case = _case(vault, args.case)
    session = repository.session(args.session)
    if session.case_id != case.id:
        raise CommandError(f"session {args.session} is not a session of {case.code}")
    scripts = shelf()
    form = scripts.get(session.form_id)
    if form is None:
        raise CommandError(f"the script {session.form_id} is not installed")
    # The person's own copy rule: no export once they no longer agree to the record.
    select(INTERNAL, consent_events_of_case(repository, case.id), readable(vault.user.role))
    options = StatementOptions(place=args.place, observations_annex=args.observations)
    return _written(export_statement(repository, session.id, form, args.out, options=options,
                                     password=_password(args, secrets), shelf=scripts))


def run_referral(args: argparse.Namespace, vault: Vault, secrets: Secrets) -> str:
    repository = vault.repository
    case = _case(vault, args.case)
    manager = CaseManager(args.contact_name or vault.user.name, args.contact_phone,
                          args.organisation)
    result = export_referral(
        repository, shelf(), case.id, args.recipient, args.out, now=now(), manager=manager,
        stage=Stage(args.stage) if args.stage else None,
        urgency=Urgency(args.urgency) if args.urgency else None,
        password=_password(args, secrets),
    )
    name = repository.directory_entry(args.recipient).name
    return f"{_written(result)}\nreferral to {name} recorded as sent"


def run_intake(args: argparse.Namespace, vault: Vault, secrets: Secrets) -> str:
    case = _case(vault, args.case)
    return _written(export_intake(vault.repository, shelf(), case.id, args.out, now=now(),
                                  session_id=args.session, password=_password(args, secrets)))


def run_annex(args: argparse.Namespace, vault: Vault, secrets: Secrets) -> str:
    case = _case(vault, args.case)
    # Consent first, so a refused export never asks for a password it will not use.
    select(INTERNAL, consent_events_of_case(vault.repository, case.id),
           readable(vault.user.role))
    password = _password(args, secrets, required=True)
    return _written(export_identity_annex(vault.repository, shelf(), case.id, args.out,
                                          now=now(), password=password))


def run_json(args: argparse.Namespace, vault: Vault, _secrets: Secrets) -> str:
    case = _case(vault, args.case)
    audience = INTERNAL if args.audience == INTERNAL else Recipient(args.audience)
    data = case_json(vault.repository, case.id, shelf(), audience, exported_at=now(),
                     training=vault.is_training)
    result = save_bytes(vault.repository, data, args.out, doc_type="case_json", prefix="JS",
                        case_id=case.id, recipient=args.audience)
    return f"{_written(result)}\nnot encrypted: keep the file on an encrypted disk"


def run_stats(args: argparse.Namespace, vault: Vault, secrets: Secrets) -> str:
    data = statistics_csv(vault.repository, shelf(), years=args.year)
    lines = [_written(save_bytes(vault.repository, data, args.out, doc_type="statistics_csv",
                                 prefix="SC"))]
    if args.chart is not None:
        lines.append(_written(export_statistics_pdf(
            vault.repository, shelf(), args.chart, now=now(), years=args.year,
            training=vault.is_training, password=_password(args, secrets))))
    return "\n".join(lines)


def run_recipients(_args: argparse.Namespace, vault: Vault, _secrets: Secrets) -> str:
    entries = vault.repository.directory()
    if not entries:
        return "the vault's directory is empty: a supervisor adds organisations"
    return "\n".join(f"{e.id:>4}  {e.kind:<20} {e.name}" for e in entries)
