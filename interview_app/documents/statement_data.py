"""What a statement shows, read from the vault: answers with their history, time line, people."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interview_app.domain.model import DataClass, Form, Item, ItemKind, ItemRef
from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import FORMS_DOMAIN, po_path, translations_root
from interview_app.interview_text import Prompt, ScriptText
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import require_read
from interview_app.storage.encoding import parse_timestamp
from interview_app.storage.repository import (
    AnswerRevision,
    Break,
    Case,
    Consent,
    IndicatorObservation,
    Participant,
    ParticipantRole,
    Repository,
    RightsGiven,
    Session,
)


@dataclass(frozen=True)
class Entry:
    """One answered item: the prompt in both languages and every revision, oldest first."""

    prompt: Prompt
    history: tuple[AnswerRevision, ...]
    number: int

    @property
    def current(self) -> AnswerRevision:
        return self.history[-1]

    @property
    def withheld(self) -> bool:
        """Identity details never go into a statement: they belong to the identity annex."""
        return self.current.data_class is DataClass.IDENTITY


@dataclass(frozen=True)
class Addendum:
    session: Session
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class StatementData:
    case: Case
    session: Session
    form: Form
    text: ScriptText
    participants: tuple[Participant, ...]
    breaks: tuple[Break, ...]
    rights: tuple[RightsGiven, ...]
    consents: tuple[Consent, ...]
    entries: tuple[Entry, ...]
    addenda: tuple[Addendum, ...]
    observations: tuple[IndicatorObservation, ...]
    user_names: dict[int, str]
    now: dt.datetime
    # Rights and checklist ids in (record, interview) words, from the script they were told in.
    told: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    def by_role(self, role: ParticipantRole) -> list[Participant]:
        return [p for p in self.participants if p.role is role]

    def participant(self, participant_id: int | None) -> Participant | None:
        return next((p for p in self.participants if p.id == participant_id), None)

    def user(self, user_id: int | None) -> str:
        return "" if user_id is None else self.user_names.get(user_id, f"#{user_id}")

    def checklist_text(self, entry_id: str) -> tuple[str, str] | None:
        """A rights or consent checklist entry in (record, interview) words: from the script it
        was told in when that is known, else from this statement's script."""
        return self.told.get(entry_id) or checklist_entries(self.text).get(entry_id)


def checklist_entries(text: ScriptText) -> dict[str, tuple[str, str]]:
    """Every checklist entry of one script, by id, in (record, interview) words."""
    found: dict[str, tuple[str, str]] = {}
    for item, spoken in zip(text.interface.all_items(), text.interview.all_items(), strict=True):
        for entry, said in zip(item.checklist, spoken.checklist, strict=True):
            found.setdefault(entry.id, (entry.text, said.text))
    return found


def _told_texts(repository: Repository, rights: tuple[RightsGiven, ...], session: Session,
                form: Form, *, shelf: ScriptShelf | None,
                root: Path | None) -> dict[str, tuple[str, str]]:
    """The words of each right told, in the statement's two languages. Rights are usually told
    in another session (the consent and rights script) than the statement's, so each is looked
    up in the script of the session it was told in, then in the statement's own, then in any
    installed script; an id no script has any more stays an id."""
    if shelf is None:
        return {}
    interface, interview = session.interface_language, session.interview_language
    by_form: dict[str, dict[str, tuple[str, str]]] = {}

    def entries(form_id: str) -> dict[str, tuple[str, str]]:
        if form_id not in by_form:
            script = form if form_id == form.id else shelf.get(form_id)
            by_form[form_id] = {} if script is None else checklist_entries(_script_text(
                script, interface, interview, root, _stamp(root, interface, interview)))
        return by_form[form_id]

    told: dict[str, tuple[str, str]] = {}
    sessions: dict[int, str] = {session.id: session.form_id}
    for right in rights:
        if right.item in told:
            continue
        places = []
        if right.session_id is not None:
            if right.session_id not in sessions:
                sessions[right.session_id] = repository.session(right.session_id).form_id
            places.append(sessions[right.session_id])
        places.append(form.id)
        places.extend(f.id for f in shelf.forms)
        for form_id in dict.fromkeys(places):
            words = entries(form_id).get(right.item)
            if words is not None:
                told[right.item] = words
                break
    return told


def _ordered(form: Form, refs: set[ItemRef]) -> Iterator[ItemRef]:
    """Script order; the questions of a repeat group instance by instance."""
    for section in form.sections:
        for item in section.items:
            if ItemRef(item.id) in refs:
                yield ItemRef(item.id)
            if item.kind is ItemKind.REPEAT:
                instances = sorted({r.instance for r in refs
                                    if r.instance is not None and _in_group(form, r, item)})
                for number in instances:
                    for child in item.items:
                        if ItemRef(child.id, number) in refs:
                            yield ItemRef(child.id, number)


