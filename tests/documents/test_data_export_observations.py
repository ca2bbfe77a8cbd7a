"""Case JSON: indicator observations (with source, never a verdict), risks, the training flag."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from interview_app.cli import main
from interview_app.documents import exporting  # noqa: F401 - see below
from interview_app.documents.data_export import case_json
from interview_app.documents.htcds import INDICATOR_CONTROL, indicator_control
from interview_app.documents.observations_json import installed_catalogue
from interview_app.documents.sharing import INTERNAL, Audience
from interview_app.domain.consent import Recipient
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import (
    IndicatorSource,
    Repository,
    RiskLevel,
)
from tests.documents.export_support import NOW, add_case, shelf
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

# exporting imports ssl (xml.sax.saxutils -> urllib.request); imported here, at collection,
# before the harness swaps socket.socket for a refusal that ssl cannot subclass.
pytestmark = pytest.mark.usefixtures("qapp")
DEBT = "control_exploitation.debt_bondage_control"
FEAR = "generic.shows_fear"


def _case(repo: Repository) -> int:
    case = add_case(repo, {"statement": {"free_narrative": {"original": "The account"}}})
    kept = repo.observe_indicator(case.id, DEBT, IndicatorSource.STATED,
                                  note="Says the debt grows every month")
    wrong = repo.observe_indicator(case.id, FEAR, IndicatorSource.OBSERVED)
    repo.observe_indicator(case.id, FEAR, IndicatorSource.OBSERVED, retracts=wrong.id,
                           note="Was cold, not afraid")
    assert kept.id
    repo.assess_risk(case.id, "retaliation", RiskLevel.HIGH, note="The recruiter calls")
    return case.id


def _export(repo: Repository, case_id: int, audience: Audience = INTERNAL, *,
            training: bool = False) -> Any:
    return json.loads(case_json(repo, case_id, shelf(), audience, exported_at=NOW,
                                training=training))


def test_observations_carry_their_source_and_htcds_name_and_no_verdict(tmp_path: Path) -> None:
    vault, _ = vault_module.create(tmp_path / "vault", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    with vault:
        case_id = _case(vault.repository)
        document = _export(vault.repository, case_id)
    first, second, third = document["indicator_observations"]
    assert first["indicator"] == DEBT
    assert first["source"] == "stated"
    assert first["note"] == "Says the debt grows every month"
    assert first["label"] == "Held by a debt they are made to work off"
    assert first["htcds"] == {"field": "vic_MethodsOfControl", "value": "DebtBondage"}
    assert second["htcds"] is None  # fear names no method of control
    assert second["withdrawn_later"] is True
    assert third["withdraws"] == second["id"]
    assert "not a determination" in document["indicator_observations_note"]
    # Observations describe; they never decide a status, nor fill the case's HTCDS fields.
    text = json.dumps(document)
    assert "vic_TraffickingStatus" not in text
    assert "vic_MethodsOfControl" not in json.dumps(document["htcds"])
    [risk] = document["risk_assessments"]
    assert (risk["area"], risk["level"], risk["note"]) == ("retaliation", "high",
                                                           "The recruiter calls")


def test_a_shelter_copy_leaves_out_observations_of_the_statement(tmp_path: Path) -> None:
    vault, _ = vault_module.create(tmp_path / "vault", SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    with vault:
        case_id = _case(vault.repository)
        document = _export(vault.repository, case_id, Recipient.SHELTER)
    assert document["indicator_observations"] == []  # statement data: never to a shelter
    assert [r["area"] for r in document["risk_assessments"]] == ["retaliation"]


def test_every_mapped_indicator_is_in_the_catalogue_with_an_htcds_value() -> None:
    catalogue = installed_catalogue()
    assert catalogue is not None
    for indicator in INDICATOR_CONTROL:
        assert catalogue.has(indicator), indicator
        assert indicator_control(indicator) is not None, indicator
    mapping = (Path(__file__).parents[2] / "docs" / "htcds-mapping.md").read_text()
    for indicator, value in INDICATOR_CONTROL.items():
        assert f"| `{indicator}` | `{value}` |" in mapping, indicator


def test_the_cli_marks_a_training_vaults_export(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    vault, _ = vault_module.create(directory, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF,
                                   training=True)
    with vault:
        case = vault.repository.case(_case(vault.repository))
    read, write = os.pipe()
    os.write(write, f"{PASSPHRASE}\n".encode())
    os.close(write)
    out = tmp_path / "case.json"
    try:
        assert main(["export", "json", "--vault", str(directory), "--case", case.code,
                     "--out", str(out), "--user", SUPERVISOR, "--passphrase-fd",
                     str(read)]) == 0
    finally:
        os.close(read)
    document = json.loads(out.read_text())
    assert document["training"] is True
    assert document["indicator_observations"]
