"""The case as JSON: HTCDS field names, and only what the person agreed to share."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_app.consent_record import consent_decision
from interview_app.documents.data_export import case_json, htcds_value
from interview_app.documents.htcds import FIELDS, SCRIPT_NAMES, item_field, resolve
from interview_app.documents.sharing import INTERNAL, Audience
from interview_app.domain.consent import Recipient
from interview_app.domain.model import Answer, ConsentPurpose, ItemRef, NonResponse
from interview_app.errors import (
    ConsentMissing,
    ConsentRefused,
    ConsentWithdrawn,
    ExportRefused,
    RecordNotKept,
)
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.repository import ConsentStatus, Repository
from interview_app.storage.unlocked import Vault
from tests.documents.export_support import (
    NOW,
    AnswerSpec,
    add_case,
    decide,
    new_vault,
    shelf,
)
from tests.storage.conftest import OTHER_PASSPHRASE, TINY_KDF

ACCOUNT = "They took my passport at the farm <b>and</b> & kept it"
WHERE = "Farm near the river, Vale district"
SESSIONS: dict[str, AnswerSpec] = {
    "identification": {
        "origin_country": "Romania",
        "recruit_initiative": {"option": "relative"},
        "activities": {"options": ["farm_or_fishing", "begging"]},
        "exploitation_forms": {"options": ["forced_labour", "forced_criminality"]},
        "help_wanted": {"options": ["safe_place", "medical"]},
        "home_before": NonResponse.DECLINED,
    },
    "statement": {
        "free_narrative": {"original": ACCOUNT, "translation": "(same)"},
        "rec_when": {"year": 2025, "month": 9, "about": True},
        "rec_where": WHERE,
        "places_list": [{"instance": 1, "label": "The farm"}],
        "place_role#1": {"option": "work"},
    },
}


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as opened:
        yield opened


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


def export(repo: Repository, case_id: int, audience: Audience = INTERNAL) -> Any:
    return json.loads(case_json(repo, case_id, shelf(), audience, exported_at=NOW))


def test_the_internal_copy_uses_htcds_names_and_picklist_values(repo: Repository) -> None:
    case = add_case(repo, SESSIONS, identity={"full_name": "Ana Test", "date_of_birth":
                                              {"year": 1999, "month": 4}})
    document = export(repo, case.id)
    htcds = document["htcds"]
    assert htcds["prs_Citizenship"] == "Romania"
    assert htcds["vic_MethodOfRecruitment"] == "ThroughFamilyOrFamilyEvents"
    assert htcds["vic_TypeOfExploitation"] == ["ForcedLabour", "Other"]
    # Begging is not an industry: it stays in the answers with our code, not in HTCDS.
    assert htcds["vic_ForcedLabourIndustry"] == ["A_AgricultureForestryAndFishing"]
    assert htcds["cas_Status"] == "Active"
    assert htcds["con_Consent"] is True
    events = htcds["hte_records"]
    assert {"hte_Date": "2025-09", "hte_Country": WHERE}.items() <= events[0].items()
    assert events[1]["hte_Type"] == "Exploitation"
    assert events[1]["instance"] == 1
    names = {k for k in htcds if not k.endswith("_records")}
    names |= {k for record in events for k in record if k[:4] in ("hte_", "per_")}
    assert names <= FIELDS
    assert document["identity"] == {"full_name": "Ana Test", "prs_Birthdate": "1999-04"}
    declined = next(a for a in document["answers"] if a["question"] == "home_before")
    assert declined["non_response"] == "declined"
    assert "value" not in declined
    narrative = next(a for a in document["answers"] if a["question"] == "free_narrative")
    assert narrative["value"]["original"] == ACCOUNT
    assert narrative["data_class"] == "statement"
    assert narrative["htcds"] is None
    assert document["withheld"] == []


def test_a_shelter_copy_leaves_out_the_statement_and_intelligence(repo: Repository) -> None:
    case = add_case(repo, SESSIONS, identity={"full_name": "Ana Test"})
    raw = case_json(repo, case.id, shelf(), Recipient.SHELTER, exported_at=NOW)
    document = json.loads(raw)
    text = raw.decode()
    assert ACCOUNT not in text
    assert "passport" not in text
    assert WHERE not in text  # rec_where is intelligence
    assert "hte_records" not in document["htcds"]
    assert {a["data_class"] for a in document["answers"]} <= {"identity", "assistance"}
    withheld = {w["data_class"]: w["reason"] for w in document["withheld"]}
    assert withheld == {"statement": "shelter never receives statement data",
                        "intelligence": "shelter never receives intelligence data"}
    assert document["identity"] == {"full_name": "Ana Test"}
    assert document["audience"] == "shelter"
    assert "notes" not in document
    assert "referrals" not in document


@pytest.mark.parametrize(
    ("purpose", "statuses", "error"),
    [
        (ConsentPurpose.SHARE_POLICE, [], ConsentMissing),
        (ConsentPurpose.SHARE_POLICE, [ConsentStatus.REFUSED], ConsentRefused),
        (ConsentPurpose.SHARE_POLICE, [ConsentStatus.GIVEN, ConsentStatus.WITHDRAWN],
         ConsentWithdrawn),
    ],
)
def test_no_police_copy_without_the_persons_consent(
    repo: Repository, purpose: ConsentPurpose, statuses: list[ConsentStatus],
    error: type[ExportRefused],
) -> None:
    consents = {ConsentPurpose.KEEP_RECORD: True}
    case = add_case(repo, SESSIONS, consents=consents)
    for status in statuses:
        decide(repo, case.id, purpose, status)
    with pytest.raises(error) as raised:
        case_json(repo, case.id, shelf(), Recipient.POLICE, exported_at=NOW)
    assert str(raised.value) == error.message


def test_with_consent_the_police_copy_has_the_statement_but_no_needs(repo: Repository) -> None:
    case = add_case(repo, SESSIONS, consents={ConsentPurpose.KEEP_RECORD: True,
                                              ConsentPurpose.SHARE_POLICE: True})
    document = export(repo, case.id, Recipient.POLICE)
    classes = {a["data_class"] for a in document["answers"]}
    assert classes == {"identity", "statement", "intelligence"}
    assert [w["data_class"] for w in document["withheld"]] == ["assistance"]


def test_a_withdrawn_consent_to_keep_the_record_blocks_every_later_export(
    repo: Repository,
) -> None:
    case = add_case(repo, SESSIONS)
    export(repo, case.id, Recipient.SHELTER)
    decide(repo, case.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    for audience in (INTERNAL, Recipient.SHELTER, Recipient.MEDICAL):
        with pytest.raises(RecordNotKept):
            export(repo, case.id, audience)


def test_a_consent_answer_changed_to_no_in_a_session_is_a_withdrawal(repo: Repository) -> None:
    case = add_case(repo, {}, consents={ConsentPurpose.KEEP_RECORD: True})
    form = shelf().get("consent_rights")
    assert form is not None
    question = next(i for i in form.all_items() if i.consent is ConsentPurpose.SHARE_SHELTER)
    session = repo.start_session(case.id, form.id, form.version, interface_language="en",
                                 interview_language="en")
    ref = ItemRef(question.id)

    def say(value: bool, reason: str | None = None) -> None:
        # As InterviewSession saves a consent answer: the decision rides with the answer.
        answer = Answer(ref, value)
        decision = consent_decision(question, answer, repo.consent_history(case.id),
                                    language="en", witnessed_by=None,
                                    at=dt.datetime.now(dt.UTC))
        repo.save_answer(session.id, answer, data_class=question.data_class, reason=reason,
                         consent=decision)

    say(True)
    export(repo, case.id, Recipient.SHELTER)
    say(False, "the person changed their mind")
    with pytest.raises(ConsentWithdrawn):
        export(repo, case.id, Recipient.SHELTER)


def test_an_intake_worker_exports_without_the_classes_their_role_cannot_read(
    repo: Repository, vault: Vault
) -> None:
    case = add_case(repo, SESSIONS)
    vault.add_user("ike", Role.INTAKE, OTHER_PASSPHRASE, kdf=TINY_KDF)
    with vault_module.unlock(vault.directory, "ike", OTHER_PASSPHRASE) as intake:
        document = export(intake.repository, case.id)
    reasons = {w["data_class"]: w["reason"] for w in document["withheld"]}
    assert reasons["statement"] == "your role may not read statement data"
    assert ACCOUNT not in json.dumps(document)


def test_every_script_htcds_name_resolves_or_is_listed_as_having_none() -> None:
    for form in shelf().forms:
        for item in form.all_items():
            if item.htcds is not None:
                assert item.htcds in FIELDS or item.htcds in SCRIPT_NAMES, (form.id, item.id)
            field = item_field(form, item)
            assert field is None or field in FIELDS
    assert all(v is None or v in FIELDS for v in SCRIPT_NAMES.values())
    assert resolve("needs_medical") is None


def test_the_mapping_document_lists_every_mapping() -> None:
    text = (Path(__file__).parents[2] / "docs" / "htcds-mapping.md").read_text()
    for script_name, field in SCRIPT_NAMES.items():
        assert f"`{script_name}`" in text
        assert field is None or f"`{field}`" in text


def test_values_become_htcds_values() -> None:
    assert htcds_value("hte_Date", {"year": 2024}) == "2024"
    assert htcds_value("hte_Date", {"year": 2024, "month": 2, "day": 9}) == "2024-02-09"
    assert htcds_value("hte_Type", {"option": "lived"}) is None
    assert htcds_value("vic_TypeOfExploitation", {"options": ["not_clear"]}) is None
    assert htcds_value("hte_Description", {"original": "x"}) == "x"
    assert htcds_value("prs_Citizenship", "Moldova") == "Moldova"


def test_a_recipient_copy_states_only_its_own_consent_and_the_record_s(
    repo: Repository,
) -> None:
    """The person refused the police: a shelter's copy must not say so (help never depends
    on cooperation with the police); the internal copy keeps every decision."""
    case = add_case(repo, SESSIONS)
    shelter = export(repo, case.id, Recipient.SHELTER)
    assert shelter["consents"] == {"keep_record": "given", "share_shelter": "given"}
    internal = export(repo, case.id)
    assert internal["consents"]["share_police"] == "refused"
    assert internal["consents"]["share_medical"] == "given"
