"""One export as the export dialog asks for it, and the previews it shows first (no widgets)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents.answer_rows import class_name, withheld_text
from interview_app.documents.case_data import consent_events_of_case
from interview_app.documents.data_export import case_json, statistics_csv
from interview_app.documents.exporting import ExportResult
from interview_app.documents.intake import export_identity_annex, export_intake
from interview_app.documents.model import short_fingerprint
from interview_app.documents.protect import ExportError
from interview_app.documents.referral import CaseManager, export_referral, plan_referral
from interview_app.documents.referral_terms import Stage, Urgency
from interview_app.documents.saving import save_bytes
from interview_app.documents.sharing import INTERNAL, refusal, select, selection_for
from interview_app.documents.statement import StatementOptions, export_statement
from interview_app.documents.statistics import THRESHOLD
from interview_app.documents.statistics_pdf import export_statistics_pdf
from interview_app.domain.consent import Recipient
from interview_app.errors import ExportRefused, InterviewAppError, StorageError
from interview_app.i18n import _
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.repository import Repository

__all__ = ["Preview", "Request", "audiences", "error_text", "json_preview",
           "referral_preview", "run", "targets"]


def audiences() -> dict[str, str]:
    names: dict[str, str] = {INTERNAL: _("Internal copy (this organisation)")}
    names.update({r.value: _("For: {kind}").format(kind=r.value.replace("_", " "))
                  for r in Recipient})
    return names


@dataclass(frozen=True)
class Preview:
    """What will be left out (or why nothing will go), in words, before anything is written."""

    text: str
    recipient: Recipient | None


def _withheld_lines(withheld: list[tuple[str, str]]) -> str:
    if not withheld:
        return _("Nothing is withheld.")
    return "\n".join(f"{name}: {why}" for name, why in withheld)


def referral_preview(
    repository: Repository, shelf: ScriptShelf, case_id: int, entry_id: int, today: dt.date
) -> Preview:
    try:
        plan = plan_referral(repository, shelf, case_id, entry_id, today)
    except InterviewAppError as error:
        return Preview(error_text(error), None)
    lines = [(class_name(w.data_class), withheld_text(w)) for w in plan.selection.withheld]
    return Preview(_withheld_lines(lines), plan.recipient)


def json_preview(repository: Repository, shelf: ScriptShelf, case_id: int, audience: str) -> str:
    del shelf  # the consent rule needs no script
    events = consent_events_of_case(repository, case_id)
    chosen = INTERNAL if audience == INTERNAL else Recipient(audience)
    problem = refusal(chosen, events)
    if problem is not None:
        return error_text(problem)
    selection = selection_for(chosen, events, readable(repository.user.role))
    return _withheld_lines([(class_name(w.data_class), withheld_text(w))
                            for w in selection.withheld])


def error_text(error: InterviewAppError) -> str:
    """The fixed, translated sentence of one of our errors; a generic one otherwise."""
    if isinstance(error, ExportRefused | ExportError | StorageError):
        return _(error.message)
    return _("The document was not exported.")


def targets(kind: str, path: Path) -> list[Path]:
    """Every file an export writes: statistics write a chart PDF beside the CSV."""
    if kind == "stats":
        return [path, path.with_suffix(".pdf")]
    return [path]


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


def _written(result: ExportResult) -> str:
    protection = _("encrypted") if result.encrypted else _("not encrypted")
    return _("Written: {path} (document {id}, SHA-256 {fingerprint}, {protection})").format(
        path=result.path, id=result.document_id,
        fingerprint=short_fingerprint(result.fingerprint), protection=protection)


def run(repository: Repository, shelf: ScriptShelf, request: Request, *,
        now: dt.datetime) -> list[str]:
    """Do the export; lines for the person. ExportRefused, ExportError or StorageError when
    it did not happen (and then nothing was written)."""
    r, case_id, path = request, request.case_id, request.path
    if r.kind == "referral":
        if r.recipient is None:
            raise ExportRefused
        result = export_referral(
            repository, shelf, case_id, r.recipient, path, now=now, stage=r.stage,
            urgency=r.urgency, password=r.password, overwrite=r.overwrite,
            manager=CaseManager(repository.user.name, r.contact_phone))
        return [_written(result), _("The referral is recorded as sent.")]
    if r.kind == "intake":
        return [_written(export_intake(repository, shelf, case_id, path, now=now,
                                       session_id=r.session_id, password=r.password,
                                       overwrite=r.overwrite))]
    if r.kind == "annex":
        return [_written(export_identity_annex(repository, shelf, case_id, path, now=now,
                                               password=r.password, overwrite=r.overwrite))]
    if r.kind == "json":
        chosen = INTERNAL if r.audience == INTERNAL else Recipient(r.audience)
        data = case_json(repository, case_id, shelf, chosen, exported_at=now,
                         training=r.training)
        result = save_bytes(repository, data, path, doc_type="case_json", prefix="JS",
                            case_id=case_id, recipient=r.audience, overwrite=r.overwrite)
        return [_written(result), _("JSON cannot be encrypted: keep it on an encrypted disk.")]
    if r.kind == "stats":
        csv_result = save_bytes(repository, statistics_csv(repository, shelf,
                                                           threshold=THRESHOLD),
                                path, doc_type="statistics_csv", prefix="SC",
                                overwrite=r.overwrite)
        chart = export_statistics_pdf(repository, shelf, path.with_suffix(".pdf"), now=now,
                                      training=r.training, password=r.password,
                                      overwrite=r.overwrite)
        return [_written(csv_result), _written(chart)]
    # The statement: the person's own rule first, no copy once the record may not be kept.
    select(INTERNAL, consent_events_of_case(repository, case_id), readable(repository.user.role))
    session = repository.session(r.session_id) if r.session_id is not None else None
    form = None if session is None else shelf.get(session.form_id)
    if session is None or form is None or session.case_id != case_id:
        raise ExportRefused
    return [_written(export_statement(repository, session.id, form, path,
                                      options=StatementOptions(), password=r.password,
                                      overwrite=r.overwrite, shelf=shelf))]
