"""The bilingual statement of one interview session; identity details stay in their own annex."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interview_app import paths
from interview_app.documents.bidi import isolate_ltr
from interview_app.documents.bilingual import N_, Tongue, user_text
from interview_app.documents.exporting import ExportResult, export_document
from interview_app.documents.model import (
    AnnexTitle,
    Block,
    Document,
    FooterLabels,
    KeyValueTable,
    Paragraph,
    SignatureBlock,
    SignatureLine,
    Style,
    Table,
    Text,
    new_document_id,
)
from interview_app.documents.statement_answers import Words, answers_blocks, entry_blocks
from interview_app.documents.statement_data import StatementData, load_statement, when
from interview_app.domain.indicators import IndicatorCatalogue, load_catalogue
from interview_app.domain.model import Form
from interview_app.errors import DataFileError
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.encoding import timestamp
from interview_app.storage.repository import ParticipantRole, Repository

DOC_TYPE = "statement"
ID_PREFIX = "ST"

PURPOSES = {
    "interview": N_("to be interviewed"),
    "keep_record": N_("to keep this record"),
    "share_shelter": N_("to share with a shelter"),
    "share_medical": N_("to share with medical care"),
    "share_legal_aid": N_("to share with legal aid"),
    "share_child_protection": N_("to share with child protection"),
    "share_coordinator": N_("to share with the referral coordinator"),
    "share_police": N_("to share with the police or prosecutor"),
    "share_labour_inspectorate": N_("to share with the labour inspectorate"),
    "share_return_programme": N_("to share with a return programme"),
    "contact_origin_country": N_("to contact the authorities of the country of origin"),
}
STATUSES = {"given": N_("agreed"), "refused": N_("refused"), "withdrawn": N_("withdrew")}
DECLARATION = N_(
    "I, {name}, interpreted between {first} and {second} accurately and completely, to the best "
    "of my ability. I am not related to the person interviewed or to anyone involved in the "
    "case, and I will keep confidential everything I heard.")
READ_BACK = N_(
    "This statement was read back to me in {language}. It records what I said. Where I asked "
    "for corrections, they are shown above as changed answers or addenda.")
SIGNATURE = N_("Signature or mark")
SOURCES = {"observed": N_("observed"), "stated": N_("stated by the person"),
           "document": N_("from a document")}


@dataclass(frozen=True)
class StatementOptions:
    """What the person exporting adds: the place of the interview, who the copy is for, and
    whether to add the annex of indicator observations."""

    place: str = ""
    recipient: str | None = None
    observations_annex: bool = False


def _people(data: StatementData, role: ParticipantRole, r: Tongue) -> str:
    names = []
    for person in data.by_role(role):
        extra = ", ".join(x for x in (person.language, person.dialect) if x)
        names.append(f"{person.name} ({extra})" if extra else person.name)
    return "; ".join(dict.fromkeys(names)) or r._("none")


def _header(data: StatementData, words: Words, options: StatementOptions,
            document_id: str) -> KeyValueTable:
    r, session = words.record, data.session
    if session.finalised_at:
        status = r._("finalised at {time}; session fingerprint {fingerprint}").format(
            time=isolate_ltr(when(session.finalised_at)),
            fingerprint=isolate_ltr(session.fingerprint or ""))
    else:
        status = r._("not finalised: a draft, the answers may still change")
    script = data.text.interface
    rows: list[tuple[str, Text]] = [
        (r._("Document"), Text(document_id)),
        (r._("Case code"), Text(data.case.code)),
        (r._("Pseudonym"), user_text(data.case.pseudonym, r)),
        (r._("Script"), Text(r._("{title} ({id}, version {version})").format(
            title=script.title, id=script.id, version=session.form_version), r.direction)),
        (r._("Date"), Text(when(session.started_at)[:10])),
        (r._("Place"), user_text(options.place or "________________", r)),
        (r._("Lead interviewer"), user_text(_people(data, ParticipantRole.LEAD_INTERVIEWER, r),
                                            r)),
        (r._("Second interviewer"),
         user_text(_people(data, ParticipantRole.SECOND_INTERVIEWER, r), r)),
        (r._("Interpreter"), user_text(_people(data, ParticipantRole.INTERPRETER, r), r)),
        (r._("Language of record"), Text(r.name(session.interface_language), r.direction)),
        (r._("Interview language"), Text(r.name(session.interview_language), r.direction)),
        (r._("Session"), Text(status, r.direction)),
        (r._("Exported"), Text(when(timestamp(data.now)), r.direction)),
        (r._("Exported for"), user_text(options.recipient or r._("not stated"), r)),
    ]
    if data.text.interview_language != session.interview_language.replace("-", "_"):
        rows.append((r._("Note"), r.text(N_(
            "The script has no complete translation into the interview language: the "
            "questions are shown as the script words them."))))
    if data.text.has_drafts:
        rows.append((r._("Note"), Text(r._("Parts of the script in the interview language are "
                                           "draft translations."), r.direction)))
    return KeyValueTable(tuple((Text(k, r.direction, Style.LABEL), v) for k, v in rows),
                         direction=r.direction)


def _timeline(data: StatementData, words: Words) -> Table:
    """Rights told and consents decided, beside the interview's start, breaks and end."""
    r, session = words.record, data.session
    events: list[tuple[str, str, str, str]] = [
        (session.started_at, r._("Interview started"), "", data.user(session.started_by))]
    for pause in data.breaks:
        events.append((pause.started_at, r._("Break started"), "", ""))
        if pause.ended_at:
            events.append((pause.ended_at, r._("Break ended"), "", ""))
    if session.ended_at:
        events.append((session.ended_at, r._("Interview ended"), "", ""))
    for right in data.rights:
        told = data.checklist_text(right.item)
        what = r._("Told: {what}").format(what=told[0] if told else right.item)
        if told and not words.one_language and told[1] != told[0]:
            what += "\n" + told[1]  # the words the person heard, under the record's
        interpreter = data.participant(right.interpreter)
        by = data.user(right.given_by) + (f" / {interpreter.name}" if interpreter else "")
        events.append((right.given_at, what, right.language, by))
    for consent in data.consents:
        purpose = r._(PURPOSES.get(consent.purpose, consent.purpose))
        status = r._(STATUSES.get(consent.status.value, consent.status.value))
        text = r._("Consent {purpose}: {status}").format(purpose=purpose, status=status)
        if consent.witnessed_by:
            text += " · " + r._("witnessed by {name}").format(
                name=isolate_ltr(consent.witnessed_by))
        events.append((consent.given_at, text, consent.language, data.user(consent.recorded_by)))
    rows = tuple(
        (Text(when(at).removesuffix(" UTC"), r.direction), user_text(what, r), Text(language),
         user_text(by, r))
        for at, what, language, by in sorted(events, key=lambda e: e[0])
    )
    header = (Text(r._("Time (UTC)"), r.direction), Text(r._("What happened"), r.direction),
              Text(r._("Language"), r.direction), Text(r._("By"), r.direction))
    return Table(header, rows, widths=(21, 48, 13, 18), direction=r.direction)


