"""A case as JSON with HTCDS field names (consent-limited), and anonymised statistics as CSV."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from interview_app.documents import observations_json, statistics
from interview_app.documents.case_data import CaseData, Entry, load_case
from interview_app.documents.htcds import (
    HTCDS_VERSION,
    IDENTITY_FIELDS,
    item_field,
    picklist_value,
)
from interview_app.documents.sharing import INTERNAL, Audience, Selection, select
from interview_app.domain.consent import SHARING_PURPOSE, Recipient, consent_state
from interview_app.domain.indicators import IndicatorCatalogue
from interview_app.domain.model import ConsentPurpose, DataClass, JsonValue
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.encoding import timestamp
from interview_app.storage.repository import CaseStatus, Repository

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "case_document",
    "case_json",
    "htcds_value",
    "statistics_csv",
]

FORMAT = "interview-app case"
FORMAT_VERSION = 1
# HTCDS tables whose fields describe one of several things (an event, a person involved):
# their fields are grouped per repeat instance or section instead of per case.
_RECORD_TABLES = ("hte_", "per_")
_CASE_STATUS = {CaseStatus.OPEN: "Active", CaseStatus.CLOSED: "Closed"}


def _date_text(value: dict[str, Any]) -> str | None:
    year, month, day = value.get("year"), value.get("month"), value.get("day")
    if not isinstance(year, int):
        return None
    parts = [f"{year:04d}"]
    if isinstance(month, int):
        parts.append(f"{month:02d}")
        if isinstance(day, int):
            parts.append(f"{day:02d}")
    return "-".join(parts)


def htcds_value(field: str, value: JsonValue) -> JsonValue:
    """An answer's value as an HTCDS field holds it: picklist values mapped (unmappable ones
    dropped), dates as ISO text (``2025-09``), a narrative as its original words."""
    if isinstance(value, dict):
        if "options" in value and isinstance(value["options"], list):
            mapped = [picklist_value(field, o) for o in value["options"] if isinstance(o, str)]
            kept: list[JsonValue] = [m for m in mapped if m is not None]
            return kept or None
        if "option" in value and isinstance(value["option"], str):
            return picklist_value(field, value["option"])
        if "year" in value:
            return _date_text(value)
        if "original" in value:
            return value["original"]
        return None
    if isinstance(value, str):
        return picklist_value(field, value)
    return value


def _answer(entry: Entry) -> dict[str, JsonValue]:
    revision = entry.revision
    row: dict[str, JsonValue] = {
        "session": entry.session.id,
        "form": entry.session.form_id,
        "form_version": entry.session.form_version,
        "question": entry.ref.question_id,
        "instance": entry.ref.instance,
        "data_class": entry.data_class.value,
        "htcds": None if entry.form is None or entry.item is None
        else item_field(entry.form, entry.item),
        "prompt": None if entry.item is None else entry.item.prompt,
    }
    answer = revision.answer
    if answer.non_response is not None:
        row["non_response"] = answer.non_response.value
    else:
        row["value"] = answer.value
    if revision.text is not None:
        row["text"] = revision.text
    if revision.translation is not None:
        row["translation"] = revision.translation
    row["recorded_at"] = revision.recorded_at
    return row


def _htcds_block(data: CaseData, entries: Sequence[Entry]) -> dict[str, JsonValue]:
    """Case-level HTCDS fields (the latest answer wins) and per-record ``hte``/``per`` lists."""
    fields: dict[str, JsonValue] = {"cas_Status": _CASE_STATUS[data.case.status]}
    keep = consent_state(data.events, ConsentPurpose.KEEP_RECORD)
    fields["con_Consent"] = keep.value == "given"
    records: dict[str, dict[tuple[int, str, int | None], dict[str, JsonValue]]] = {
        prefix: {} for prefix in _RECORD_TABLES
    }
    for entry in sorted(entries, key=lambda e: e.revision.recorded_at):
        if entry.form is None or entry.item is None or not entry.revision.answer.is_substantive:
            continue
        field = item_field(entry.form, entry.item)
        if field is None:
            continue
        value = htcds_value(field, entry.revision.answer.value)
        if value is None:
            continue
        prefix = field[:4]
        if prefix in records:
            where = entry.item.group_id or entry.item.section_id
            record = records[prefix].setdefault(
                (entry.session.id, where, entry.ref.instance),
                {"session": entry.session.id, "source": f"{entry.session.form_id}.{where}",
                 "instance": entry.ref.instance},
            )
            record[field] = value
        elif field != "con_Consent":  # the consent register decides, not one answer
            fields[field] = value
    for prefix, found in records.items():
        if found:
            fields[f"{prefix}records"] = list(found.values())
    return fields


def _identity(data: CaseData) -> dict[str, JsonValue]:
    values = {}
    for name, value in sorted((data.identity or {}).items()):
        field = IDENTITY_FIELDS.get(name)
        if field is None:
            values[name] = value
        else:
            values[field] = htcds_value(field, value)
    return values


def _consents(data: CaseData, selection: Selection) -> dict[str, JsonValue]:
    """The decisions the copy may state: every one in the internal copy; in a recipient's
    copy only keeping the record and sharing with that kind of recipient. What the person
    decided about anyone else (the police above all) is not the recipient's to know."""
    if selection.audience == INTERNAL:
        purposes = list(ConsentPurpose)
    else:
        purposes = [ConsentPurpose.KEEP_RECORD, SHARING_PURPOSE[Recipient(selection.audience)]]
    states = {p.value: consent_state(data.events, p).value for p in purposes}
    return {purpose: state for purpose, state in states.items() if state != "not_asked"}