def _in_group(form: Form, ref: ItemRef, group: Item) -> bool:
    return form.has_item(ref.question_id) and form.item(ref.question_id).group_id == group.id


def _instance_labels(repository: Repository, session_id: int, form: Form) -> dict[ItemRef, str]:
    """The label of each repeat-group instance ("Farm near the river"), by question."""
    labels: dict[ItemRef, str] = {}
    for ref, revision in repository.current_revisions(session_id).items():
        value = revision.answer.value
        if not form.has_item(ref.question_id) or not isinstance(value, list):
            continue
        group = form.item(ref.question_id)
        if group.kind is not ItemKind.REPEAT:
            continue
        for instance in value:
            if not isinstance(instance, dict):
                continue
            number, label = instance.get("instance"), instance.get("label", "")
            if isinstance(number, int):
                for child in group.items:
                    labels[ItemRef(child.id, number)] = str(label)
    return labels


def _entries(repository: Repository, session: Session, form: Form,
             text: ScriptText) -> tuple[Entry, ...]:
    current = repository.current_revisions(session.id)
    labels = _instance_labels(repository, session.id, form)
    entries: list[Entry] = []
    for ref in _ordered(form, set(current)):
        latest = current[ref]
        # Most answers were never changed: their history is the answer itself, no query.
        history = ((latest,) if latest.revision == 1
                   else tuple(repository.answer_history(session.id, ref)))
        entries.append(Entry(text.prompt(ref, labels.get(ref)), history, len(entries) + 1))
    return tuple(entries)


def _stamp(root: Path | None, *languages: str) -> tuple[int, ...]:
    """When the script catalogues of ``languages`` last changed (0: none)."""
    stamps = []
    for language in languages:
        path = po_path(translations_root(root), language, FORMS_DOMAIN)
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


@functools.lru_cache(maxsize=16)
def _script_text(form: Form, interface: str, interview: str, root: Path | None,
                 stamp: tuple[int, ...]) -> ScriptText:
    del stamp  # part of the key only: an edited catalogue is read again
    try:
        return ScriptText(form, interface_language=interface, interview_language=interview,
                          translations_root=root)
    except CatalogError:
        return ScriptText(form, interface_language=interface, interview_language=form.language,
                          translations_root=root)


def script_text(form: Form, session: Session, translations_root: Path | None) -> ScriptText:
    """Both languages of the script; the script's own language for the interview text when
    its translation is no longer complete (the statement still shows what was recorded).

    Reading a script catalogue takes about 0.1 s, more than laying out the statement, so the
    result is kept until the catalogue file changes.
    """
    interface, interview = session.interface_language, session.interview_language
    return _script_text(form, interface, interview, translations_root,
                        _stamp(translations_root, interface, interview))


def load_statement(
    repository: Repository,
    session_id: int,
    form: Form,
    *,
    translations_root: Path | None = None,
    now: dt.datetime | None = None,
    shelf: ScriptShelf | None = None,
) -> StatementData:
    """Read one session for its statement. AccessDenied for a role that may not read
    statements; answers of classes the role may not read are left out by the repository.
    ``shelf`` lets rights told under another script show in that script's words."""
    require_read(repository.user.role, DataClass.STATEMENT)
    session = repository.session(session_id)
    text = script_text(form, session, translations_root)
    addenda = tuple(
        Addendum(addendum, _entries(repository, addendum, form, text))
        for addendum in repository.addenda(session_id)
    )
    case = repository.case(session.case_id)
    participants = [*repository.participants(session_id)]
    for addendum in addenda:
        participants.extend(repository.participants(addendum.session.id))
    rights = tuple(repository.rights_given(case.id))
    return StatementData(
        case=case,
        session=session,
        form=form,
        text=text,
        participants=tuple(participants),
        breaks=tuple(repository.breaks(session_id)),
        rights=rights,
        consents=tuple(repository.consent_history(case.id)),
        entries=_entries(repository, session, form, text),
        addenda=addenda,
        observations=tuple(repository.indicator_observations(case.id)),
        user_names={u.id: u.name for u in repository.users()},
        now=now or dt.datetime.now(dt.UTC),
        told=_told_texts(repository, rights, session, form, shelf=shelf,
                          root=translations_root),
    )


def when(text: str | None) -> str:
    """A stored timestamp as ``2026-03-01 12:05 UTC``: unambiguous in every language."""
    if not text:
        return ""
    return parse_timestamp(text).strftime("%Y-%m-%d %H:%M UTC")


def clock(text: str | None) -> str:
    return "" if not text else parse_timestamp(text).strftime("%H:%M")
