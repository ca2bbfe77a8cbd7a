"""Intake record for shelter staff (needs, no identity), and the sealed identity annex."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents.answer_rows import (
    footer_labels,
    identity_rows,
    interface_direction,
    question_rows,
)
from interview_app.documents.case_data import CaseData, Entry, load_case
from interview_app.documents.exporting import ExportResult, export_document
from interview_app.documents.model import (
    Block,
    Document,
    Heading,
    KeyValueTable,
    Paragraph,
    SignatureBlock,
    SignatureLine,
    Style,
    Text,
    new_document_id,
)
from interview_app.documents.sharing import INTERNAL, select
from interview_app.domain.model import DataClass
from interview_app.errors import NotFound
from interview_app.i18n import _, interface_language
from interview_app.script_shelf import ScriptShelf
from interview_app.session_reuse import REASON_REUSE_CHANGED, REASON_REUSE_CONFIRMED
from interview_app.storage.access import readable
from interview_app.storage.repository import Repository, Session

__all__ = [
    "INTAKE_FORM",
    "Reuse",
    "annex_document",
    "export_identity_annex",
    "export_intake",
    "intake_document",
    "reuse_of",
]

INTAKE_FORM = "shelter_intake"
# The reason an interview session writes on an answer it took over from an earlier session
# (interview_app/session_reuse.py): fixed words, the earlier session and question.
_REUSED = re.compile(r"reused from session (\d+): ([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)")


@dataclass(frozen=True)
class Reuse:
    """An answer taken over from an earlier session, and what the person made of it."""

    entry: Entry
    session_id: int
    source: str
    outcome: str  # "confirmed", "changed" or "not confirmed"


def reuse_of(repository: Repository, entries: list[Entry]) -> list[Reuse]:
    """Which of ``entries`` were pre-filled from an earlier session, from their revisions."""
    found = []
    for entry in entries:
        history = repository.answer_history(entry.session.id, entry.ref)
        for number, revision in enumerate(history):
            match = _REUSED.fullmatch(revision.reason or "")
            if match is None:
                continue
            later = [r.reason for r in history[number + 1 :]]
            outcome = ("changed" if REASON_REUSE_CHANGED in later else
                       "confirmed" if REASON_REUSE_CONFIRMED in later else "not confirmed")
            found.append(Reuse(entry, int(match.group(1)), match.group(2), outcome))
            break
    return found


def _outcome_text(outcome: str) -> str:
    return {"confirmed": _("confirmed with the person"),
            "changed": _("changed with the person"),
            "not confirmed": _("not yet confirmed with the person")}[outcome]


def intake_session(data: CaseData, session_id: int | None) -> Session:
    """The session asked for, or the latest intake of the case (else its latest session)."""
    if session_id is not None:
        chosen = [s for s in data.sessions if s.id == session_id]
    else:
        chosen = ([s for s in data.sessions if s.form_id == INTAKE_FORM] or list(data.sessions))
    if not chosen:
        raise NotFound
    return chosen[-1]


def _header(data: CaseData, session: Session, created: dt.datetime) -> KeyValueTable:
    d = interface_direction()
    return KeyValueTable((
        (Text(_("Case"), d), Text(data.case.code, d)),
        (Text(_("Name used in the shelter"), d), Text(data.case.pseudonym or "-")),
        (Text(_("Intake session"), d), Text(
            _("Session {number}, {date}").format(number=session.id,
                                                 date=session.started_at[:10]), d)),
        (Text(_("Interview language"), d), Text(session.interview_language, d)),
        (Text(_("Printed"), d), Text(created.date().isoformat(), d)),
    ), d)


def _script_title(shelf: ScriptShelf | None, source: str) -> str:
    form_id = source.partition(".")[0]
    form = None if shelf is None else shelf.get(form_id)
    return form_id if form is None else form.title


def _started(data: CaseData, session_id: int) -> str:
    return next((s.started_at[:10] for s in data.sessions if s.id == session_id), "")


def intake_document(
    data: CaseData,
    session: Session,
    reused: list[Reuse],
    *,
    created: dt.datetime,
    shelf: ScriptShelf | None = None,
) -> Document:
    """Needs, dependants, diet and religion, the safety plan, section by section: only the
    assistance answers. Who the person is stays in the sealed annex."""
    d = interface_direction()
    blocks: list[Block] = [
        Heading(_("Intake record"), 1, d),
        Paragraph(_("For shelter staff who look after the person. Identity details are in the "
                    "sealed identity annex; the shelter's address is never written here."),
                  d, Style.NOTICE),
        _header(data, session, created),
    ]
    entries = [e for e in data.of_session(session.id) if e.data_class is DataClass.ASSISTANCE]
    form = entries[0].form if entries else None
    sections = form.sections if form is not None else ()
    shown: set[int] = set()
    for section in sections:
        ids = {i.id for i in section.items} | {c.id for i in section.items for c in i.items}
        rows = question_rows(e for e in entries if e.ref.question_id in ids)
        shown.update(id(e) for e in entries if e.ref.question_id in ids)
        if rows:
            blocks += [Heading(section.title, 2, d), KeyValueTable(tuple(rows), d)]
    rest = question_rows(e for e in entries if id(e) not in shown)
    if rest:
        blocks += [Heading(_("Other answers"), 2, d), KeyValueTable(tuple(rest), d)]
    assistance_reuse = [r for r in reused if r.entry.data_class is DataClass.ASSISTANCE]
    blocks.append(Heading(_("Taken over from earlier sessions"), 2, d))
    if assistance_reuse:
        labels = question_rows(r.entry for r in assistance_reuse)
        blocks.append(KeyValueTable(tuple(
            (label, Text(_("from session {number} ({script}, {date}): {outcome}").format(
                number=r.session_id, script=_script_title(shelf, r.source),
                date=_started(data, r.session_id), outcome=_outcome_text(r.outcome)), d))
            for r, (label, _value) in zip(assistance_reuse, labels, strict=True)
        ), d))
    else:
        blocks.append(Paragraph(_("Nothing was taken over: the person was asked everything."),
                                d))
    blocks.append(SignatureBlock((SignatureLine(Text(_("Shelter staff member"), d), None,
                                                Text(_("name, signature and date"), d)),), d))
    return Document(new_document_id("IN"), "intake", _("Intake record"), interface_language(),
                    tuple(blocks), d, footer_labels())


def annex_document(data: CaseData, *, created: dt.datetime) -> Document:
    """Every identity detail of the case: the annex field values and the identity answers."""
    d = interface_direction()
    blocks: list[Block] = [
        Heading(_("Identity annex (sealed)"), 1, d),
        Paragraph(_("Sealed. Open only when the person's case needs who they are, and keep it "
                    "apart from the statement and the intake record, which name the case only "
                    "by its code."), d, Style.NOTICE),
        KeyValueTable(((Text(_("Case"), d), Text(data.case.code, d)),
                       (Text(_("Printed"), d), Text(created.date().isoformat(), d))), d),
    ]
    if data.identity:
        blocks += [Heading(_("Identity details"), 2, d),
                   KeyValueTable(tuple(identity_rows(data.identity)), d)]
    for session in data.sessions:
        rows = question_rows(e for e in data.of_session(session.id)
                             if e.data_class is DataClass.IDENTITY)
        if rows:
            title = _("Session {number}, {date}").format(number=session.id,
                                                        date=session.started_at[:10])
            blocks += [Heading(title, 2, d), KeyValueTable(tuple(rows), d)]
    return Document(new_document_id("IA"), "identity_annex", _("Identity annex"),
                    interface_language(), tuple(blocks), d, footer_labels())


def export_intake(
    repository: Repository,
    shelf: ScriptShelf,
    case_id: int,
    path: Path,
    *,
    now: dt.datetime,
    session_id: int | None = None,
    password: str | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """The intake record, for the organisation's own staff: refused once the person no longer
    agrees to the record being kept."""
    data = load_case(repository, case_id, shelf)
    select(INTERNAL, data.events, readable(repository.user.role))
    session = intake_session(data, session_id)
    reused = reuse_of(repository, data.of_session(session.id))
    document = intake_document(data, session, reused, created=now, shelf=shelf)
    return export_document(repository, document, path, password=password, overwrite=overwrite,
                           case_id=case_id, session_id=session.id, recipient="internal")


def export_identity_annex(
    repository: Repository,
    shelf: ScriptShelf,
    case_id: int,
    path: Path,
    *,
    now: dt.datetime,
    password: str | None,
    overwrite: bool = False,
) -> ExportResult:
    """The sealed annex: always encrypted, so without a password nothing is written."""
    data = load_case(repository, case_id, shelf)
    select(INTERNAL, data.events, readable(repository.user.role))
    document = annex_document(data, created=now)
    return export_document(repository, document, path, password=password, overwrite=overwrite,
                           require_password=True, case_id=case_id, recipient="internal")