def _addenda(data: StatementData, words: Words) -> Iterator[Block]:
    if not data.addenda:
        return
    r = words.record
    yield from words.heading(N_("Addenda: corrections after the statement was finalised"))
    numbers = {e.prompt.ref: e.number for e in data.entries}
    for addendum in data.addenda:
        opened = r._("Addendum opened at {time} by {name}").format(
            time=isolate_ltr(when(addendum.session.started_at)),
            name=isolate_ltr(data.user(addendum.session.started_by)))
        yield Paragraph(opened, r.direction, Style.LABEL)
        for entry in addendum.entries:
            number = numbers.get(entry.prompt.ref)
            note = (r._("corrects question {number}").format(number=number)
                    if number is not None else None)
            yield from entry_blocks(data, words, entry, note=note)


def _observations(data: StatementData, words: Words,
                  catalogue: IndicatorCatalogue | None) -> Iterator[Block]:
    r = words.record
    yield AnnexTitle(r._("Annex: indicator observations"), r.direction)
    yield Paragraph(r._("These are observations, each with its source. They are not a "
                        "determination that the person is or is not a victim of trafficking: "
                        "that is a decision people make and record separately, with a reason."),
                    r.direction, Style.NOTICE)
    retracted = {o.retracts for o in data.observations if o.retracts is not None}
    rows = []
    for seen in data.observations:
        label = seen.indicator_id
        if catalogue is not None and catalogue.has(seen.indicator_id):
            label = catalogue.indicator(seen.indicator_id).label
        state = ""
        if seen.id in retracted:
            state = r._("withdrawn later")
        elif seen.retracts is not None:
            state = r._("withdraws an earlier observation")
        rows.append((Text(when(seen.recorded_at), r.direction), user_text(label, r),
                     Text(r._(SOURCES.get(seen.source.value, seen.source.value)), r.direction),
                     user_text("\n".join(x for x in (seen.note or "", state) if x), r)))
    header = (Text(r._("Recorded"), r.direction), Text(r._("Indicator"), r.direction),
              Text(r._("Source"), r.direction), Text(r._("Note"), r.direction))
    if rows:
        yield Table(header, tuple(rows), widths=(20, 40, 15, 25), direction=r.direction)
    else:
        yield Paragraph(r._("No observations were recorded."), r.direction)


