"""One export in three steps: read the vault (its thread), render (any thread), write and record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents import statistics
from interview_app.documents.case_data import consent_events_of_case, load_case
from interview_app.documents.data_export import case_json
from interview_app.documents.exporting import ExportResult, pdf_bytes, write_and_register
from interview_app.documents.fonts import register_fonts
from interview_app.documents.intake import annex_document, intake_document, intake_session, reuse_of
from interview_app.documents.model import Document, new_document_id
from interview_app.documents.protect import PasswordRequired, file_sha256
from interview_app.documents.referral import (
    CaseManager,
    plan_referral,
    record_referral,
    referral_document,
)
from interview_app.documents.referral_terms import DEFAULT_STAGE, Stage, Urgency
from interview_app.documents.render import ensure_application
from interview_app.documents.sharing import INTERNAL, select
from interview_app.documents.statement import StatementOptions, build_statement
from interview_app.documents.statement_data import load_statement
from interview_app.documents.statistics_pdf import statistics_document
from interview_app.domain.consent import Recipient
from interview_app.errors import ExportRefused
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.repository import Repository

__all__ = ["Job", "Plan", "Request", "Rendered", "finish", "prepare", "render"]


@dataclass(frozen=True)
class Request:
    kind: str
    case_id: int
    path: Path
    password: str | None = None
    overwrite: bool = False
    session_id: int | None = None
    recipient: int | None = None
    audience: str = INTERNAL
    stage: Stage | None = None
    urgency: Urgency | None = None
    contact_phone: str = ""
    training: bool = False  # from a training vault: the files say so


@dataclass(frozen=True)
class Job:
    """One file: a document model to render, or bytes already made (JSON, CSV)."""

    path: Path
    doc_type: str
    document: Document | None = None
    data: bytes = b""
    prefix: str = ""
    case_id: int | None = None
    session_id: int | None = None
    recipient: str | None = None


@dataclass(frozen=True)
class Plan:
    """Plain data read from the vault: nothing in it touches the vault again until finish."""

    jobs: tuple[Job, ...]
    password: str | None
    overwrite: bool
    after: Callable[[Repository], None] | None = None  # e.g. record the referral as sent


@dataclass(frozen=True)
class Rendered:
    """Each job's finished bytes and fingerprint, in the plan's order."""

    files: tuple[tuple[bytes, str], ...]


def _pdf(path: Path, document: Document, *, case_id: int | None = None,
         session_id: int | None = None, recipient: str | None = None) -> Job:
    return Job(path, document.doc_type, document, case_id=case_id, session_id=session_id,
               recipient=recipient)


def prepare(repository: Repository, shelf: ScriptShelf, r: Request, *,
            now: dt.datetime) -> Plan:
    """Everything the export reads, on the vault's thread (fast: no layout). ExportRefused
    and the consent errors come from here, before anything is rendered."""
    ensure_application()
    register_fonts()  # Qt's font database is filled here, not from the worker
    case_id = r.case_id
    after: Callable[[Repository], None] | None = None
    jobs: tuple[Job, ...]
    if r.kind == "referral":
        if r.recipient is None:
            raise ExportRefused
        plan = plan_referral(repository, shelf, case_id, r.recipient, now.date())
        document = referral_document(
            plan, created=now, stage=r.stage or DEFAULT_STAGE[plan.recipient],
            urgency=r.urgency or plan.suggested_urgency,
            manager=CaseManager(repository.user.name, r.contact_phone))
        jobs = (_pdf(r.path, document, case_id=case_id,
                     recipient=f"{plan.entry.name} ({plan.recipient.value})"),)

        def after(repo: Repository) -> None:
            record_referral(repo, plan)
    elif r.kind in ("intake", "annex"):
        data = load_case(repository, case_id, shelf)
        select(INTERNAL, data.events, readable(repository.user.role))
        if r.kind == "annex":
            if not r.password:
                raise PasswordRequired
            jobs = (_pdf(r.path, annex_document(data, created=now), case_id=case_id,
                         recipient="internal"),)
        else:
            intake = intake_session(data, r.session_id)
            reused = reuse_of(repository, data.of_session(intake.id))
            jobs = (_pdf(r.path, intake_document(data, intake, reused, created=now, shelf=shelf),
                         case_id=case_id, session_id=intake.id, recipient="internal"),)
    elif r.kind == "json":
        chosen = INTERNAL if r.audience == INTERNAL else Recipient(r.audience)
        data_json = case_json(repository, case_id, shelf, chosen, exported_at=now,
                              training=r.training)
        jobs = (Job(r.path, "case_json", data=data_json, prefix="JS", case_id=case_id,
                    recipient=r.audience),)
    elif r.kind == "stats":
        counts = statistics.count_cases(repository, shelf)
        csv = statistics.to_csv(statistics.publish(counts, statistics.THRESHOLD))
        chart = statistics_document(counts, shelf, created=now, training=r.training)
        jobs = (Job(r.path, "statistics_csv", data=csv, prefix="SC"),
                _pdf(r.path.with_suffix(".pdf"), chart))
    else:
        # The statement: the person's own rule first, no copy once the record may not be kept.
        select(INTERNAL, consent_events_of_case(repository, case_id),
               readable(repository.user.role))
        session = repository.session(r.session_id) if r.session_id is not None else None
        form = None if session is None else shelf.get(session.form_id)
        if session is None or form is None or session.case_id != case_id:
            raise ExportRefused
        data_st = load_statement(repository, session.id, form, shelf=shelf, now=now)
        jobs = (_pdf(r.path, build_statement(data_st, StatementOptions()), case_id=case_id,
                     session_id=session.id),)
    return Plan(jobs, r.password, r.overwrite, after)


def render(plan: Plan) -> Rendered:
    """Lay out, paint, mark and encrypt: no vault, no widgets, so a worker thread may do it
    (QTextDocument, QPdfWriter and QPainter on a QBuffer need no GUI thread)."""
    files = []
    for job in plan.jobs:
        if job.document is None:
            files.append((job.data, file_sha256(job.data)))
        else:
            files.append(pdf_bytes(job.document, plan.password))
    return Rendered(tuple(files))


def finish(repository: Repository, plan: Plan, rendered: Rendered) -> list[ExportResult]:
    """Write each file and register it, on the vault's thread; then what follows (a referral
    recorded as sent)."""
    results = []
    for job, (data, print_id) in zip(plan.jobs, rendered.files, strict=True):
        pdf = job.document is not None
        document_id = job.document.document_id if job.document else new_document_id(job.prefix)
        results.append(write_and_register(
            repository, data, job.path, document_id=document_id, doc_type=job.doc_type,
            print_id=print_id, encrypted=pdf and plan.password is not None,
            overwrite=plan.overwrite, case_id=job.case_id, session_id=job.session_id,
            recipient=job.recipient))
    if plan.after is not None:
        plan.after(repository)
    return results
