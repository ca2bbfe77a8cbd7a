"""Anonymised counts of cases by year and category, small cells suppressed, as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from interview_app.documents.case_data import CaseData, load_case
from interview_app.documents.htcds import item_field
from interview_app.documents.regions import NOT_RECORDED, REGIONS, region_of
from interview_app.domain.consent import record_kept
from interview_app.domain.model import DataClass, JsonValue
from interview_app.errors import AccessDenied
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.access import readable
from interview_app.storage.repository import Case, Repository

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "THRESHOLD",
    "Counts",
    "Published",
    "count_cases",
    "publish",
    "to_csv",
]

# Cells under this many cases are shown as "<5" (R28's k; a supervisor may ask for more).
THRESHOLD = 5
SUPPRESSED = "<{k}"
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-13", 0, 13), ("14-17", 14, 17), ("18-24", 18, 24), ("25-34", 25, 34), ("35+", 35, None),
)
CHILD_AGE_UNKNOWN = "under 18, age not known"
SEXES = ("female", "male", "other", NOT_RECORDED)
NOT_CLEAR = "not_clear"
# Each case counts once per dimension, except exploitation: several forms may apply.
DIMENSIONS = ("cases", "exploitation", "sex", "age_band", "region_of_origin")
ADDITIVE = frozenset({"sex", "age_band", "region_of_origin"})
_AGE_KEYS = ("first_contact.age_years", "shelter_intake.age_years", "identification.age_years")
_UNDER_18 = {("first_contact.age_band", "under_18"), ("identification.child_status", "child"),
             ("shelter_intake.child_status", "child"), ("statement.child_status", "child")}
_SEX_WORDS = {"female": "female", "woman": "female", "f": "female", "male": "male",
              "man": "male", "m": "male"}
EXCLUDED = "left out: no consent to keep the record"


@dataclass(frozen=True)
class Counts:
    """Raw counts, which never leave this module except through :func:`publish`."""

    years: tuple[int, ...]
    categories: dict[str, tuple[str, ...]]
    counts: dict[tuple[str, str, int], int]
    excluded: dict[int, int]


@dataclass(frozen=True)
class Published:
    """One cell as it may be shown: a number of at least the threshold, or ``"<5"``."""

    dimension: str
    category: str
    year: int
    value: str
    count_for_chart: int  # 0 when suppressed: a chart draws no bar for it


def _option_codes(value: JsonValue) -> list[str]:
    if isinstance(value, dict):
        options = value.get("options")
        if isinstance(options, list):
            return [o for o in options if isinstance(o, str)]
        option = value.get("option")
        if isinstance(option, str):
            return [option]
    return []


def _exploitation(data: CaseData) -> list[str]:
    found = [e for e in data.entries if e.item is not None and e.form is not None
             and item_field(e.form, e.item) == "vic_TypeOfExploitation"
             and e.revision.answer.is_substantive]
    latest = max(found, key=lambda e: e.revision.recorded_at, default=None)
    forms = [] if latest is None else _option_codes(latest.revision.answer.value)
    return forms or [NOT_RECORDED]


def _sex(data: CaseData) -> str:
    identity = data.identity or {}
    for field in ("sex", "gender"):
        value = identity.get(field)
        if isinstance(value, str) and value.strip():
            return _SEX_WORDS.get(value.strip().casefold(), "other")
    return NOT_RECORDED


def _band(age: int) -> str:
    for name, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return name
    return NOT_RECORDED


def _age_band(data: CaseData) -> str:
    entry = data.latest(*_AGE_KEYS)
    age = None if entry is None else entry.revision.answer.value
    if isinstance(age, int | float) and not isinstance(age, bool):
        return _band(int(age))
    born = (data.identity or {}).get("date_of_birth")
    year = born.get("year") if isinstance(born, dict) else None
    if isinstance(year, int) and not isinstance(year, bool):
        return _band(int(data.case.created_at[:4]) - year)
    for entry in data.entries:
        codes = _option_codes(entry.revision.answer.value)
        if codes and (entry.key, codes[0]) in _UNDER_18:
            return CHILD_AGE_UNKNOWN
    return NOT_RECORDED


def _region(data: CaseData) -> str:
    found = [e for e in data.entries if e.item is not None and e.form is not None
             and item_field(e.form, e.item) == "prs_Citizenship"
             and isinstance(e.revision.answer.value, str)]
    latest = max(found, key=lambda e: e.revision.recorded_at, default=None)
    if latest is not None:
        value = latest.revision.answer.value
        return region_of(value if isinstance(value, str) else None)
    identity = data.identity or {}
    said = identity.get("nationality") or identity.get("citizenship")
    return region_of(said if isinstance(said, str) else None)


def exploitation_codes(shelf: ScriptShelf) -> list[str]:
    """The forms of exploitation in script order, from the first script that asks."""
    for form in shelf.forms:
        for item in form.all_items():
            if item_field(form, item) == "vic_TypeOfExploitation":
                return [o.value for o in item.options]
    return []


def _category_lists(shelf: ScriptShelf) -> dict[str, tuple[str, ...]]:
    return {
        "cases": ("all",),
        "exploitation": (*exploitation_codes(shelf), NOT_RECORDED),
        "sex": SEXES,
        "age_band": (*(b[0] for b in AGE_BANDS), CHILD_AGE_UNKNOWN, NOT_RECORDED),
        "region_of_origin": (*REGIONS, "not matched to a country", NOT_RECORDED),
    }


def count_cases(
    repository: Repository,
    shelf: ScriptShelf,
    *,
    years: Sequence[int] | None = None,
) -> Counts:
    """Counts over every case of the vault registered in ``years`` (default: all years).

    Needs a role that reads every data class: counts from a partial view would be wrong
    without saying so. A case whose person refused or withdrew consent to keeping the record
    is left out and only counted as left out.
    """
    if set(readable(repository.user.role)) != set(DataClass):
        raise AccessDenied
    counts: Counter[tuple[str, str, int]] = Counter()
    excluded: Counter[int] = Counter()
    seen_years: set[int] = set()
    for case in _all_cases(repository):
        year = int(case.created_at[:4])
        if years is not None and year not in years:
            continue
        seen_years.add(year)
        data = load_case(repository, case.id, shelf)
        if not record_kept(data.events):
            excluded[year] += 1
            continue
        counts["cases", "all", year] += 1
        for form in dict.fromkeys(_exploitation(data)):
            counts["exploitation", form, year] += 1
        counts["sex", _sex(data), year] += 1
        counts["age_band", _age_band(data), year] += 1
        counts["region_of_origin", _region(data), year] += 1
    categories = _category_lists(shelf)
    for dimension, category, _year in counts:
        if category not in categories[dimension]:  # e.g. a form of a newer script
            categories[dimension] = (*categories[dimension], category)
    chosen = sorted(seen_years if years is None else set(years))
    return Counts(tuple(chosen), categories, dict(counts), dict(excluded))


def _all_cases(repository: Repository) -> Iterator[Case]:
    offset = 0
    while True:
        page = repository.cases(limit=500, offset=offset)
        if not page:
            return
        yield from page
        offset += len(page)


def publish(counts: Counts, threshold: int = THRESHOLD) -> list[Published]:
    """Every cell of every year, counts under ``threshold`` (zero too) shown as ``"<k"``.

    In a dimension where each case counts once, a year with a single hidden cell would give
    it away (the year's total minus the others), so the next smallest cell is hidden too.
    """
    hidden = SUPPRESSED.format(k=threshold)
    cells: list[Published] = []
    for year in counts.years:
        for dimension in DIMENSIONS:
            row = [(c, counts.counts.get((dimension, c, year), 0))
                   for c in counts.categories[dimension]]
            suppressed = {c for c, n in row if n < threshold}
            if dimension in ADDITIVE and len(suppressed) == 1:
                shown = sorted((n, i) for i, (c, n) in enumerate(row) if c not in suppressed)
                if shown:
                    suppressed.add(row[shown[0][1]][0])
            cells.extend(
                Published(dimension, c, year, hidden if c in suppressed else str(n),
                          0 if c in suppressed else n)
                for c, n in row
            )
        left_out = counts.excluded.get(year, 0)
        cells.append(Published("cases", EXCLUDED, year,
                               hidden if left_out < threshold else str(left_out),
                               0 if left_out < threshold else left_out))
    return cells


def to_csv(cells: Iterable[Published]) -> bytes:
    """``dimension,category,year,cases`` in UTF-8 with CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("dimension", "category", "year", "cases"))
    for cell in cells:
        writer.writerow((cell.dimension, cell.category, cell.year, cell.value))
    return out.getvalue().encode("utf-8")


def definitions(counts: Counts, threshold: int, generated: dt.date) -> list[tuple[str, str]]:
    """What the table counts, as label/explanation pairs for the chart page (R29)."""
    span = (f"{counts.years[0]}-{counts.years[-1]}" if counts.years else "none")
    return [
        ("Unit", "cases (one person each) registered in the vault; not decisions that a person"
                 " is a victim"),
        ("Year", "the year the case was registered"),
        ("Years", span),
        ("Exploitation", "forms the interviewer recorded the account as describing; a case may"
                         " count under several"),
        ("Sex", "from the identity annex (sex or gender), when recorded"),
        ("Age band", "age as said at the latest interview that asked"),
        ("Region of origin", "UN M49 region of the country of citizenship as said"),
        ("Small cells", f"counts under {threshold}, zero included, are shown as <{threshold};"
                        " where one small cell could be worked out from a total, another is"
                        " hidden too"),
        ("Left out", "cases whose person refused or withdrew consent to keeping the record"),
        ("Made", generated.isoformat()),
    ]