def _closing(data: StatementData, words: Words) -> Iterator[Block]:
    """Interpreter's declaration, read-back confirmation, signatures."""
    r, i = words.record, words.interview
    session = data.session
    interpreters = data.by_role(ParticipantRole.INTERPRETER)
    yield from words.heading(N_("Interpreter's declaration"))
    for person in interpreters:
        for tongue in words.tongues(DECLARATION):
            text = tongue._(DECLARATION).format(
                name=person.name, first=tongue.name(session.interface_language),
                second=tongue.name(session.interview_language))
            yield Paragraph(text, tongue.text(DECLARATION).direction)
        yes, no = r._("yes"), r._("no")
        recorded = r._("Recorded in the vault: no relation declared: {relation}; "
                       "confidentiality declared: {confidential}").format(
            relation=yes if person.declared_no_conflict else no,
            confidential=yes if person.declared_confidentiality else no)
        yield Paragraph(recorded, r.direction, Style.MUTED)
    if not interpreters:
        yield Paragraph(r._("No interpreter took part in this interview."), r.direction)
    yield from words.heading(N_("Read-back and confirmation"))
    for tongue in words.tongues(READ_BACK):
        yield Paragraph(tongue._(READ_BACK).format(
            language=tongue.name(session.interview_language)), tongue.text(READ_BACK).direction)
    mark = f"{r._('Signature or mark')} · {r._('Date')}"
    if len(words.tongues(SIGNATURE)) > 1:
        mark += f"\n{i._('Signature or mark')} · {i._('Date')}"
    lines = [SignatureLine(Text(r._("The person interviewed"), r.direction), None,
                           Text(mark, r.direction))]
    for role, title in ((ParticipantRole.LEAD_INTERVIEWER, r._("Lead interviewer")),
                        (ParticipantRole.SECOND_INTERVIEWER, r._("Second interviewer")),
                        (ParticipantRole.INTERPRETER, r._("Interpreter"))):
        for person in data.by_role(role):
            lines.append(SignatureLine(Text(title, r.direction), user_text(person.name, r),
                                       Text(r._("Signature") + " · " + r._("Date"), r.direction)))
    yield SignatureBlock(tuple(lines), r.direction)


def build_statement(
    data: StatementData,
    options: StatementOptions | None = None,
    *,
    document_id: str | None = None,
    catalogue: IndicatorCatalogue | None = None,
    translations_root: Path | None = None,
) -> Document:
    """The statement as a document model (pure data: fingerprint it, render it)."""
    options = options or StatementOptions()
    words = Words(Tongue(data.session.interface_language, translations_root),
                  Tongue(data.session.interview_language, translations_root))
    r = words.record
    document_id = document_id or new_document_id(ID_PREFIX)
    blocks: list[Block] = [*words.heading(N_("Statement")),
                           _header(data, words, options, document_id)]
    blocks.extend(words.heading(N_("Rights, consent and the interview's time line")))
    blocks.append(_timeline(data, words))
    blocks.extend(words.heading(N_("Questions and answers")))
    if data.entries:
        blocks.extend(answers_blocks(data, words, data.entries))
    else:
        blocks.append(Paragraph(r._("No answers were recorded in this session."), r.direction))
    blocks.extend(_addenda(data, words))
    blocks.extend(_closing(data, words))
    if options.observations_annex:
        blocks.extend(_observations(data, words, catalogue))
    footer = FooterLabels(page=r._("Page {page} of {pages}"), document=r._("Document"),
                          fingerprint=r._("Fingerprint (SHA-256)"), direction=r.direction)
    return Document(document_id, DOC_TYPE, f"{r._('Statement')} {data.case.code}",
                    r.language, tuple(blocks), r.direction, footer)


def _catalogue() -> IndicatorCatalogue | None:
    """The installed indicator catalogue, for the annex's labels; ids without it."""
    try:
        return load_catalogue(paths.INDICATOR_CATALOGUE)
    except (OSError, DataFileError):
        return None


def export_statement(
    repository: Repository,
    session_id: int,
    form: Form,
    path: Path | str,
    *,
    options: StatementOptions | None = None,
    password: str | None = None,
    overwrite: bool = False,
    catalogue: IndicatorCatalogue | None = None,
    translations_root: Path | None = None,
    shelf: ScriptShelf | None = None,
) -> ExportResult:
    """Read, build, render, protect, write and register one statement."""
    options = options or StatementOptions()
    if catalogue is None and options.observations_annex:
        catalogue = _catalogue()
    data = load_statement(repository, session_id, form, translations_root=translations_root,
                          shelf=shelf)
    document = build_statement(data, options, catalogue=catalogue,
                               translations_root=translations_root)
    return export_document(repository, document, path, password=password, overwrite=overwrite,
                           case_id=data.case.id, session_id=session_id,
                           recipient=options.recipient)
