"""Referral forms: only what consent allows, withheld parts named, refusals leave no file."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.documents.protect import ExportExists
from interview_app.documents.referral import (
    CaseManager,
    Stage,
    Urgency,
    export_referral,
    plan_referral,
)
from interview_app.domain.model import ConsentPurpose, DataClass, NonResponse
from interview_app.errors import (
    ConsentMissing,
    ConsentRefused,
    ConsentWithdrawn,
    NotARecipient,
    RecordNotKept,
)
from interview_app.storage.repository import (
    ConsentStatus,
    DirectoryEntry,
    ReferralStatus,
    Repository,
)
from interview_app.storage.unlocked import Vault
from tests.documents.export_support import (
    NOW,
    TODAY,
    AnswerSpec,
    add_case,
    decide,
    new_vault,
    shelf,
)

# Documents render through Qt: pytest-qt's QApplication first, never a bare QGuiApplication
# that a later widget test would trip over.
pytestmark = pytest.mark.usefixtures("qapp")

ACCOUNT = "The boss took our passports and said <b>nobody</b> leaves & nobody talks"
HIDDEN_PLACE = "7 Hidden Lane, Old Town"
NEED = "I need a doctor who speaks Tigrinya"
SESSIONS: dict[str, AnswerSpec] = {
    "identification": {"origin_country": "Eritrea",
                       "help_wanted": {"options": ["safe_place", "medical"]},
                       "home_before": NonResponse.DECLINED},
    "statement": {"free_narrative": {"original": ACCOUNT}, "rec_where": "Harbour town"},
    "shelter_intake": {"health_to_plan": NEED, "worried_found": True},
}
MANAGER = CaseManager("Ana Manager", "+00 555 0199", "Example NGO")


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as opened:
        yield opened


@pytest.fixture
def repo(vault: Vault) -> Repository:
    return vault.repository


@pytest.fixture
def entries(repo: Repository) -> dict[str, DirectoryEntry]:
    return {
        "shelter": repo.add_directory_entry(
            "Lantern House (fictional)", "shelter",
            contact={"phone": "+00 555 0101", "address": HIDDEN_PLACE}),
        "police": repo.add_directory_entry("Harbour police (fictional)", "police",
                                           contact={"phone": "+00 555 0171"}),
        "emergency": repo.add_directory_entry("Emergency line (fictional)", "emergency"),
    }


def refer(repo: Repository, case_id: int, entry: DirectoryEntry, path: Path) -> Path:
    export_referral(repo, shelf(), case_id, entry.id, path, now=NOW, manager=MANAGER)
    return path


def test_police_refused_a_police_referral_is_refused_and_leaves_nothing(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS)  # consents: everything but the police
    target = tmp_path / "police.pdf"
    with pytest.raises(ConsentRefused) as refused:
        refer(repo, case.id, entries["police"], target)
    assert str(refused.value) == ConsentRefused.message
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "vault"]
    assert repo.referrals(case.id) == []
    assert repo.export_register(case.id) == []


def test_a_shelter_referral_leaves_the_statement_out_and_names_what_is_withheld(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS)
    text = pdftotext(refer(repo, case.id, entries["shelter"], tmp_path / "shelter.pdf"))
    assert "nobody" not in text
    assert "passports" not in text
    assert "Harbour town" not in text  # intelligence
    assert "withheld" in text
    assert "Statement (the account" in text
    assert NEED in text  # needs
    assert "Eritrea" in text  # identity, agreed for shelters
    assert "Urgent" in text  # "worried someone may come looking" raises the safety prompt
    assert "2. First assistance and protection" in text
    assert "Ana Manager" in text
    assert "+00 555 0199" in text
    assert HIDDEN_PLACE not in text
    assert "Hidden Lane" not in text


def test_every_referral_is_recorded_register_audit_and_status(
    repo: Repository, vault: Vault, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS)
    before = repo.audit_head()[0]
    result = export_referral(repo, shelf(), case.id, entries["shelter"].id,
                             tmp_path / "r.pdf", now=NOW, manager=MANAGER,
                             stage=Stage.LONG_TERM_ASSISTANCE, urgency=Urgency.EMERGENCY)
    (referral,) = repo.referrals(case.id)
    assert referral.recipient == entries["shelter"].id
    assert referral.status is ReferralStatus.SENT
    assert referral.consent_id is not None
    assert "shelter_intake.health_to_plan" in referral.fields_shared
    assert not any(f.startswith("statement.") for f in referral.fields_shared)
    (record,) = repo.export_register(case.id)
    assert record.document_id == result.document_id
    assert record.doc_type == "referral"
    assert record.file_sha256 is not None
    actions = [e.action for e in repo.audit_entries()][before:]
    assert "export" in actions
    assert "referral.sent" in actions
    text = pdftotext(tmp_path / "r.pdf")
    assert "3. Long-term assistance" in text
    assert "Emergency" in text
    assert (tmp_path / "r.pdf").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("statuses", "error"),
    [([], ConsentMissing), ([ConsentStatus.REFUSED], ConsentRefused),
     ([ConsentStatus.GIVEN, ConsentStatus.WITHDRAWN], ConsentWithdrawn)],
)
def test_missing_refused_or_withdrawn_shelter_consent_refuses_the_export(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path,
    statuses: list[ConsentStatus], error: type[Exception],
) -> None:
    case = add_case(repo, SESSIONS, consents={ConsentPurpose.KEEP_RECORD: True})
    for status in statuses:
        decide(repo, case.id, ConsentPurpose.SHARE_SHELTER, status)
    with pytest.raises(error):
        refer(repo, case.id, entries["shelter"], tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_a_withdrawn_consent_blocks_later_referrals(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS)
    refer(repo, case.id, entries["shelter"], tmp_path / "first.pdf")
    decide(repo, case.id, ConsentPurpose.SHARE_SHELTER, ConsentStatus.WITHDRAWN)
    with pytest.raises(ConsentWithdrawn):
        refer(repo, case.id, entries["shelter"], tmp_path / "second.pdf")
    decide(repo, case.id, ConsentPurpose.SHARE_SHELTER, ConsentStatus.GIVEN)
    decide(repo, case.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    with pytest.raises(RecordNotKept):
        refer(repo, case.id, entries["shelter"], tmp_path / "third.pdf")
    assert len(repo.referrals(case.id)) == 1


def test_with_police_consent_the_statement_goes_and_the_needs_stay(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS, consents={ConsentPurpose.KEEP_RECORD: True,
                                              ConsentPurpose.SHARE_POLICE: True})
    plan = plan_referral(repo, shelf(), case.id, entries["police"].id, TODAY)
    assert plan.selection.shared == {DataClass.IDENTITY, DataClass.STATEMENT,
                                     DataClass.INTELLIGENCE}
    text = pdftotext(refer(repo, case.id, entries["police"], tmp_path / "police.pdf"))
    assert "nobody" in text
    assert "<b>" in text
    assert "&" in text
    assert NEED not in text
    assert "withheld" in text


def test_an_emergency_line_takes_no_referral_and_a_file_is_never_replaced(
    repo: Repository, entries: dict[str, DirectoryEntry], tmp_path: Path
) -> None:
    case = add_case(repo, SESSIONS)
    with pytest.raises(NotARecipient):
        refer(repo, case.id, entries["emergency"], tmp_path / "e.pdf")
    existing = tmp_path / "taken.pdf"
    existing.write_bytes(b"not ours")
    with pytest.raises(ExportExists):
        refer(repo, case.id, entries["shelter"], existing)
    assert existing.read_bytes() == b"not ours"
    assert repo.referrals(case.id) == []