def case_document(
    data: CaseData,
    selection: Selection,
    *,
    exported_at: dt.datetime,
    training: bool = False,
    catalogue: IndicatorCatalogue | None = None,
) -> dict[str, JsonValue]:
    """The export as JSON-able data; only what ``selection`` shares, and a list of what not.

    Staff notes and referrals go only into the internal copy: they are the organisation's own
    working record, not the person's data that a consent covers.
    """
    entries = [e for e in data.entries if selection.allows(e.data_class)]
    shared: list[JsonValue] = [c.value for c in sorted(selection.shared)]
    document: dict[str, JsonValue] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "htcds_version": HTCDS_VERSION,
        "training": training,
        "exported_at": timestamp(exported_at),
        "audience": selection.audience_name,
        "case_code": data.case.code,
        "pseudonym": data.case.pseudonym,
        "shared_data_classes": shared,
        "withheld": [{"data_class": w.data_class.value, "reason": w.reason}
                     for w in selection.withheld],
        "htcds": _htcds_block(data, entries),
        "answers": [_answer(e) for e in entries],
        "consents": _consents(data, selection),
    }
    document["indicator_observations_note"] = observations_json.OBSERVATIONS_NOTE
    document["indicator_observations"] = observations_json.observations(data, selection,
                                                                        catalogue)
    document["risk_assessments"] = observations_json.risk_assessments(data, selection)
    if selection.allows(DataClass.IDENTITY) and data.identity is not None:
        document["identity"] = _identity(data)
    return document


def case_json(
    repository: Repository,
    case_id: int,
    shelf: ScriptShelf,
    audience: Audience = INTERNAL,
    *,
    exported_at: dt.datetime,
    training: bool = False,
    extra: Iterable[tuple[str, JsonValue]] = (),
) -> bytes:
    """The case as UTF-8 JSON for ``audience``; ExportRefused when consent stops it."""
    data = load_case(repository, case_id, shelf)
    selection = select(audience, data.events, readable(repository.user.role))
    document = case_document(data, selection, exported_at=exported_at, training=training,
                             catalogue=observations_json.installed_catalogue())
    if audience == INTERNAL:
        document["referrals"] = [
            {"cas_ReferredOrganisation": repository.directory_entry(r.recipient).name,
             "cas_OutgoingReferralDate": r.created_at[:10], "status": r.status.value,
             "fields_shared": list(r.fields_shared)}
            for r in repository.referrals(case_id)
        ]
        document["notes"] = [
            {"data_class": n.data_class.value, "text": n.text, "recorded_at": n.recorded_at}
            for n in repository.notes(case_id) if selection.allows(n.data_class)
        ]
    document.update(extra)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def statistics_csv(
    repository: Repository,
    shelf: ScriptShelf,
    *,
    years: Sequence[int] | None = None,
    threshold: int = statistics.THRESHOLD,
) -> bytes:
    """Anonymised counts (no names, dates of birth, free text or case codes) as CSV."""
    counts = statistics.count_cases(repository, shelf, years=years)
    return statistics.to_csv(statistics.publish(counts, threshold))
