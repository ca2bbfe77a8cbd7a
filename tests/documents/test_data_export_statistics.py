"""Anonymised statistics: counts only, small cells hidden, no name or code anywhere."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.documents.data_export import statistics_csv
from interview_app.documents.regions import NOT_MATCHED, NOT_RECORDED, region_of
from interview_app.documents.statistics import Counts, Published, publish
from interview_app.documents.statistics_pdf import chart, chart_svg, export_statistics_pdf
from interview_app.domain.model import ConsentPurpose
from interview_app.errors import AccessDenied
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.repository import ConsentStatus
from interview_app.storage.unlocked import Vault
from tests.documents.export_support import NOW, add_case, decide, new_vault, shelf
from tests.storage.conftest import OTHER_PASSPHRASE, TINY_KDF

# Documents render through Qt: pytest-qt's QApplication first, never a bare QGuiApplication
# that a later widget test would trip over.
pytestmark = pytest.mark.usefixtures("qapp")

NAMES = [f"Person Zeta{n}" for n in range(9)]


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    """Nine cases: six women from Eastern Europe in forced labour, aged 25-34; three others."""
    with new_vault(tmp_path / "vault") as opened:
        repo = opened.repository
        for n, name in enumerate(NAMES):
            woman = n < 6
            add_case(
                repo,
                {
                    "identification": {
                        "origin_country": "Moldova" if woman else "Nigeria",
                        "exploitation_forms": {
                            "options": ["forced_labour"] if woman
                            else ["sexual_exploitation", "forced_labour"]},
                    },
                    "first_contact": {"age_years": 29 if woman else 16},
                },
                identity={"full_name": name, "sex": "female" if woman else "male",
                          "date_of_birth": {"year": 1990 + n, "month": 1, "day": 17}},
                pseudonym=f"Pseudo{name}",
            )
        yield opened


def rows(data: bytes) -> dict[tuple[str, str], str]:
    table = list(csv.DictReader(io.StringIO(data.decode())))
    assert len({r["year"] for r in table}) == 1  # every case was registered this year
    return {(r["dimension"], r["category"]): r["cases"] for r in table}


def test_small_cells_are_hidden_and_large_ones_shown(vault: Vault) -> None:
    cells = rows(statistics_csv(vault.repository, shelf()))
    assert cells["cases", "all"] == "9"
    assert cells["sex", "female"] == "6"
    assert cells["sex", "male"] == "<5"
    assert cells["sex", "other"] == "<5"  # zero is a small cell too
    assert cells["age_band", "25-34"] == "6"
    assert cells["age_band", "14-17"] == "<5"
    assert cells["region_of_origin", "Eastern Europe"] == "6"
    assert cells["region_of_origin", "Western Africa"] == "<5"
    assert cells["exploitation", "forced_labour"] == "9"  # several forms per case may apply
    assert cells["exploitation", "sexual_exploitation"] == "<5"
    assert all(v == "<5" or int(v) >= 5 for v in cells.values())


def test_no_name_code_pseudonym_or_birth_date_reaches_the_file(vault: Vault) -> None:
    text = statistics_csv(vault.repository, shelf()).decode()
    repo = vault.repository
    for case in repo.cases():
        assert case.code not in text
        assert case.pseudonym not in text
    for name in NAMES:
        assert name not in text
        assert "Zeta" not in text
    assert "1990" not in text
    assert "-01-17" not in text
    assert "Moldova" not in text
    assert "Nigeria" not in text
    assert text.splitlines()[0] == "dimension,category,year,cases"


def test_a_person_who_withdrew_consent_to_keep_the_record_is_not_counted(vault: Vault) -> None:
    repo = vault.repository
    first = repo.cases()[-1]
    decide(repo, first.id, ConsentPurpose.KEEP_RECORD, ConsentStatus.WITHDRAWN)
    cells = rows(statistics_csv(repo, shelf()))
    assert cells["cases", "all"] == "8"
    assert cells["cases", "left out: no consent to keep the record"] == "<5"


def test_one_hidden_cell_of_a_year_is_never_alone(vault: Vault) -> None:
    counts = Counts(
        years=(2026,),
        categories={"cases": ("all",), "exploitation": (), "sex": ("female", "male", "other"),
                    "age_band": (), "region_of_origin": ()},
        counts={("cases", "all", 2026): 12, ("sex", "female", 2026): 6,
                ("sex", "male", 2026): 5, ("sex", "other", 2026): 1},
        excluded={},
    )
    shown = {c.category: c.value for c in publish(counts) if c.dimension == "sex"}
    # Without the second hidden cell, "other" would be 12 - 6 - 5 = 1.
    assert shown == {"female": "6", "male": "<5", "other": "<5"}


def test_statistics_need_a_role_that_reads_every_class(vault: Vault) -> None:
    vault.add_user("ike", Role.INTAKE, OTHER_PASSPHRASE, kdf=TINY_KDF)
    with vault_module.unlock(vault.directory, "ike", OTHER_PASSPHRASE) as intake, \
            pytest.raises(AccessDenied):
        statistics_csv(intake.repository, shelf())


@pytest.mark.parametrize(
    ("said", "region"),
    [("Moldova", "Eastern Europe"), ("молдова", "Eastern Europe"), ("Eritrea", "Eastern Africa"),
     ("إريتريا", "Eastern Africa"), ("VN", "South-eastern Asia"), ("Việt Nam",
     "South-eastern Asia"), ("côte d’ivoire", "Western Africa"), ("UK", "Northern Europe"),
     ("Atlantis", NOT_MATCHED), ("  ", NOT_RECORDED), (None, NOT_RECORDED)],
)
def test_a_country_as_said_finds_its_region(said: str | None, region: str) -> None:
    assert region_of(said) == region


def test_the_chart_page_shows_the_same_hidden_cells_and_no_names(
    vault: Vault, tmp_path: Path
) -> None:
    result = export_statistics_pdf(vault.repository, shelf(), tmp_path / "stats.pdf", now=NOW)
    text = subprocess.run(["pdftotext", str(result.path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Statistics (anonymised)" in text
    assert "<5" in text
    for name in NAMES:
        assert name not in text
    for case in vault.repository.cases():
        assert case.code not in text
    assert vault.repository.export_register()[-1].doc_type == "statistics"


def test_the_chart_svg_has_no_clip_path_for_qtsvg_to_paint_black() -> None:
    cells = [Published("sex", "female", 2026, "9", 9), Published("sex", "male", 2026, "<5", 0)]
    svg = chart_svg(chart(cells, "sex", [2026], {}))
    assert b"<clipPath" not in svg
    assert b"&lt;5" in svg
