"""One export as the export dialog asks for it, and the previews it shows first (no widgets)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents.answer_rows import class_name, withheld_text
from interview_app.documents.case_data import consent_events_of_case
from interview_app.documents.export_jobs import Request, finish, prepare, render
from interview_app.documents.exporting import ExportResult
from interview_app.documents.model import short_fingerprint
from interview_app.documents.protect import ExportError
from interview_app.documents.referral import plan_referral
from interview_app.documents.sharing import INTERNAL, refusal, selection_for
from interview_app.domain.consent import Recipient
from interview_app.errors import ExportRefused, InterviewAppError, StorageError
from interview_app.i18n import _
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.repository import Repository

__all__ = ["Preview", "Request", "audiences", "error_text", "json_preview", "lines",
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


def _written(result: ExportResult) -> str:
    protection = _("encrypted") if result.encrypted else _("not encrypted")
    return _("Written: {path} (document {id}, SHA-256 {fingerprint}, {protection})").format(
        path=result.path, id=result.document_id,
        fingerprint=short_fingerprint(result.fingerprint), protection=protection)


def lines(request: Request, results: list[ExportResult]) -> list[str]:
    """What the person reads once the files are written."""
    said = [_written(result) for result in results]
    if request.kind == "referral":
        said.append(_("The referral is recorded as sent."))
    elif request.kind == "json":
        said.append(_("JSON cannot be encrypted: keep it on an encrypted disk."))
    return said


def run(repository: Repository, shelf: ScriptShelf, request: Request, *,
        now: dt.datetime) -> list[str]:
    """Do the export in one go on this thread; lines for the person. ExportRefused,
    ExportError or StorageError when it did not happen (and then nothing was written)."""
    plan = prepare(repository, shelf, request, now=now)
    return lines(request, finish(repository, plan, render(plan)))
