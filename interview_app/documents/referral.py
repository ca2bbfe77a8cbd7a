"""Referral form: only what the person's consent lets go to that kind of organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from interview_app.documents.answer_rows import (
    class_name,
    footer_labels,
    identity_rows,
    interface_direction,
    question_rows,
    withheld_rows,
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
from interview_app.documents.referral_terms import (
    DEFAULT_STAGE,
    CaseManager,
    Stage,
    Urgency,
    stage_name,
    urgency_name,
)
from interview_app.documents.sharing import Selection, select
from interview_app.domain.alerts import urgent_items
from interview_app.domain.consent import SHARING_PURPOSE, Recipient
from interview_app.domain.directory import RECIPIENT_OF_KIND, OrganisationKind
from interview_app.domain.engine import Engine
from interview_app.domain.model import DataClass, ItemRef
from interview_app.errors import NotARecipient
from interview_app.i18n import _, interface_language
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.repository import ConsentStatus, DirectoryEntry, Repository

__all__ = [
    "DEFAULT_STAGE",
    "CaseManager",
    "ReferralPlan",
    "Stage",
    "Urgency",
    "export_referral",
    "plan_referral",
    "recipient_of",
    "referral_document",
]

DOC_TYPE = "referral"


def recipient_of(entry: DirectoryEntry) -> Recipient:
    """The kind of recipient (and so the consent) a directory entry stands for."""
    try:
        recipient = RECIPIENT_OF_KIND[OrganisationKind(entry.kind)]
    except ValueError as error:
        raise NotARecipient from error
    if recipient is None:
        raise NotARecipient
    return recipient


@dataclass(frozen=True)
class ReferralPlan:
    """What a referral to ``entry`` would carry, decided before anything is written."""

    entry: DirectoryEntry
    recipient: Recipient
    data: CaseData
    selection: Selection
    urgent: tuple[Entry, ...]
    """Answers that raise the safety prompt now, in the shared classes only."""
    any_urgent: bool

    @property
    def entries(self) -> list[Entry]:
        return [e for e in self.data.entries if self.selection.allows(e.data_class)]

    @property
    def suggested_urgency(self) -> Urgency:
        return Urgency.URGENT if self.any_urgent else Urgency.ROUTINE

    @property
    def fields_shared(self) -> list[str]:
        """Names, never values: the questions and identity fields the form carries."""
        names = [f"{e.key}#{e.ref.instance}" if e.ref.instance else e.key for e in self.entries]
        if self.selection.allows(DataClass.IDENTITY) and self.data.identity:
            names += [f"identity.{name}" for name in sorted(self.data.identity)]
        return ["case_code", *names]


def _urgent(data: CaseData, shelf: ScriptShelf, today: dt.date) -> list[Entry]:
    found: list[Entry] = []
    for session in data.sessions:
        form = shelf.get(session.form_id)
        if form is None:
            continue
        entries = data.of_session(session.id)
        answers = {e.ref: e.revision.answer for e in entries}
        refs: set[ItemRef] = set(urgent_items(Engine(form, answers, today)))
        found.extend(e for e in entries if e.ref in refs)
    return found


def plan_referral(
    repository: Repository, shelf: ScriptShelf, case_id: int, entry_id: int, today: dt.date
) -> ReferralPlan:
    """ExportRefused when consent is missing, refused or withdrawn (or the record may not be
    kept), NotARecipient for an entry that takes no records."""
    entry = repository.directory_entry(entry_id)
    recipient = recipient_of(entry)
    data = load_case(repository, case_id, shelf)
    selection = select(recipient, data.events, readable(repository.user.role))
    urgent = _urgent(data, shelf, today)
    return ReferralPlan(entry, recipient, data, selection,
                        tuple(e for e in urgent if selection.allows(e.data_class)), bool(urgent))


def _consent_line(plan: ReferralPlan) -> str:
    purpose = SHARING_PURPOSE[plan.recipient]
    agreed = [e for e in plan.data.events if e.purpose is purpose and e.given]
    when = max((e.at for e in agreed), default=None)
    if when is None:
        return _("Agreed to sharing with this kind of organisation")
    return _("Agreed to sharing with this kind of organisation on {date}").format(
        date=when.date().isoformat())


def referral_document(
    plan: ReferralPlan,
    *,
    created: dt.datetime,
    stage: Stage,
    urgency: Urgency,
    manager: CaseManager,
    document_id: str | None = None,
) -> Document:
    """The form as a document model. The recipient appears by name and phone only: no
    address of any organisation is ever printed, so no shelter address can be."""
    d = interface_direction()
    blank = "________________"
    blocks: list[Block] = [
        Paragraph(_("Confidential. For the referral of this person only; do not pass on. It "
                    "holds only what the person agreed to share with this kind of "
                    "organisation."), d, Style.NOTICE),
        KeyValueTable((
            (Text(_("Case"), d), Text(plan.data.case.code, d)),
            (Text(_("Date"), d), Text(created.date().isoformat(), d)),
            (Text(_("To"), d), Text(plan.entry.name)),
            (Text(_("Telephone"), d), Text(plan.entry.contact.get("phone", "") or blank)),
            (Text(_("Referral stage"), d), Text(stage_name(stage), d)),
            (Text(_("Urgency"), d), Text(urgency_name(urgency), d)),
            (Text(_("Consent"), d), Text(_consent_line(plan), d)),
        ), d),
        Heading(_("Case manager to contact"), 2, d),
        KeyValueTable((
            (Text(_("Name"), d), Text(manager.name or blank)),
            (Text(_("Organisation"), d), Text(manager.organisation or blank)),
            (Text(_("Telephone"), d), Text(manager.phone or blank)),
        ), d),
    ]
    if plan.urgent:
        blocks += [Heading(_("Why it is urgent"), 2, d),
                   KeyValueTable(tuple(question_rows(plan.urgent)), d)]
    for data_class in DataClass:
        if not plan.selection.allows(data_class):
            continue
        rows = question_rows(e for e in plan.entries if e.data_class is data_class)
        if data_class is DataClass.IDENTITY and plan.data.identity:
            rows += identity_rows(plan.data.identity)
        if rows:
            blocks += [Heading(class_name(data_class), 2, d), KeyValueTable(tuple(rows), d)]
    if plan.selection.withheld:
        blocks += [Heading(_("Not included"), 2, d),
                   KeyValueTable(tuple(withheld_rows(plan.selection.withheld)), d)]
    blocks += [
        Heading(_("Reply (filled in by the receiving organisation)"), 2, d),
        KeyValueTable((
            (Text(_("Decision"), d), Text(_("accepted / declined / more information needed"),
                                          d, Style.MUTED)),
            (Text(_("Receiving case manager"), d), Text(blank)),
            (Text(_("Date"), d), Text(blank)),
        ), d),
        SignatureBlock((SignatureLine(Text(_("Referred by"), d), Text(manager.name),
                                      Text(_("signature and date"), d)),), d),
    ]
    return Document(
        document_id=document_id or new_document_id("RF"),
        doc_type=DOC_TYPE,
        title=_("Referral"),
        language=interface_language(),
        blocks=(Heading(_("Referral"), 1, d), *blocks),
        direction=d,
        footer=footer_labels(),
    )


def _consent_id(repository: Repository, plan: ReferralPlan) -> int | None:
    purpose = SHARING_PURPOSE[plan.recipient].value
    current = repository.current_consents(plan.data.case.id).get(
        (purpose, plan.recipient.value))
    return current.id if current is not None and current.status is ConsentStatus.GIVEN else None


def export_referral(
    repository: Repository,
    shelf: ScriptShelf,
    case_id: int,
    entry_id: int,
    path: Path,
    *,
    now: dt.datetime,
    manager: CaseManager,
    stage: Stage | None = None,
    urgency: Urgency | None = None,
    password: str | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Check consent, write the form, then record it: export register (with its audit
    entry) and the referral with status "sent". Refused exports leave no trace on disk."""
    plan = plan_referral(repository, shelf, case_id, entry_id, now.date())
    document = referral_document(
        plan, created=now, stage=stage or DEFAULT_STAGE[plan.recipient],
        urgency=urgency or plan.suggested_urgency, manager=manager)
    saved = export_document(repository, document, path, password=password, overwrite=overwrite,
                            case_id=case_id,
                            recipient=f"{plan.entry.name} ({plan.recipient.value})")
    record_referral(repository, plan)
    return saved


def record_referral(repository: Repository, plan: ReferralPlan) -> None:
    """The referral as sent, under the consent that allowed it; after its file is written."""
    repository.create_referral(plan.data.case.id, plan.entry.id, plan.fields_shared,
                               consent_id=_consent_id(repository, plan))
